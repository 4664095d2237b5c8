import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { updateObjective } from "#app/modules/plans/planning.commands.server.ts";
import { ObjectiveSchema } from "#app/modules/plans/planning.schema.ts";
import { outlineSectorMarkupSize } from "#app/modules/plans/planning/outline-markup.server.tsx";
import * as planDetail from "#app/modules/plans/planning/routes/plan-detail.tsx";
import { generateNationalPlan } from "../support/generated-plan.ts";
import { secondInstance } from "../support/plan-instances.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { createTestUser, outcome, workspaceContext } from "../support/workspace-actors.ts";

/*
 * The plan editor keeps its choice lists (sector and municipality names) per reference generation
 * (decisions 062, 069): a second request reads the generation instead of the five reference lists.
 * What must hold: a sector renamed by direct SQL, seen from this instance and from another (its own
 * database object, so its own kept values), shows at the next request.
 */

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
interface PlanPage {
  plan: { version: number };
  sectors: { id: number; code: string; name: string; html: string }[];
  freeSectors: { value: string; label: string }[];
}

let handle: DatabaseHandle;
let other: Db;
let planId: number;
let coordinator: Awaited<ReturnType<typeof createTestUser>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  other = secondInstance(handle.db);
  planId = await generateNationalPlan(handle.db, { seed: 7, measures: 30, label: "editor-kept" });
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
}, 120_000);
afterAll(() => handle.close());

async function editor(db: Db): Promise<{ data: PlanPage; queries: number }> {
  const { result, stats } = await withQueryStats(() =>
    outcome(
      (planDetail.loader as Loader)({
        request: new Request(`http://localhost/en/workspace/plans/${planId}`),
        params: { lang: "en", planId: String(planId) },
        context: workspaceContext(db, coordinator),
      }),
    ),
  );
  expect(result.status).toBe(200);
  return { data: result.data as PlanPage, queries: stats.queries };
}

describe("the plan editor's choice lists, kept per reference generation", () => {
  it("reads the reference lists once, then only the generation", async () => {
    const first = await editor(handle.db);
    const again = await editor(handle.db);
    expect(again.data.sectors).toEqual(first.data.sectors);
    expect(again.data.freeSectors).toEqual(first.data.freeSectors);
    // The five reference lists (sectors, types, communities, municipalities and their census) are not read again:
    // only the generation (read by both requests).
    expect(again.queries).toBe(first.queries - 5);
  });

  it("shows a sector renamed by direct SQL at the next request, on every instance", async () => {
    const before = await editor(handle.db);
    await editor(other);
    const code = before.data.sectors[0]!.code;
    const free = before.data.freeSectors[0]!.value;
    await sql`update sector set name = jsonb_set(name, '{en}', to_jsonb(('Renamed ' || code)::text))
      where code in (${code}, ${free})`.execute(handle.db);
    for (const db of [handle.db, other]) {
      const { data } = await editor(db);
      expect(data.sectors[0]!.name).toBe(`Renamed ${code}`);
      expect(data.freeSectors.find((s) => s.value === free)?.label).toBe(`Renamed ${free}`);
    }
  });
});

describe("the plan editor's outline, kept as HTML per content (decision 071)", () => {
  it("renders each sector once, and shows an objective renamed by a command or by direct SQL at the next request, on every instance", async () => {
    const first = await editor(handle.db);
    const kept = outlineSectorMarkupSize();
    const again = await editor(handle.db);
    expect(again.data.sectors.map((s) => s.html)).toEqual(first.data.sectors.map((s) => s.html));
    expect(outlineSectorMarkupSize()).toBe(kept);
    const sector = first.data.sectors.find((s) => s.html.includes("/objectives/"))!;
    const [, objectiveId, code] = /\/objectives\/(\d+)">([^ <]+) /.exec(sector.html)!;
    const shown = async (db: Db) => (await editor(db)).data.sectors.find((s) => s.id === sector.id)!.html;
    await editor(other);

    const renamed = await updateObjective(
      handle.db,
      { actor: coordinator, requestId: "kept-outline" },
      planId,
      Number(objectiveId),
      ObjectiveSchema.parse({
        planSectorId: String(sector.id),
        code,
        titleEn: "Renamed by a command",
        reason: "A clearer title",
        version: String(first.data.plan.version),
      }),
    );
    expect(renamed.ok).toBe(true);
    for (const db of [handle.db, other]) expect(await shown(db)).toContain(`>${code} Renamed by a command</a>`);

    await sql`update objective set title = jsonb_set(title, '{en}', '"Renamed by SQL"') where id = ${Number(objectiveId)}`.execute(
      other,
    );
    for (const db of [handle.db, other]) {
      const html = await shown(db);
      expect(html).toContain(`>${code} Renamed by SQL</a>`);
      expect(html).not.toContain("Renamed by a command");
    }
  });
});
