import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Translated } from "#app/components/translated.tsx";
import { formatPercentValue } from "#app/i18n/format.ts";
import { isLocale } from "#app/i18n/locales.ts";
import { loadProjectChoices, loadProjectInputs, loadResultsFrameworks } from "../projects.queries.server.ts";
import { projectsPolicy } from "../projects.policy.ts";
import { dateRange, formatMoney, namesFor, projectsTranslator, textOf } from "../projects.view.server.ts";
import { resultsView } from "../results-view.server.ts";
import { linkedDocumentsView, listLinkedDocuments } from "../project-documents.server.ts";
import type { Route } from "./+types/project-detail";
import { requireIdParam } from "#app/services/ids.ts";

export type ResultsViewModel = ReturnType<typeof resultsView>;

/** One project: public once validated; its organisation and the Office see it before. Six queries. */
export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const id = requireIdParam(params.id);
  const [inputs, choices] = await Promise.all([
    loadProjectInputs(context.db, [id]),
    loadProjectChoices(context.db, { measures: { ofProject: id }, organisations: { ofProject: id } }),
  ]);
  const project = inputs.get(id);
  if (
    !project ||
    !projectsPolicy.can(context.actor, "project.read", {
      ownerOrganisationId: project.ownerOrganisationId,
      validationStatus: project.validationStatus,
    })
  )
    throw data(null, { status: 404 });
  const [frameworks, libraryDocuments] = await Promise.all([
    loadResultsFrameworks(context.db, [id], { approvedOnly: true }),
    listLinkedDocuments(context.db, id, { publishedOnly: true }),
  ]);
  const t = projectsTranslator(locale);
  const names = namesFor(choices, locale);
  const title = textOf(project.title, locale, project.originalLocale);
  const description = textOf(project.description, locale, project.originalLocale);
  const measures = new Map(choices.measures.map((m) => [m.id, m]));
  const years = [...new Set(project.finance.map((f) => f.year))].sort();
  return {
    id,
    isPublic: project.validationStatus === "validated",
    title,
    description,
    iatiIdentifier: project.iatiIdentifier,
    status: t(`status.${project.activityStatus}`),
    planned: dateRange(project.plannedStart, project.plannedEnd, locale),
    actual: project.actualStart
      ? dateRange(project.actualStart, project.actualEnd ?? project.plannedEnd, locale)
      : null,
    budget: formatMoney(project.budget, project.currency, locale) ?? t("table.noBudget"),
    organisations: (["funding", "extending", "implementing", "partner"] as const)
      .map((role) => ({
        role,
        label: t(`roles.${role}`),
        names: project.organisations
          .filter((o) => o.role === role)
          .map((o) => ({ id: o.organisationId, name: names.organisationText(o.organisationId) })),
      }))
      .filter((g) => g.names.length > 0),
    sectors: names.sectors(project.sectors),
    communities: names.communities(project.communities),
    municipalities: project.municipalities.map((m) => ({
      kasCode: m.kasCode,
      name: names.municipality(m.kasCode),
      share: m.budgetShare === null ? null : formatPercentValue(m.budgetShare, locale, 2),
    })),
    finance: years.map((year) => ({
      year: String(year),
      commitment:
        formatMoney(
          project.finance.find((f) => f.year === year && f.kind === "commitment")?.amount ?? null,
          project.currency,
          locale,
        ) ?? "–",
      disbursement:
        formatMoney(
          project.finance.find((f) => f.year === year && f.kind === "disbursement")?.amount ?? null,
          project.currency,
          locale,
        ) ?? "–",
    })),
    measures: project.measureIds.flatMap((mid) => {
      const m = measures.get(mid);
      if (!m) return [];
      const mt = textOf(m.title, locale);
      return [{ id: mid, code: `${m.planCode} ${m.code}`, title: mt }];
    }),
    contacts: project.contacts,
    documents: project.documents,
    libraryDocuments: linkedDocumentsView(libraryDocuments, locale),
    results: resultsView(frameworks.get(id) ?? [], choices, locale),
  };
}

