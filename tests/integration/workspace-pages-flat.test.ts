import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { needsTasks } from "#app/modules/needs/needs.tasks.server.ts";
import { loadPlanTree } from "#app/modules/plans/plan-tree.server.ts";
import { OUTLINE_OBJECTIVES_PER_PAGE } from "#app/modules/plans/planning/plan-outline.server.ts";
import * as planDetail from "#app/modules/plans/planning/routes/plan-detail.tsx";
import { projectsTasks } from "#app/modules/projects/projects.tasks.server.ts";
import * as workspaceProjects from "#app/modules/projects/routes/workspace-projects.tsx";
import { WORKSPACE_PROJECTS_LIMIT } from "#app/modules/projects/workspace-list.server.ts";
import { TASK_MEASURES_PER_PAGE } from "#app/modules/reporting/reporting.queries.server.ts";
import * as taskPage from "#app/modules/reporting/routes/task.tsx";
import { TASK_COUNT_CAP } from "#app/services/module-contract.ts";
import { approveGeneratedPlan } from "../../bench/generators/strategy-reports.ts";
import { generateNationalPlan } from "../support/generated-plan.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { createTestCase } from "../support/needs-factory.ts";
import { expectWriteRolledBack } from "../support/rolled-back-write.ts";
import { activeOrganisations } from "../support/organisation-ids.ts";
import { countRows } from "../support/row-count.ts";
import { createTestUser, outcome, workspaceContext } from "../support/workspace-actors.ts";

/*
 * The workspace pages made flat by decision 047: what they show when the data is larger than one
 * page (the plan editor's objectives, a task's measure reports, the project list), and the
 * dashboard's counts that stop at TASK_COUNT_CAP. Each page is compared with what an independent
 * reading of the same rows gives (the whole plan tree, every report of the task, every project).
 */

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

let handle: DatabaseHandle;
let planId: number;
let coordinator: Awaited<ReturnType<typeof createTestUser>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  // 450 measures: 45 objectives of ten measures over six sectors, five pages of the plan editor.
  planId = await generateNationalPlan(handle.db, { seed: 11, measures: 450, label: "flat-pages" });
  await approveGeneratedPlan(handle.db, planId, 2019);
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
}, 120_000);
afterAll(() => handle.close());

async function load<T>(
  loader: Loader,
  path: string,
  params: Record<string, string>,
  actor = coordinator,
): Promise<{ status: number; data: T; queries: number }> {
  const { result, stats } = await withQueryStats(() =>
    outcome(
      loader({
        request: new Request(`http://localhost${path}`),
        params: { lang: "en", ...params },
        context: workspaceContext(handle.db, actor),
      }),
    ),
  );
  return { status: result.status, data: result.data as T, queries: stats.queries };
}

interface PlanPage {
  sectors: { code: string; objectiveCount: number; elsewhere: number; html: string }[];
  paging: { page: number; pageCount: number; total: number };
}

/** The objectives a sector's outline HTML shows (decision 071: sent as HTML), with their measures' indicator counts. */
function objectivesIn(html: string): {
  id: number;
  code: string;
  measures: { id: number; code: string; indicatorCount: number }[];
}[] {
  return html
    .split('<div class="mt-4">')
    .slice(1)
    .map((part) => {
      const objective = /\/objectives\/(\d+)">([^ <]+) /.exec(part)!;
      return {
        id: Number(objective[1]),
        code: objective[2]!,
        measures: [
          ...part.matchAll(
            /\/measures\/(\d+)">([^ <]+) [^<]*<\/a> <span class="text-slate-700">[^<]*?; (?:no indicators|(\d+) indicators?)/g,
          ),
        ].map((m) => ({ id: Number(m[1]), code: m[2]!, indicatorCount: Number(m[3] ?? 0) })),
      };
    });
}

