import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { fetchList, twoInstances, type TestApp } from "../support/kept-list-answers.ts";
import { setUpTestDatabase } from "../support/test-database.ts";

/*
 * The API's municipality list is kept per reference generation (migration 0049): a request reads the
 * generation (one statement) and sends the kept JSON while it is unchanged. What must hold: a write to
 * any reference table the list is made of — through direct SQL, seen from another instance (its own
 * database object, so its own kept values) — shows at the next request.
 */

const handle = setUpTestDatabase();
let app: TestApp;
let otherInstance: TestApp;
interface MunicipalityBody {
  data: { kasCode: string; names: { sq: string }; communities2024: Record<string, number> }[];
}

const list = (target: TestApp) => fetchList<MunicipalityBody>(target, "/api/v1/municipalities");

const prizren = (body: MunicipalityBody) => body.data.find((m) => m.kasCode === "20")!;

beforeAll(() => {
  ({ app, otherInstance } = twoInstances(handle));
});

describe("the API's municipality list, kept per reference generation", () => {
  it("is read once, then answered with the generation's one statement", async () => {
    const first = await list(app);
    expect(first.body.data).toHaveLength(38);
    expect(first.queries).toBeGreaterThanOrEqual(3);
    const again = await list(app);
    expect(again.queries).toBe(1);
    expect(again.body).toEqual(first.body);
  });

  it("shows a census figure written by direct SQL at the next request, on every instance", async () => {
    const before = (await list(app)).body;
    await list(otherInstance);
    const [community, population] = Object.entries(prizren(before).communities2024)[0]!;
    await sql`update municipality_population set population = population + 7
      where kas_code = '20' and community_code = ${community} and year = 2024`.execute(handle.db);
    for (const target of [app, otherInstance]) {
      const { body, queries } = await list(target);
      expect(prizren(body).communities2024[community]).toBe(population + 7);
      expect(queries).toBeGreaterThanOrEqual(3);
    }
  });

  it("shows a renamed municipality at the next request, on every instance", async () => {
    await list(app);
    await list(otherInstance);
    await sql`update municipality set name_sq = 'Prizreni i ri' where kas_code = '20'`.execute(handle.db);
    expect(prizren((await list(app)).body).names.sq).toBe("Prizreni i ri");
    expect(prizren((await list(otherInstance)).body).names.sq).toBe("Prizreni i ri");
    await sql`update municipality set name_sq = 'Prizren' where kas_code = '20'`.execute(handle.db);
    expect(prizren((await list(otherInstance)).body).names.sq).toBe("Prizren");
  });
});
