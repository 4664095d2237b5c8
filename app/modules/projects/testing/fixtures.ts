import type { Db } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestUser } from "../../../../tests/support/workspace-actors.ts";
import type { ProjectDisaggregation, ProjectIndicatorUnit } from "#app/db/tables/projects.ts";
import {
  addIndicator,
  addResult,
  changePeriodStatus,
  createProject,
  type PeriodInput,
  recordPeriodValues,
  submitProject,
  validateProject,
} from "../projects.commands.server.ts";
import type { ProjectInput } from "../projects.schema.ts";
import { auditEntries } from "../../../../tests/support/audit-entries.ts";
import { countRows } from "../../../../tests/support/row-count.ts";

type UserActor = Extract<Actor, { kind: "user" }>;

/** The actors of the project tests: a donor of the Swiss embassy, one of IOM and a coordinator. */
export async function projectActors(db: Db) {
  const orgs = await db
    .selectFrom("organisation")
    .select(["id", "slug"])
    .where("slug", "in", ["embassy-of-switzerland-in-kosovo", "international-organization-for-migration"])
    .execute();
  const donorOrg = orgs.find((o) => o.slug === "embassy-of-switzerland-in-kosovo")!.id;
  const otherOrg = orgs.find((o) => o.slug === "international-organization-for-migration")!.id;
  const donor: UserActor = await createTestUser(db, [{ role: "donor", organisationId: donorOrg }]);
  const other: UserActor = await createTestUser(db, [{ role: "donor", organisationId: otherOrg }]);
  const coordinator: UserActor = await createTestUser(db, [{ role: "coordinator" }]);
  return { donorOrg, otherOrg, donor, other, coordinator };
}

export const audit = (actor: Actor) => ({ actor, requestId: "req-test" });

/**
 * A valid project input with only what every project needs: a title, an implementation in 2025–2026 in
 * education, funded by `organisationId`, no money, places or lists; `overrides` set the rest.
 */
export function projectInputOf(organisationId: number, overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    ownerOrganisationId: organisationId,
    iatiIdentifier: null,
    title: { en: "Test project" },
    description: {},
    originalLocale: "en",
    activityStatus: "implementation",
    plannedStart: "2025-01-01",
    plannedEnd: "2026-12-31",
    actualStart: null,
    actualEnd: null,
    budget: null,
    currency: "EUR",
    sectors: ["education"],
    communities: [],
    measureIds: [],
    municipalities: [],
    organisations: [{ organisationId, role: "funding" }],
    finance: [],
    contacts: [],
    documents: [],
    ...overrides,
  };
}

/**
 * A project with every field IATI can carry, hostile strings included (a formula, markup,
 * Cyrillic), validated by the coordinator, with one approved and one draft indicator value.
 */
