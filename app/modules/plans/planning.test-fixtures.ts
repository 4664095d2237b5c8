import { afterEach, beforeEach } from "vitest";
import type { DatabaseHandle, Db } from "#app/db/client.server.ts";
import type { AuditContext } from "#app/services/audit.server.ts";
import {
  addPlanSector,
  createIndicator,
  createMeasure,
  createObjective,
  createPlan,
  createStrategy,
} from "./planning.commands.server.ts";
import type { CommandResult } from "#app/services/commands.server.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { importPlanWorkbook } from "./planning/plan-import.server.ts";
import type { CanonicalPlanTree } from "./plan-tree.server.ts";
import { writePlanWorkbook, type TemplateLists } from "./planning/plan-workbook.server.ts";
import {
  IndicatorSchema,
  MeasureSchema,
  ObjectiveSchema,
  PlanCreateSchema,
  StrategyCreateSchema,
} from "./planning.schema.ts";

/** Unwraps a command result in tests: the value, or an error naming what was refused. */
export function expectOk<T extends object>(result: CommandResult<T>): { ok: true } & T {
  if (!result.ok) throw new Error(`refused (${result.status}): ${JSON.stringify(result.errors)}`);
  return result;
}

/**
 * Runs a command for each form in turn (each takes the plan's next version) and answers the results in the
 * same order; throws on the first refusal.
 */
async function eachInTurn<Form, T extends object>(
  forms: Form[],
  command: (form: Form) => Promise<CommandResult<T>>,
): Promise<({ ok: true } & T)[]> {
  const results: ({ ok: true } & T)[] = [];
  for (const form of forms) results.push(expectOk(await command(form)));
  return results;
}

/** Organisation ids by slug (the organisations every database has, from migration 0005). */
export async function organisationIds(db: Db, slugs: string[]): Promise<Record<string, number>> {
  const rows = await db.selectFrom("organisation").select(["id", "slug"]).where("slug", "in", slugs).execute();
  return Object.fromEntries(rows.map((r) => [r.slug, r.id]));
}

export const MINISTRY = "ministry-of-labour-and-social-welfare";
export const OFFICE = "office-for-community-affairs";
export const PRIZREN_OFFICE = "municipal-office-for-communities-and-returns-prizren";

/** The strategy form of the sample plan (owned by `ownerOrganisationId`), without status and version. */
export function sampleStrategyFields(ownerOrganisationId: number) {
  return {
    titleSq: "Strategjia <script>alert(1)</script>",
    titleEn: "Strategy for inclusion",
    summaryEn: "Summary",
    periodStartYear: "2022",
    periodEndYear: "2026",
    ownerOrganisationId: String(ownerOrganisationId),
  };
}

/**
 * A small national plan built through the commands, as a coordinator would through the forms:
 * two sectors, two objectives, three measures (budgets, communities, supporting institutions)
 * and three indicators with targets. Hostile strings in the texts.
 */
