import { useTranslation } from "react-i18next";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatDate, isoDate } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { pageCounts } from "../../publishable/list-page.server.ts";
import { listNews } from "../news.queries.server.ts";
import { PageQuerySchema } from "../news.schema.ts";
import { NewsCardItem } from "../news-card.tsx";
import type { Route } from "./+types/news-index";
import { ListPagination } from "#app/components/pagination.tsx";

const PAGE_SIZE = 12;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { items, total } = await listNews(context.db, { page, pageSize: PAGE_SIZE });
  // Dates and numbers are formatted on the server (decision 010).
  return {
    ...pageCounts(page, total, locale),
    items: items.map((item) => ({
      slug: item.slug,
      isDemo: item.isDemo,
      publishedAt: isoDate(item.publishedAt),
      publishedLabel: formatDate(item.publishedAt, locale),
      title: localize(item.title, locale, item.originalLocale),
      summary: localize(item.summary, locale, item.originalLocale),
    })),
  };
}

export default function NewsIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("news");
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("index.title")} />
      <link rel="alternate" type="application/rss+xml" href={`/${locale}/news/feed.rss`} title={t("feed.rss")} />
      <link rel="alternate" type="application/atom+xml" href={`/${locale}/news/feed.atom`} title={t("feed.atom")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      {loaderData.items.length === 0 ? <p>{t("index.empty")}</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {loaderData.items.map((item) => (
          <NewsCardItem key={item.slug} item={item} locale={locale} />
        ))}
      </ul>
      <ListPagination list={loaderData} pageSize={PAGE_SIZE} />
      {/* After the list, so that the first link to /news/… on the page is a news item. */}
      <p className="mt-6">
        <a href={`/${locale}/news/feed.rss`}>{t("feed.rss")}</a>
        {" · "}
        <a href={`/${locale}/news/feed.atom`}>{t("feed.atom")}</a>
      </p>
    </>
  );
}
