import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { renderMarkdown } from "#app/services/markdown.server.ts";
import { listLatestNews } from "#app/modules/clearing-house/news/news.queries.server.ts";
import { getPage } from "../pages.queries.server.ts";
import type { Route } from "./+types/about";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const [page, news] = await Promise.all([getPage(context.db, "about"), listLatestNews(context.db, 5)]);
  if (!page) throw data(null, { status: 404 });
  const body = localize(page.body, locale, page.originalLocale);
  return {
    title: localize(page.title, locale, page.originalLocale),
    body: body ? { ...body, html: renderMarkdown(body.text) } : null,
    originalLocale: page.originalLocale,
    news: news.map((n) => ({
      slug: n.slug,
      title: localize(n.title, locale, n.originalLocale),
      originalLocale: n.originalLocale,
    })),
  };
}

export default function About({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("pages");
  const { t: tc } = useTranslation("core");
  const locale = localeFromParams(params);
  const { title, body } = loaderData;
  return (
    <div className="grid gap-10 lg:grid-cols-3">
      <article className="lg:col-span-2">
        <PageTitle title={t("about.title")} />
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">{t("about.title")}</p>
        <h1 className="mt-1" lang={title?.lang}>
          {title?.text}
        </h1>
        <div className="mt-3 flex flex-wrap gap-2">
          <Tag>{tc("translation.original", { language: tc(`languageName.${loaderData.originalLocale}`) })}</Tag>
          <TranslationNote value={body} />
        </div>
        {body ? (
          <div className="prose-content mt-4" lang={body.lang} dangerouslySetInnerHTML={{ __html: body.html }} />
        ) : null}
      </article>
      <aside aria-labelledby="about-news">
        <h2 id="about-news">{t("about.newsHeading")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("about.newsLead")}</p>
        <ul className="mt-3 space-y-3">
          {loaderData.news.map((n) => (
            <li key={n.slug}>
              <Link to={`/${locale}/news/${n.slug}`} lang={n.title?.lang}>
                {n.title?.text}
              </Link>
              <TranslationNote value={n.title} spaced />{" "}
              <span className="text-sm text-slate-600">({tc(`languageName.${n.originalLocale}`)})</span>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
