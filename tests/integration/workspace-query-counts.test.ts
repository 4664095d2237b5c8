import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import type { Role } from "#app/services/authorization.ts";
import * as dashboard from "#app/modules/workspace/routes/dashboard.tsx";
import * as casesIndex from "#app/modules/needs/workspace/routes/cases-index.tsx";
import * as caseDetail from "#app/modules/needs/workspace/routes/case-detail.tsx";
import * as reportingIndex from "#app/modules/reporting/routes/reporting-index.tsx";
import * as cycleBoard from "#app/modules/reporting/routes/cycle-board.tsx";
import * as task from "#app/modules/reporting/routes/task.tsx";
import * as planDetail from "#app/modules/plans/planning/routes/plan-detail.tsx";
import * as workspaceProjects from "#app/modules/projects/routes/workspace-projects.tsx";
import { generatePlatform } from "../../bench/data.ts";
import { findBenchStrategy } from "../../bench/generators/strategy-plans.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { countRows } from "../support/row-count.ts";
import { organisationIdBySlug } from "../support/organisation-ids.ts";
import { createTestUser, outcome, workspaceContext } from "../support/workspace-actors.ts";

/**
 * The workspace pages of issue 18 (needs queue, a case, reporting board, a task form, plan editor,
 * project list, dashboard) as a coordinator, a donor and a focal point see them: the number of SQL
 * statements each loader issues must not grow with the data. Two databases hold the whole-platform
 * dataset (bench/data.ts) at two sizes, five times apart; each page is loaded once in each.
 */

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
type Who = "coordinator" | "donor" | "focal point";

interface Ids {
  caseId: number;
  cycleId: number;
  taskId: number;
  planId: number;
  /** The focal point's institution, and its name as the institution field shows it (decision 056). */
  organisationId: number;
  organisationName: string;
}

/** A workspace page: its loader and how to reach it in a database (ids differ between the two). */
interface WorkspacePage {
  loader: Loader;
  path: (ids: Ids) => string;
  params?: (ids: Ids) => Record<string, string>;
}

const DASHBOARD: WorkspacePage = { loader: dashboard.loader as Loader, path: () => "/en/workspace" };
const NEEDS_QUEUE: WorkspacePage = { loader: casesIndex.loader as Loader, path: () => "/en/workspace/needs" };
const PROJECT_LIST: WorkspacePage = {
  loader: workspaceProjects.loader as Loader,
  path: () => "/en/workspace/projects",
};

type IdOf = "caseId" | "cycleId" | "planId" | "taskId";

/** A page of one record: `/en/workspace/<under>/<id>`, the id also its route parameter `param`. */
function recordPage(loader: unknown, under: string, id: IdOf, param: string): WorkspacePage {
  return {
    loader: loader as Loader,
    path: (ids) => `/en/workspace/${under}/${ids[id]}`,
    params: (ids) => ({ [param]: String(ids[id]) }),
  };
}

/** Every page as each person sees it. */
const PAGES_BY_WHO: [Who, string, WorkspacePage][] = [
  ["coordinator", "dashboard", DASHBOARD],
  ["coordinator", "needs queue", NEEDS_QUEUE],
  ["coordinator", "a case", recordPage(caseDetail.loader, "needs", "caseId", "id")],
  [
    "coordinator",
    "needs queue, an institution chosen",
    { ...NEEDS_QUEUE, path: (ids) => `/en/workspace/needs?organisation=${ids.organisationId}` },
  ],
  [
    "coordinator",
    "needs queue, an institution typed",
    { ...NEEDS_QUEUE, path: (ids) => `/en/workspace/needs?institution=${encodeURIComponent(ids.organisationName)}` },
  ],
  ["coordinator", "reporting", { loader: reportingIndex.loader as Loader, path: () => "/en/workspace/reporting" }],
  ["coordinator", "reporting board", recordPage(cycleBoard.loader, "reporting/cycles", "cycleId", "cycleId")],
  ["coordinator", "plan editor", recordPage(planDetail.loader, "plans", "planId", "planId")],
  ["coordinator", "project list", PROJECT_LIST],
  ["donor", "dashboard", DASHBOARD],
  ["donor", "project list", PROJECT_LIST],
  ["focal point", "dashboard", DASHBOARD],
  ["focal point", "needs queue", NEEDS_QUEUE],
  ["focal point", "a task form", recordPage(task.loader, "reporting/tasks", "taskId", "taskId")],
];

/** The pages to measure, named "<who> <page>" (e.g. "donor project list"). */
const PAGES = PAGES_BY_WHO.map(([who, page, reach]) => ({ ...reach, name: `${who} ${page}`, who }));

