import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { DataTable } from "#app/components/data-table.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { isLocale, localeFromParams } from "#app/i18n/locales.ts";
import { NATIONAL_MAP_FRAME } from "#app/modules/municipalities/map-frames.ts";
import { loadProjectedOutlines } from "#app/modules/municipalities/projected-outlines.server.ts";
import { loadNeedCounts, loadStatsLayout, publishNeedStats } from "../../needs.stats.server.ts";
import { NEEDS_MAP_CLASSES, NeedsMap, NeedsMapLegend, needsMapColour } from "../components/needs-map.tsx";
import { STATS_DIMENSIONS, statsRows, type StatsRow } from "../needs-stats-view.server.ts";
import { needsTranslator } from "../translator.server.ts";
import type { Route } from "./+types/needs-stats";

/** Public statistics: four queries whatever the number of cases (counts from counters kept by triggers, decision 044); every count under 5 hidden before it leaves the server. */
export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const [counts, layout, outlines] = await Promise.all([
    loadNeedCounts(context.db),
    loadStatsLayout(context.db),
    loadProjectedOutlines(context.db, NATIONAL_MAP_FRAME),
  ]);
  const stats = publishNeedStats(counts, layout);
  const rows = statsRows(stats, layout, locale);
  const t = needsTranslator(locale);
  const paths = new Map(outlines.map((shape) => [shape.kasCode, shape.path]));
  const limit = (n: number) => formatNumber(n, locale);
  return {
    total: stats.total.state === "shown" ? formatNumber(stats.total.count ?? 0, locale) : t("public.stats.fewerThan5"),
    median:
      stats.medianResolutionDays === null
        ? null
        : formatNumber(stats.medianResolutionDays, locale, { maximumFractionDigits: 1 }),
    hasDemoCases: stats.hasDemoCases,
    withheldTables: STATS_DIMENSIONS.filter(
      (d) =>
        (d === "category"
          ? stats.byCategory
          : d === "municipality"
            ? stats.byMunicipality
            : d === "community"
              ? stats.byCommunity
              : stats.byStatus
        ).isWithheld,
    ),
    rows,
    mapAreas: rows.municipality.map((row) => ({
      kasCode: row.key,
      path: paths.get(row.key) ?? "",
      colour: needsMapColour(row.count),
      label: t("public.stats.mapAreaLabel", { name: row.label, value: row.text }),
    })),
    legend: [
      ...NEEDS_MAP_CLASSES.map((c) => ({
        key: String(c.lower),
        colour: c.colour as string | null,
        label:
          c.upper === null
            ? t("public.stats.legendAtLeast", { lower: limit(c.lower) })
            : t("public.stats.legendBetween", { lower: limit(c.lower), upper: limit(c.upper) }),
      })),
      { key: "hidden", colour: null, label: t("public.stats.legendHidden") },
    ],
  };
}

/**
 * The page's four tables, in their order. A dimension's section is headed `#by-<dimension>`, and its
 * heading, caption and column header are the catalog's `public.stats.by<Dimension>`, `by<Dimension>Caption` and
 * `<dimension>`.
 */
const STATS_SECTIONS = ["category", "status", "community", "municipality"] as const;

function StatsTable({ caption, header, rows }: { caption: string; header: string; rows: StatsRow[] }) {
  const { t } = useTranslation("needs");
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(row) => row.key}
      columns={[
        { key: "label", header, rowHeader: true, cell: (row) => row.label },
        {
          key: "count",
          header: t("public.stats.cases"),
          numeric: true,
          cell: (row) => (row.state === "shown" ? row.text : <em>{row.text}</em>),
        },
      ]}
    />
  );
}

export default function NeedsStats({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("needs");
  const locale = localeFromParams(params);
  const d = loaderData;
  return (
    <>
      <PageTitle title={t("public.stats.title")} />
      <PageHeader title={t("public.stats.title")} lead={t("public.stats.lead")}>
        <p className="mt-4 flex flex-wrap gap-3">
          <Link
            to={`/${locale}/needs/new`}
            className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
          >
            {t("public.stats.submitLink")}
          </Link>
          <Link
            to={`/${locale}/needs/track`}
            className="inline-flex min-h-11 items-center rounded px-4 py-2 font-semibold ring-1 ring-inset ring-brand-600"
          >
            {t("public.stats.trackLink")}
          </Link>
        </p>
      </PageHeader>

      <dl className="mb-6 grid gap-4 sm:grid-cols-2">
        <div className="rounded border border-slate-300 p-4">
          <dt className="text-sm">{t("public.stats.total")}</dt>
          <dd className="text-2xl font-bold">{d.total}</dd>
        </div>
        <div className="rounded border border-slate-300 p-4">
          <dt className="text-sm">{t("public.stats.median")}</dt>
          <dd className="text-2xl font-bold">
            {d.median === null ? t("public.stats.medianHidden") : t("public.stats.medianDays", { days: d.median })}
          </dd>
        </div>
      </dl>
      <p className="mb-2 max-w-3xl text-sm text-slate-700">{t("public.stats.suppressionNote")}</p>
      {d.hasDemoCases ? <p className="mb-2 max-w-3xl text-sm font-semibold">{t("public.stats.demoNote")}</p> : null}
      {d.withheldTables.length > 0 ? <p className="mb-2 text-sm">{t("public.stats.tableWithheld")}</p> : null}
      <p className="mb-8 text-sm">
        <a href={`/${locale}/needs/statistics.csv`} download>
          {t("public.stats.csv")}
        </a>{" "}
        · <a href="/api/v1/needs/stats">{t("public.stats.api")}</a>
      </p>

      <LabelledSection id="needs-map-heading" heading={t("public.stats.mapHeading")} className="mb-10">
        <div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <figure className="mx-auto w-full max-w-xl">
            <NeedsMap
              areas={d.mapAreas}
              width={NATIONAL_MAP_FRAME.width}
              height={NATIONAL_MAP_FRAME.height}
              labelledBy="needs-map-caption"
            />
            <figcaption id="needs-map-caption" className="mt-2 text-sm text-slate-700">
              {t("public.stats.mapCaption")}
            </figcaption>
          </figure>
          <NeedsMapLegend items={d.legend} headingId="needs-map-legend" />
        </div>
      </LabelledSection>

      <div className="grid gap-10 lg:grid-cols-2">
        {STATS_SECTIONS.map((dimension) => {
          const name = dimension.charAt(0).toUpperCase() + dimension.slice(1);
          return (
            <section key={dimension} aria-labelledby={`by-${dimension}`}>
              <h2 id={`by-${dimension}`} className="mb-3">
                {t(`public.stats.by${name}`)}
              </h2>
              <StatsTable
                caption={t(`public.stats.by${name}Caption`)}
                header={t(`public.stats.${dimension}`)}
                rows={d.rows[dimension]}
              />
            </section>
          );
        })}
      </div>
    </>
  );
}
