import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import type { DatabaseHandle } from "../client.server.ts";
import { dependencyOrder, readCatalog, type Catalog } from "./catalog.server.ts";
import { PERSONAL_DATA, unclassifiedColumns } from "./personal-data.ts";
import { createContactMasker, scrubJson } from "./scrub.server.ts";

let handle: DatabaseHandle;
let catalog: Catalog;
beforeAll(async () => {
  handle = await createTestDatabase();
  catalog = await readCatalog(handle.db);
});
afterAll(() => handle.close());

describe("the personal-data classification", () => {
  it("classifies every table and column the migrations create, and nothing that does not exist", () => {
    const schema = new Map([...catalog.tables.values()].map((t) => [t.name, t.columns.map((c) => c.name)]));
    // A migration that adds a table or column fails here until personal-data.ts says what it holds.
    expect(unclassifiedColumns(schema)).toEqual({ missing: [], stale: [] });
  });

  it("notices a new table and a new column", () => {
    const schema = new Map([...catalog.tables.values()].map((t) => [t.name, t.columns.map((c) => c.name)]));
    schema.set("need_case", [...schema.get("need_case")!, "submitter_passport_no"]);
    schema.set("volunteer", ["id", "name"]);
    expect(unclassifiedColumns(schema).missing).toEqual(["need_case.submitter_passport_no", "volunteer (whole table)"]);
  });

  it("replaces the submitter's and users' contact columns and drops sessions, tokens and the outbox", () => {
    const rule = (table: string) => PERSONAL_DATA[table]!;
    const columns = (table: string) => {
      const r = rule(table);
      return r.rows === "keep" ? r.columns : {};
    };
    expect(columns("need_submitter")).toMatchObject({ name: "person_name", phone: "phone", email: "email" });
    expect(columns("app_user")).toMatchObject({
      email: "email",
      name: "person_name",
      password_hash: "password_hash",
      totp_secret: "secret",
    });
    for (const table of ["user_session", "auth_token", "mail_outbox", "rate_limit"])
      expect(rule(table).rows).toBe("drop");
    // Cases and statistics stay.
    expect(columns("need_case")).toMatchObject({
      category: "keep",
      kas_code: "keep",
      status: "keep",
      community_code: "keep",
    });
  });
});

describe("the copy order", () => {
  it("puts every table after the tables it refers to", () => {
    const position = new Map(catalog.order.map((name, i) => [name, i]));
    expect(catalog.order).toHaveLength(catalog.tables.size);
    for (const key of catalog.foreignKeys) {
      if (key.table === key.referencedTable) continue;
      expect(position.get(key.referencedTable)!, `${key.table} → ${key.referencedTable}`).toBeLessThan(
        position.get(key.table)!,
      );
    }
    expect(catalog.tables.get("need_case")!.selfReferences).toEqual(["merged_into_id"]);
  });

  it("refuses a cycle between tables", () => {
    expect(() =>
      dependencyOrder(
        ["a", "b", "c"],
        [
          { table: "a", referencedTable: "b", columns: ["b_id"] },
          { table: "b", referencedTable: "a", columns: ["a_id"] },
        ],
      ),
    ).toThrow(/cycle.*a, b/);
  });
});

describe("masking contact data in free text", () => {
  const mask = createContactMasker(["Drita Berisha", "d.berisha@example.net", "+383 44 123 456"]);

  it("masks known names and any e-mail address or phone number, leaving dates and references", () => {
    const text =
      "DRITA BERISHA writes: call 049/765-432 or +383 44 123 456, mail fatmir.k@posta.example.org. Case N-2026-000123 of 2026-11-01, 1.500 €.";
    const masked = mask(text);
    expect(masked).not.toMatch(/drita|berisha|765|123 456|fatmir/i);
    expect(masked).toContain("N-2026-000123");
    expect(masked).toContain("2026-11-01");
    expect(masked).toContain("1.500 €");
  });

  it("masks Cyrillic names and internationalised addresses", () => {
    const cyrillic = createContactMasker(["Драган Петровић"]);
    expect(cyrillic("Пише драган петровић, драган@пошта.срб")).toBe("Пише [removed], [e-mail]");
  });
});

describe("scrubbing audit values and job payloads", () => {
  it("replaces whole every value under a personal key, and masks contact data in the others", () => {
    const mask = createContactMasker([]);
    const diff = {
      name: { before: "Besnik Morina", after: "Besnik Morina-Gashi" },
      email: { before: null, after: "besnik@example.org" },
      status: { before: "received", after: "in_review" },
      note: { before: null, after: "Call 044 222 333 tomorrow" },
      mailId: 17,
    };
    expect(scrubJson(diff, mask)).toEqual({
      name: { before: "[removed]", after: "[removed]" },
      email: { before: null, after: "[removed]" },
      status: { before: "received", after: "in_review" },
      note: { before: null, after: "Call [phone] tomorrow" },
      mailId: 17,
    });
  });
});