export async function buildSamplePlan(
  db: Db,
  audit: AuditContext,
): Promise<{ strategyId: number; planId: number; measureIds: number[]; version: number }> {
  const orgs = await organisationIds(db, [MINISTRY, OFFICE, PRIZREN_OFFICE]);
  const strategy = expectOk(
    await createStrategy(
      db,
      audit,
      StrategyCreateSchema.parse({ ...sampleStrategyFields(orgs[OFFICE]!), status: "draft" }),
    ),
  );
  const plan = expectOk(
    await createPlan(
      db,
      audit,
      strategy.id,
      PlanCreateSchema.parse({
        kind: "national",
        code: "NAP-2022",
        titleSq: "Plani i veprimit",
        titleSr: "Akcioni plan",
        titleEn: "Action plan",
        periodStartYear: "2022",
        periodEndYear: "2026",
      }),
    ),
  );
  let version = 1;
  const next = () => String(version++);
  const education = expectOk(
    await addPlanSector(db, audit, plan.id, { sectorCode: "education", version: Number(next()), reason: null }),
  );
  const housing = expectOk(
    await addPlanSector(db, audit, plan.id, { sectorCode: "housing", version: Number(next()), reason: null }),
  );
  const [o1, o2] = await eachInTurn(
    [
      {
        planSectorId: String(education.id),
        code: "1.1",
        titleSq: "Rritja e regjistrimit",
        titleEn: "More enrolment",
        descriptionEn: "Right-to-left: مرحبا",
      },
      { planSectorId: String(housing.id), code: "2.1", titleSr: "Stanovanje — Ђ" },
    ],
    (form) => createObjective(db, audit, plan.id, ObjectiveSchema.parse({ ...form, version: next() })),
  );
  const [m1, m2, m3] = await eachInTurn(
    [
      {
        objectiveId: String(o1!.id),
        code: "1.1.1",
        titleSq: "Bursa për nxënës",
        titleEn: "Scholarships",
        responsibleOrganisationId: String(orgs[MINISTRY]),
        supportingOrganisationIds: [String(orgs[OFFICE]), String(orgs[PRIZREN_OFFICE])],
        startDate: "2022-01-01",
        endDate: "2024-12-31",
        communities: ["roma", "ashkali"],
        "budget-2022-government": "15000",
        "budget-2023-donor": "2500,50",
      },
      {
        objectiveId: String(o1!.id),
        code: "1.1.2",
        titleEn: "Mentoring",
        responsibleOrganisationId: String(orgs[OFFICE]),
        startDate: "2023-03-01",
        endDate: "2026-06-30",
        communities: "egyptian",
      },
      {
        objectiveId: String(o2!.id),
        code: "2.1.1",
        titleSq: "Banesa sociale",
        responsibleOrganisationId: String(orgs[MINISTRY]),
        startDate: "2022-05-01",
        endDate: "2022-05-01",
        "budget-2022-municipality": "100000.25",
      },
    ],
    (form) => createMeasure(db, audit, plan.id, MeasureSchema.parse({ ...form, version: next() })),
  );
  const measureIds = [m1!.id, m2!.id, m3!.id];
  await eachInTurn(
    [
      {
        measureId: m1!.id,
        form: {
          code: "I1",
          nameEn: "Pupils with scholarships",
          unit: "count",
          direction: "increase",
          baselineValue: "120",
          baselineYear: "2021",
          byCommunity: "on",
          "target-2022": "150",
          "target-2023": "200",
        },
      },
      {
        measureId: m1!.id,
        form: {
          code: "I2",
          nameSq: "Përqindja e vajzave",
          unit: "percent",
          direction: "increase",
          byGender: "on",
          "target-2024": "47,5",
        },
      },
      {
        measureId: m3!.id,
        form: { code: "I1", nameEn: "Families housed", unit: "number", direction: "maintain", "target-2022": "-3.25" },
      },
    ],
    ({ measureId, form }) =>
      createIndicator(db, audit, plan.id, measureId, IndicatorSchema.parse({ ...form, version: next() })),
  );
  return { strategyId: strategy.id, planId: plan.id, measureIds, version };
}

/** A coordinator (with two-factor) created in `db`, as the audit context the plan commands take. */
export async function coordinatorAudit(db: Db) {
  return { actor: await createTestUser(db, [{ role: "coordinator" }], { twoFactor: true }), requestId: "test" };
}

/** The ids of the sample plan (see `buildSamplePlan`). */
export type SamplePlan = Awaited<ReturnType<typeof buildSamplePlan>>;

/** The sample plan, built by a new coordinator: what the planning pages' tests start from. */
export async function buildSamplePlanAsCoordinator(db: Db) {
  const audit = await coordinatorAudit(db);
  return { coordinator: audit.actor, sample: await buildSamplePlan(db, audit) };
}

/**
 * A fresh test database for every test of the calling file or `describe`: opened before each test and
 * closed after it (what it returns reads the database of the test running).
 */
export function setUpDatabasePerTest(): { readonly db: Db } {
  let opened: DatabaseHandle | undefined;
  beforeEach(async () => {
    opened = await createTestDatabase();
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  return {
    get db() {
      if (!opened) throw new Error("the test database opens in beforeEach: read it in a hook or a test");
      return opened.db;
    },
  };
}

/** The reference lists the workbook tests write their templates with: one sector, the office, no others. */
export const TEST_TEMPLATE_LISTS: TemplateLists = {
  sectors: [{ code: "education", name: "Education" }],
  communities: [],
  organisations: [{ slug: OFFICE, name: "Office" }],
  municipalities: [],
};

/** The workbook of a plan tree as the export writes it, with the test lists and catalog keys for texts. */
export function writeTestWorkbook(tree: CanonicalPlanTree): Promise<Buffer> {
  return writePlanWorkbook(tree, TEST_TEMPLATE_LISTS, (key: string) => key);
}

/** A draft strategy 2022–2026 of the office with no plans, created through the command; answers its id. */
export async function createEmptyStrategy(db: Db, audit: AuditContext): Promise<number> {
  const orgs = await organisationIds(db, [OFFICE]);
  return expectOk(
    await createStrategy(
      db,
      audit,
      StrategyCreateSchema.parse({
        titleEn: "Strategy",
        periodStartYear: "2022",
        periodEndYear: "2026",
        ownerOrganisationId: String(orgs[OFFICE]),
        status: "draft",
      }),
    ),
  ).id;
}

/** Imports a workbook as a new plan of the strategy and answers the plan's id; throws when the import is refused. */
export async function importAsNewPlan(
  db: Db,
  audit: AuditContext,
  strategyId: number,
  bytes: Parameters<typeof importPlanWorkbook>[2]["bytes"],
): Promise<number> {
  const result = await importPlanWorkbook(db, audit, { strategyId, planId: null, bytes, version: null, reason: null });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.planId;
}
