import { useTranslation } from "react-i18next";
import { TranslationNote } from "#app/components/translated.tsx";
import { Link, useLocation } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import type { ProgressView, SpentView, StatusView } from "../strategies.view.server.ts";
import { Content, DemoTag, ProgressBar, SpentText, StatusTag } from "./progress.tsx";

interface SectorsData {
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

/** The sectors of a plan: progress, planned vs spent, and the planned budget by sector and year (chart and table). */
export function SectorsSection({ sectors }: { sectors: SectorsData }) {
  const { t } = useTranslation("strategies");
  return (
    <section aria-labelledby="sectors-heading" className="mt-10">
      <h2 id="sectors-heading">{t("sectors.heading")}</h2>
      <div className="mt-4">
        <DataTable
          caption={t("sectors.caption")}
          rows={sectors.rows}
          rowKey={(s) => s.code}
          columns={[
            {
              key: "sector",
              header: t("columns.sector"),
              rowHeader: true,
              cell: (s) => <span lang={s.lang}>{s.name}</span>,
            },
            { key: "measures", header: t("columns.measures"), numeric: true, cell: (s) => s.measureCountLabel },
            { key: "planned", header: t("columns.planned"), numeric: true, cell: (s) => s.plannedLabel },
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
              {
                key: "sector",
                header: t("columns.sector"),
                rowHeader: true,
                cell: (s) => <span lang={s.lang}>{s.name}</span>,
              },
              ...sectors.years.map((year, i) => ({
                key: String(year),
                header: String(year),
                numeric: true,
                cell: (s: SectorsData["rows"][number]) => s.byYear[i],
              })),
              { key: "total", header: t("columns.total"), numeric: true, cell: (s) => s.plannedLabel },
            ]}
            footer={
              <tr className="border-t-2 border-slate-400 font-semibold">
                <th scope="row" className="px-2 py-2 text-left">
                  {t("columns.total")}
                </th>
                {sectors.totalsByYear.map((total, i) => (
                  <td key={sectors.years[i]} className="px-2 py-2 text-right tabular-nums">
                    {total}
                  </td>
                ))}
                <td className="px-2 py-2 text-right tabular-nums">{sectors.totalPlanned}</td>
              </tr>
            }
          />
        </div>
      ) : null}
    </section>
  );
}

interface MeasuresData {
  page: number;
  pageSize: number;
  sector: string | null;
  total: number;
  totalLabel: string;
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

/** A plan's measures: sector filter (plain links), one page of the table, pagination. */
export function MeasuresSection({
  measures,
  sectors,
  showImplements,
}: {
  measures: MeasuresData;
  sectors: { code: string; name: string; lang: string }[];
  showImplements: boolean;
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
      <div className="mt-4">
        <DataTable
          caption={t("measures.caption")}
          rows={measures.rows}
          rowKey={(m) => String(m.id)}
          columns={[
            { nowrap: true, key: "code", header: t("columns.code"), cell: (m) => m.code },
            {
              key: "title",
              header: t("columns.measure"),
              rowHeader: true,
              cell: (m) => (
                <>
                  <Link to={m.href} lang={m.title?.lang}>
                    {m.title?.text}
                  </Link>
                  <TranslationNote value={m.title} spaced /> <DemoTag isDemo={m.isDemo} />
                </>
              ),
            },
            ...(showImplements
              ? [
                  {
                    key: "implements",
                    header: t("columns.implements"),
                    cell: (m: MeasuresData["rows"][number]) =>
                      m.implements ? (
                        <Link to={m.implements.href} lang={m.implements.title?.lang}>
                          {m.implements.code} {m.implements.title?.text}
                        </Link>
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
      </div>
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
