import type { Feed } from "feed";
import type { Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { renderMarkdown } from "#app/services/markdown.server.ts";
import { startFeed } from "#app/modules/clearing-house/publishable/feed-translator.server.ts";
import { listNewsForFeed } from "./news.queries.server.ts";
import type { Db } from "#app/db/client.server.ts";

/** Plain text written as HTML that shows exactly that text. */
function textAsHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * The news feed of one language (RSS 2.0 or Atom): the latest 50 published items, each in the
 * reader's language when it exists (else its original language, as on the site), with the
 * Markdown body rendered by the same sanitising renderer as the pages. One query.
 *
 * For Atom the library writes an entry's title and summary as `type="html"`, so a reader decodes
 * them as HTML: the plain-text title and summary are therefore escaped first (RFC 4287 §3.1.1.2),
 * and a title such as "A < B" or "<script>" shows as written instead of becoming markup. RSS
 * titles are plain text and are left as they are.
 */
export async function buildNewsFeed(
  db: Db,
  locale: Locale,
  publicUrl: string,
  format: "rss" | "atom" = "rss",
): Promise<Feed> {
  const asText = format === "atom" ? textAsHtml : (text: string) => text;
  const items = await listNewsForFeed(db);
  const { feed, site } = startFeed({
    locale,
    namespace: "news",
    publicUrl,
    path: "news",
    updated: items[0]?.updatedAt ?? new Date(0),
    atom: true,
  });
  for (const item of items) {
    const link = `${site}/${item.slug}`;
    const author = item.author ? localizedString(item.author, locale) : null;
    feed.addItem({
      title: asText(localizedString(item.title, locale, item.originalLocale)),
      id: link,
      link,
      description: asText(localizedString(item.summary, locale, item.originalLocale)) || undefined,
      content: renderMarkdown(localizedString(item.body, locale, item.originalLocale)),
      date: item.publishedAt,
      published: item.publishedAt,
      ...(author ? { author: [{ name: author }] } : {}),
    });
  }
  return feed;
}
