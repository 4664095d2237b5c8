import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createImportedProjects, createProject, submitProject } from "./projects.commands.server.ts";
import { loadProjectInput } from "./projects.queries.server.ts";
import type { ProjectInput } from "./projects.schema.ts";
import { audit, projectActors, projectAuditTrail, projectInputOf, rowCounts } from "./testing/fixtures.ts";

/*
 * `createImportedProjects` (the IATI import's bulk write, bench/iati-import.ts) must leave the same
 * projects, audit trail and overlap queue as `createProject` followed by `submitProject` for each.
 */

let handle: DatabaseHandle;
let actors: Awaited<ReturnType<typeof projectActors>>;

function input(identifier: string, title: string, overrides: Partial<ProjectInput> = {}): ProjectInput {
  return projectInputOf(actors.donorOrg, {
    iatiIdentifier: identifier,
    title: { en: title, sr: "Ромски медијатори <b>" },
    description: { en: "Mediators for Roma, Ashkali and Egyptian pupils in Prizren and Gjakova." },
    budget: 120000.5,
    communities: ["roma", "ashkali"],
    municipalities: [
      { kasCode: "20", budgetShare: 60 },
      { kasCode: "05", budgetShare: null },
    ],
    organisations: [
      { organisationId: actors.donorOrg, role: "funding" },
      { organisationId: actors.otherOrg, role: "implementing" },
      { organisationId: actors.otherOrg, role: "implementing" },
    ],
    finance: [{ year: 2025, kind: "commitment", amount: 80000 }],
    contacts: [{ name: "Ana", organisationName: null, email: "ana@example.org", phone: null }],
    documents: [{ kind: "document", title: "Summary", url: "https://example.org/a.pdf" }],
    ...overrides,
  });
}

async function trailOf(projectId: number) {
  return (await projectAuditTrail(handle.db, projectId)).map((r) => ({
    action: r.action,
    organisation: r.organisation_id,
    fields: Object.keys(r.diff as object).sort(),
  }));
}

beforeAll(async () => {
  handle = await createTestDatabase();
  actors = await projectActors(handle.db);
}, 60_000);
afterAll(() => handle.close());

describe("createImportedProjects", () => {
  it("writes what createProject + submitProject write, for each project, with the same audit trail and overlap pairs", async () => {
    const one = await createProject(handle.db, audit(actors.coordinator), input("XM-TEST-ONE", "Roma mediators one"), {
      auditAction: "project.import",
      isImport: true,
    });
    if (!one.ok) throw new Error(JSON.stringify(one));
    expect(await submitProject(handle.db, audit(actors.coordinator), one.id, { isImport: true })).toEqual({ ok: true });

    const bulk = await handle.db
      .transaction()
      .execute((trx) =>
        createImportedProjects(
          trx,
          audit(actors.coordinator),
          [
            input("XM-TEST-TWO", "Roma mediators two"),
            input("XM-TEST-THREE", "Health visits", { sectors: ["health"], communities: [], finance: [] }),
          ],
          { auditAction: "project.import" },
        ),
      );
    if (!bulk.ok) throw new Error(JSON.stringify(bulk));
    const [two, three] = bulk.ids;

    const { iatiIdentifier: _a, title: _b, ...expected } = (await loadProjectInput(handle.db, one.id))!;
    const { iatiIdentifier: _c, title: _d, ...got } = (await loadProjectInput(handle.db, two!))!;
    expect({ ...got, version: 0 }).toEqual({ ...expected, version: 0 });
    expect(got.validationStatus).toBe("submitted");
    expect((await loadProjectInput(handle.db, three!))!.sectors).toEqual(["health"]);

    expect(await trailOf(two!)).toEqual(await trailOf(one.id));
    expect((await trailOf(two!)).map((t) => t.action)).toEqual(["project.import", "project.submit"]);

    // One and two share place, sector, community and period: the queue holds the pair, scored; three overlaps nothing.
    const pairs = await handle.db.selectFrom("project_overlap").select(["project_a_id", "project_b_id"]).execute();
    expect(pairs.map((p) => [p.project_a_id, p.project_b_id])).toEqual([[one.id, two!]]);
  });

  it("refuses the whole batch at the first bad input, naming its position, and the transaction writes nothing", async () => {
    const before = (await rowCounts(handle.db)).projects;
    const cases: [ProjectInput[], number, string, string][] = [
      [
        [input("XM-TEST-A", "A"), input("XM-TEST-B", "B", { sectors: ["astrology"] })],
        1,
        "sectors",
        "projects:errors.codeUnknown",
      ],
      [[input("XM-TEST-ONE", "taken")], 0, "iatiIdentifier", "projects:errors.identifierTaken"],
      [
        [input("XM-TEST-C", "C"), input("XM-TEST-C", "C again")],
        1,
        "iatiIdentifier",
        "projects:errors.identifierTaken",
      ],
      [
        [input("XM-TEST-D", "D", { organisations: [{ organisationId: 999_999, role: "funding" }] })],
        0,
        "organisations",
        "projects:errors.organisationUnknown",
      ],
    ];
    for (const [inputs, index, field, message] of cases) {
      const result = await handle.db
        .transaction()
        .execute(async (trx) => {
          const r = await createImportedProjects(trx, audit(actors.coordinator), inputs);
          if (!r.ok) throw Object.assign(new Error("refused"), { result: r });
          return r;
        })
        .catch((e: { result: unknown }) => e.result as { ok: false; index: number; errors: Record<string, string> });
      expect(result, field).toMatchObject({ ok: false, index, errors: { [field]: message } });
    }
    // A donor may import for its own organisation only.
    const foreign = await createImportedProjects(handle.db, audit(actors.other), [input("XM-TEST-E", "E")]);
    expect(foreign).toMatchObject({ ok: false, status: 403, index: 0 });
    expect((await rowCounts(handle.db)).projects).toBe(before);
  });
});
