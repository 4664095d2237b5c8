import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { TranslationNote } from "#app/components/translated.tsx";
import { Link, useLocation } from "react-router";
import { DataTable, type Column } from "#app/components/data-table.tsx";
import { rowNameColumn } from "#app/components/row-header-columns.tsx";
import { TotalsRow } from "#app/components/totals-row.tsx";
import { KeepFiguresTogether } from "#app/components/keep-figures-together.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import type { ProgressView, SpentView, StatusView } from "../strategies.view.server.ts";
import { Content, DemoTag, ProgressBar, ProgressText, SpentText, StatusTag } from "./progress.tsx";

/*
 * The parts of the strategy and plan pages that show the kept figures and one page of rows: the
 * sectors section, the objectives, the table of a page of measures, the local plans table. The
 * loader renders each to static HTML once per content and language and keeps it
 * (`strategies.parts.server.tsx`, decision 063); the route places the HTML in its `<section>`.
 * Plain links with full paths (the public pages do not hydrate); every text comes formatted from the
 * loader or through the catalogs.
 */

export interface SectorsData {
  years: number[];
  chart: { title: string; svg: string } | null;
  totalsByYear: string[];
  totalPlanned: string;
  rows: {
    code: string;
    name: string;
    lang: string;
    measureCountLabel: string;
    plannedLabel: string;
    byYear: string[];
    spent: SpentView;
    progress: ProgressView;
  }[];
}

/** The inside of a plan's sectors section: progress, planned vs spent, the planned budget by sector and year (chart and table). */
export function SectorsPart({ sectors }: { sectors: SectorsData }) {
  const { t } = useTranslation("strategies");
  // The row header of both tables: the sector's name, in the language it is written in.
  const sectorColumn = rowNameColumn<SectorsData["rows"][number]>("sector", t("columns.sector"));
  return (
    <>
      <h2 id="sectors-heading">{t("sectors.heading")}</h2>
      <div className="mt-4">
        <DataTable
          caption={t("sectors.caption")}
          rows={sectors.rows}
          rowKey={(s) => s.code}
          columns={[
            sectorColumn,
            ...measureFigureColumns<SectorsData["rows"][number]>(t),
            { key: "spent", header: t("columns.spent"), numeric: true, cell: (s) => <SpentText spent={s.spent} /> },
            {
              key: "progress",
              header: t("columns.progress"),
              cell: (s) => <ProgressBar progress={s.progress} label={t("sectors.progressOf", { sector: s.name })} />,
            },
          ]}
        />
      </div>
      {sectors.chart ? (
        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <figure className="w-full max-w-xl">
            <div dangerouslySetInnerHTML={{ __html: sectors.chart.svg }} />
            <figcaption className="mt-2 text-sm text-slate-700">{sectors.chart.title}</figcaption>
          </figure>
          <DataTable
            caption={t("sectors.budgetCaption")}
            rows={sectors.rows}
            rowKey={(s) => s.code}
            columns={[
              sectorColumn,
              ...sectors.years.map((year, i) => ({
                key: String(year),
                header: String(year),
                numeric: true,
                cell: (s: SectorsData["rows"][number]) => s.byYear[i],
              })),
              { key: "total", header: t("columns.total"), numeric: true, cell: (s) => s.plannedLabel },
            ]}
            footer={<TotalsRow label={t("columns.total")} totals={[...sectors.totalsByYear, sectors.totalPlanned]} />}
          />
        </div>
      ) : null}
    </>
  );
}

export interface SectorName {
  code: string;
  name: string;
  lang: string;
}

export interface ObjectivesData {
  objectivesChoice: {
    totalLabel: string;
    sectors: { code: string; name: string; lang: string; href: string; countLabel: string }[];
  } | null;
  objectives: {
    key: string;
    code: string;
    title: LocalizedText | null;
    sectorCode: string;
    measureCountLabel: string;
    plannedLabel: string;
    progress: ProgressView;
  }[];
  sectorFilter: SectorName[];
}

/** The inside of the strategy page's objectives section: the objectives, or (a large plan) a choice of sector. */
export function ObjectivesPart({ objectivesChoice, objectives, sectorFilter }: ObjectivesData) {
  const { t } = useTranslation("strategies");
  return (
    <>
      <h2 id="objectives-heading">{t("objectives.heading")}</h2>
      {objectivesChoice ? (
        <>
          <p className="mt-2">
            {t("objectives.chooseSector", {
              total: objectivesChoice.totalLabel,
            })}
          </p>
          <ul className="mt-2 list-disc pl-6">
            {objectivesChoice.sectors.map((c) => (
              <li key={c.code}>
                <a href={c.href} lang={c.lang}>
                  {c.name}
                </a>{" "}
                ({t("objectives.count", { number: c.countLabel })})
              </li>
            ))}
          </ul>
        </>
      ) : (
        <div className="mt-4">
          <DataTable
            caption={t("objectives.caption")}
            rows={objectives}
            rowKey={(o) => o.key}
            columns={[
              {
                key: "code",
                nowrap: true,
                header: t("columns.code"),
                cell: (o) => o.code,
              },
              {
                key: "title",
                header: t("columns.objective"),
                rowHeader: true,
                cell: (o) => <Content value={o.title} />,
              },
              {
                key: "sector",
                header: t("columns.sector"),
                cell: (o) => {
                  const sector = sectorFilter.find((f) => f.code === o.sectorCode);
                  return <span lang={sector?.lang}>{sector?.name ?? o.sectorCode}</span>;
                },
              },
              ...measureFigureColumns<ObjectivesData["objectives"][number]>(t),
              {
                key: "progress",
                header: t("columns.progress"),
                cell: (o) => <ProgressText progress={o.progress} />,
              },
            ]}
          />
        </div>
      )}
    </>
  );
}

