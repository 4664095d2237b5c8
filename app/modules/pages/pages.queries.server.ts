import type { Db } from "#app/db/client.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";

/** A content page (e.g. "about") by key, or null. */
export async function getPage(
  db: Db,
  key: string,
): Promise<{ title: TranslatedText; body: TranslatedText; originalLocale: ContentLocale; updatedAt: Date } | null> {
  const row = await db
    .selectFrom("page")
    .select(["title", "body", "original_locale", "updated_at"])
    .where("key", "=", key)
    .executeTakeFirst();
  return row
    ? {
        title: row.title,
        body: row.body,
        originalLocale: row.original_locale as ContentLocale,
        updatedAt: row.updated_at,
      }
    : null;
}
