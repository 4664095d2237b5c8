import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { municipalityOfficeId } from "../../../tests/support/workspace-actors.ts";
import { describeGrants, loadGrantNames } from "./user-grants.server.ts";

/*
 * The dashboard's "my roles" names only what the person's grants point to (decision 077): the
 * municipalities (two statements: the list and its census) are read only when a grant is held for one.
 */

let handle: DatabaseHandle;
let officeId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  officeId = await municipalityOfficeId(handle.db, "20");
});
afterAll(() => handle.close());

describe("loadGrantNames", () => {
  it("reads only the organisations' names when no grant is held for a municipality", async () => {
    const grants = [{ id: 0, role: "coordinator" as const, organisationId: officeId, kasCode: null }];
    const { result, stats } = await withQueryStats(() => loadGrantNames(handle.db, "en", grants));
    expect(stats.queries).toBe(1);
    expect(describeGrants(grants, result)[0]!.scope).toBeTruthy();
  });

  it("names the municipality a grant is held for", async () => {
    const grants = [{ id: 0, role: "municipal_officer" as const, organisationId: null, kasCode: "20" }];
    for (const [locale, name] of [
      ["sq", "Prizren"],
      ["sr-cyrl", "Призрен"],
    ] as const) {
      const names = await loadGrantNames(handle.db, locale, grants);
      expect(describeGrants(grants, names)[0]!.scope).toBe(name);
    }
  });
});