export interface MeasureRowsData {
  showImplements: boolean;
  rows: {
    id: number;
    href: string;
    code: string;
    title: LocalizedText | null;
    responsible: { name: LocalizedText | null; acronym: string | null };
    periodLabel: string;
    plannedLabel: string;
    spent: SpentView;
    status: StatusView;
    isDemo: boolean;
    implements: { href: string; code: string; title: LocalizedText | null } | null;
  }[];
}

/** The table of one page of a plan's measures. */
export function MeasuresTablePart({ rows, showImplements }: MeasureRowsData) {
  const { t } = useTranslation("strategies");
  return (
    <DataTable
      caption={t("measures.caption")}
      rows={rows}
      columns={[
        { nowrap: true, key: "code", header: t("columns.code"), cell: (m) => m.code },
        {
          key: "title",
          header: t("columns.measure"),
          rowHeader: true,
          cell: (m) => (
            <>
              <a href={m.href} lang={m.title?.lang}>
                {m.title?.text}
              </a>
              <TranslationNote value={m.title} spaced /> <DemoTag isDemo={m.isDemo} />
            </>
          ),
        },
        ...(showImplements
          ? [
              {
                key: "implements",
                header: t("columns.implements"),
                cell: (m: MeasureRowsData["rows"][number]) =>
                  m.implements ? (
                    <a href={m.implements.href} lang={m.implements.title?.lang}>
                      {m.implements.code} {m.implements.title?.text}
                    </a>
                  ) : (
                    t("measures.noNational")
                  ),
              },
            ]
          : []),
        {
          key: "responsible",
          header: t("columns.responsible"),
          cell: (m) => <Content value={m.responsible.name} />,
        },
        { nowrap: true, key: "period", header: t("columns.period"), cell: (m) => m.periodLabel },
        { key: "planned", header: t("columns.planned"), numeric: true, cell: (m) => m.plannedLabel },
        { key: "spent", header: t("columns.spent"), numeric: true, cell: (m) => <SpentText spent={m.spent} /> },
        { key: "status", header: t("columns.status"), cell: (m) => <StatusTag status={m.status} /> },
      ]}
    />
  );
}

export interface LocalPlansData {
  localPlans: {
    code: string;
    href: string;
    title: LocalizedText | null;
    municipality: { href: string; name: string } | null;
    isDemo: boolean;
    measureCountLabel: string;
    plannedLabel: string;
  }[];
}

/** The strategy page's table of local plans. */
export function LocalPlansPart({ localPlans }: LocalPlansData) {
  const { t } = useTranslation("strategies");
  return (
    <DataTable
      caption={t("localPlans.caption")}
      rows={localPlans}
      rowKey={(p) => p.code}
      columns={[
        {
          key: "municipality",
          header: t("columns.municipality"),
          rowHeader: true,
          cell: (p) => (p.municipality ? <a href={p.municipality.href}>{p.municipality.name}</a> : null),
        },
        {
          key: "plan",
          header: t("columns.plan"),
          cell: (p) => (
            <>
              <a href={p.href} lang={p.title?.lang}>
                <KeepFiguresTogether text={p.title?.text} />
              </a>{" "}
              <DemoTag isDemo={p.isDemo} />
            </>
          ),
        },
        ...measureFigureColumns<LocalPlansData["localPlans"][number]>(t),
      ]}
    />
  );
}

/** A plan's measures: the sector filter (plain links), the kept table of one page, pagination. */
export function MeasuresSection({
  measures,
  tableHtml,
  sectors,
}: {
  measures: { page: number; pageSize: number; sector: string | null; total: number; totalLabel: string };
  tableHtml: string;
  sectors: SectorName[];
}) {
  const { t } = useTranslation("strategies");
  const location = useLocation();
  const filterHref = (code: string | null) => (code ? `?sector=${code}#measures-heading` : "?#measures-heading");
  return (
    <section aria-labelledby="measures-heading" className="mt-10">
      <h2 id="measures-heading">{t("measures.heading")}</h2>
      <nav aria-label={t("measures.filterLabel")} className="mt-3">
        <ul className="flex flex-wrap gap-2 text-sm">
          {[{ code: null, name: t("measures.allSectors"), lang: undefined }, ...sectors].map((s) => (
            <li key={s.code ?? "all"}>
              <Link
                to={filterHref(s.code)}
                lang={s.lang}
                aria-current={measures.sector === s.code ? "page" : undefined}
                className={`inline-block rounded border px-2 py-1 ${measures.sector === s.code ? "border-brand-700 bg-brand-700 text-white hover:text-white" : "border-slate-300"}`}
              >
                {s.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-4" dangerouslySetInnerHTML={{ __html: tableHtml }} />
      <Pagination
        page={measures.page}
        pageSize={measures.pageSize}
        total={measures.total}
        totalLabel={measures.totalLabel}
        search={location.search}
      />
    </section>
  );
}

/** The columns of a group of measures' count and planned budget (`measureFigureLabels`): sectors, objectives, local plans. */
function measureFigureColumns<Row extends { measureCountLabel: string; plannedLabel: string }>(
  t: TFunction<"strategies">,
): Column<Row>[] {
  return [
    { key: "measures", header: t("columns.measures"), numeric: true, cell: (row) => row.measureCountLabel },
    { key: "planned", header: t("columns.planned"), numeric: true, cell: (row) => row.plannedLabel },
  ];
}