describe("the plan editor, a page of objectives at a time", () => {
  // Ten objectives a page since decision 071 (twenty before): 45 objectives are five pages.
  it("shows the plan's objectives in the plan's order, 10 a page, each with all its measures", async () => {
    const tree = await loadPlanTree(handle.db, planId);
    const everyObjective = tree!.sectors.flatMap((s) =>
      s.objectives.map((o) => ({
        sector: s.sectorCode,
        id: o.id,
        code: o.code,
        measures: o.measures.map((m) => ({ id: m.id, code: m.code, indicatorCount: m.indicators.length })),
      })),
    );
    expect(everyObjective.length).toBe(45);
    const pages: PlanPage[] = [];
    const queries: number[] = [];
    // Once first, so that every page counted finds the choice lists kept (decision 069).
    await load(planDetail.loader as Loader, `/en/workspace/plans/${planId}`, { planId: String(planId) });
    for (const page of [1, 2, 3, 4, 5]) {
      const answer = await load<PlanPage>(
        planDetail.loader as Loader,
        `/en/workspace/plans/${planId}${page > 1 ? `?page=${page}` : ""}`,
        { planId: String(planId) },
      );
      expect(answer.status).toBe(200);
      pages.push(answer.data);
      queries.push(answer.queries);
    }
    expect(pages.map((p) => p.paging)).toEqual(
      [1, 2, 3, 4, 5].map((page) => ({
        page,
        pageSize: OUTLINE_OBJECTIVES_PER_PAGE,
        total: 45,
        totalLabel: "45",
        pageCount: 5,
      })),
    );
    const shown = pages.flatMap((p) =>
      p.sectors.flatMap((s) =>
        objectivesIn(s.html).map((o) => ({ sector: s.code, id: o.id, code: o.code, measures: o.measures })),
      ),
    );
    expect(shown).toEqual(everyObjective);
    expect(pages.map((p) => p.sectors.reduce((all, s) => all + objectivesIn(s.html).length, 0))).toEqual([
      10, 10, 10, 10, 5,
    ]);
    // Each sector says how many of its objectives are on the other pages.
    for (const page of pages)
      for (const s of page.sectors) {
        const elsewhere = s.objectiveCount - objectivesIn(s.html).length;
        expect(s.elsewhere).toBe(elsewhere);
        if (elsewhere > 0) expect(s.html).toContain(`${elsewhere} more objective`);
        else expect(s.html).not.toContain("more objective");
      }
    expect(pages[0]!.sectors.map((s) => s.objectiveCount)).toEqual(tree!.sectors.map((s) => s.objectives.length));
    // The same statements whatever the page.
    expect(new Set(queries).size).toBe(1);
  });

  it("shows the last page for a page beyond it, and the first for a page that is not a number", async () => {
    const beyond = await load<PlanPage>(planDetail.loader as Loader, `/en/workspace/plans/${planId}?page=99`, {
      planId: String(planId),
    });
    expect(beyond.data.paging.page).toBe(5);
    const nonsense = await load<PlanPage>(planDetail.loader as Loader, `/en/workspace/plans/${planId}?page=abc`, {
      planId: String(planId),
    });
    expect(nonsense.data.paging.page).toBe(1);
  });

  it("still answers 404 to those who may not see the plan, as for no plan", async () => {
    const donor = await createTestUser(handle.db, [{ role: "donor", organisationId: 1 }]);
    expect(
      (await load(planDetail.loader as Loader, `/en/workspace/plans/${planId}`, { planId: String(planId) }, donor))
        .status,
    ).toBe(404);
    expect((await load(planDetail.loader as Loader, `/en/workspace/plans/999999`, { planId: "999999" })).status).toBe(
      404,
    );
  });
});

