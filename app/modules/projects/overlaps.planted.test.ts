import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { readProjectReference, writeProjects, type ProjectSet } from "../../../bench/generators/projects.ts";
import { createRandom } from "../../../bench/random.ts";
import { computeOverlaps } from "./overlaps.server.ts";

let handle: DatabaseHandle;
let set: ProjectSet;

beforeAll(async () => {
  handle = await createTestDatabase();
  const reference = await readProjectReference(handle.db);
  // 800 projects, 8 groups of planted pairs (32 overlaps, 56 near misses); the benchmark runs 5,000.
  set = await handle.db
    .transaction()
    .execute((trx) => writeProjects(trx, createRandom(7), reference, { count: 800, groups: 8 }));
}, 60_000);
afterAll(() => handle.close());

describe("overlap queue on generated projects", () => {
  it("finds every planted overlap and none of the planted near misses", async () => {
    const flagged = await computeOverlaps(handle.db);
    const pairs = await handle.db.selectFrom("project_overlap").select(["project_a_id", "project_b_id"]).execute();
    expect(pairs).toHaveLength(flagged);
    const found = new Set(pairs.map((p) => `${p.project_a_id}-${p.project_b_id}`));
    expect(set.overlaps).toHaveLength(32);
    expect(set.nonOverlaps).toHaveLength(56);
    const missed = set.overlaps.filter((p) => !found.has(`${p.a}-${p.b}`)).map((p) => p.kind);
    const wrong = set.nonOverlaps.filter((p) => found.has(`${p.a}-${p.b}`)).map((p) => p.kind);
    expect(missed).toEqual([]);
    expect(wrong).toEqual([]);
    // The background makes pairs too, so the queue has real work beyond the planted ones.
    expect(flagged).toBeGreaterThan(set.overlaps.length);
  });
});
