import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import type { PublicationStatus } from "#app/db/tables/clearing-house.ts";

/** A news item as listed. */
export interface NewsSummary {
  id: number;
  slug: string;
  title: TranslatedText;
  summary: TranslatedText;
  originalLocale: ContentLocale;
  publishedAt: Date;
  isDemo: boolean;
}

/** An image of a news item. */
export interface NewsImage {
  id: number;
  largeFileId: string;
  thumbFileId: string;
  width: number;
  height: number;
  alt: TranslatedText;
}

const SUMMARY_COLUMNS = [
  "n.id",
  "n.slug",
  "n.title",
  "n.summary",
  "n.original_locale",
  "n.published_at",
  "n.is_demo",
] as const;

function summaryOf(r: {
  id: number;
  slug: string;
  title: TranslatedText;
  summary: TranslatedText;
  original_locale: ContentLocale;
  published_at: Date | null;
  is_demo: boolean;
}): NewsSummary {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    originalLocale: r.original_locale,
    publishedAt: r.published_at ?? new Date(0),
    isDemo: r.is_demo,
  };
}

/** What a count of the published news says, and for which moments it holds. */
interface NewsCount {
  total: number;
  /** The latest publication counted (null: none); the count holds from then on… */
  since: Date | null;
  /** …until the next publication scheduled (null: none). */
  until: Date | null;
}

interface KeptNewsCount {
  generation: string;
  count: Promise<NewsCount>;
}

/** Per database handle (a test process opens many): filter (organisation, or all) → count at a generation. */
const keptCounts = new WeakMap<object, Map<number, KeptNewsCount>>();
/** The list is filtered by organisation at most: few filters are asked for often. */
const KEPT_FILTERS = 64;

function holdsAt(count: NewsCount, now: Date): boolean {
  return (count.since === null || count.since <= now) && (count.until === null || now < count.until);
}

/**
 * The total for `organisationId` at `generation` and moment `now`: the kept one when it was counted at
 * that generation and no publication happened between its count and `now` (an item published for a
 * later date appears when that date comes, without a write); otherwise `count()` (concurrent requests
 * at one generation share one count). Without a generation, counted and not kept.
 */
async function keptNewsTotal(
  db: object,
  organisationId: number | undefined,
  generation: string | undefined,
  now: Date,
  count: () => Promise<NewsCount>,
): Promise<number> {
  if (generation === undefined) return (await count()).total;
  const key = organisationId ?? 0;
  let counts = keptCounts.get(db);
  if (!counts) {
    counts = new Map();
    keptCounts.set(db, counts);
  }
  const entry = counts.get(key);
  if (entry && entry.generation === generation) {
    const kept = await entry.count;
    if (holdsAt(kept, now)) return kept.total;
  }
  const counting: KeptNewsCount = { generation, count: count() };
  const store = counts;
  counting.count.catch(() => {
    if (store.get(key) === counting) store.delete(key);
  });
  // Most recently counted last; the least recently counted filter leaves first.
  counts.delete(key);
  counts.set(key, counting);
  if (counts.size > KEPT_FILTERS) counts.delete(counts.keys().next().value!);
  return (await counting.count).total;
}

/**
 * One page of published news (of one organisation, if given), newest first, with the total. The page
 * is one statement through `news_item_published_idx`, which also reads `news_generation` (bumped by a
 * trigger on every write to `news_item`, migration 0061); the total is counted once per filter and
 * generation and kept per database handle (decision 076), so while nothing changes a page is one
 * statement whatever the number of news items, and the first request after a write pays one count.
 */