export async function createFullProject(
  db: Db,
  actors: Awaited<ReturnType<typeof projectActors>>,
  overrides: Partial<ProjectInput> = {},
): Promise<number> {
  const input = projectInputOf(actors.donorOrg, {
    title: {
      en: '=HYPERLINK("http://evil.example") <script>alert(1)</script> Roma mediators',
      sr: "Ромски медијатори у Призрену",
      sq: "Ndërmjetësuesit romë në Prizren",
    },
    description: {
      en: 'School mediators for Roma, Ashkali and Egyptian children, "quoted", with a comma.',
      sq: "Ndërmjetësues shkollorë.",
    },
    plannedEnd: "2027-12-31",
    actualStart: "2025-02-01",
    budget: 250000,
    communities: ["ashkali", "egyptian", "roma"],
    municipalities: [
      { kasCode: "20", budgetShare: null },
      { kasCode: "05", budgetShare: null },
    ],
    organisations: [
      { organisationId: actors.donorOrg, role: "funding" },
      { organisationId: actors.donorOrg, role: "extending" },
      { organisationId: actors.otherOrg, role: "implementing" },
    ],
    finance: [
      { year: 2025, kind: "commitment", amount: 150000 },
      { year: 2025, kind: "disbursement", amount: 60000.5 },
      { year: 2026, kind: "commitment", amount: 100000 },
    ],
    contacts: [{ name: "Ана Тест", organisationName: "Embassy", email: "ana@example.org", phone: "+383 38 000 000" }],
    documents: [
      { kind: "document", title: "Project summary", url: "https://example.org/summary.pdf" },
      { kind: "photo", title: "Mediators at school", url: "https://example.org/photo.jpg" },
    ],
    ...overrides,
  });
  const donor = audit(actors.donor);
  const created = await createProject(db, donor, input);
  if (!created.ok) throw new Error(`not created: ${JSON.stringify(created.errors)}`);
  const id = created.id;
  const outcome = await addResult(db, donor, id, {
    kind: "outcome",
    parentId: null,
    title: { en: "Children stay in school", sq: "Fëmijët mbeten në shkollë" },
  });
  if (!outcome.ok) throw new Error("no outcome");
  const output = await addResult(db, donor, id, {
    kind: "output",
    parentId: outcome.id,
    title: { en: "Mediators hired" },
    description: { en: "Twelve mediators" },
  });
  if (!output.ok) throw new Error("no output");
  /** Adds an indicator with a 2024 baseline to one of the project's results. */
  const addIndicatorTo = async (
    resultId: number,
    name: string,
    unit: ProjectIndicatorUnit,
    baselineValue: number,
    disaggregations: ProjectDisaggregation[],
  ) => {
    const added = await addIndicator(db, donor, id, {
      resultId,
      name: { en: name },
      unit,
      baselineValue,
      baselineYear: 2024,
      disaggregations,
    });
    if (!added.ok) throw new Error("no indicator");
    return added.id;
  };
  const indicatorId = await addIndicatorTo(output.id, "Mediators working in schools", "count", 2, ["gender"]);
  const shareId = await addIndicatorTo(outcome.id, "Share of pupils who finish the year", "percent", 71.5, []);
  /** Records an indicator's values for a calendar year, as a draft. */
  const recordYear = async (indicatorId: number, year: number, values: Partial<PeriodInput>) => {
    const recorded = await recordPeriodValues(
      db,
      donor,
      id,
      {
        indicatorId,
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        target: null,
        actual: null,
        narrative: {},
        disaggregation: [],
        ...values,
      },
      null,
    );
    if (!recorded.ok) throw new Error("no period");
    return recorded.id;
  };
  const approved = await recordYear(indicatorId, 2025, {
    target: 12,
    actual: 9,
    narrative: { en: "Three posts still open." },
    disaggregation: [
      { dimension: "gender", category: "female", value: 6 },
      { dimension: "gender", category: "male", value: 3 },
    ],
  });
  const approvedShare = await recordYear(shareId, 2025, { target: 85, actual: 80.25 });
  await recordYear(indicatorId, 2026, { target: 12, actual: 777 });
  for (const periodId of [approved, approvedShare]) {
    await changePeriodStatus(db, donor, id, periodId, "submitted");
    await changePeriodStatus(db, donor, id, periodId, "approved");
  }
  await submitProject(db, donor, id);
  const validated = await validateProject(db, audit(actors.coordinator), id, "validate", null);
  if (!validated.ok) throw new Error("not validated");
  return id;
}

/** The tables `rowCounts` counts, by the name it gives their counts. */
const COUNTED_TABLES = {
  projects: "project",
  organisations: "organisation",
  audits: "audit_log",
  periods: "project_indicator_period",
} as const;

/** How many projects, organisations, audit entries and indicator values there are (to show a refusal wrote nothing). */
export async function rowCounts(db: Db): Promise<Record<keyof typeof COUNTED_TABLES, number>> {
  const counts = { projects: 0, organisations: 0, audits: 0, periods: 0 };
  for (const [name, table] of Object.entries(COUNTED_TABLES) as [
    keyof typeof COUNTED_TABLES,
    (typeof COUNTED_TABLES)[keyof typeof COUNTED_TABLES],
  ][]) {
    counts[name] = await countRows(db, table);
  }
  return counts;
}

/** A project's audit trail in the order it was written: each entry's action, organisation and changes. */
export function projectAuditTrail(db: Db, projectId: number) {
  return auditEntries(db, { subject_type: "project", subject_id: projectId });
}
