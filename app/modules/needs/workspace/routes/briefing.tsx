import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatDate, formatDateTime, formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { CLUSTER_DAYS, CLUSTER_MIN_CASES, loadBriefing } from "#app/modules/needs/needs.briefing.server.ts";
import { isCaseHandler, needsPolicy } from "#app/modules/needs/needs.policy.ts";
import { loadNeedsChoices } from "#app/modules/needs/workspace/needs-view.server.ts";
import { requireAllowed } from "#app/services/guards.server.ts";
import type { Route } from "./+types/briefing";

export async function loader(args: Route.LoaderArgs) {
  const { locale, actor } = requireAllowed(args, needsPolicy, "need.briefing.view", null);
  const { context } = args;
  const now = new Date();
  const [briefing, choices] = await Promise.all([loadBriefing(context.db, now), loadNeedsChoices(context.db, locale)]);
  const organisationLabel = new Map(choices.organisations.map((o) => [o.value, o.label]));
  const row = (c: (typeof briefing.cases)[number]) => ({
    id: c.id,
    reference: c.reference,
    category: c.category,
    status: c.status,
    municipality: municipalityName(c.municipality, locale),
    excerpt: c.excerpt,
    isHighProfile: c.isHighProfile,
    escalatedLabel: c.escalatedAt ? formatDateTime(c.escalatedAt, locale) : null,
    dueLabel: c.dueAt ? formatDate(c.dueAt, locale) : null,
    institution: c.assignedOrganisationId ? (organisationLabel.get(String(c.assignedOrganisationId)) ?? null) : null,
  });
  return {
    canOpenCases: isCaseHandler(actor),
    generatedLabel: formatDateTime(now, locale),
    escalated: briefing.cases.filter((c) => c.escalatedAt !== null).map(row),
    highProfile: briefing.cases.filter((c) => c.escalatedAt === null && c.isHighProfile).map(row),
    clusters: briefing.clusters.map((c) => ({
      key: `${c.kasCode}-${c.settlementName ?? ""}`,
      place: [c.settlementName, municipalityName(c.municipality, locale)].filter(Boolean).join(", "),
      count: c.count,
      countLabel: formatNumber(c.count, locale),
      categories: c.categories,
    })),
    clusterRule: { count: formatNumber(CLUSTER_MIN_CASES, locale), days: formatNumber(CLUSTER_DAYS, locale) },
  };
}

export default function BriefingPage({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("needs");
  const locale = localeFromParams(params);
  /** A section of cases (escalated, high profile) under its heading; `empty` says when there are none. */
  const caseSection = (id: string, heading: string, rows: typeof loaderData.escalated, empty: string) => (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id} className="mb-4">
        {heading}
      </h2>
      {rows.length ? (
        <ul className="space-y-4">
          {rows.map((c) => (
            <li key={c.id} className="rounded border border-slate-300 p-4">
              <p className="flex flex-wrap items-center gap-2 font-semibold">
                {loaderData.canOpenCases ? (
                  <Link to={`/${locale}/workspace/needs/${c.id}`}>{c.reference}</Link>
                ) : (
                  <span>{c.reference}</span>
                )}
                <Tag tone="info">{t(`status.${c.status}`)}</Tag>
                {c.isHighProfile ? <Tag tone="warning">{t("workspace.flags.highProfile")}</Tag> : null}
                {c.escalatedLabel ? (
                  <Tag tone="danger">{t("workspace.flags.escalatedOn", { date: c.escalatedLabel })}</Tag>
                ) : null}
              </p>
              <p className="text-sm text-slate-700">
                {t(`category.${c.category}`)} · {c.municipality}
                {c.institution ? ` · ${c.institution}` : ""}
                {c.dueLabel ? ` · ${t("workspace.briefing.due", { date: c.dueLabel })}` : ""}
              </p>
              <p className="mt-2 break-words">{c.excerpt}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{empty}</p>
      )}
    </section>
  );
  return (
    <>
      <PageTitle title={t("workspace.briefing.title")} />
      <PageHeader
        title={t("workspace.briefing.title")}
        lead={t("workspace.briefing.lead", { date: loaderData.generatedLabel })}
      />
      {caseSection(
        "escalated-heading",
        t("workspace.briefing.escalated", { count: loaderData.escalated.length }),
        loaderData.escalated,
        t("workspace.briefing.noEscalated"),
      )}
      {caseSection(
        "high-profile-heading",
        t("workspace.briefing.highProfile", { count: loaderData.highProfile.length }),
        loaderData.highProfile,
        t("workspace.briefing.noHighProfile"),
      )}
      <section aria-labelledby="alerts-heading" className="mb-10">
        <h2 id="alerts-heading" className="mb-2">
          {t("workspace.briefing.alerts")}
        </h2>
        <p className="mb-4 text-slate-700">{t("workspace.briefing.clusterRule", loaderData.clusterRule)}</p>
        {loaderData.clusters.length ? (
          <ul className="list-disc space-y-2 ps-5">
            {loaderData.clusters.map((c) => (
              <li key={c.key}>
                {t("workspace.briefing.cluster", { place: c.place, count: c.count, countLabel: c.countLabel })} (
                {c.categories.map((cat) => t(`category.${cat}`)).join(", ")})
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("workspace.briefing.noAlerts")}</p>
        )}
      </section>
    </>
  );
}
