import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { computeOverlaps, findOverlapsOf, listOverlapQueue } from "./overlaps.server.ts";
import {
  addIndicator,
  addResult,
  changePeriodStatus,
  commentOnProject,
  createProject,
  decideOverlap,
  recordPeriodValues,
  submitProject,
  updateProject,
  validateProject,
} from "./projects.commands.server.ts";
import { loadProjectInput, loadResultsFrameworks } from "./projects.queries.server.ts";
import type { ProjectInput } from "./projects.schema.ts";
import { audit, projectActors, projectAuditTrail, projectInputOf, rowCounts } from "./testing/fixtures.ts";

let handle: DatabaseHandle;
let donorOrg: number;
let otherOrg: number;
let donor: Extract<Actor, { kind: "user" }>;
let other: Extract<Actor, { kind: "user" }>;
let coordinator: Extract<Actor, { kind: "user" }>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db, { story: false });
  ({ donorOrg, otherOrg, donor, other, coordinator } = await projectActors(handle.db));
});
afterAll(() => handle.close());

function input(overrides: Partial<ProjectInput> = {}): ProjectInput {
  return projectInputOf(donorOrg, {
    title: {
      en: "<script>alert(1)</script> Roma school mediators in Prizren",
      sr: "Romski školski medijatori u Prizrenu",
    },
    description: { en: "School mediators for Roma children in Prizren." },
    plannedEnd: "2027-12-31",
    budget: 120000,
    communities: ["roma"],
    municipalities: [{ kasCode: "20", budgetShare: 100 }],
    organisations: [
      { organisationId: donorOrg, role: "funding" },
      { organisationId: otherOrg, role: "implementing" },
    ],
    finance: [
      { year: 2025, kind: "commitment", amount: 120000 },
      { year: 2025, kind: "disbursement", amount: 40000 },
    ],
    contacts: [{ name: "Ана Тест", organisationName: null, email: "ana@example.org", phone: null }],
    ...overrides,
  });
}

describe("demo projects", () => {
  it("are seeded from seeds 002 and 003 with their figures as approved values", async () => {
    const rows = await handle.db
      .selectFrom("project")
      .select(["id", "title", "validation_status"])
      .where("is_demo", "=", true)
      .execute();
    expect(rows.map((r) => r.title.en).sort()).toEqual([
      "Kosovo Integration Initiative 2020 – KOSINT 2020",
      "Migration and Diaspora",
    ]);
    const md = rows.find((r) => r.title.en === "Migration and Diaspora")!;
    const framework = (await loadResultsFrameworks(handle.db, [md.id], { approvedOnly: true })).get(md.id)!;
    expect(framework.filter((r) => r.kind === "outcome")).toHaveLength(3);
    const actuals = framework.flatMap((r) => r.indicators.flatMap((i) => i.periods.map((p) => p.actual)));
    expect(actuals).toContain(303);
    expect(actuals).toContain(480);
    expect(
      await handle.db.selectFrom("search_entry").select("path").where("kind", "=", "project").execute(),
    ).toHaveLength(2);
  });
});

