import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { DatabaseHandle, Db } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { countTables, generatePlatform } from "./data.ts";
import { clearGenerated } from "./generate.ts";
import { PLATFORM_PER_SCALE } from "./generators/index.ts";

let a: DatabaseHandle;
let b: DatabaseHandle;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedDemoContent(a.db);
  await seedDemoContent(b.db);
}, 120_000);
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

/** The generated rows of a table whose rows have a slug (theirs start with `bench-`): these columns, by slug. */
async function generatedBySlug(db: Db, table: string, columns: string[]) {
  const { rows } = await sql`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
    where slug like 'bench-%' order by slug`.execute(db);
  return rows;
}

/** What people see of the generated data: names, titles, texts, dates, in a stable order. */
async function snapshot(handle: DatabaseHandle) {
  const db = handle.db;
  return {
    organisations: await generatedBySlug(db, "organisation", ["slug", "name", "type_code", "kas_code"]),
    users: await db
      .selectFrom("app_user")
      .innerJoin("role_assignment", "role_assignment.user_id", "app_user.id")
      .select(["email", "name", "role", "role_assignment.kas_code"])
      .where("email", "like", "%@bench.cap.example.org")
      .orderBy("email")
      .execute(),
    documents: await generatedBySlug(db, "library_document", ["slug", "title", "doc_type", "issued_on"]),
    events: await generatedBySlug(db, "event", ["slug", "title", "starts_at"]),
    opportunities: await generatedBySlug(db, "opportunity", ["slug", "title", "deadline"]),
    cases: await db
      .selectFrom("need_case")
      .select(["reference", "status", "category", "kas_code"])
      .where("reference", "like", "BENCH-%")
      .orderBy("reference")
      .execute(),
  };
}

describe("the whole-platform dataset (npm run bench:data)", () => {
  it("fills every module's tables at the platform's sizes, and clears exactly what it wrote", async () => {
    const before = await countTables(a.db);
    const report = await generatePlatform(a.db, { scale: 0.02, seed: 4 });
    const after = await countTables(a.db);
    const rows = Object.fromEntries(report.entities.map((e) => [e.name, e.rows]));
    expect(rows.need_case).toBe(PLATFORM_PER_SCALE.need_case! * 0.02);
    // At least the asked number (a few planted overlap pairs come on top at small sizes).
    expect(rows.project).toBeGreaterThanOrEqual(PLATFORM_PER_SCALE.project! * 0.02);
    // Every table a generator names got rows.
    for (const [table, n] of Object.entries(after)) expect(n, table).toBeGreaterThan(before[table] ?? 0);
    // A strategy with a national plan and 38 local ones, three approved cycles with a report per measure.
    const plans = await a.db
      .selectFrom("action_plan")
      .innerJoin("strategy", "strategy.id", "action_plan.strategy_id")
      .select(["action_plan.kind", "action_plan.id"])
      .where("strategy.slug", "like", "bench-strategy-%")
      .execute();
    expect(plans.filter((p) => p.kind === "national")).toHaveLength(1);
    expect(plans.filter((p) => p.kind === "local")).toHaveLength(38);
    const cycles = await a.db
      .selectFrom("reporting_cycle")
      .select("id")
      .where("action_plan_id", "=", plans.find((p) => p.kind === "national")!.id)
      .execute();
    expect(cycles).toHaveLength(3);
    // Each generated case has at least its "received" status change.
    const withoutHistory = await a.db
      .selectFrom("need_case")
      .select("id")
      .where("reference", "like", "BENCH-%")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("need_status_change").select("id").whereRef("need_status_change.case_id", "=", "need_case.id"),
          ),
        ),
      )
      .execute();
    expect(withoutHistory).toEqual([]);

    await clearGenerated(a.db);
    expect(await countTables(a.db)).toEqual(before);
  }, 300_000);

  it("makes the same data from the same seed", async () => {
    await clearGenerated(a.db);
    await generatePlatform(a.db, { scale: 0.01, seed: 9 });
    await generatePlatform(b.db, { scale: 0.01, seed: 9 });
    const [left, right] = [await snapshot(a), await snapshot(b)];
    expect(left.organisations.length).toBeGreaterThan(0);
    expect(left.documents.length).toBeGreaterThan(0);
    expect(left).toEqual(right);
  }, 300_000);
});
