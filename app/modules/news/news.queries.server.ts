import type { Db } from "#app/db/client.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";

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

/** One page of published news, newest first, with the total (two queries whatever the size). */
export async function listNews(db: Db, { page, pageSize }: { page: number; pageSize: number }): Promise<{ items: NewsSummary[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom("news_item")
      .select(["id", "slug", "title", "summary", "original_locale", "published_at", "is_demo"])
      .where("published_at", "<=", new Date())
      .orderBy("published_at", "desc")
      .orderBy("id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db.selectFrom("news_item").select((eb) => eb.fn.countAll<number>().as("n")).where("published_at", "<=", new Date()).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      originalLocale: r.original_locale,
      publishedAt: r.published_at,
      isDemo: r.is_demo,
    })),
  };
}

/** One published news item by slug, with its Markdown body, or null. */
export async function getNewsItem(db: Db, slug: string): Promise<(NewsSummary & { body: TranslatedText; sourceNote: string | null }) | null> {
  const row = await db
    .selectFrom("news_item")
    .selectAll()
    .where("slug", "=", slug)
    .where("published_at", "<=", new Date())
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    body: row.body,
    originalLocale: row.original_locale,
    publishedAt: row.published_at,
    isDemo: row.is_demo,
    sourceNote: row.source_note,
  };
}
