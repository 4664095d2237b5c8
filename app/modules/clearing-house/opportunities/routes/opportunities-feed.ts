import { data } from "react-router";
import { formatDate } from "#app/i18n/format.ts";
import { isLocale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { startFeed } from "../../publishable/feed-translator.server.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { listOpportunities } from "../opportunities.queries.server.ts";
import type { Route } from "./+types/opportunities-feed";

/** `/{lang}/opportunities/feed.rss`: RSS 2.0 of the open opportunities (deadline today or later), newest first. */
export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const { items } = await listOpportunities(context.db, { page: 1, pageSize: 100 }, todayInKosovo());
  items.sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0));
  const updated = items.reduce((latest, o) => (o.updatedAt > latest ? o.updatedAt : latest), new Date(0));
  const { feed, site, t } = startFeed({
    locale,
    namespace: "opportunities",
    publicUrl: context.publicUrl,
    path: "opportunities",
    updated,
  });
  for (const o of items) {
    const link = `${site}/${o.slug}`;
    const summary = localizedString(o.summary, locale, o.originalLocale);
    feed.addItem({
      title: `${t(`kind.${o.kind}`)}: ${localizedString(o.title, locale, o.originalLocale)}`,
      id: link,
      link,
      description:
        `${summary} ${t("detail.deadlineLine", { date: formatDate(`${o.deadline}T12:00:00Z`, locale) })}`.trim(),
      date: o.publishedAt ?? o.updatedAt,
      author: [{ name: localizedString(o.organisation.name, locale) }],
    });
  }
  return new Response(feed.rss2(), {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
