import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { generateProjects, type ProjectSet } from "../../../bench/generators/projects.ts";
import { computeOverlaps } from "./overlaps.server.ts";

let handle: DatabaseHandle;
let set: ProjectSet;

beforeAll(async () => {
  handle = await createTestDatabase();
  // 800 projects, 8 groups of planted pairs (32 overlaps, 56 near misses); the benchmark runs 5,000.
  set = await generateProjects(handle.db, 7, { count: 800, groups: 8 });
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
