import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { generateProjects } from "../../../bench/generators/projects.ts";
import { createRandom } from "../../../bench/random.ts";
import { generateStrategyPlanInTransaction } from "../../../bench/generators/strategy-plans.ts";
import { loadCoordinationView, UNFUNDED_PLANS } from "./coordination.queries.server.ts";
import { loader } from "./routes/projects-3w.tsx";
import { secondInstance } from "../../../tests/support/plan-instances.ts";

/*
 * Decision 057: the 3W view's figures-only parts (map, per-member matrix, timeline) are rendered once
 * per content and kept; what they show must follow every write at once, through any instance.
 */

const handle = setUpTestDatabase();

beforeAll(async () => {
  await generateProjects(handle.db, 7, { count: 120, groups: 1 });
}, 60_000);

async function threeW(db: DatabaseHandle["db"], search = "") {
  return (await loader({
    request: new Request(`http://localhost/en/projects/3w${search}`),
    params: { lang: "en" },
    context: { db },
  } as never)) as Exclude<Awaited<ReturnType<typeof loader>>, Response>;
}

describe("3W parts kept as HTML (decision 057)", () => {
  it("show a write made through another instance at once, and are rendered again only when their content changes", async () => {
    const first = await threeW(handle.db);
    const again = await threeW(handle.db);
    expect(again.parts).toEqual(first.parts);
    const view = await loadCoordinationView(handle.db, { page: 1 });
    const busiest = [...view.byMunicipality].sort((a, b) => b.projects - a.projects)[0]!;
    expect(first.parts.map).toContain(`municipality=${busiest.kasCode}`);
    const before = [...first.parts.map.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);

    // Through a second Kysely object (another instance), plain SQL: the municipality loses its projects.
    const other = secondInstance(handle.db);
    await other.deleteFrom("project_municipality").where("kas_code", "=", busiest.kasCode).execute();
    const after = await threeW(handle.db);
    const labels = [...after.parts.map.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(labels).not.toEqual(before);
    const name = before.find((l) => l !== undefined && l.includes(`: ${busiest.projects} project`))!.split(":")[0]!;
    expect(labels).toContain(`${name}: no projects`);

    // The other language renders its own part; the filter its own links.
    const sq = (await loader({
      request: new Request("http://localhost/sq/projects/3w"),
      params: { lang: "sq" },
      context: { db: handle.db },
    } as never)) as typeof after;
    expect(sq.parts.map).not.toEqual(after.parts.map);
    expect(sq.parts.map).toContain('href="/sq/projects/3w?municipality=');
    const filtered = await threeW(handle.db, "?sector=health");
    expect(filtered.parts.map).toContain("sector=health&amp;municipality=");
  });

  it(`lists the unfunded measures of at most ${UNFUNDED_PLANS} action plans and counts the others`, async () => {
    await generateStrategyPlanInTransaction(
      handle.db,
      createRandom(9),
      { measures: 4, indicatorsPerMeasure: 1, localPlans: UNFUNDED_PLANS + 3, localMeasures: 2 },
      "kept-test",
    );
    const view = await loadCoordinationView(handle.db, { page: 1 });
    const plans = new Set(view.unfundedMeasures.map((m) => m.planCode));
    expect(plans.size).toBe(UNFUNDED_PLANS);
    const withUnfunded = await handle.db
      .selectFrom("measure as m")
      .innerJoin("action_plan as ap", "ap.id", "m.action_plan_id")
      .select("ap.code")
      .distinct()
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("project_measure as pm")
              .innerJoin("project as p", "p.id", "pm.project_id")
              .select("pm.measure_id")
              .whereRef("pm.measure_id", "=", "m.id")
              .where("p.validation_status", "=", "validated"),
          ),
        ),
      )
      .orderBy("ap.code")
      .execute();
    expect(view.unfundedMeasures.every((m) => m.plansUnfunded === withUnfunded.length)).toBe(true);
    expect([...plans]).toEqual(withUnfunded.slice(0, UNFUNDED_PLANS).map((p) => p.code));
    const page = await threeW(handle.db);
    // The list is kept as HTML (decision 064): a heading per listed plan, then the count of the others.
    expect(page.parts.unfunded.match(/<h3>/g)).toHaveLength(UNFUNDED_PLANS);
    const rest = withUnfunded.length - UNFUNDED_PLANS;
    expect(page.parts.unfunded).toContain(
      `<p class="text-sm text-slate-700">… and ${rest} more action plans have measures without funding.</p>`,
    );
  });
});
