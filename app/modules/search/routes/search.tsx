import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { Button } from "#app/components/button.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { SearchQueryInput } from "#app/components/search-query-input.tsx";
import { Tag } from "#app/components/tag.tsx";
import { sameMark, TranslationNote } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { Highlighted } from "../components/highlighted.tsx";
import { loadSearchPage } from "../search-page.server.ts";
import { SEARCH_KINDS, SEARCH_PAGE_SIZE } from "../search.constants.ts";
import type { Route } from "./+types/search";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const view = await loadSearchPage(context.db, request, locale, {
    includePrivate: context.actor.kind === "user",
    client: context,
  });
  return view.rateLimited ? data(view, { status: 429 }) : view;
}

export default function Search({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("search");
  const locale = localeFromParams(params);
  const { query } = loaderData;
  const kindLabel = (kind: string) => ((SEARCH_KINDS as readonly string[]).includes(kind) ? t(`kinds.${kind}`) : kind);
  const linkFor = (kind: string | undefined) => {
    const p = new URLSearchParams({ q: query.q });
    if (kind) p.set("kind", kind);
    return `/${locale}/search?${p.toString()}`;
  };
  return (
    <>
      <PageTitle title={loaderData.hasQuery ? t("page.titleWithQuery", { query: query.q }) : t("page.title")} />
      <PageHeader title={t("page.title")} lead={t("page.lead")} />
      <Form
        method="get"
        action={`/${locale}/search`}
        role="search"
        className="mb-6 flex max-w-2xl flex-wrap items-end gap-2"
      >
        <div className="grow">
          <SearchQueryInput
            id="search-q"
            label={t("page.label")}
            labelClassName="block font-semibold"
            inputClassName="block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base"
            defaultValue={query.q}
          />
        </div>
        {query.kind ? <input type="hidden" name="kind" value={query.kind} /> : null}
        <Button type="submit">{t("page.submit")}</Button>
      </Form>
      {loaderData.rateLimited ? <p role="alert">{t("page.rateLimited")}</p> : null}
      {!loaderData.hasQuery && !loaderData.rateLimited ? <p>{t("page.noQuery")}</p> : null}
      {loaderData.hasQuery ? (
        <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
          <nav aria-labelledby="search-kinds">
            <h2 id="search-kinds" className="mb-2 text-lg">
              {t("page.kindsLabel")}
            </h2>
            <ul className="space-y-1">
              <li>
                <Link
                  to={linkFor(undefined)}
                  aria-current={query.kind ? undefined : "page"}
                  className={query.kind ? "" : "font-bold"}
                >
                  {t("page.allKinds")} (
                  {loaderData.allCountCapped
                    ? t("page.moreThan", { count: loaderData.allCountLabel })
                    : loaderData.allCountLabel}
                  )
                </Link>
              </li>
              {loaderData.counts.map((c) => (
                <li key={c.kind}>
                  <Link
                    to={linkFor(c.kind)}
                    aria-current={query.kind === c.kind ? "page" : undefined}
                    className={query.kind === c.kind ? "font-bold" : ""}
                  >
                    {kindLabel(c.kind)}
                    {c.capped ? null : ` (${c.countLabel})`}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <section aria-labelledby="search-results">
            <h2 id="search-results" className="mb-3 text-lg">
              {loaderData.totalCapped
                ? t("page.resultsMoreThan", { count: loaderData.totalLabel })
                : t("page.results", { count: loaderData.totalLabel })}
            </h2>
            {loaderData.correctedQuery ? (
              <p className="mb-3">
                {t("page.corrected")} <strong>{loaderData.correctedQuery}</strong>
              </p>
            ) : null}
            {loaderData.totalCapped ? (
              <p className="mb-3 text-sm text-slate-700">{t("page.bestFirst", { count: loaderData.pageableLabel })}</p>
            ) : null}
            {loaderData.items.length === 0 ? <p>{t("page.noResults")}</p> : null}
            <ol className="space-y-4">
              {loaderData.items.map((item) => (
                <li key={item.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                  <div className="mb-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                    <Tag tone="info">{kindLabel(item.kind)}</Tag>
                    {item.publishedAt ? <time dateTime={item.publishedAt}>{item.publishedLabel}</time> : null}
                    <TranslationNote value={item.titleLanguage} />
                  </div>
                  <h3 className="text-base sm:text-lg" lang={item.titleLang}>
                    <Link to={item.href}>
                      <Highlighted segments={item.title} />
                    </Link>
                  </h3>
                  {item.snippet.segments.length ? (
                    <div className="mt-2">
                      <p className="text-slate-700" lang={item.snippet.language?.lang}>
                        <Highlighted segments={item.snippet.segments} />
                      </p>
                      {item.snippet.language &&
                      !(item.titleLanguage && sameMark(item.titleLanguage, item.snippet.language)) ? (
                        <TranslationNote value={item.snippet.language} />
                      ) : null}
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
            <ListPagination
              list={{ page: query.page, total: loaderData.pageable, totalLabel: loaderData.pageableLabel }}
              pageSize={SEARCH_PAGE_SIZE}
            />
          </section>
        </div>
      ) : null}
    </>
  );
}