export default function ProjectDetail({ loaderData: p, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  return (
    <>
      <PageTitle title={p.title.text} />
      <p className="mb-2 text-sm">
        <Link to={`/${params.lang}/projects`}>{t("detail.backToList")}</Link>
      </p>
      <PageHeader title={<Translated value={p.title} />} />
      {!p.isPublic ? <p className="mb-4 rounded border-2 border-amber-600 p-3">{t("detail.notPublic")}</p> : null}
      {p.description.text ? (
        <div className="mb-6 max-w-3xl">
          <Translated value={p.description} as="p" className="whitespace-pre-line" />
        </div>
      ) : null}
      <dl className="mb-8 grid max-w-3xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <Facts
          facts={[
            { term: t("detail.status"), value: p.status },
            { term: t("detail.planned"), value: p.planned },
            ...(p.actual ? [{ term: t("detail.actual"), value: p.actual }] : []),
            { term: t("detail.budget"), value: p.budget },
            ...(p.iatiIdentifier
              ? [{ term: t("detail.iatiIdentifier"), value: p.iatiIdentifier, breakAll: true }]
              : []),
          ]}
        />
        {p.organisations.map((g) => (
          <div key={g.role} className="contents">
            <dt className="font-semibold">{g.label}</dt>
            <dd>
              {g.names.map((o, i) => (
                <Fragment key={o.id}>
                  {i > 0 ? ", " : null}
                  <Translated value={o.name} />
                </Fragment>
              ))}
            </dd>
          </div>
        ))}
        <Facts
          facts={[
            { term: t("detail.sectors"), value: p.sectors.join(", ") || "–" },
            { term: t("detail.communities"), value: p.communities.join(", ") || "–" },
            {
              term: t("detail.municipalities"),
              value:
                p.municipalities.map((m) => (m.share ? `${m.name} (${m.share})` : m.name)).join(", ") ||
                t("table.national"),
            },
          ]}
        />
      </dl>
      {p.finance.length > 0 ? (
        <section className="mb-8" aria-labelledby="finance-heading">
          <h2 id="finance-heading" className="mb-2">
            {t("detail.finance")}
          </h2>
          <DataTable
            caption={t("detail.financeCaption")}
            rows={p.finance}
            rowKey={(r) => r.year}
            columns={[
              { nowrap: true, key: "year", header: t("threeW.timeline.year"), rowHeader: true, cell: (r) => r.year },
              { key: "c", header: t("threeW.timeline.commitments"), numeric: true, cell: (r) => r.commitment },
              { key: "d", header: t("threeW.timeline.disbursements"), numeric: true, cell: (r) => r.disbursement },
            ]}
          />
        </section>
      ) : null}
      <ListSection
        id="measures-heading"
        heading={t("detail.measures")}
        items={p.measures.map((m) => (
          <li key={m.id}>
            {m.code} <Translated value={m.title} />
          </li>
        ))}
      />
      <ListSection
        id="contacts-heading"
        heading={t("detail.contactsAndDocuments")}
        items={[
          ...p.contacts.map((c, i) => (
            <li key={`c${i}`}>{[c.name, c.organisationName, c.email, c.phone].filter(Boolean).join(" · ")}</li>
          )),
          ...p.documents.map((d, i) => (
            <li key={`d${i}`}>
              <a href={d.url} rel="noreferrer">
                {d.title}
              </a>
              {" ("}
              {t(`documents.${d.kind}`)})
            </li>
          )),
        ]}
      />
      <ListSection
        id="library-heading"
        heading={t("detail.libraryDocuments")}
        items={p.libraryDocuments.map((d) => (
          <li key={d.id}>
            <Link to={d.href} lang={d.lang}>
              {d.title}
            </Link>
          </li>
        ))}
      />
      <ResultsFramework results={p.results} />
    </>
  );
}

/** Terms of the project's description list, each followed by its value (`breakAll`: a long code that may break anywhere). */
function Facts({ facts }: { facts: { term: string; value: ReactNode; breakAll?: boolean }[] }) {
  return (
    <>
      {facts.map((fact) => (
        <Fragment key={fact.term}>
          <dt className="font-semibold">{fact.term}</dt>
          <dd className={fact.breakAll ? "break-all" : undefined}>{fact.value}</dd>
        </Fragment>
      ))}
    </>
  );
}

/** A section of the project page that is a bulleted list under its heading; nothing when the list is empty. */
function ListSection({ id, heading, items }: { id: string; heading: string; items: ReactNode[] }) {
  if (items.length === 0) return null;
  return (
    <section className="mb-8" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ul className="list-disc ps-5">{items}</ul>
    </section>
  );
}

/** The results framework as nested sections with one table per indicator. */
export function ResultsFramework({ results }: { results: ResultsViewModel }) {
  const { t } = useTranslation("projects");
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="mb-3">
        {t("results.heading")}
      </h2>
      {results.length === 0 ? <p>{t("results.none")}</p> : null}
      {results.map((r) => (
        <div key={r.id} className={`mb-6 ${r.kind === "output" ? "ms-4 border-s-4 border-slate-200 ps-4" : ""}`}>
          <h3>
            <span className="text-slate-700">{r.kindLabel}: </span>
            <Translated value={r.title} />
          </h3>
          {r.description.text ? <Translated value={r.description} as="p" /> : null}
          {r.indicators.map((i) => (
            <div key={i.id} className="mt-3">
              <DataTable
                caption={
                  <>
                    <Translated value={i.name} /> — {t("results.baseline")}: {i.baseline}
                  </>
                }
                rows={i.periods}
                columns={[
                  { nowrap: true, key: "period", header: t("results.period"), rowHeader: true, cell: (p) => p.period },
                  { key: "target", header: t("results.target"), numeric: true, cell: (p) => p.target },
                  { key: "actual", header: t("results.actual"), numeric: true, cell: (p) => p.actual },
                  {
                    key: "dis",
                    header: t("results.disaggregation"),
                    cell: (p) => p.disaggregation.map((d) => `${d.label} ${d.value}`).join("; "),
                  },
                  { key: "narrative", header: t("results.narrative"), cell: (p) => <Translated value={p.narrative} /> },
                ]}
              />
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