describe("project registry", () => {
  it("lets a donor register, submit and a coordinator validate their project, and refuses another organisation", async () => {
    const created = await createProject(handle.db, audit(donor), input());
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const stored = await loadProjectInput(handle.db, created.id);
    expect(stored?.municipalities).toEqual([{ kasCode: "20", budgetShare: 100 }]);
    expect(stored?.finance).toHaveLength(2);

    expect(await createProject(handle.db, audit(other), input())).toMatchObject({ ok: false, status: 403 });
    // Another organisation's draft is not theirs to see: the refusal is a 404, as for an id no project has.
    expect(
      await updateProject(handle.db, audit(other), created.id, input({ ownerOrganisationId: donorOrg }), 1),
    ).toMatchObject({ ok: false, status: 404 });
    expect(
      await updateProject(handle.db, audit(other), 987_654, input({ ownerOrganisationId: donorOrg }), 1),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await updateProject(handle.db, audit(donor), created.id, input({ budget: 130000 }), 99)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await updateProject(handle.db, audit(donor), created.id, input({ budget: 130000 }), 1)).toMatchObject({
      ok: true,
      version: 2,
    });

    expect(await validateProject(handle.db, audit(coordinator), created.id, "validate", null)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await submitProject(handle.db, audit(donor), created.id)).toEqual({ ok: true });
    expect(await validateProject(handle.db, audit(donor), created.id, "validate", null)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await validateProject(handle.db, audit(coordinator), created.id, "validate", null)).toEqual({ ok: true });
    // Validated, the project is public: another organisation may see it, so it is told it may not change it.
    expect(
      await updateProject(handle.db, audit(other), created.id, input({ ownerOrganisationId: donorOrg }), 3),
    ).toMatchObject({ ok: false, status: 403 });
    expect(await validateProject(handle.db, audit(other), created.id, "return", "no")).toMatchObject({
      ok: false,
      status: 409,
    });
    const entry = await handle.db
      .selectFrom("search_entry")
      .select("path")
      .where("kind", "=", "project")
      .where("ref_id", "=", String(created.id))
      .executeTakeFirst();
    expect(entry?.path).toBe(`projects/${created.id}`);
    const audits = await projectAuditTrail(handle.db, created.id);
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["project.create", "project.update", "project.submit", "project.validate"]),
    );
  });

  it("refuses unknown codes and writes nothing", async () => {
    const before = await rowCounts(handle.db);
    const result = await createProject(handle.db, audit(donor), input({ sectors: ["no_such_sector"] }));
    expect(result).toMatchObject({ ok: false, status: 400, errors: { sectors: "projects:errors.codeUnknown" } });
    expect(await rowCounts(handle.db)).toEqual(before);
  });

  it("links measures that exist", async () => {
    // A strategy of its own, so that the demo strategy's plans (which may exist) never clash.
    const owner = await handle.db.selectFrom("organisation").select("id").executeTakeFirstOrThrow();
    const { id: strategyId } = await handle.db
      .insertInto("strategy")
      .values({
        slug: "test-strategy-projects",
        title: { en: "Test" },
        period_start_year: 2024,
        period_end_year: 2028,
        owner_organisation_id: owner.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const orgId = (await handle.db.selectFrom("organisation").select("id").executeTakeFirstOrThrow()).id;
    const { id: apId } = await handle.db
      .insertInto("action_plan")
      .values({
        strategy_id: strategyId,
        kind: "local",
        kas_code: "20",
        code: "TEST-AP",
        title: { en: "Plan" },
        period_start_year: 2024,
        period_end_year: 2028,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id: psId } = await handle.db
      .insertInto("plan_sector")
      .values({ action_plan_id: apId, sector_code: "education" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id: objId } = await handle.db
      .insertInto("objective")
      .values({ action_plan_id: apId, plan_sector_id: psId, code: "1", title: { en: "Objective" } })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id: measureId } = await handle.db
      .insertInto("measure")
      .values({
        action_plan_id: apId,
        objective_id: objId,
        code: "1.1",
        title: { en: "Measure" },
        responsible_organisation_id: orgId,
        start_date: "2024-01-01",
        end_date: "2028-12-31",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await createProject(
      handle.db,
      audit(donor),
      input({ measureIds: [measureId], title: { en: "Linked to a measure" } }),
    );
    expect(created.ok).toBe(true);
    if (created.ok) expect((await loadProjectInput(handle.db, created.id))?.measureIds).toEqual([measureId]);
    expect(await createProject(handle.db, audit(donor), input({ measureIds: [measureId + 1000] }))).toMatchObject({
      ok: false,
      errors: { measures: "projects:errors.codeUnknown" },
    });
  });
});

describe("results framework", () => {
  it("takes values draft → submitted → approved, by the project's organisation only; the Office comments", async () => {
    const created = await createProject(handle.db, audit(donor), input({ title: { en: "Results test" } }));
    if (!created.ok) throw new Error("not created");
    const outcome = await addResult(handle.db, audit(donor), created.id, {
      kind: "outcome",
      parentId: null,
      title: { en: "Children stay in school" },
    });
    if (!outcome.ok) throw new Error("no outcome");
    expect(
      await addResult(handle.db, audit(donor), created.id, { kind: "output", parentId: null, title: { en: "x" } }),
    ).toMatchObject({ ok: false, status: 400 });
    const output = await addResult(handle.db, audit(donor), created.id, {
      kind: "output",
      parentId: outcome.id,
      title: { en: "Mediators hired" },
    });
    if (!output.ok) throw new Error("no output");
    const indicator = await addIndicator(handle.db, audit(donor), created.id, {
      resultId: output.id,
      name: { en: "Mediators" },
      unit: "count",
      baselineValue: 0,
      baselineYear: 2024,
      disaggregations: ["gender"],
    });
    if (!indicator.ok) throw new Error("no indicator");
    expect(
      await addIndicator(handle.db, audit(other), created.id, {
        resultId: output.id,
        name: { en: "x" },
        unit: "count",
        baselineValue: null,
        baselineYear: null,
        disaggregations: [],
      }),
    ).toMatchObject({ status: 404 });
    const period = {
      indicatorId: indicator.id,
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
      target: 10,
      actual: 8,
      narrative: { en: "On track" },
      disaggregation: [{ dimension: "gender" as const, category: "female", value: 5 }],
    };
    expect(
      await recordPeriodValues(handle.db, audit(donor), created.id, { ...period, actual: 8.5 }, null),
    ).toMatchObject({ ok: false, errors: { actual: "projects:errors.countInvalid" } });
    const recorded = await recordPeriodValues(handle.db, audit(donor), created.id, period, null);
    if (!recorded.ok) throw new Error("no period");
    expect(await changePeriodStatus(handle.db, audit(donor), created.id, recorded.id, "approved")).toMatchObject({
      status: 409,
    });
    expect(await changePeriodStatus(handle.db, audit(donor), created.id, recorded.id, "submitted")).toEqual({
      ok: true,
    });
    expect(await changePeriodStatus(handle.db, audit(coordinator), created.id, recorded.id, "approved")).toMatchObject({
      status: 403,
    });
    expect(
      await commentOnProject(handle.db, audit(coordinator), created.id, recorded.id, "Please give the source."),
    ).toEqual({ ok: true });
    expect(await commentOnProject(handle.db, audit(donor), created.id, recorded.id, "x")).toMatchObject({
      status: 403,
    });
    expect(await changePeriodStatus(handle.db, audit(donor), created.id, recorded.id, "approved")).toEqual({
      ok: true,
    });
    expect(await recordPeriodValues(handle.db, audit(donor), created.id, period, null)).toMatchObject({ status: 409 });
    const framework = (await loadResultsFrameworks(handle.db, [created.id], { approvedOnly: true })).get(created.id)!;
    expect(framework.map((r) => r.kind)).toEqual(["outcome", "output"]);
    expect(framework[1]!.indicators[0]!.periods[0]).toMatchObject({
      actual: 8,
      status: "approved",
      disaggregation: [{ dimension: "gender", category: "female", value: 5 }],
    });
  });
});

describe("overlaps", () => {
  it("flags active projects sharing place, sector, community and time; a coordinator decides", async () => {
    const place = { municipalities: [{ kasCode: "05", budgetShare: null }], description: { en: "Homework clubs." } };
    const a = await createProject(
      handle.db,
      audit(donor),
      input({ ...place, title: { en: "Homework clubs for Roma children in Ferizaj" } }),
    );
    const b = await createProject(
      handle.db,
      audit(other),
      input({
        ...place,
        ownerOrganisationId: otherOrg,
        title: { en: "Homework clubs for Roma pupils in Ferizaj" },
        plannedStart: "2026-06-01",
        plannedEnd: "2028-01-01",
      }),
    );
    const c = await createProject(
      handle.db,
      audit(other),
      input({
        ...place,
        ownerOrganisationId: otherOrg,
        title: { en: "Homework clubs, later" },
        plannedStart: "2028-01-02",
        plannedEnd: "2029-01-01",
      }),
    );
    if (!a.ok || !b.ok || !c.ok) throw new Error("not created");
    // A draft sees its likely overlaps with projects known to the Office only.
    expect(await findOverlapsOf(handle.db, a.id)).toEqual([]);
    await submitProject(handle.db, audit(other), b.id);
    await submitProject(handle.db, audit(other), c.id);
    const hints = await findOverlapsOf(handle.db, a.id);
    expect(hints.map((h) => h.otherId)).toContain(b.id);
    expect(hints.map((h) => h.otherId)).not.toContain(c.id);
    await submitProject(handle.db, audit(donor), a.id);
    await computeOverlaps(handle.db);
    const queue = await listOverlapQueue(handle.db, { decided: false, limit: 100, offset: 0 });
    const pair = queue.pairs.find((p) => p.a.id === a.id && p.b.id === b.id);
    expect(pair?.score).toBeGreaterThan(0.3);
    expect(queue.pairs.some((p) => [p.a.id, p.b.id].includes(c.id) && [p.a.id, p.b.id].includes(a.id))).toBe(false);
    expect(await decideOverlap(handle.db, audit(donor), a.id, b.id, "duplicate", null)).toMatchObject({ status: 403 });
    expect(
      await decideOverlap(handle.db, audit(coordinator), b.id, a.id, "complementary", "Different schools"),
    ).toEqual({ ok: true });
    const decided = await listOverlapQueue(handle.db, { decided: true, limit: 100, offset: 0 });
    expect(decided.pairs.find((p) => p.a.id === a.id && p.b.id === b.id)).toMatchObject({
      decision: "complementary",
      note: "Different schools",
    });
    await computeOverlaps(handle.db);
    expect(
      (await listOverlapQueue(handle.db, { decided: true, limit: 100, offset: 0 })).pairs.some(
        (p) => p.a.id === a.id && p.b.id === b.id,
      ),
    ).toBe(true);
  });
});
