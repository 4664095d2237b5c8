import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { Button } from "#app/components/button.tsx";
import { DataTable } from "#app/components/data-table.tsx";
import { TotalsRow } from "#app/components/totals-row.tsx";
import { SelectField } from "#app/components/form-fields.tsx";
import { MapSection, nameLinkColumn } from "#app/components/map-section.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { isLocale, INTL_TAG, LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { localize, localizedString } from "#app/i18n/translated-text.ts";
import { listCommunities } from "#app/modules/reference/reference.queries.server.ts";
import { ChoroplethMap } from "../choropleth-map.tsx";
import { MapLegend, type LegendItem } from "../components/map-legend.tsx";
import { WholeWords } from "../components/whole-words.tsx";
import { NATIONAL_MAP_FRAME } from "../map-frames.ts";
import { listMunicipalities } from "../municipalities.queries.server.ts";
import { parseMunicipalityListQuery } from "../municipalities.schema.ts";
import { loadProjectedOutlines } from "../projected-outlines.server.ts";
import { municipalityName } from "../municipality-name.ts";
import { MUNICIPALITY_SORTS, type MunicipalitySort } from "../municipality-sort.ts";
import {
  formatShare,
  formatShareLimit,
  largestNonMajorityCommunity,
  NO_MEMBERS_CLASS,
  shareClass,
  shareClassRanges,
  shareOf,
} from "../shares.ts";
import { municipalitiesTranslator } from "../translator.server.ts";
import type { Route } from "./+types/municipalities-index";

/** One municipality with the figures the page is built from. */
interface MunicipalityFigures {
  kasCode: string;
  href: string;
  name: string;
  district: string;
  districtLang: string;
  population2024: number;
  population2024IsEstimate: boolean;
  population2011: number | null;
  count: number;
  share: number;
}

function compareFigures(
  sort: MunicipalitySort,
  locale: Locale,
): (a: MunicipalityFigures, b: MunicipalityFigures) => number {
  const collator = new Intl.Collator(INTL_TAG[locale]);
  const byName = (a: MunicipalityFigures, b: MunicipalityFigures) => collator.compare(a.name, b.name);
  if (sort === "share") return (a, b) => b.share - a.share || byName(a, b);
  if (sort === "count") return (a, b) => b.count - a.count || byName(a, b);
  if (sort === "population") return (a, b) => b.population2024 - a.population2024 || byName(a, b);
  return byName;
}

function listOf(names: string[], locale: Locale): string {
  return new Intl.ListFormat(INTL_TAG[locale], { type: "conjunction" }).format(
    [...names].sort(new Intl.Collator(INTL_TAG[locale]).compare),
  );
}

/** The legend's entries: each colour class with its limits, then the hatching for "no members". */
function legendItems(
  shareClasses: number[],
  locale: Locale,
  t: ReturnType<typeof municipalitiesTranslator>,
): LegendItem[] {
  const limit = (share: number) => formatShareLimit(share, locale);
  const count = (index: number) => shareClasses.filter((c) => c === index).length;
  return [
    ...shareClassRanges().map((range) => ({
      key: String(range.index),
      colour: range.colour,
      count: count(range.index),
      label:
        range.index === 1
          ? t("index.legend.below", { upper: limit(range.upper ?? 0) })
          : range.upper === null
            ? t("index.legend.atLeast", { lower: limit(range.lower) })
            : t("index.legend.between", { lower: limit(range.lower), upper: limit(range.upper) }),
    })),
    { key: "none", colour: null, count: count(NO_MEMBERS_CLASS), label: t("index.legend.none") },
  ];
}

/**
 * Builds the page on the server, numbers and lists already formatted for the reader: browsers
 * do not all carry the same locale data (some have none for Albanian), and text formatted twice
 * could differ between the server's HTML and the browser's hydration.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const [communities, municipalities, outlines] = await Promise.all([
    listCommunities(context.db),
    listMunicipalities(context.db),
    loadProjectedOutlines(context.db, NATIONAL_MAP_FRAME),
  ]);
  const fallback =
    largestNonMajorityCommunity(
      communities,
      municipalities.map((m) => m.communities),
    ) ??
    communities[0]?.code ??
    "";
  const query = parseMunicipalityListQuery(
    new URL(request.url).searchParams,
    communities.map((c) => c.code),
    fallback,
  );
  const community = communities.find((c) => c.code === query.community);
  const paths = new Map(outlines.map((shape) => [shape.kasCode, shape.path]));
  const t = municipalitiesTranslator(locale);
  const number = (value: number) => formatNumber(value, locale);

  const figures = municipalities
    .map((m): MunicipalityFigures => {
      const count = m.communities[query.community] ?? 0;
      const district = localize(m.district, locale);
      return {
        kasCode: m.kasCode,
        href: `/${locale}/municipalities/${m.kasCode}-${m.slug}`,
        name: municipalityName(m, locale),
        district: district?.text ?? "",
        districtLang: district?.lang ?? LANGUAGE_TAG[locale],
        population2024: m.population2024,
        population2024IsEstimate: m.population2024IsEstimate,
        population2011: m.population2011,
        count,
        share: shareOf(count, m.population2024),
      };
    })
    .sort(compareFigures(query.sort, locale));

  const rows = figures.map((f) => {
    const shareText = formatShare(f.share, locale);
    return {
      ...f,
      shareClass: shareClass(f.count, f.population2024),
      path: paths.get(f.kasCode) ?? "",
      mapLabel:
        f.count === 0
          ? t("index.map.areaLabelNone", { name: f.name })
          : t("index.map.areaLabel", { name: f.name, share: shareText, count: f.count, countText: number(f.count) }),
      population2024Text: number(f.population2024),
      population2011Text: f.population2011 === null ? null : number(f.population2011),
      countText: number(f.count),
      shareText,
    };
  });

  const population2024 = figures.reduce((sum, f) => sum + f.population2024, 0);
  const count = figures.reduce((sum, f) => sum + f.count, 0);
  const estimated = figures.filter((f) => f.population2024IsEstimate).map((f) => f.name);
  const notEnumerated2011 = figures.filter((f) => f.population2011 === null).map((f) => f.name);
  return {
    query,
    community: { code: query.community, name: localizedString(community?.name, locale) },
    communityOptions: communities.map((c) => ({ code: c.code, name: localizedString(c.name, locale) })),
    rows,
    legend: legendItems(
      rows.map((row) => row.shareClass),
      locale,
      t,
    ),
    totals: {
      population2024: number(population2024),
      population2011: number(figures.reduce((sum, f) => sum + (f.population2011 ?? 0), 0)),
      count: number(count),
      share: formatShare(shareOf(count, population2024), locale),
    },
    notes: {
      estimate:
        estimated.length > 0
          ? t("index.notes.estimate", { municipalities: listOf(estimated, locale), count: estimated.length })
          : null,
      notEnumerated2011:
        notEnumerated2011.length > 0
          ? t("index.notes.notEnumerated2011", {
              municipalities: listOf(notEnumerated2011, locale),
              count: notEnumerated2011.length,
            })
          : null,
    },
  };
}

/** A note under the table (its cells link to its id), led by its title in bold; nothing when there is nothing to note. */
function TableNote({ id, title, text }: { id: string; title: string; text: string | null }) {
  return text ? (
    <p id={id}>
      <strong>{title}</strong> {text}
    </p>
  ) : null;
}

