import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { Translated, TranslationNote } from "#app/components/translated.tsx";
import type { LocalizedText } from "#app/i18n/translated-text.ts";

/** A row of the public project table, every text already formatted by the loader. */
export interface ProjectTableRow {
  id: number;
  href: string;
  title: LocalizedText;
  funders: LocalizedText[];
  implementers: LocalizedText[];
  where: string;
  sectors: string;
  communities: string;
  status: string;
  dates: string;
  budget: string;
}

/** Names of organisations, each in its own language (with its note), comma-separated. */
function Names({ names }: { names: LocalizedText[] }) {
  return names.map((name, i) => (
    <Fragment key={`${i}-${name.text}`}>
      {i > 0 ? ", " : null}
      <Translated value={name} />
    </Fragment>
  ));
}

/** Who does what where: one row per project. */
export function ProjectsTable({ rows, caption }: { rows: ProjectTableRow[]; caption: string }) {
  const { t } = useTranslation("projects");
  return (
    <DataTable
      caption={caption}
      rows={rows}
      columns={[
        {
          key: "title",
          header: t("table.title"),
          rowHeader: true,
          cell: (r) => (
            <>
              <Link to={r.href} lang={r.title.lang}>
                {r.title.text}
              </Link>
              <TranslationNote value={r.title} spaced />
            </>
          ),
        },
        {
          key: "who",
          header: t("table.who"),
          cell: (r) => (
            <>
              <Names names={r.funders} />
              {r.implementers.length ? (
                <>
                  <br />
                  <span className="text-slate-700">
                    <Names names={r.implementers} />
                  </span>
                </>
              ) : null}
            </>
          ),
        },
        {
          key: "what",
          header: t("table.what"),
          cell: (r) => (
            <>
              {r.sectors}
              {r.communities ? (
                <>
                  <br />
                  <span className="text-slate-700">{r.communities}</span>
                </>
              ) : null}
            </>
          ),
        },
        { key: "where", header: t("table.where"), cell: (r) => r.where },
        {
          key: "when",
          header: t("table.when"),
          cell: (r) => (
            <>
              {r.dates.split(" – ").map((date, i) => (
                <Fragment key={date + i}>
                  {i > 0 ? " – " : ""}
                  <span className="whitespace-nowrap">{date}</span>
                </Fragment>
              ))}
              <br />
              <span className="text-slate-700">{r.status}</span>
            </>
          ),
        },
        { key: "budget", header: t("table.budget"), numeric: true, cell: (r) => r.budget },
      ]}
    />
  );
}

/** The figures above a list of projects, formatted by the loader (`summaryOf`). */
export interface ProjectsSummaryView {
  total: number;
  totalText: string;
  budget: string | null;
  otherCurrency: number;
  otherCurrencyText: string;
}

/**
 * The line above a list of projects (announced when it changes): how many match and their budget in euros; with
 * `otherCurrency`, also how many of them have a budget in another currency (the 3W page).
 */
export function ProjectsSummary({
  summary,
  className,
  otherCurrency = false,
}: {
  summary: ProjectsSummaryView;
  className: string;
  otherCurrency?: boolean;
}) {
  const { t } = useTranslation("projects");
  return (
    <p className={className} role="status">
      {t("summary", {
        count: summary.total,
        countText: summary.totalText,
        budget: summary.budget ?? t("table.noBudget"),
      })}
      {otherCurrency && summary.otherCurrency > 0
        ? ` ${t("summaryOtherCurrency", { count: summary.otherCurrency, countText: summary.otherCurrencyText })}`
        : null}
    </p>
  );
}
