import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { data, Link, redirect } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { rowNameColumn } from "#app/components/row-header-columns.tsx";
import { TotalsRow } from "#app/components/totals-row.tsx";
import { PageSections } from "#app/components/local-plans-section.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { isLocale, INTL_TAG, LANGUAGE_TAG, localeFromParams, type Locale } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";
import { listCommunities } from "#app/modules/reference/reference.queries.server.ts";
import { loadMunicipalitySections } from "#app/services/page-sections.ts";
import { parseAlternativeNames } from "../alternative-names.ts";
import { keptHorizontalBarChart } from "../community-chart.server.ts";
import { AlternativeNames } from "../components/alternative-names.tsx";
import { LocatorMap } from "../components/locator-map.tsx";
import { WholeWords } from "../components/whole-words.tsx";
import { LOCATOR_MAP_FRAME } from "../map-frames.ts";
import { getMunicipality, listSettlements } from "../municipalities.queries.server.ts";
import { MunicipalityParamSchema } from "../municipalities.schema.ts";
import { loadMunicipalityMap } from "../projected-outlines.server.ts";
import { municipalityName } from "../municipality-name.ts";
import { formatShare, shareOf } from "../shares.ts";
import { municipalitiesTranslator } from "../translator.server.ts";
import type { Route } from "./+types/municipality-detail";

export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const parsed = MunicipalityParamSchema.safeParse(params.municipality);
  if (!parsed.success) throw data(null, { status: 404 });
  const { kasCode, slug } = parsed.data;
  // The locator map and the neighbours are projected and found once per process (decision 044).
  const [municipality, settlements, communities, map, sections] = await Promise.all([
    getMunicipality(context.db, kasCode),
    listSettlements(context.db, kasCode),
    listCommunities(context.db),
    loadMunicipalityMap(context.db, LOCATOR_MAP_FRAME),
    // What other modules show here (the local action plans), handed over by the host (decision 049).
    loadMunicipalitySections(context.pageSections, context.db, { locale, kasCode }),
  ]);
  if (!municipality) throw data(null, { status: 404 });
  if (slug !== municipality.slug)
    throw redirect(`/${locale}/municipalities/${municipality.kasCode}-${municipality.slug}`, 301);

  const t = municipalitiesTranslator(locale);
  const number = (value: number) => formatNumber(value, locale);
  const name = municipalityName(municipality, locale);
  const byCommunity = communities.map((community) => {
    const label = localize(community.name, locale);
    const count = municipality.communities[community.code] ?? 0;
    const share = shareOf(count, municipality.population2024);
    return {
      code: community.code,
      name: label?.text ?? community.code,
      lang: label?.lang ?? LANGUAGE_TAG[locale],
      count,
      share,
      countText: number(count),
      shareText: formatShare(share, locale),
    };
  });
  const totalCount = byCommunity.reduce((sum, c) => sum + c.count, 0);
  const ranked = [...byCommunity].sort((a, b) => b.count - a.count);
  const largest = ranked[0];
  const chartTitle = t("detail.communities.chartTitle", { name });
  // Drawn once per process for each set of figures and words (decision 058).
  const chartSvg = keptHorizontalBarChart({
    title: chartTitle,
    description: largest
      ? t("detail.communities.chartDescription", {
          community: largest.name,
          count: largest.count,
          share: formatShare(largest.share, locale),
        })
      : undefined,
    locale,
    bars: ranked.map((c) => ({
      label: c.name,
      value: c.count,
      valueLabel: t("detail.communities.barValue", { count: c.countText, share: c.shareText }),
    })),
  });

  const collator = new Intl.Collator(INTL_TAG[locale]);
  return {
    kasCode: municipality.kasCode,
    name,
    names: { sq: municipality.nameSq, sr: municipality.nameSr, srCyrl: municipality.nameSrCyrl },
    alternativeNames: parseAlternativeNames(municipality.nameAlt),
    district: localize(municipality.district, locale),
    population2024: municipality.population2024,
    population2024Enumerated: municipality.population2024Enumerated,
    population2024IsEstimate: municipality.population2024IsEstimate,
    population2011: municipality.population2011,
    population2024Text: number(municipality.population2024),
    population2011Text: municipality.population2011 === null ? null : number(municipality.population2011),
    estimateNote: municipality.population2024IsEstimate
      ? t("detail.facts.estimateNote", {
          enumerated: municipality.population2024Enumerated,
          estimated: municipality.population2024 - municipality.population2024Enumerated,
        })
      : null,
    communities: byCommunity,
    communityTotals: {
      count: number(totalCount),
      share: formatShare(shareOf(totalCount, municipality.population2024), locale),
    },
    settlementCountText: t("detail.facts.settlementCount", { count: settlements.length }),
    settlementsSummary: t("detail.settlements.show", { count: settlements.length }),
    chart: { title: chartTitle, svg: chartSvg },
    settlements: settlements.map((s) => settlementShown(s, locale)).sort((a, b) => collator.compare(a.name, b.name)),
    locator: map.shapes,
    sections,
    neighbours: (map.neighbours.get(kasCode) ?? [])
      .map((outline) => ({
        kasCode: outline.kasCode,
        href: `/${locale}/municipalities/${outline.kasCode}-${outline.slug}`,
        name: municipalityName(outline, locale),
      }))
      .sort((a, b) => collator.compare(a.name, b.name)),
  };
}

