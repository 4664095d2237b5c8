import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { createOrganisation, updateOrganisation } from "#app/modules/organisations/organisations.commands.server.ts";
import type { OrganisationFormInput } from "#app/modules/organisations/organisations.schema.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { secondInstance } from "../../../tests/support/plan-instances.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { generateProjects } from "../../../bench/generators/projects.ts";
import { createRandom } from "../../../bench/random.ts";
import { generateStrategyPlanInTransaction } from "../../../bench/generators/strategy-plans.ts";
import { loadCoordinationView } from "./coordination.queries.server.ts";
import { loader } from "./routes/projects-3w.tsx";

/*
 * Decision 064: the 3W page is built once per language, filter and page of the table and kept while
 * the generations of everything it shows are unchanged (projects, organisations, the strategy's
 * measures, the reference data). A write through any path — a command, plain SQL, another instance
 * (a second Kysely object keeps its own pages) — must show at the next request.
 */

let handle: DatabaseHandle;
let coordinator: Extract<Actor, { kind: "user" }>;

beforeAll(async () => {
  handle = await createTestDatabase();
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  await generateProjects(handle.db, 11, { count: 80, groups: 1 });
  await generateStrategyPlanInTransaction(
    handle.db,
    createRandom(12),
    { measures: 4, indicatorsPerMeasure: 1, localPlans: 2, localMeasures: 2 },
    "generations-test",
  );
}, 60_000);
afterAll(() => handle.close());

type Page = Exclude<Awaited<ReturnType<typeof loader>>, Response>;

async function threeW(db: DatabaseHandle["db"], search = "", lang = "en"): Promise<Page> {
  return (await loader({
    request: new Request(`http://localhost/${lang}/projects/3w${search}`),
    params: { lang },
    context: { db },
  } as never)) as Page;
}

const text = (value: string) => sql<TranslatedText>`${JSON.stringify({ en: value, sq: value, sr: value })}::jsonb`;

describe("3W page kept per generation (decision 064)", () => {
  it("costs one statement while nothing changed, and is kept per language, filter and page", async () => {
    const first = await threeW(handle.db);
    const kept = await withQueryStats(() => threeW(handle.db));
    expect(kept.stats.queries).toBe(1);
    expect(kept.result).toBe(first);
    // The same filter written in another order is the same page; another page, filter or language is not.
    const a = await threeW(handle.db, "?sector=health&municipality=20");
    expect(await threeW(handle.db, "?municipality=20&sector=health&page=1")).toBe(a);
    const second = await threeW(handle.db, "?page=2");
    expect(second.rows.map((r) => r.id)).not.toEqual(first.rows.map((r) => r.id));
    expect((await threeW(handle.db, "", "sq")).parts.map).not.toEqual(first.parts.map);
  });

  it("shows a project renamed in plain SQL through another instance at the next request", async () => {
    const before = await threeW(handle.db);
    const other = secondInstance(handle.db);
    await other
      .updateTable("project")
      .set({ title: text("Renamed through another instance") })
      .where("id", "=", before.rows[0]!.id)
      .execute();
    const after = await threeW(handle.db);
    expect(after.rows[0]!.title.text).toBe("Renamed through another instance");
    // And the other instance, which kept nothing yet, builds its own from the same data.
    expect((await threeW(other)).rows[0]!.title.text).toBe("Renamed through another instance");
  });

  it("shows a donor renamed through the organisations' command (the project figures are not recomputed)", async () => {
    const form = (nameEn: string) =>
      ({
        nameSq: nameEn,
        nameSr: nameEn,
        nameEn,
        typeCode: "cso",
        kasCode: "",
        sectors: [],
        communities: [],
      }) as OrganisationFormInput;
    const created = await createOrganisation(handle.db, { actor: coordinator, requestId: "3w" }, form("Donor Alpha"));
    if (!created.ok) throw new Error("not created");
    const project = (await threeW(handle.db)).rows[0]!.id;
    await secondInstance(handle.db)
      .insertInto("project_organisation")
      .values({ project_id: project, organisation_id: created.id, role: "funding" })
      .execute();
    const funded = await threeW(handle.db);
    expect(funded.filters.fields).toContain(">Donor Alpha</option>");
    const renamed = await updateOrganisation(handle.db, { actor: coordinator, requestId: "3w" }, created.id, {
      ...form("Donor Beta"),
      version: 1,
    });
    expect(renamed).toMatchObject({ ok: true });
    const after = await threeW(handle.db);
    expect(after.filters.fields).toContain(">Donor Beta</option>");
    expect(after.filters.fields).not.toContain("Donor Alpha");
    expect(after.rows.find((r) => r.id === project)!.funders.map((f) => f.text)).toContain("Donor Beta");
  });

  it("shows a measure renamed in plain SQL in the unfunded measures at the next request", async () => {
    await threeW(handle.db);
    const measure = (await loadCoordinationView(handle.db, { page: 1 })).unfundedMeasures[0]!;
    await secondInstance(handle.db)
      .updateTable("measure")
      .set({ title: text("A measure renamed in SQL") })
      .where("id", "=", measure.id)
      .execute();
    expect((await threeW(handle.db)).parts.unfunded).toContain("A measure renamed in SQL");
  });

  it("shows a sector renamed in plain SQL in the filters at the next request", async () => {
    await threeW(handle.db);
    await secondInstance(handle.db)
      .updateTable("sector")
      .set({ name: text("A sector renamed in SQL") })
      .where("code", "=", "health")
      .execute();
    expect((await threeW(handle.db)).filters.fields).toContain(">A sector renamed in SQL</option>");
  });
});
