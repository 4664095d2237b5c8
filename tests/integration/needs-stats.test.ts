import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { NEED_CATEGORIES, NEED_STATUSES, type NeedCategory, type NeedStatus } from "#app/db/tables/needs.ts";
import * as statsPage from "#app/modules/needs/public/routes/needs-stats.tsx";
import { createTestDatabase } from "../support/test-database.ts";
import { createNeedsTestApp } from "./needs-public-app.ts";

/*
 * Crafted data: cells of 1–4 in every dimension the page, the CSV and the API show (category,
 * municipality, community, status), next to cells of 5 and more. No published number may be under
 * 5, and no hidden cell may be computable from the total.
 */

let handle: DatabaseHandle;
let app: ReturnType<typeof createNeedsTestApp>;
let serial = 0;

async function addCases(
  n: number,
  fields: { category: NeedCategory; kas: string; community: string | null; status: NeedStatus },
) {
  for (let i = 0; i < n; i++) {
    serial++;
    const row = await handle.db
      .insertInto("need_case")
      .values({
        reference: `T-${serial}`,
        tracking_hash: serial.toString(16).padStart(64, "0"),
        category: fields.category,
        kas_code: fields.kas,
        community_code: fields.community,
        description: "Crafted case",
        submitted_locale: "en",
        status: fields.status,
        status_changed_at: new Date(),
        due_at:
          fields.status === "resolved" || fields.status === "rejected" || fields.status === "closed"
            ? null
            : new Date(Date.now() + 3 * 86_400_000),
        created_at: new Date(Date.now() - 10 * 86_400_000),
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (fields.status === "resolved")
      await handle.db
        .insertInto("need_status_change")
        .values({ case_id: row.id, to_status: "resolved", created_at: new Date() })
        .execute();
  }
}

beforeAll(async () => {
  handle = await createTestDatabase();
  app = createNeedsTestApp(handle);
  // 20 + 1 + 2 + 3 + 4 cases: every dimension gets cells of 1, 2, 3 and 4.
  await addCases(20, { category: "education", kas: "20", community: "roma", status: "received" });
  await addCases(1, { category: "health", kas: "01", community: "serb", status: "in_review" });
  await addCases(2, { category: "housing_property", kas: "02", community: null, status: "resolved" });
  await addCases(3, { category: "security", kas: "34", community: "gorani", status: "rejected" });
  await addCases(4, { category: "other", kas: "38", community: "turkish", status: "closed" });
});
afterAll(async () => {
  app.cleanup();
  await handle.close();
});

type Table = { withheld: boolean; cells: { code: string; count: number | null; suppressed: string | null }[] };

/** Every value a hidden cell could take given the published table and total (see suppression.test.ts). */
function derivable(table: Table, total: number): string[] {
  const hidden = table.cells.filter((c) => c.count === null);
  const rest = total - table.cells.reduce((s, c) => s + (c.count ?? 0), 0);
  const range = (c: Table["cells"][number]): [number, number] =>
    c.suppressed === "fewer_than_5" ? [0, 4] : [5, total];
  return hidden
    .filter((cell) => cell.suppressed === "fewer_than_5")
    .filter((cell) => {
      const others = hidden.filter((c) => c !== cell);
      const min = others.reduce((s, c) => s + range(c)[0], 0);
      const max = others.reduce((s, c) => s + range(c)[1], 0);
      let possible = 0;
      for (let v = 0; v <= 4; v++) if (rest - v >= min && rest - v <= max) possible++;
      return possible < 2;
    })
    .map((c) => c.code);
}

describe("public statistics never reveal a count under 5", () => {
  it("API: small cells are null with a flag, and none can be derived from the total", async () => {
    const response = await app.app.fetch(new Request("http://localhost:3999/api/v1/needs/stats"));
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as {
      data: { total: { count: number }; byCategory: Table; byMunicipality: Table; byCommunity: Table; byStatus: Table };
    };
    expect(data.total.count).toBe(30);
    const tables = {
      byCategory: data.byCategory,
      byMunicipality: data.byMunicipality,
      byCommunity: data.byCommunity,
      byStatus: data.byStatus,
    };
    for (const [name, table] of Object.entries(tables)) {
      for (const cell of table.cells) {
        if (cell.count !== null) expect(cell.count, `${name}.${cell.code}`).toBeGreaterThanOrEqual(5);
        else expect(cell.suppressed, `${name}.${cell.code}`).not.toBeNull();
      }
      expect(derivable(table, 30), name).toEqual([]);
    }
    expect(data.byCategory.cells.find((c) => c.code === "education")?.count).toBe(20);
    expect(data.byCategory.cells.find((c) => c.code === "health")).toEqual({
      code: "health",
      count: null,
      suppressed: "fewer_than_5",
    });
    expect(data.byCategory.cells).toHaveLength(NEED_CATEGORIES.length);
    expect(data.byStatus.cells).toHaveLength(NEED_STATUSES.length);
    expect(data.byMunicipality.cells).toHaveLength(38);
  });

  it("page and CSV: no number from 1 to 4 in any table, the map or the median", async () => {
    for (const lang of ["sq", "sr", "sr-cyrl", "en"] as const) {
      const data = await statsPage.loader({
        request: new Request(`http://localhost/${lang}/needs`),
        params: { lang },
        context: { db: handle.db },
      } as never);
      const texts = [
        ...Object.values(data.rows)
          .flat()
          .map((r) => r.text),
        ...data.mapAreas.map((a) => a.label),
        data.total,
        data.median ?? "",
      ];
      for (const text of texts) expect(text, `${lang}: ${text}`).not.toMatch(/(^|[^\d])[1-4]([^\d]|$)/);
      expect(data.median).toBeNull();
    }
    const csv = await (await app.app.fetch(new Request("http://localhost:3999/en/needs/statistics.csv"))).text();
    const counts = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[3]);
    for (const count of counts) if (count !== "") expect(Number(count)).toBeGreaterThanOrEqual(5);
    expect(csv).toContain("category,health,Health,,fewer_than_5");
  });

  it("the rendered page shows “fewer than 5” and the map", async () => {
    const html = await (await app.app.fetch(new Request("http://localhost:3999/en/needs"))).text();
    expect(html).toContain("fewer than 5");
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="needs-map-caption"/);
    const cells = [...html.matchAll(/<td class="px-2 py-2 align-top text-right[^"]*">([^<]*)</g)].map((m) => m[1]);
    for (const cell of cells) expect(cell).not.toMatch(/^[1-4]$/);
  });
});
