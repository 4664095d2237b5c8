import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { listServices } from "#app/modules/clearing-house/services/services.queries.server.ts";
import { setUpTestDatabase } from "../support/test-database.ts";

/*
 * The services list (public page and API) walks its title order through `service_published_title_idx`
 * (migration 0054, decision 066) and stops at the page, instead of sorting every published service: with
 * sequential scans priced out, the plan of the list's order names the index and sorts nothing. And the total,
 * counted without the joins, is still the number of published services the joined list holds.
 */

const handle = setUpTestDatabase();

describe("services list", () => {
  it("reads a page in title order through its index, without a sort", async () => {
    const plan = await handle.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ "QUERY PLAN": string }>`explain select s.id from service s
        join organisation o on o.id = s.organisation_id
        where s.status = 'published'
        order by lower(coalesce(s.title->>'sq', s.title->>'en', s.title->>'sr', '')), s.id limit 25`.execute(trx);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("service_published_title_idx");
    expect(plan).not.toMatch(/Sort Key/);
  });

  it("counts the published services the list shows, whatever the filter", async () => {
    const all = await listServices(handle.db, { page: 1, pageSize: 100 });
    const published = await sql<{ n: number }>`select count(*)::int as n from service s
      join organisation o on o.id = s.organisation_id where s.status = 'published'`.execute(handle.db);
    expect(all.total).toBe(published.rows[0]!.n);
    const sector = all.items.find((s) => s.sectorCode)?.sectorCode ?? undefined;
    if (sector) {
      const bySector = await listServices(handle.db, { sector, page: 1, pageSize: 100 });
      expect(bySector.total).toBe(all.items.filter((s) => s.sectorCode === sector).length);
    }
  });
});