/**
 * Pages whose statement count grows with the data, each with why (marked `it.fails`, so the day one
 * becomes flat the test says so). None of the pages above today: their cost in time may still grow
 * (bench:load shows it), but not their number of statements.
 */
const GROWS: Record<string, string> = {};

const SMALL = 0.01;
const LARGE = 0.05;

interface Measured {
  counts: Map<string, number>;
  statuses: Map<string, number>;
  rows: { cases: number; projects: number; measures: number };
}

async function measure(scale: number): Promise<Measured> {
  const handle: DatabaseHandle = await createTestDatabase();
  try {
    await seedDemoContent(handle.db);
    await generatePlatform(handle.db, { scale, seed: 3 });
    const db = handle.db;
    const { national: plan } = await findBenchStrategy(db);
    const cycle = await db
      .selectFrom("reporting_cycle")
      .select("id")
      .where("action_plan_id", "=", plan.id)
      .orderBy("period_start", "desc")
      .executeTakeFirstOrThrow();
    const taskRow = await db
      .selectFrom("reporting_task")
      .select(["id", "organisation_id"])
      .where("cycle_id", "=", cycle.id)
      .where("kas_code", "is", null)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const needCase = await db
      .selectFrom("need_case")
      .select("id")
      .where("reference", "like", "BENCH-%")
      .where("status", "=", "referred")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const institution = await db
      .selectFrom("organisation")
      .select(["name", "acronym"])
      .where("id", "=", taskRow.organisation_id)
      .executeTakeFirstOrThrow();
    const ids: Ids = {
      caseId: needCase.id,
      cycleId: cycle.id,
      taskId: taskRow.id,
      planId: plan.id,
      organisationId: taskRow.organisation_id,
      organisationName: `${institution.name.en ?? institution.name.sq ?? ""}${institution.acronym ? ` (${institution.acronym})` : ""}`,
    };
    const donorOrgId = await organisationIdBySlug(db, "embassy-of-switzerland-in-kosovo");
    const grants: Record<Who, { role: Role; organisationId?: number | null }[]> = {
      coordinator: [{ role: "coordinator" }],
      donor: [{ role: "donor", organisationId: donorOrgId }],
      "focal point": [{ role: "focal_point", organisationId: taskRow.organisation_id }],
    };
    const actors = {
      coordinator: await createTestUser(db, grants.coordinator, { twoFactor: true }),
      donor: await createTestUser(db, grants.donor),
      "focal point": await createTestUser(db, grants["focal point"]),
    };
    const counts = new Map<string, number>();
    const statuses = new Map<string, number>();
    for (const page of PAGES) {
      const { result, stats } = await withQueryStats(() =>
        outcome(
          page.loader({
            request: new Request(`http://localhost${page.path(ids)}`),
            params: { lang: "en", ...page.params?.(ids) },
            context: workspaceContext(db, actors[page.who]),
          }),
        ),
      );
      counts.set(page.name, stats.queries);
      statuses.set(page.name, result.status);
    }
    return {
      counts,
      statuses,
      rows: {
        cases: await countRows(db, "need_case"),
        projects: await countRows(db, "project"),
        measures: await countRows(db, "measure"),
      },
    };
  } finally {
    await handle.close();
  }
}

let small: Measured;
let large: Measured;
beforeAll(async () => {
  small = await measure(SMALL);
  large = await measure(LARGE);
}, 600_000);
afterAll(() => undefined);

describe("SQL statements per workspace page", () => {
  it("are measured on data that really grew", () => {
    expect(large.rows.cases).toBeGreaterThanOrEqual(small.rows.cases + 700);
    expect(large.rows.projects).toBeGreaterThanOrEqual(small.rows.projects + 70);
    expect(large.rows.measures).toBeGreaterThan(small.rows.measures);
  });

  for (const page of PAGES) {
    const check = () => {
      expect(small.statuses.get(page.name), `${page.name} answers`).toBe(200);
      expect(large.statuses.get(page.name), `${page.name} answers`).toBe(200);
      expect(small.counts.get(page.name), page.name).toBeGreaterThan(0);
      expect(
        large.counts.get(page.name),
        `${page.name}: ${small.counts.get(page.name)} statements at ×${SMALL}, ${large.counts.get(page.name)} at ×${LARGE}`,
      ).toBe(small.counts.get(page.name));
    };
    if (GROWS[page.name])
      it.fails(`${page.name} does not grow with the data (fails today: ${GROWS[page.name]})`, check);
    else it(`${page.name} does not grow with the data`, check);
  }
});
