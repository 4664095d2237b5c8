import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "#app/modules.server.ts";
import { loadProjectInput } from "#app/modules/projects/projects.queries.server.ts";
import { updateProject } from "#app/modules/projects/projects.commands.server.ts";
import { audit, createFullProject, projectActors } from "#app/modules/projects/testing/fixtures.ts";
import { expectKeptAnswers, fetchList, twoInstances, type TestApp } from "../support/kept-list-answers.ts";
import { setUpTestDatabase } from "../support/test-database.ts";

/*
 * The API's list of projects keeps each answer per query at the generations of what it shows (decision 079):
 * the projects (migration 0065: the project and every table of its public record) and their organisations
 * (0052), read in one statement. What must hold: a write to any of them — through a command, through direct
 * SQL on a child table the 3W figures do not depend on, through a cascade, seen from another instance with
 * its own kept answers — shows at the next request; queries never share an answer.
 */

const handle = setUpTestDatabase();
let app: TestApp;
let otherInstance: TestApp;
let actors: Awaited<ReturnType<typeof projectActors>>;
let fullId: number;

interface ProjectsBody {
  data: {
    id: number;
    title: { en?: string; sr?: string };
    sectors: string[];
    measureIds: number[];
    organisations: { id: number; name: { en?: string }; role: string }[];
    contacts: { name: string; email: string | null }[];
  }[];
  meta: { total: number; page: number; pageSize: number };
}

const list = (target: TestApp, query = "") => fetchList<ProjectsBody>(target, `/api/v1/projects${query}`);

beforeAll(async () => {
  await seedDemoContent(handle.db, { story: false });
  actors = await projectActors(handle.db);
  fullId = await createFullProject(handle.db, actors);
  ({ app, otherInstance } = twoInstances(handle));
});

describe("the API's list of projects, kept per query and generation", () => {
  it("is read once, then answered with the generations' one statement, the same bytes", async () => {
    const first = await list(app, "?pageSize=100");
    expect(first.body.data.map((p) => p.id)).toContain(fullId);
    expect(first.queries).toBeGreaterThan(1);
    // The same query again, and with its parameters in another order, is the same answer.
    await expectKeptAnswers((query) => list(app, query), first, ["?pageSize=100", "?page=1&pageSize=100"]);
  });

  it("keeps each query's own answer: pages and filters never share one", async () => {
    const all = (await list(app, "?pageSize=100")).body;
    expect(all.data.length).toBeGreaterThan(2);
    const firstPage = await list(app, "?pageSize=1");
    const secondPage = await list(app, "?pageSize=1&page=2");
    expect(firstPage.body.data.map((p) => p.id)).toEqual([all.data[0]!.id]);
    expect(secondPage.body.data.map((p) => p.id)).toEqual([all.data[1]!.id]);
    const inPrizren = await list(app, "?municipality=20&sector=education&community=roma");
    expect(inPrizren.body.data.map((p) => p.id)).toEqual([fullId]);
    expect((await list(app, "?municipality=01")).body).toMatchObject({ data: [], meta: { total: 0 } });
    expect((await list(app, "?pageSize=1&page=2")).body).toEqual(secondPage.body);
  });

  it("shows a contact changed by direct SQL at the next request, on every instance", async () => {
    // Contacts are not part of the 3W figures (project_figures_generation): only the projects' generation sees them.
    await list(app, "?pageSize=100");
    await list(otherInstance, "?pageSize=100");
    await sql`update project_contact set email = 'changed@example.org' where project_id = ${fullId}`.execute(handle.db);
    for (const target of [app, otherInstance]) {
      const { body, queries } = await list(target, "?pageSize=100");
      expect(body.data.find((p) => p.id === fullId)?.contacts.map((c) => c.email)).toEqual(["changed@example.org"]);
      expect(queries).toBeGreaterThan(1);
    }
  });

  it("drops a project sent back to the Office by an edit at the next request, on every instance", async () => {
    const before = (await list(app, "?pageSize=100")).body;
    await list(otherInstance, "?pageSize=100");
    const input = (await loadProjectInput(handle.db, fullId))!;
    const saved = await updateProject(handle.db, audit(actors.donor), fullId, { ...input, budget: 260000 }, null);
    expect(saved.ok).toBe(true);
    for (const target of [app, otherInstance]) {
      const { body } = await list(target, "?pageSize=100");
      expect(body.data.map((p) => p.id)).not.toContain(fullId);
      expect(body.meta.total).toBe(before.meta.total - 1);
    }
    await sql`update project set validation_status = 'validated' where id = ${fullId}`.execute(handle.db);
    expect((await list(app, "?pageSize=100")).body.data.map((p) => p.id)).toContain(fullId);
  });

  it("shows a renamed organisation and a measure linked and unlinked at the next request", async () => {
    const before = (await list(app, "?pageSize=100")).body;
    const project = before.data.find((p) => p.id === fullId)!;
    const implementer = project.organisations.find((o) => o.role === "implementing")!;
    await sql`update organisation set name = jsonb_set(name, '{en}', '"Implementer renamed"') where id = ${implementer.id}`.execute(
      handle.db,
    );
    const renamed = await list(otherInstance, "?pageSize=100");
    expect(
      renamed.body.data.find((p) => p.id === fullId)?.organisations.find((o) => o.role === "implementing")?.name.en,
    ).toBe("Implementer renamed");

    const measure = await handle.db.selectFrom("measure").select("id").orderBy("id").executeTakeFirstOrThrow();
    await sql`insert into project_measure (project_id, measure_id) values (${fullId}, ${measure.id})`.execute(
      handle.db,
    );
    expect((await list(app, "?pageSize=100")).body.data.find((p) => p.id === fullId)?.measureIds).toEqual([measure.id]);
    await sql`delete from project_measure where project_id = ${fullId}`.execute(handle.db);
    for (const target of [app, otherInstance])
      expect((await list(target, "?pageSize=100")).body.data.find((p) => p.id === fullId)?.measureIds).toEqual([]);
  });
});
