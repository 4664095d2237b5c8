import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { seedClearingHouseDemo } from "#app/modules/clearing-house/events/clearing-house.seed.server.ts";
import { serviceCommands } from "#app/modules/clearing-house/services/services.commands.server.ts";
import { expectKeptAnswers, fetchList, twoInstances, type TestApp } from "../support/kept-list-answers.ts";
import { setUpTestDatabase } from "../support/test-database.ts";
import { createTestUser } from "../support/workspace-actors.ts";

/*
 * The API's list of services keeps each answer per query at the generations of what it shows (decision 078):
 * the services (migration 0064), their organisations (0052) and the reference data (0049), read in one
 * statement. What must hold: a write to any of them — through a command, through direct SQL, seen from
 * another instance with its own kept answers — shows at the next request; queries never share an answer.
 */

const handle = setUpTestDatabase();
let app: TestApp;
let otherInstance: TestApp;
interface ServicesBody {
  data: {
    id: number;
    slug: string;
    title: { sq?: string; en?: string };
    organisation: { id: number; name: { en?: string } };
    sectorCode: string | null;
    municipality: { kasCode: string; nameSq: string } | null;
  }[];
  meta: { total: number; page: number; pageSize: number };
}

const list = (target: TestApp, query = "") => fetchList<ServicesBody>(target, `/api/v1/services${query}`);

beforeAll(async () => {
  await handle.db.transaction().execute((trx) => seedClearingHouseDemo(trx));
  ({ app, otherInstance } = twoInstances(handle));
});

describe("the API's list of services, kept per query and generation", () => {
  it("is read once, then answered with the generations' one statement, the same bytes", async () => {
    const first = await list(app, "?pageSize=100");
    expect(first.body.data.length).toBeGreaterThan(1);
    expect(first.queries).toBe(3);
    // The same query again, and with its parameters in another order, is the same answer.
    await expectKeptAnswers((query) => list(app, query), first, ["?pageSize=100", "?pageSize=100&page=1"]);
  });

  it("keeps each query's own answer: pages and filters never share one", async () => {
    const all = (await list(app, "?pageSize=100")).body;
    const firstPage = await list(app, "?pageSize=1");
    const secondPage = await list(app, "?pageSize=1&page=2");
    expect(firstPage.body.data.map((s) => s.slug)).toEqual([all.data[0]!.slug]);
    expect(secondPage.body.data.map((s) => s.slug)).toEqual([all.data[1]!.slug]);
    const sector = all.data.find((s) => s.sectorCode)!.sectorCode!;
    const bySector = await list(app, `?pageSize=100&sector=${sector}`);
    expect(bySector.body.data.length).toBeGreaterThan(0);
    expect(bySector.body.data.every((s) => s.sectorCode === sector)).toBe(true);
    expect((await list(app, "?pageSize=1&page=2")).body).toEqual(secondPage.body);
  });

  it("shows a title changed by direct SQL at the next request, on every instance", async () => {
    const before = (await list(app, "?pageSize=100")).body;
    await list(otherInstance, "?pageSize=100");
    const service = before.data[0]!;
    await sql`update service set title = jsonb_set(title, '{en}', '"Renamed by SQL"') where id = ${service.id}`.execute(
      handle.db,
    );
    for (const target of [app, otherInstance]) {
      const { body, queries } = await list(target, "?pageSize=100");
      expect(body.data.find((s) => s.id === service.id)?.title.en).toBe("Renamed by SQL");
      expect(queries).toBe(3);
    }
  });

  it("drops a service withdrawn through the command at the next request, on every instance", async () => {
    const before = (await list(app, "?pageSize=100")).body;
    await list(otherInstance, "?pageSize=100");
    const service = before.data[0]!;
    const coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
    await serviceCommands.setStatus(handle.db, { actor: coordinator, requestId: "req-kept" }, service.id, "draft");
    for (const target of [app, otherInstance]) {
      const { body } = await list(target, "?pageSize=100");
      expect(body.data.map((s) => s.id)).not.toContain(service.id);
      expect(body.meta.total).toBe(before.meta.total - 1);
    }
  });

  it("shows a renamed organisation and a renamed municipality at the next request", async () => {
    const before = (await list(app, "?pageSize=100")).body;
    const service = before.data[0]!;
    await sql`update organisation set name = jsonb_set(name, '{en}', '"Provider renamed"') where id = ${service.organisation.id}`.execute(
      handle.db,
    );
    const renamed = await list(app, "?pageSize=100");
    expect(renamed.body.data.find((s) => s.id === service.id)?.organisation.name.en).toBe("Provider renamed");
    expect(renamed.queries).toBe(3);
    await sql`update service set kas_code = '20' where id = ${service.id}`.execute(handle.db);
    expect(
      (await list(otherInstance, "?pageSize=100")).body.data.find((s) => s.id === service.id)?.municipality,
    ).toMatchObject({ kasCode: "20", nameSq: "Prizren" });
    await sql`update municipality set name_sq = 'Komuna e re' where kas_code = '20'`.execute(handle.db);
    for (const target of [app, otherInstance])
      expect(
        (await list(target, "?pageSize=100")).body.data.find((s) => s.id === service.id)?.municipality?.nameSq,
      ).toBe("Komuna e re");
  });
});
