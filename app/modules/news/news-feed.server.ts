import { Feed } from "feed";
import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { renderMarkdown } from "#app/services/markdown.server.ts";
import { feedTranslator } from "./feed-translator.server.ts";
import { listNewsForFeed } from "./news.queries.server.ts";
import type { Db } from "#app/db/client.server.ts";

/**
 * The news feed of one language (RSS 2.0 and Atom from the same `Feed`): the latest 50 published
 * items, each in the reader's language when it exists (else its original language, as on the
 * site), with the Markdown body rendered by the same sanitising renderer as the pages. One query.
 */
export async function buildNewsFeed(db: Db, locale: Locale, publicUrl: string): Promise<Feed> {
  const t = feedTranslator(locale, "news");
  const tc = feedTranslator(locale, "core");
  const items = await listNewsForFeed(db);
  const site = `${publicUrl}/${locale}/news`;
  const feed = new Feed({
    title: `${tc("platform.name")}: ${t("index.title")}`,
    description: t("index.lead"),
    id: site,
    link: site,
    language: LANGUAGE_TAG[locale],
    updated: items[0]?.updatedAt ?? new Date(0),
    copyright: tc("platform.name"),
    feedLinks: { rss: `${site}/feed.rss`, atom: `${site}/feed.atom` },
  });
  for (const item of items) {
    const link = `${site}/${item.slug}`;
    const author = item.author ? localizedString(item.author, locale) : null;
    feed.addItem({
      title: localizedString(item.title, locale, item.originalLocale),
      id: link,
      link,
      description: localizedString(item.summary, locale, item.originalLocale) || undefined,
      content: renderMarkdown(localizedString(item.body, locale, item.originalLocale)),
      date: item.publishedAt,
      published: item.publishedAt,
      ...(author ? { author: [{ name: author }] } : {}),
    });
  }
  return feed;
}
