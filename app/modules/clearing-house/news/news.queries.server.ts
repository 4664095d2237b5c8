import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { readPage } from "#app/db/paging.server.ts";
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

/** One page of published news (of one organisation, if given), newest first, with the total (two queries whatever the size). */
export async function listNews(
  db: Db,
  { page, pageSize, organisationId }: { page: number; pageSize: number; organisationId?: number },
): Promise<{ items: NewsSummary[]; total: number }> {
  let base = db
    .selectFrom("news_item as n")
    .where("n.status", "=", "published")
    .where("n.published_at", "<=", new Date());
  if (organisationId !== undefined) base = base.where("n.organisation_id", "=", organisationId);
  const { rows, total } = await readPage(
    base.select(SUMMARY_COLUMNS).orderBy("n.published_at", "desc").orderBy("n.id", "desc"),
    base,
    { page, pageSize },
  );
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
