import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { listMunicipalities } from "#app/modules/municipalities/municipalities.queries.server.ts";
import { createTestDatabase } from "../support/test-database.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

it("a test database is migrated with the 38 municipalities", async () => {
  const municipalities = await listMunicipalities(handle.db);
  expect(municipalities).toHaveLength(38);
  expect(municipalities.find((m) => m.nameSq === "Prizren")?.nameSrCyrl).toBe("Призрен");
});
