import type { Db } from "#app/db/client.server.ts";
import { readPage } from "#app/db/paging.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { OpportunityKind } from "#app/db/tables/clearing-house.ts";
import {
  itemOf,
  ownedItemColumns,
  ownerOf,
  type OwnedItemView,
} from "#app/modules/clearing-house/publishable/item-columns.ts";

/** An opportunity as lists, its page and the feed show it. */
export interface OpportunityView extends OwnedItemView {
  kind: OpportunityKind;
  eligibility: TranslatedText;
  url: string | null;
  deadline: string;
  publishedAt: Date | null;
  updatedAt: Date;
}

function selectView(db: Db) {
  return db
    .selectFrom("opportunity as p")
    .innerJoin("organisation as o", "o.id", "p.organisation_id")
    .leftJoin("municipality as m", "m.kas_code", "p.kas_code")
    .select([
      ...ownedItemColumns("p"),
      "p.kind",
      "p.eligibility",
      "p.url",
      "p.deadline",
      "p.published_at",
      "p.updated_at",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectView>["execute"]>>[number];

function viewOf(r: Row): OpportunityView {
  return {
    ...itemOf(r),
    organisation: ownerOf(r),
    status: r.status,
    version: r.version,
    kind: r.kind,
    eligibility: r.eligibility,
    url: r.url,
    deadline: r.deadline,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Published opportunities still open on `today` (deadline today or later; soonest first), or with
 * `expired` the closed ones (latest first). The date filter is in the query, so an opportunity
 * leaves the list by itself the day after its deadline. Two queries.
 */
export async function listOpportunities(
  db: Db,
  query: {
    kind?: OpportunityKind | undefined;
    municipality?: string | undefined;
    organisationId?: number | undefined;
    expired?: boolean;
    page: number;
    pageSize: number;
  },
  today: string,
): Promise<{ items: OpportunityView[]; total: number }> {
  // The same conditions on the page (with its joins) and on the count (the opportunities alone: every one has its
  // organisation, a not-null foreign key, and at most one municipality). The page's conditions are on its own
  // rows, not `p.id in (…)`, so it walks `opportunity_public_idx` in deadline order and stops at the page
  // instead of joining every open opportunity first (decision 066).
  let base = selectView(db).where("p.status", "=", "published");
  let count = db.selectFrom("opportunity as p").where("p.status", "=", "published");
  if (query.expired) {
    base = base.where("p.deadline", "<", today);
    count = count.where("p.deadline", "<", today);
  } else {
    base = base.where("p.deadline", ">=", today);
    count = count.where("p.deadline", ">=", today);
  }
  if (query.kind) {
    base = base.where("p.kind", "=", query.kind);
    count = count.where("p.kind", "=", query.kind);
  }
  if (query.municipality) {
    const kas = query.municipality;
    base = base.where((eb) => eb.or([eb("p.kas_code", "=", kas), eb("p.kas_code", "is", null)]));
    count = count.where((eb) => eb.or([eb("p.kas_code", "=", kas), eb("p.kas_code", "is", null)]));
  }
  if (query.organisationId) {
    base = base.where("p.organisation_id", "=", query.organisationId);
    count = count.where("p.organisation_id", "=", query.organisationId);
  }
  const ordered = base.orderBy("p.deadline", query.expired ? "desc" : "asc").orderBy("p.id");
  const { rows, total } = await readPage(ordered, count, query);
  return { total, items: rows.map(viewOf) };
}

/** One opportunity by slug (published only, unless `includeDrafts`) or id; one query. */
export async function getOpportunity(
  db: Db,
  where: { slug: string } | { id: number },
  options: { includeDrafts?: boolean } = {},
): Promise<OpportunityView | null> {
  let query = selectView(db);
  query = "slug" in where ? query.where("p.slug", "=", where.slug) : query.where("p.id", "=", where.id);
  if (!options.includeDrafts) query = query.where("p.status", "=", "published");
  const row = await query.executeTakeFirst();
  return row ? viewOf(row) : null;
}

/** The open published opportunities closing soonest, without a total: one query (for the home page). */
export async function listClosingOpportunities(db: Db, limit: number, today: string): Promise<OpportunityView[]> {
  const rows = await selectView(db)
    .where("p.status", "=", "published")
    .where("p.deadline", ">=", today)
    .orderBy("p.deadline")
    .orderBy("p.id")
    .limit(limit)
    .execute();
  return rows.map(viewOf);
}
