import type { Db } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestUser } from "../../../../tests/support/workspace-actors.ts";
import {
  addIndicator,
  addResult,
  changePeriodStatus,
  createProject,
  recordPeriodValues,
  submitProject,
  validateProject,
} from "../projects.commands.server.ts";
import type { ProjectInput } from "../projects.schema.ts";

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
 * A project with every field IATI can carry, hostile strings included (a formula, markup,
 * Cyrillic), validated by the coordinator, with one approved and one draft indicator value.
 */
export async function createFullProject(
  db: Db,
  actors: Awaited<ReturnType<typeof projectActors>>,
  overrides: Partial<ProjectInput> = {},
): Promise<number> {
  const input: ProjectInput = {
    ownerOrganisationId: actors.donorOrg,
    iatiIdentifier: null,
    title: {
      en: '=HYPERLINK("http://evil.example") <script>alert(1)</script> Roma mediators',
      sr: "Ромски медијатори у Призрену",
      sq: "Ndërmjetësuesit romë në Prizren",
    },
    description: {
      en: 'School mediators for Roma, Ashkali and Egyptian children, "quoted", with a comma.',
      sq: "Ndërmjetësues shkollorë.",
    },
    originalLocale: "en",
    activityStatus: "implementation",
    plannedStart: "2025-01-01",
    plannedEnd: "2027-12-31",
    actualStart: "2025-02-01",
    actualEnd: null,
    budget: 250000,
    currency: "EUR",
    sectors: ["education"],
    communities: ["ashkali", "egyptian", "roma"],
    measureIds: [],
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
  };
  const created = await createProject(db, audit(actors.donor), input);
  if (!created.ok) throw new Error(`not created: ${JSON.stringify(created.errors)}`);
  const id = created.id;
  const outcome = await addResult(db, audit(actors.donor), id, {
    kind: "outcome",
    parentId: null,
    title: { en: "Children stay in school", sq: "Fëmijët mbeten në shkollë" },
  });
  if (!outcome.ok) throw new Error("no outcome");
  const output = await addResult(db, audit(actors.donor), id, {
    kind: "output",
    parentId: outcome.id,
    title: { en: "Mediators hired" },
    description: { en: "Twelve mediators" },
  });
  if (!output.ok) throw new Error("no output");
  const indicator = await addIndicator(db, audit(actors.donor), id, {
    resultId: output.id,
    name: { en: "Mediators working in schools" },
    unit: "count",
    baselineValue: 2,
    baselineYear: 2024,
    disaggregations: ["gender"],
  });
  const share = await addIndicator(db, audit(actors.donor), id, {
    resultId: outcome.id,
    name: { en: "Share of pupils who finish the year" },
    unit: "percent",
    baselineValue: 71.5,
    baselineYear: 2024,
    disaggregations: [],
  });
  if (!indicator.ok || !share.ok) throw new Error("no indicator");
  const approved = await recordPeriodValues(
    db,
    audit(actors.donor),
    id,
    {
      indicatorId: indicator.id,
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
      target: 12,
      actual: 9,
      narrative: { en: "Three posts still open." },
      disaggregation: [
        { dimension: "gender", category: "female", value: 6 },
        { dimension: "gender", category: "male", value: 3 },
      ],
    },
    null,
  );
  const approvedShare = await recordPeriodValues(
    db,
    audit(actors.donor),
    id,
    {
      indicatorId: share.id,
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
      target: 85,
      actual: 80.25,
      narrative: {},
      disaggregation: [],
    },
    null,
  );
  const draft = await recordPeriodValues(
    db,
    audit(actors.donor),
    id,
    {
      indicatorId: indicator.id,
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      target: 12,
      actual: 777,
      narrative: {},
      disaggregation: [],
    },
    null,
  );
  if (!approved.ok || !draft.ok || !approvedShare.ok) throw new Error("no period");
  for (const periodId of [approved.id, approvedShare.id]) {
    await changePeriodStatus(db, audit(actors.donor), id, periodId, "submitted");
    await changePeriodStatus(db, audit(actors.donor), id, periodId, "approved");
  }
  await submitProject(db, audit(actors.donor), id);
  const validated = await validateProject(db, audit(actors.coordinator), id, "validate", null);
  if (!validated.ok) throw new Error("not validated");
  return id;
}
