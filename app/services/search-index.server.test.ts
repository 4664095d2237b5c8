import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import {
  normaliseForSearch,
  removeSearchEntry,
  upsertSearchEntries,
  upsertSearchEntry,
} from "./search-index.server.ts";
import { countRows } from "../../tests/support/row-count.ts";

describe("normaliseForSearch", () => {
  it("maps Serbian Cyrillic to Latin and drops diacritics", () => {
    expect(normaliseForSearch("Ђаковица – Šaljić")).toBe("djakovica – saljic");
    expect(normaliseForSearch("Gjakovë  Çarshia")).toBe("gjakove carshia");
    expect(normaliseForSearch("Љубљана ЊЕГОШ")).toBe("ljubljana njegos");
  });
  it("gives Latin and Cyrillic spellings the same form", () => {
    expect(normaliseForSearch("образовање")).toBe(normaliseForSearch("obrazovanje"));
  });
});

describe("search index rows", () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("upserts, replaces and removes one row per item", async () => {
    const db = database.db;
    await upsertSearchEntry(db, {
      kind: "test",
      refId: 1,
      title: { sr: "Образовање" },
      body: "Školovanje",
      path: "x/1",
    });
    let row = await db.selectFrom("search_entry").selectAll().where("kind", "=", "test").executeTakeFirstOrThrow();
    expect(row.search_text).toContain("obrazovanje");
    expect(row.search_text).toContain("skolovanje");
    await upsertSearchEntry(db, { kind: "test", refId: 1, title: { en: "Education" }, path: "x/1" });
    const rows = await db.selectFrom("search_entry").selectAll().where("kind", "=", "test").execute();
    expect(rows).toHaveLength(1);
    row = rows[0]!;
    expect(row.search_text).toBe("education");
    await removeSearchEntry(db, "test", 1);
    expect(await db.selectFrom("search_entry").select("ref_id").where("kind", "=", "test").execute()).toEqual([]);
  });

  it("writes many entries in batches and replaces existing ones", async () => {
    const db = database.db;
    const entries = Array.from({ length: 1203 }, (_, i) => ({
      kind: "batch",
      refId: i,
      title: { en: `Item ${i}` },
      path: `b/${i}`,
    }));
    await upsertSearchEntries(db, entries);
    await upsertSearchEntries(db, [{ kind: "batch", refId: 7, title: { sq: "Arsimi" }, path: "b/7", isPublic: false }]);
    expect(await countRows(db, "search_entry", { kind: "batch" })).toBe(1203);
    const seven = await db
      .selectFrom("search_entry")
      .selectAll()
      .where("kind", "=", "batch")
      .where("ref_id", "=", "7")
      .executeTakeFirstOrThrow();
    // The word and its stem (decision 038).
    expect(seven.search_text).toBe("arsimi arsim");
    expect(seven.is_public).toBe(false);
  });
});