/**
 * A settlement as the reader sees it: Serbian readers get its Serbian name in their script, or its
 * Albanian name marked `lang="sq"` when it has only that (decision 037), and Bosnian readers the
 * Serbian Latin name (decision 043); the others get its name with its Cyrillic form beside it.
 */
function settlementShown(
  s: { id: number; name: string; nameCyrl: string | null },
  locale: Locale,
): { id: number; name: string; lang: string | null; nameCyrl: string | null } {
  if (locale === "sr-cyrl" || locale === "sr" || locale === "bs") {
    if (!s.nameCyrl) return { id: s.id, name: s.name, lang: LANGUAGE_TAG.sq, nameCyrl: null };
    return {
      id: s.id,
      name: locale === "sr-cyrl" ? s.nameCyrl : cyrillicToLatin(s.nameCyrl),
      lang: null,
      nameCyrl: null,
    };
  }
  return { id: s.id, name: s.name, lang: null, nameCyrl: s.nameCyrl && s.nameCyrl !== s.name ? s.nameCyrl : null };
}

function Fact({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div className="border-b border-slate-200 py-3 sm:grid sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
      <dt className="font-semibold text-slate-900">{term}</dt>
      <dd className="mt-1 sm:mt-0">{children}</dd>
    </div>
  );
}

