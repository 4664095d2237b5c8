import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { Link } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { TotalsRow } from "#app/components/totals-row.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { DownloadLinks } from "../components/download-links.tsx";
import { Content, DemoNotice, DemoTag, SpentText, StatusTag } from "../components/progress.tsx";
import { measureLoader } from "../strategies.parts.server.tsx";
import type { Route } from "./+types/measure-detail";

export async function loader(args: Route.LoaderArgs) {
  return measureLoader(args);
}

function Fact({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div className="border-b border-slate-200 py-2 sm:grid sm:grid-cols-[14rem_minmax(0,1fr)] sm:gap-4">
      <dt className="font-semibold">{term}</dt>
      <dd className="mt-1 sm:mt-0">{children}</dd>
    </div>
  );
}

export default function MeasureDetail({ loaderData: m }: Route.ComponentProps) {
  const { t } = useTranslation("strategies");
  return (
    <article>
      <PageTitle title={`${m.code} ${m.title?.text ?? ""}`} />
      <p className="text-sm">
        <Link to={m.plan.href} lang={m.plan.title?.lang}>
          {m.plan.title?.text}
        </Link>
        <TranslationNote value={m.plan.title} spaced />
      </p>
      <h1 className="mt-2">
        <span className="text-slate-700">{m.code}</span> <span lang={m.title?.lang}>{m.title?.text}</span>
      </h1>
      <p className="mt-2 flex flex-wrap gap-2">
        <DemoTag isDemo={m.isDemo} />
        <StatusTag status={m.status} />
        {m.disputes.length > 0 ? (
          <a href="#disputes-heading" className="text-sm">
            {t("disputes.heading")} ({m.disputes.length})
          </a>
        ) : null}
      </p>
      <DemoNotice isDemo={m.isDemo} />
      {m.description ? (
        <div className="mt-4 max-w-3xl">
          <Content value={m.description} as="p" />
        </div>
      ) : null}

      <dl className="mt-6 border-t border-slate-200">
        <Fact term={t("columns.strategy")}>
          <Link to={m.strategy.href} lang={m.strategy.title?.lang}>
            {m.strategy.title?.text}
          </Link>
          <TranslationNote value={m.strategy.title} spaced />
        </Fact>
        {m.plan.municipality ? (
          <Fact term={t("columns.municipality")}>
            <Link to={m.plan.municipality.href}>{m.plan.municipality.name}</Link>
          </Fact>
        ) : null}
        <Fact term={t("columns.sector")}>
          <Content value={m.sector} />
        </Fact>
        <Fact term={t("columns.objective")}>
          {m.objective.code} <Content value={m.objective.title} />
        </Fact>
        <Fact term={t("columns.period")}>
          <time dateTime={m.startDate}>{m.periodLabel}</time>
        </Fact>
        <Fact term={t("columns.responsible")}>
          <Content value={m.responsible.name} />
          {m.responsible.acronym ? ` (${m.responsible.acronym})` : ""}
        </Fact>
        <Fact term={t("measure.supporting")}>
          {m.supporting.length === 0 ? (
            t("measure.none")
          ) : (
            <ul>
              {m.supporting.map((o) => (
                <li key={o.id}>
                  <Content value={o.name} />
                  {o.acronym ? ` (${o.acronym})` : ""}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact term={t("measure.communities")}>
          {m.communities.length === 0
            ? t("measure.none")
            : m.communities.map((c, i) => (
                <span key={c.code}>
                  {i > 0 ? ", " : ""}
                  <span lang={c.name?.lang}>{c.name?.text}</span>
                </span>
              ))}
        </Fact>
        {m.implements ? (
          <Fact term={t("columns.implements")}>
            <Link to={m.implements.href} lang={m.implements.title?.lang}>
              {m.implements.code} {m.implements.title?.text}
            </Link>
          </Fact>
        ) : null}
      </dl>

      <section aria-labelledby="official-heading" className="mt-10 grid gap-6 lg:grid-cols-2">
        <div>
          <h2 id="official-heading">{t("measure.officialStatus")}</h2>
          <dl className="mt-2">
            <Fact term={t("columns.status")}>
              <StatusTag status={m.status} />
              {m.status.kind === "reported" ? (
                <span className="ms-2 text-sm text-slate-700">{m.status.cycleLabel}</span>
              ) : null}
            </Fact>
            <Fact term={t("columns.spent")}>
              <SpentText spent={m.budget.spent} /> / {m.budget.totalLabel}
            </Fact>
          </dl>
          <p className="mt-2 text-sm text-slate-700">{t("progress.explanation")}</p>
        </div>
        <div>
          <h2 id="disputes-heading">{t("disputes.heading")}</h2>
          {m.disputes.length === 0 ? (
            <p className="mt-2">{t("disputes.none")}</p>
          ) : (
            <>
              <p className="mt-2 text-sm text-slate-700">{t("disputes.lead")}</p>
              <ul className="mt-2 space-y-3">
                {m.disputes.map((d) => (
                  <li key={d.id} className="rounded border-s-4 border-amber-600 bg-amber-50 p-3">
                    <p className="text-sm font-semibold">
                      {t("disputes.by", { organisation: d.organisation, cycle: d.cycleLabel, date: d.dateLabel })}
                    </p>
                    {d.indicator ? (
                      <p className="text-sm">{t("disputes.indicator", { indicator: d.indicator })}</p>
                    ) : null}
                    <p className="mt-1 whitespace-pre-line" lang={d.lang}>
                      {d.body}
                    </p>
                    {d.evidence.length > 0 ? (
                      <ul className="mt-1 flex flex-wrap gap-3 text-sm">
                        {d.evidence.map((href, i) => (
                          <li key={href}>
                            <a href={href} rel="nofollow noopener">
                              {t("disputes.evidence", { n: i + 1 })}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </section>

      <section aria-labelledby="budget-heading" className="mt-10">
        <h2 id="budget-heading">{t("measure.budgetHeading")}</h2>
        <div className="mt-4 max-w-3xl">
          <DataTable
            caption={t("measure.budgetCaption")}
            rows={m.budget.rows}
            rowKey={(r) => String(r.year)}
            columns={[
              { nowrap: true, key: "year", header: t("columns.year"), rowHeader: true, cell: (r) => r.year },
              ...m.budget.sources.map((source, i) => ({
                key: source,
                header: t(`source.${source}`),
                numeric: true,
                cell: (r: (typeof m.budget.rows)[number]) => r.cells[i],
              })),
              { key: "total", header: t("columns.total"), numeric: true, cell: (r) => r.total },
            ]}
            footer={<TotalsRow label={t("columns.total")} totals={[...m.budget.sourceTotals, m.budget.totalLabel]} />}
          />
        </div>
        <p className="mt-3">
          {t("columns.spent")}: <SpentText spent={m.budget.spent} />
        </p>
      </section>

      <section aria-labelledby="indicators-heading" className="mt-10">
        <h2 id="indicators-heading">{t("indicators.heading")}</h2>
        {m.indicators.length === 0 ? <p className="mt-2">{t("indicators.none")}</p> : null}
        {m.indicators.map((indicator) => (
          <section
            key={indicator.id}
            aria-labelledby={`indicator-${indicator.id}`}
            className="mt-6 rounded-lg border border-slate-200 p-4"
          >
            <h3 id={`indicator-${indicator.id}`} className="text-lg">
              <span className="text-slate-700">{indicator.code}</span>{" "}
              <span lang={indicator.name?.lang}>{indicator.name?.text}</span>
            </h3>
            <p className="mt-1 flex flex-wrap gap-2 text-sm">
              <DemoTag isDemo={indicator.isDemo} />
              <span>{t(`unit.${indicator.unit}`)}</span>
              <span>· {t(`direction.${indicator.direction}`)}</span>
              {indicator.byCommunity ? (
                <span>· {t("indicators.byCommunity", { communities: indicator.disaggregation.join(", ") })}</span>
              ) : null}
              {indicator.byGender ? <span>· {t("indicators.byGender")}</span> : null}
            </p>
            <div className="mt-4 grid gap-6 lg:grid-cols-2">
              <DataTable
                caption={t("indicators.tableCaption", { code: indicator.code })}
                rows={[
                  ...(indicator.baselineLabel !== null
                    ? [
                        {
                          key: "baseline",
                          year: indicator.baselineYear ?? "",
                          kind: t("indicators.baseline"),
                          value: indicator.baselineLabel,
                        },
                      ]
                    : []),
                  ...indicator.targets.map((target) => ({
                    key: `target-${target.year}`,
                    year: target.year,
                    kind: t("indicators.target"),
                    value: target.label,
                  })),
                  ...(indicator.actuals.kind === "reported"
                    ? indicator.actuals.rows.map((row, i) => ({
                        key: `actual-${i}`,
                        year: row.year,
                        kind: row.community
                          ? t("indicators.actualFor", { community: row.community })
                          : row.gender
                            ? t("indicators.actualForGender", { gender: t(`gender.${row.gender}`) })
                            : t("indicators.actual"),
                        value: row.label,
                      }))
                    : []),
                ]}
                rowKey={(r) => r.key}
                columns={[
                  { nowrap: true, key: "year", header: t("columns.year"), rowHeader: true, cell: (r) => r.year },
                  { key: "kind", header: t("indicators.valueKind"), cell: (r) => r.kind },
                  { key: "value", header: t("indicators.value"), numeric: true, cell: (r) => r.value },
                ]}
              />
              {indicator.chart ? (
                <figure className="w-full max-w-xl">
                  <div dangerouslySetInnerHTML={{ __html: indicator.chart.svg }} />
                  <figcaption className="mt-2 text-sm text-slate-700">{indicator.chart.title}</figcaption>
                </figure>
              ) : null}
            </div>
            {indicator.actuals.kind === "not_reported" ? (
              <p className="mt-3 text-sm text-slate-700">{t("indicators.actualsNotReported")}</p>
            ) : null}
          </section>
        ))}
        <DownloadLinks href={m.indicatorsDownloadHref} label={t("downloads.indicators")} />
      </section>

      <LabelledSection id="history-heading" heading={t("history.heading")} className="mt-10">
        {m.history.length === 0 ? (
          <p className="mt-2">{t("history.none")}</p>
        ) : (
          <div className="mt-4">
            <DataTable
              caption={t("history.caption")}
              rows={m.history}
              rowKey={(h) => String(h.cycleId)}
              columns={[
                { key: "cycle", header: t("history.cycle"), rowHeader: true, cell: (h) => h.cycleLabel },
                { nowrap: true, key: "period", header: t("history.period"), cell: (h) => h.periodLabel },
                { key: "status", header: t("columns.status"), cell: (h) => <StatusTag status={h.status} /> },
                { key: "spent", header: t("columns.spent"), numeric: true, cell: (h) => <SpentText spent={h.spent} /> },
                {
                  key: "achievements",
                  header: t("history.achievements"),
                  cell: (h) =>
                    h.achievements ? (
                      <span className="whitespace-pre-line" lang={h.achievements.lang}>
                        {h.achievements.text}
                      </span>
                    ) : null,
                },
              ]}
            />
          </div>
        )}
      </LabelledSection>

      {m.plan.kind === "national" ? (
        <LabelledSection id="implementing-heading" heading={t("measure.implementingHeading")} className="mt-10">
          <div className="mt-4">
            <DataTable
              caption={t("measure.implementingCaption")}
              rows={m.implementing}
              columns={[
                {
                  key: "municipality",
                  header: t("columns.municipality"),
                  cell: (r) => <Link to={r.municipality.href}>{r.municipality.name}</Link>,
                },
                {
                  key: "measure",
                  header: t("columns.measure"),
                  rowHeader: true,
                  cell: (r) => (
                    <>
                      <Link to={r.href} lang={r.title?.lang}>
                        {r.code} {r.title?.text}
                      </Link>{" "}
                      <DemoTag isDemo={r.isDemo} />
                    </>
                  ),
                },
                {
                  key: "responsible",
                  header: t("columns.responsible"),
                  cell: (r) => <Content value={r.responsible.name} />,
                },
                { key: "planned", header: t("columns.planned"), numeric: true, cell: (r) => r.plannedLabel },
                { key: "status", header: t("columns.status"), cell: (r) => <StatusTag status={r.status} /> },
              ]}
            />
          </div>
        </LabelledSection>
      ) : null}
    </article>
  );
}