describe("a task form, a page of measure reports at a time", () => {
  it("lists every report of the task once, in the plan's order, 25 a page", async () => {
    const largest = await handle.db
      .selectFrom("measure_report")
      .select(["task_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("task_id")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("task_id")
      .executeTakeFirstOrThrow();
    const reports = Number(largest.n);
    expect(reports).toBeGreaterThan(TASK_MEASURES_PER_PAGE);
    const expected = (
      await handle.db
        .selectFrom("measure_report as r")
        .innerJoin("measure as m", "m.id", "r.measure_id")
        .select("r.id")
        .where("r.task_id", "=", largest.task_id)
        .orderBy("m.action_plan_id")
        .orderBy("m.sort_order")
        .orderBy("m.code")
        .orderBy("r.id")
        .execute()
    ).map((r) => r.id);
    const pageCount = Math.ceil(reports / TASK_MEASURES_PER_PAGE);
    const shown: number[] = [];
    const queries = new Set<number>();
    for (let page = 1; page <= pageCount; page++) {
      const answer = await load<{ page: number; pageCount: number; measures: { reportId: number }[] }>(
        taskPage.loader as Loader,
        `/en/workspace/reporting/tasks/${largest.task_id}?page=${page}`,
        { taskId: String(largest.task_id) },
      );
      expect(answer.status).toBe(200);
      expect(answer.data).toMatchObject({ page, pageCount });
      expect(answer.data.measures.length).toBe(
        page < pageCount ? TASK_MEASURES_PER_PAGE : reports - (pageCount - 1) * TASK_MEASURES_PER_PAGE,
      );
      shown.push(...answer.data.measures.map((m) => m.reportId));
      queries.add(answer.queries);
    }
    expect(shown).toEqual(expected);
    expect(queries.size).toBe(1);
  });
});

describe("the workspace project list", () => {
  it("shows the Office the 50 most recently changed projects a page, every project once over the pages, and an organisation only its own, with their owners named", async () => {
    const orgs = await activeOrganisations(handle.db, 2);
    const [mine, other] = [orgs[0]!, orgs[1]!];
    // Every fifth project changed at the same moment as the one before it: the order of ties is part of the list.
    await sql`insert into project (title, original_locale, owner_organisation_id, validation_status, activity_status, planned_start, planned_end, currency, updated_at)
      select jsonb_build_object('en', 'Flat list ' || g), 'en', case when g % 3 = 0 then ${mine.id}::int else ${other.id}::int end,
        case when g % 7 = 0 then 'submitted' else 'draft' end, 'implementation', date '2025-01-01', date '2026-12-31', 'EUR',
        timestamptz '2030-01-01' + (g - (case when g % 5 = 0 then 1 else 0 end)) * interval '1 minute'
      from generate_series(1, 230) g`.execute(handle.db);
    const every = await handle.db
      .selectFrom("project")
      .select(["id", "owner_organisation_id", "updated_at", "validation_status"])
      .execute();
    const byRecency = (a: (typeof every)[number], b: (typeof every)[number]) =>
      b.updated_at.getTime() - a.updated_at.getTime() ||
      Number(a.validation_status !== "submitted") - Number(b.validation_status !== "submitted") ||
      a.id - b.id;
    type ListPage = { projects: { id: number; owner: string }[]; next: string | null; later: boolean };
    /** Every page of the list, following the "next" links from the first page; each page's statements. */
    const walk = async (actor?: Awaited<ReturnType<typeof createTestUser>>) => {
      const pages: { data: ListPage; queries: number }[] = [];
      let path: string | null = "/en/workspace/projects";
      while (path !== null) {
        const answer: { status: number; data: ListPage; queries: number } = await load<ListPage>(
          workspaceProjects.loader as Loader,
          path,
          {},
          actor,
        );
        expect(answer.status).toBe(200);
        expect(answer.data.later).toBe(pages.length > 0);
        pages.push(answer);
        path = answer.data.next ? `/en/workspace/projects?after=${answer.data.next}` : null;
      }
      return pages;
    };
    const officePages = await walk();
    const officeOrder = [...every].sort(byRecency).map((p) => p.id);
    // The first page is the 50 most recently changed; the pages together are every project once, in order (ties included).
    expect(officePages[0]!.data.projects.map((p) => p.id)).toEqual(officeOrder.slice(0, WORKSPACE_PROJECTS_LIMIT));
    expect(officePages.flatMap((page) => page.data.projects.map((p) => p.id))).toEqual(officeOrder);
    expect(officePages.length).toBe(Math.ceil(officeOrder.length / WORKSPACE_PROJECTS_LIMIT));
    for (const page of officePages.slice(0, -1)) expect(page.data.projects).toHaveLength(WORKSPACE_PROJECTS_LIMIT);
    // A later page costs what the first costs.
    expect(new Set(officePages.map((page) => page.queries)).size).toBe(1);
    const ownerOf = new Map(every.map((e) => [e.id, e.owner_organisation_id]));
    const officeRows = officePages.flatMap((page) => page.data.projects);
    expect(new Set(officeRows.filter((p) => ownerOf.get(p.id) === mine.id).map((p) => p.owner))).toEqual(
      new Set([(mine.name as { en?: string }).en]),
    );
    const donor = await createTestUser(handle.db, [{ role: "donor", organisationId: mine.id }]);
    const ownPages = await walk(donor);
    const ownOrder = every
      .filter((p) => p.owner_organisation_id === mine.id)
      .sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime() || a.id - b.id)
      .map((p) => p.id);
    expect(ownPages[0]!.data.projects.map((p) => p.id)).toEqual(ownOrder.slice(0, WORKSPACE_PROJECTS_LIMIT));
    expect(ownPages.flatMap((page) => page.data.projects.map((p) => p.id))).toEqual(ownOrder);
    expect(new Set(ownPages.flatMap((page) => page.data.projects.map((p) => p.owner)))).toEqual(
      new Set([(mine.name as { en?: string }).en]),
    );
  });

  it("answers 400 to a cursor it did not write", async () => {
    for (const after of [
      "x",
      "not-a-cursor!",
      Buffer.from("2030-01-01 00:00:00+00|2|5").toString("base64url"),
      Buffer.from("yesterday|1|5").toString("base64url"),
    ]) {
      const answer = await load(workspaceProjects.loader as Loader, `/en/workspace/projects?after=${after}`, {});
      expect(answer.status, after).toBe(400);
    }
  });
});

describe("dashboard counts that stop at 1,000", () => {
  it("counts escalated open cases exactly up to the cap and says 'more than 1,000' beyond", async () => {
    const office = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
    const escalated = async () => (await needsTasks(handle.db, office)).find((t) => t.key === "needs.escalated");
    const before = await escalated();
    const already = before ? Number(before.params?.count) : 0;
    const first = await createTestCase(handle.db, { status: "in_review" });
    const closed = await createTestCase(handle.db, { status: "closed", closedAt: new Date() });
    await handle.db
      .updateTable("need_case")
      .set({ escalated_at: new Date() })
      .where("id", "in", [first.id, closed.id])
      .execute();
    expect(await escalated()).toMatchObject({
      titleKey: "needs:workspace.tasks.escalated",
      params: { count: already + 1 },
    });
    await sql`insert into need_case (reference, tracking_hash, category, kas_code, description, submitted_locale, status, due_at, escalated_at)
      select 'FLAT-' || g, md5('flat' || g), 'education', '20', 'Escalated ' || g, 'en', 'in_review', now() + interval '3 days', now()
      from generate_series(1, ${TASK_COUNT_CAP + 1 - already - 1}) g`.execute(handle.db);
    expect(await escalated()).toMatchObject({
      titleKey: "needs:workspace.tasks.escalatedMore",
      params: { count: TASK_COUNT_CAP },
    });
    await handle.db
      .updateTable("need_case")
      .set({ status: "resolved", closed_at: new Date() })
      .where("id", "=", first.id)
      .execute();
    expect(await escalated()).toMatchObject({
      titleKey: "needs:workspace.tasks.escalated",
      params: { count: TASK_COUNT_CAP },
    });
  });

  it("takes the cases waiting for triage from the status counter, equal to a count after mixed writes and a rollback", async () => {
    const office = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
    const received = async () =>
      Number((await needsTasks(handle.db, office)).find((t) => t.key === "needs.received")?.params?.count ?? 0);
    const counted = () => countRows(handle.db, "need_case", { status: "received" });
    const a = await createTestCase(handle.db);
    await createTestCase(handle.db);
    await handle.db.updateTable("need_case").set({ status: "in_review" }).where("id", "=", a.id).execute();
    await expectWriteRolledBack(handle.db, (trx) => createTestCase(trx));
    expect(await received()).toBe(await counted());
    expect(await received()).toBeGreaterThan(0);
  });

  it("counts projects waiting for validation up to the cap", async () => {
    const office = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
    const toValidate = async () =>
      (await projectsTasks(handle.db, office)).find((t) => t.key === "projects.toValidate");
    const waiting = await countRows(handle.db, "project", { validation_status: "submitted" });
    expect(await toValidate()).toMatchObject({ titleKey: "projects:tasks.toValidate", params: { count: waiting } });
    const owner = (await handle.db.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    await sql`insert into project (title, original_locale, owner_organisation_id, validation_status, activity_status, planned_start, planned_end, currency)
      select jsonb_build_object('en', 'Waiting ' || g), 'en', ${owner}::int, 'submitted', 'implementation', date '2025-01-01', date '2026-12-31', 'EUR' from generate_series(1, ${TASK_COUNT_CAP + 1 - waiting}) g`.execute(
      handle.db,
    );
    expect(await toValidate()).toMatchObject({
      titleKey: "projects:tasks.toValidateMore",
      params: { count: TASK_COUNT_CAP },
    });
  });
});
