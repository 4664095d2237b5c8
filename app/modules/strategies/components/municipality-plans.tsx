import { useTranslation } from "react-i18next";
import { TranslationNote } from "#app/components/translated.tsx";
import { Link } from "react-router";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import type { ProgressView } from "../strategies.view.server.ts";
import { Content, DemoTag, ProgressBar } from "./progress.tsx";

interface MeasureLink {
  href: string;
  code: string;
  title: LocalizedText | null;
}

/** What the municipality page shows of its local action plans (`municipalityPlansSection`). */
export interface MunicipalityPlanView {
  id: number;
  code: string;
  href: string;
  title: LocalizedText | null;
  strategy: { href: string; title: LocalizedText | null };
  period: string;
  isDemo: boolean;
  summary: string;
  progress: ProgressView;
  groups: { national: MeasureLink | null; measures: (MeasureLink & { plannedLabel: string })[] }[];
}

/** The local action plans of a municipality, with each local measure under the national measure it implements. */
export function MunicipalityPlans({ plans }: { plans: MunicipalityPlanView[] }) {
  const { t } = useTranslation("strategies");
  return (
    <section aria-labelledby="local-action-plans-heading" className="mt-10">
      <h2 id="local-action-plans-heading">{t("municipality.heading")}</h2>
      {plans.length === 0 ? <p className="mt-2">{t("municipality.none")}</p> : <p className="mt-2 max-w-3xl text-slate-700">{t("municipality.lead")}</p>}
      {plans.map((plan) => (
        <article key={plan.id} className="mt-4 rounded-lg border border-slate-200 p-4">
          <h3 className="text-lg">
            <Link to={plan.href} lang={plan.title?.lang}>
              {plan.title?.text}
            </Link>
            <TranslationNote value={plan.title} spaced />{" "}
            <DemoTag isDemo={plan.isDemo} />
          </h3>
          <p className="mt-1 text-sm text-slate-700">
            <Link to={plan.strategy.href} lang={plan.strategy.title?.lang}>
              {plan.strategy.title?.text}
            </Link>
            <TranslationNote value={plan.strategy.title} spaced />{" "}
            {"· "}{plan.period} · {plan.summary}
          </p>
          <div className="mt-2 max-w-sm">
            <ProgressBar progress={plan.progress} label={t("columns.progress")} />
          </div>
          <ul className="mt-3 space-y-3">
            {plan.groups.map((group) => (
              <li key={group.national?.href ?? "none"}>
                {group.national ? (
                  <p className="font-semibold">
                    {t("municipality.implements", { code: group.national.code })}{" "}
                    <Link to={group.national.href}>
                      <Content value={group.national.title} />
                    </Link>
                  </p>
                ) : (
                  <p className="font-semibold">{t("municipality.noNational")}</p>
                )}
                <ul className="mt-1 list-disc pl-6">
                  {group.measures.map((m) => (
                    <li key={m.href}>
                      <Link to={m.href} lang={m.title?.lang}>
                        {m.code} {m.title?.text}
                      </Link>{" "}
                      <span className="text-slate-700">({m.plannedLabel})</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
