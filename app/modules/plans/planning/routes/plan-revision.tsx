import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { diffPlanTrees } from "../plan-diff.ts";
import { getRevisionPair, loadPlanChoices } from "../../planning.queries.server.ts";
import { formatDecimal, idOf, requirePlan } from "../planning.routes.server.ts";
import type { Route } from "./+types/plan-revision";
import { localeFromParams } from "#app/i18n/locales.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const tree = await requirePlan(context, actor, idOf(params.planId));
  const revision = idOf(params.revision);
  const pair = await getRevisionPair(context.db, tree.plan.id, revision);
  if (!pair) throw data(null, { status: 404 });
  const choices = await loadPlanChoices(context.db, locale);
  const sectorName = new Map(choices.sectors.map((c) => [c.value, c.label]));
  const orgName = new Map(choices.organisations.map((c) => [c.slug, c.label]));
  const snapshot = pair.current;
  return {
    planId: tree.plan.id,
    planCode: tree.plan.code,
    revision,
    reason: pair.reason,
    author: pair.author,
    createdAt: formatDateTime(pair.createdAt, locale),
    changes: diffPlanTrees(pair.previous, snapshot),
    hasPrevious: pair.previous !== null,
    title: localizedString(snapshot.plan.title, locale),
    period: `${snapshot.plan.periodStartYear}–${snapshot.plan.periodEndYear}`,
    sectors: snapshot.sectors.map((s) => ({
      code: s.sectorCode,
      name: sectorName.get(s.sectorCode) ?? s.sectorCode,
      objectives: s.objectives.map((o) => ({
        code: o.code,
        title: localizedString(o.title, locale),
        measures: o.measures.map((m) => ({
          code: m.code,
          title: localizedString(m.title, locale),
          responsible: orgName.get(m.responsible) ?? m.responsible,
          dates: `${m.startDate} – ${m.endDate}`,
          budget: m.budget.map((b) => ({ year: b.year, source: b.source, amount: formatDecimal(b.amount, locale) })),
          indicators: m.indicators.map((i) => ({
            code: i.code,
            name: localizedString(i.name, locale),
            targets: i.targets.map((t) => `${t.year}: ${formatDecimal(t.value, locale)}`).join("; "),
          })),
        })),
      })),
    })),
  };
}

export default function PlanRevision({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const d = loaderData;
  const heading = `${d.planCode} — ${t("plan.revisionNumber", { revision: d.revision })}`;
  return (
    <>
      <PageTitle title={heading} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/plans/${d.planId}/revisions`}>
          {t("revisions.titleOf", { code: d.planCode })}
        </Link>
      </p>
      <h1 className="mb-2 break-words">{heading}</h1>
      <p className="mb-6 text-slate-700">
        {d.reason === "adopted" ? t("revisions.adopted") : d.reason} · {d.author ?? "—"} · {d.createdAt}
      </p>
      <LabelledSection id="changes-heading" heading={t("revisions.changes")} className="mb-10" headingClassName="mb-3">
        {!d.hasPrevious ? (
          <p>{t("revisions.first")}</p>
        ) : d.changes.length === 0 ? (
          <p>{t("revisions.noChanges")}</p>
        ) : (
          <ul className="list-disc ps-6">
            {d.changes.map((c, i) => (
              <li key={i} className="break-words">
                {t(`revisions.change.${c.change}`, { level: t(`revisions.level.${c.level}`), code: c.code })}
                {c.fields.length
                  ? ` (${c.fields.map((f) => t(`revisions.field.${f}`, { defaultValue: f })).join(", ")})`
                  : ""}
              </li>
            ))}
          </ul>
        )}
      </LabelledSection>
      <LabelledSection id="tree-heading" heading={t("revisions.tree")} className="mb-10" headingClassName="mb-3">
        <p className="mb-4">
          {d.title} · {d.period}
        </p>
        {d.sectors.map((s) => (
          <div key={s.code} className="mb-6 border-s-4 border-slate-300 ps-4">
            <h3 className="text-xl">{s.name}</h3>
            {s.objectives.map((o) => (
              <div key={o.code} className="mt-3">
                <h4 className="font-semibold break-words">
                  {o.code} {o.title}
                </h4>
                <ul className="list-disc ps-6">
                  {o.measures.map((m) => (
                    <li key={m.code} className="break-words">
                      {m.code} {m.title} — {m.responsible}; {m.dates}
                      {m.budget.length
                        ? `; ${m.budget.map((b) => `${b.year} ${t(`source.${b.source}`)} ${b.amount} €`).join(", ")}`
                        : ""}
                      {m.indicators.length ? (
                        <ul className="list-[circle] ps-6">
                          {m.indicators.map((i) => (
                            <li key={i.code}>
                              {i.code} {i.name}
                              {i.targets ? ` — ${i.targets}` : ""}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ))}
      </LabelledSection>
    </>
  );
}
