import { Feed } from "feed";
import type { i18n } from "i18next";
import { serverTranslator } from "#app/i18n/catalogs.server.ts";
import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";

/** A translator for feeds and calendars (responses that are not pages). */
export function feedTranslator(locale: Locale, namespace: string): i18n["t"] {
  return serverTranslator(locale, namespace);
}

/**
 * The start of a kind's RSS or Atom feed in one language (decision 048): titled "<platform>: <the
 * list's title>", described by the list's lead, at `<publicUrl>/<locale>/<path>`, with its own
 * addresses (`feed.rss`, and `feed.atom` when it has one). The kind adds its items.
 */
export function startFeed(options: {
  locale: Locale;
  namespace: string;
  publicUrl: string;
  path: string;
  updated: Date;
  atom?: boolean;
}): { feed: Feed; site: string; t: i18n["t"] } {
  const t = feedTranslator(options.locale, options.namespace);
  const tc = feedTranslator(options.locale, "core");
  const site = `${options.publicUrl}/${options.locale}/${options.path}`;
  const feed = new Feed({
    title: `${tc("platform.name")}: ${t("index.title")}`,
    description: t("index.lead"),
    id: site,
    link: site,
    language: LANGUAGE_TAG[options.locale],
    updated: options.updated,
    copyright: tc("platform.name"),
    feedLinks: options.atom ? { rss: `${site}/feed.rss`, atom: `${site}/feed.atom` } : { rss: `${site}/feed.rss` },
  });
  return { feed, site, t };
}