export async function listNews(
  db: Db,
  { page, pageSize, organisationId }: { page: number; pageSize: number; organisationId?: number },
  now: Date = new Date(),
): Promise<{ items: NewsSummary[]; total: number }> {
  let published = db.selectFrom("news_item as n").where("n.status", "=", "published");
  if (organisationId !== undefined) published = published.where("n.organisation_id", "=", organisationId);
  const pageOf = published
    .where("n.published_at", "<=", now)
    .select(SUMMARY_COLUMNS)
    .orderBy("n.published_at", "desc")
    .orderBy("n.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // One row with the generation and no item when the page is empty (past the end, or no news yet).
  const { rows: read } = await sql<Parameters<typeof summaryOf>[0] & { generation: string }>`
    select g.generation, p.* from (select generation::text as generation from news_generation) g
    left join lateral (${pageOf}) p on true
    order by p.published_at desc, p.id desc`.execute(db);
  const rows = read.filter((r) => r.id !== null);
  const total = await keptNewsTotal(db, organisationId, read[0]?.generation, now, async () => {
    const r = await published
      .select([
        sql<number | string>`count(*) filter (where n.published_at <= ${now})`.as("total"),
        sql<Date | null>`max(n.published_at) filter (where n.published_at <= ${now})`.as("since"),
        sql<Date | null>`min(n.published_at) filter (where n.published_at > ${now})`.as("until"),
      ])
      .executeTakeFirstOrThrow();
    return { total: Number(r.total), since: r.since, until: r.until };
  });
  return { total, items: rows.map(summaryOf) };
}

/** The latest published news, newest first, without a total (one query through the publication order): for pages that show a few. */
export async function listLatestNews(db: Db, limit: number): Promise<NewsSummary[]> {
  const rows = await latestPublished(db).select(SUMMARY_COLUMNS).limit(limit).execute();
  return rows.map(summaryOf);
}

/** Published news items, newest first (ties by id): the order of the home page and the feeds. */
function latestPublished(db: Db) {
  return db
    .selectFrom("news_item as n")
    .where("n.status", "=", "published")
    .where("n.published_at", "<=", new Date())
    .orderBy("n.published_at", "desc")
    .orderBy("n.id", "desc");
}

/** The latest published news with their bodies, for the RSS and Atom feeds (one query). */
export async function listNewsForFeed(
  db: Db,
  limit = 50,
): Promise<(NewsSummary & { body: TranslatedText; updatedAt: Date; author: TranslatedText | null })[]> {
  const rows = await latestPublished(db)
    .leftJoin("organisation as o", "o.id", "n.organisation_id")
    .select(SUMMARY_COLUMNS)
    .select(["n.body", "n.updated_at", "o.name as author"])
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...summaryOf(r), body: r.body, updatedAt: r.updated_at, author: r.author }));
}

/** One news item by slug with its Markdown body, images and author organisation (published only, unless `includeDrafts`), or null; one query. */
export async function getNewsItem(
  db: Db,
  where: string | { id: number },
  options: { includeDrafts?: boolean } = {},
): Promise<
  | (NewsSummary & {
      body: TranslatedText;
      sourceNote: string | null;
      images: NewsImage[];
      organisation: { id: number; slug: string; name: TranslatedText } | null;
      status: PublicationStatus;
      version: number;
    })
  | null
> {
  let query = db
    .selectFrom("news_item as n")
    .leftJoin("organisation as o", "o.id", "n.organisation_id")
    .selectAll("n")
    .select(["o.slug as organisation_slug", "o.name as organisation_name"])
    .select(
      sql<
        NewsImage[]
      >`coalesce((select jsonb_agg(jsonb_build_object('id', i.id, 'largeFileId', i.large_file_id, 'thumbFileId', i.thumb_file_id, 'width', i.width, 'height', i.height, 'alt', i.alt) order by i.sort_order, i.id) from news_image i where i.news_item_id = n.id), '[]'::jsonb)`.as(
        "images",
      ),
    );
  query = typeof where === "string" ? query.where("n.slug", "=", where) : query.where("n.id", "=", where.id);
  if (!options.includeDrafts)
    query = query.where("n.status", "=", "published").where("n.published_at", "<=", new Date());
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    ...summaryOf(row),
    body: row.body,
    sourceNote: row.source_note,
    images: row.images,
    organisation:
      row.organisation_id !== null && row.organisation_slug && row.organisation_name
        ? { id: row.organisation_id, slug: row.organisation_slug, name: row.organisation_name }
        : null,
    status: row.status,
    version: row.version,
  };
}