export default function MunicipalitiesIndex({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("municipalities");
  const { query, community, rows, totals, notes } = loaderData;
  const mapAreas = rows.map((row) => ({
    kasCode: row.kasCode,
    href: row.href,
    shareClass: row.shareClass,
    path: row.path,
    label: row.mapLabel,
  }));

  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />

      <Form
        method="get"
        key={`${query.community}-${query.sort}`}
        className="mb-8 flex flex-col gap-x-4 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:flex-row sm:flex-wrap sm:items-end"
      >
        <div className="sm:w-72">
          <SelectField
            name="community"
            label={t("index.form.community")}
            hint={t("index.form.communityHint")}
            defaultValue={query.community}
          >
            {loaderData.communityOptions.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="sm:w-72">
          <SelectField name="sort" label={t("index.form.sort")} defaultValue={query.sort}>
            {MUNICIPALITY_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`index.sort.${sort}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <Button className="mb-5 self-start sm:self-end">{t("index.form.submit")}</Button>
      </Form>

      <section aria-labelledby="municipality-map-heading">
        <MapSection
          headingId="municipality-map-heading"
          heading={t("index.map.heading", { community: community.name })}
          hint={t("index.map.hint")}
          skipTo="municipality-table"
          skipLabel={t("index.map.skip")}
          map={
            <ChoroplethMap
              areas={mapAreas}
              width={NATIONAL_MAP_FRAME.width}
              height={NATIONAL_MAP_FRAME.height}
              labelledBy="municipality-map-caption"
            />
          }
          captionId="municipality-map-caption"
          caption={t("index.map.caption", { community: community.name })}
        >
          <MapLegend items={loaderData.legend} headingId="municipality-map-legend" />
        </MapSection>
      </section>

      <section id="municipality-table" aria-labelledby="municipality-table-heading" className="mt-10" tabIndex={-1}>
        <h2 id="municipality-table-heading" className="mb-3">
          {t("index.table.heading")}
        </h2>
        <WholeWords>
          <DataTable
            caption={t("index.table.caption", { community: community.name, sort: t(`index.sort.${query.sort}`) })}
            rows={rows}
            rowKey={(row) => row.kasCode}
            columns={[
              nameLinkColumn(t("index.columns.name")),
              {
                key: "district",
                header: t("index.columns.district"),
                cell: (row) => <span lang={row.districtLang}>{row.district}</span>,
              },
              {
                key: "population2024",
                header: t("index.columns.population2024"),
                numeric: true,
                cell: (row) => (
                  <>
                    {row.population2024Text}
                    {row.population2024IsEstimate ? (
                      <>
                        {" "}
                        <a href="#note-estimate" className="whitespace-nowrap">
                          {t("index.estimateMark")}
                        </a>
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                key: "population2011",
                header: t("index.columns.population2011"),
                numeric: true,
                cell: (row) =>
                  row.population2011Text === null ? (
                    <a href="#note-2011" className="whitespace-nowrap text-xs">
                      {t("index.notEnumerated")}
                    </a>
                  ) : (
                    row.population2011Text
                  ),
              },
              { key: "count", header: community.name, numeric: true, cell: (row) => row.countText },
              { key: "share", header: t("index.columns.share"), numeric: true, cell: (row) => row.shareText },
            ]}
            footer={
              <TotalsRow
                label={t("index.table.total")}
                totals={[null, totals.population2024, totals.population2011, totals.count, totals.share]}
              />
            }
          />
        </WholeWords>
        <div className="mt-4 max-w-3xl space-y-2 text-sm text-slate-700">
          <TableNote id="note-estimate" title={t("index.notes.estimateTitle")} text={notes.estimate} />
          <TableNote id="note-2011" title={t("index.notes.notEnumerated2011Title")} text={notes.notEnumerated2011} />
          <p>{t("index.notes.source")}</p>
        </div>
      </section>
    </>
  );
}