export default function MunicipalityDetail({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("municipalities");
  const locale = localeFromParams(params);
  const m = loaderData;

  return (
    <article>
      <PageTitle title={m.name} />
      <p className="text-sm">
        <Link to={`/${locale}/municipalities`}>{t("detail.back")}</Link>
      </p>
      <h1 className="mt-2">{m.name}</h1>

      <div className="mt-6 grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <LabelledSection id="facts-heading" heading={t("detail.facts.heading")} headingClassName="sr-only">
          <dl className="border-t border-slate-200">
            <Fact term={t("detail.facts.officialNames")}>
              <ul className="space-y-1">
                <li>
                  <span lang="sq">{m.names.sq}</span>{" "}
                  <span className="text-slate-700">{t("detail.facts.albanian")}</span>
                </li>
                <li>
                  <span lang="sr-Latn">{m.names.sr}</span>{" "}
                  <span className="text-slate-700">{t("detail.facts.serbianLatin")}</span>
                </li>
                <li>
                  <span lang="sr-Cyrl">{m.names.srCyrl}</span>{" "}
                  <span className="text-slate-700">{t("detail.facts.serbianCyrillic")}</span>
                </li>
              </ul>
            </Fact>
            {m.alternativeNames.length > 0 ? (
              <Fact term={t("detail.facts.alternativeNames")}>
                <AlternativeNames groups={m.alternativeNames} locale={locale} />
              </Fact>
            ) : null}
            <Fact term={t("detail.facts.district")}>
              <span lang={m.district?.lang}>{m.district?.text}</span>
            </Fact>
            <Fact term={t("detail.facts.population2024")}>
              <span className="tabular-nums">{m.population2024Text}</span>
              {m.population2024IsEstimate ? (
                <>
                  {" "}
                  <Tag tone="warning">{t("detail.facts.estimate")}</Tag>
                  <p className="mt-1 text-sm text-slate-700">{m.estimateNote}</p>
                </>
              ) : null}
            </Fact>
            <Fact term={t("detail.facts.population2011")}>
              {m.population2011Text === null ? (
                <>
                  {t("detail.facts.notEnumerated")}
                  <p className="mt-1 text-sm text-slate-700">{t("detail.facts.notEnumeratedNote")}</p>
                </>
              ) : (
                <span className="tabular-nums">{m.population2011Text}</span>
              )}
            </Fact>
            <Fact term={t("detail.facts.settlements")}>
              {m.settlements.length > 0 ? (
                <a href="#settlements-heading">{m.settlementCountText}</a>
              ) : (
                m.settlementCountText
              )}
            </Fact>
          </dl>
        </LabelledSection>

        <aside aria-labelledby="locator-heading" className="max-w-xs">
          <h2 id="locator-heading" className="text-base">
            {t("detail.locator.heading")}
          </h2>
          <div className="mt-2">
            <LocatorMap
              shapes={m.locator}
              highlighted={m.kasCode}
              width={LOCATOR_MAP_FRAME.width}
              height={LOCATOR_MAP_FRAME.height}
              title={t("detail.locator.title", { name: m.name })}
              titleId="locator-map-title"
            />
          </div>
          {m.neighbours.length > 0 ? (
            <>
              <h3 className="mt-4 text-base">{t("detail.locator.neighbours")}</h3>
              <ul className="mt-1 space-y-1">
                {m.neighbours.map((n) => (
                  <li key={n.kasCode}>
                    <Link to={n.href}>{n.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </aside>
      </div>

      <section aria-labelledby="communities-heading" className="mt-10">
        <h2 id="communities-heading">{t("detail.communities.heading")}</h2>
        <div className="mt-4 grid gap-8 lg:grid-cols-2">
          <figure className="w-full max-w-md">
            <div dangerouslySetInnerHTML={{ __html: m.chart.svg }} />
            <figcaption id="communities-chart-caption" className="mt-2 text-sm text-slate-700">
              {m.chart.title}
              {m.population2024IsEstimate ? (
                <span className="block">{t("detail.communities.includesEstimate")}</span>
              ) : null}
            </figcaption>
          </figure>
          <WholeWords>
            <DataTable
              caption={t("detail.communities.tableCaption", { name: m.name })}
              rows={m.communities}
              rowKey={(c) => c.code}
              columns={[
                rowNameColumn("community", t("detail.communities.columns.community")),
                {
                  key: "count",
                  header: t("detail.communities.columns.count"),
                  numeric: true,
                  cell: (c) => c.countText,
                },
                {
                  key: "share",
                  header: t("detail.communities.columns.share"),
                  numeric: true,
                  cell: (c) => c.shareText,
                },
              ]}
              footer={
                <TotalsRow
                  label={t("detail.communities.total")}
                  totals={[m.communityTotals.count, m.communityTotals.share]}
                />
              }
            />
          </WholeWords>
        </div>
        <p className="mt-3 text-sm text-slate-700">{t("detail.communities.source")}</p>
      </section>

      <PageSections sections={m.sections} />

      <section aria-labelledby="settlements-heading" className="mt-10">
        <h2 id="settlements-heading">{t("detail.settlements.heading")}</h2>
        {m.settlements.length === 0 ? (
          <p className="mt-2">{t("detail.settlements.none")}</p>
        ) : (
          <details className="mt-3 rounded-lg border border-slate-200 p-4">
            <summary className="cursor-pointer font-semibold text-brand-700">{m.settlementsSummary}</summary>
            <ul className="mt-3 gap-6 sm:columns-2 lg:columns-3">
              {m.settlements.map((s) => (
                <li key={s.id} className="break-inside-avoid py-0.5">
                  {s.lang ? <span lang={s.lang}>{s.name}</span> : s.name}
                  {s.nameCyrl ? (
                    <span lang="sr-Cyrl" className="text-slate-700">
                      {" "}
                      {s.nameCyrl}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </details>
        )}
        <p className="mt-3 text-sm text-slate-700">{t("detail.settlements.source")}</p>
      </section>
    </article>
  );
}
