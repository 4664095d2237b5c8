import { sql } from "kysely";
import type { TranslatedText } from "#app/db/schema.ts";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { generateProjects } from "../../../bench/generators/projects.ts";
import { createRandom } from "../../../bench/random.ts";
import { generateStrategyPlanInTransaction } from "../../../bench/generators/strategy-plans.ts";
import { countValidatedProjects, loadCoordinationView, UNFUNDED_PER_PLAN } from "./coordination.queries.server.ts";
import { loadPublicProjects } from "./public-projects.queries.server.ts";
import { secondInstance } from "../../../tests/support/plan-instances.ts";

const handle = setUpTestDatabase();

beforeAll(async () => {
  await generateProjects(handle.db, 3, { count: 300, groups: 1 });
}, 60_000);

/** The rows of the 3W figures cache kept under `filterKey`. */
function cachedFigures(filterKey: string) {
  return handle.db
    .selectFrom("project_figures_cache")
    .select(["filter_key", "generation", "computed_at"])
    .where("filter_key", "=", filterKey)
    .execute();
}

/** The validated projects, counted in plain SQL (of one sector, when given). */
async function plainValidatedCount(sector?: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from project p where p.validation_status = 'validated'
    and (${sector ?? null}::text is null
      or exists (select 1 from project_sector s where s.project_id = p.id and s.sector_code = ${sector ?? null}))`.execute(
    handle.db,
  );
  return Number(rows[0]!.n);
}

/** A validated project of `sector` (with a budget in euros, when asked). */
function validatedProjectOf(sector: string, options: { euroBudget?: boolean } = {}) {
  let query = handle.db
    .selectFrom("project as p")
    .innerJoin("project_sector as s", "s.project_id", "p.id")
    .select("p.id")
    .where("s.sector_code", "=", sector)
    .where("p.validation_status", "=", "validated");
  if (options.euroBudget) query = query.where("p.currency", "=", "EUR").where("p.budget", "is not", null);
  return query.executeTakeFirstOrThrow();
}

/** Removes a sector from a project through `db` (a write to a list table alone, no version bump). */
async function removeSector(db: DatabaseHandle["db"], projectId: number, sector: string): Promise<void> {
  await db.deleteFrom("project_sector").where("project_id", "=", projectId).where("sector_code", "=", sector).execute();
}

/** The measures of a national plan in their order (the first `limit`, when given). */
function measuresOfPlan(planId: number, limit?: number) {
  const query = handle.db
    .selectFrom("measure")
    .select("id")
    .where("action_plan_id", "=", planId)
    .orderBy("sort_order")
    .orderBy("code");
  return (limit === undefined ? query : query.limit(limit)).execute();
}

describe("3W figures", () => {
  it("match a plain count of the validated projects: per year, per municipality, money in euro", async () => {
    const ids = (
      await handle.db.selectFrom("project").select("id").where("validation_status", "=", "validated").execute()
    ).map((r) => r.id);
    const projects = await loadPublicProjects(handle.db, ids);
    const view = await loadCoordinationView(handle.db, { page: 1 });
    expect(view.total).toBe(projects.length);

    const perYear = new Map<number, number>();
    for (const p of projects) {
      const from = Number((p.actualStart ?? p.plannedStart).slice(0, 4));
      const to = Number((p.actualEnd ?? p.plannedEnd).slice(0, 4));
      for (let y = from; y <= to; y++) perYear.set(y, (perYear.get(y) ?? 0) + 1);
    }
    expect(view.timeline.map((t) => [t.year, t.projects])).toEqual([...perYear].sort((a, b) => a[0] - b[0]));

    const perMunicipality = new Map<string, { projects: number; amount: number }>();
    for (const p of projects) {
      for (const m of p.municipalities) {
        const entry = perMunicipality.get(m.kasCode) ?? { projects: 0, amount: 0 };
        entry.projects += 1;
        if (p.currency === "EUR" && p.budget !== null) entry.amount += p.budget / p.municipalities.length;
        perMunicipality.set(m.kasCode, entry);
      }
    }
    expect(view.byMunicipality.map((m) => [m.kasCode, m.projects, Math.round(m.amount ?? 0)])).toEqual(
      [...perMunicipality]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([k, v]) => [k, v.projects, Math.round(v.amount)]),
    );

    const commitments = new Map<number, number>();
    for (const p of projects)
      if (p.currency === "EUR")
        for (const f of p.finance)
          if (f.kind === "commitment") commitments.set(f.year, (commitments.get(f.year) ?? 0) + f.amount);
    for (const t of view.timeline)
      expect(Math.round(t.commitments ?? 0), String(t.year)).toBe(Math.round(commitments.get(t.year) ?? 0));
  });
});

describe("3W figures kept between requests", () => {
  it("are computed once per filter and again after any project changes", async () => {
    const first = await loadCoordinationView(handle.db, { page: 1, sector: "education" });
    expect(await cachedFigures('{"sector":"education"}')).toHaveLength(1);
    const { result: again, stats } = await withQueryStats(() =>
      loadCoordinationView(handle.db, { page: 2, sector: "education" }),
    );
    expect(stats.queries).toBe(1);
    expect(again.byMunicipality).toEqual(first.byMunicipality);
    expect(again.timeline).toEqual(first.timeline);
    const kept = await cachedFigures('{"sector":"education"}');
    await loadCoordinationView(handle.db, { page: 1, sector: "education" });
    expect(await cachedFigures('{"sector":"education"}')).toEqual(kept);
    // A project changes: the figures follow.
    const project = await validatedProjectOf("education", { euroBudget: true });
    await handle.db
      .updateTable("project")
      .set((eb) => ({ budget: eb("budget", "+", "1000000"), version: eb("version", "+", 1) }))
      .where("id", "=", project.id)
      .execute();
    const after = await loadCoordinationView(handle.db, { page: 1, sector: "education" });
    expect(after.budgetEur).toBe((first.budgetEur ?? 0) + 1_000_000);
    expect(after.byMunicipality.reduce((sum, m) => sum + (m.amount ?? 0), 0)).toBeCloseTo(
      first.byMunicipality.reduce((sum, m) => sum + (m.amount ?? 0), 0) + 1_000_000,
      0,
    );
    // A write to a list table alone (no version bump) moves the generation too: a project's sector is removed.
    await removeSector(handle.db, project.id, "education");
    const without = await loadCoordinationView(handle.db, { page: 1, sector: "education" });
    expect(without.total).toBe(after.total - 1);
    // Names are joined at request time: renaming a donor shows without recomputing the figures.
    const donor = without.donors[0]!;
    const generation = await handle.db
      .selectFrom("project_figures_generation")
      .select("generation")
      .executeTakeFirstOrThrow();
    await handle.db
      .updateTable("organisation")
      .set({ name: sql<TranslatedText>`${JSON.stringify({ en: "Renamed donor" })}::jsonb` })
      .where("id", "=", donor.id)
      .execute();
    const renamed = await loadCoordinationView(handle.db, { page: 1, sector: "education" });
    expect(renamed.donors.find((d) => d.id === donor.id)?.name).toEqual({ en: "Renamed donor" });
    expect(
      await handle.db.selectFrom("project_figures_generation").select("generation").executeTakeFirstOrThrow(),
    ).toEqual(generation);
  });
});

describe("counts and lists that do not grow with the data (decision 044)", () => {
  it("counts validated projects once per generation, from the 3W figures when they are cached, and follows writes", async () => {
    const plain = plainValidatedCount;
    expect(await countValidatedProjects(handle.db, { sector: "health" })).toBe(await plain("health"));
    expect(await cachedFigures('count:{"sector":"health"}')).toHaveLength(1);
    // A second count reads the kept row: no count, no write.
    const { result, stats } = await withQueryStats(() => countValidatedProjects(handle.db, { sector: "health" }));
    expect(result).toBe(await plain("health"));
    expect(stats.queries).toBe(1);
    // A write to a project table (here one project no longer validated) changes the generation: the count follows.
    const one = await validatedProjectOf("health");
    await handle.db.updateTable("project").set({ validation_status: "submitted" }).where("id", "=", one.id).execute();
    expect(await countValidatedProjects(handle.db, { sector: "health" })).toBe(await plain("health"));
    // With the 3W figures of the filter cached, their total is used (and agrees).
    const view = await loadCoordinationView(handle.db, { page: 1 });
    expect(await countValidatedProjects(handle.db, {})).toBe(view.total);
    expect(view.total).toBe(await plain());
  });

  it("lists at most UNFUNDED_PER_PLAN unfunded measures per plan with the plan's count, and only when asked", async () => {
    const plan = await generateStrategyPlanInTransaction(
      handle.db,
      createRandom(5),
      { measures: 25, indicatorsPerMeasure: 1, localPlans: 0, localMeasures: 0 },
      "coordination-test",
    );
    const funded = await measuresOfPlan(plan.nationalPlanId, 3);
    const project = await handle.db
      .selectFrom("project")
      .select("id")
      .where("validation_status", "=", "validated")
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto("project_measure")
      .values(funded.map((m) => ({ project_id: project.id, measure_id: m.id })))
      .execute();
    const view = await loadCoordinationView(handle.db, { page: 1 });
    const listed = view.unfundedMeasures.filter((m) => m.planCode === plan.nationalPlanCode);
    expect(listed).toHaveLength(UNFUNDED_PER_PLAN);
    expect(listed.every((m) => m.planUnfunded === 22)).toBe(true);
    expect(listed.map((m) => m.id)).not.toContain(funded[0]!.id);
    const all = await measuresOfPlan(plan.nationalPlanId);
    expect(listed.map((m) => m.id)).toEqual(all.slice(3, 3 + UNFUNDED_PER_PLAN).map((m) => m.id));
    expect((await loadCoordinationView(handle.db, { page: 1 }, { unfundedMeasures: false })).unfundedMeasures).toEqual(
      [],
    );
  });
});

describe("3W figures read apart from their computation (decision 055)", () => {
  it("cost one statement while kept; after a write through another instance, three with the new figures, then one", async () => {
    const other = secondInstance(handle.db);
    const filter = { page: 1, sector: "health" };
    const plain = () => plainValidatedCount("health");
    await loadCoordinationView(handle.db, filter);
    const kept = await withQueryStats(() => loadCoordinationView(handle.db, filter));
    expect(kept.stats.queries).toBe(1);
    expect(kept.result.total).toBe(await plain());
    const project = await validatedProjectOf("health");
    await removeSector(other, project.id, "health");
    const after = await withQueryStats(() => loadCoordinationView(handle.db, filter));
    expect(after.stats.queries).toBe(3);
    expect(after.result.total).toBe(kept.result.total - 1);
    expect(after.result.total).toBe(await plain());
    expect(after.result.rows.map((r) => r.id)).not.toContain(project.id);
    const again = await withQueryStats(() => loadCoordinationView(other, filter));
    expect(again.stats.queries).toBe(1);
    expect(again.result).toEqual(after.result);
  });
});
