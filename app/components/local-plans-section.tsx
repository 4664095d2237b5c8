import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ProgressBar } from "#app/components/progress-bar.tsx";
import { Tag } from "#app/components/tag.tsx";
import { Translated, TranslationNote } from "#app/components/translated.tsx";
import type { LocalPlansSectionView } from "#app/services/page-sections.ts";

/**
 * The local action plans of a municipality, with each local measure under the national measure it
 * implements: the municipality page's section filled by the plans module (decision 049). Every word
 * comes translated with the view, but the demo mark (the shared `core` catalog).
 */
export function LocalPlansSection({ view }: { view: LocalPlansSectionView }) {
  const { t: tc } = useTranslation("core");
  return (
    <section aria-labelledby="local-action-plans-heading" className="mt-10">
      <h2 id="local-action-plans-heading">{view.heading}</h2>
      {view.intro.kind === "none" ? (
        <p className="mt-2">{view.intro.text}</p>
      ) : (
        <p className="mt-2 max-w-3xl text-slate-700">{view.intro.text}</p>
      )}
      {view.plans.map((plan) => (
        <article key={plan.id} className="mt-4 rounded-lg border border-slate-200 p-4">
          <h3 className="text-lg">
            <Link to={plan.href} lang={plan.title?.lang}>
              {plan.title?.text}
            </Link>
            <TranslationNote value={plan.title} spaced /> {plan.isDemo ? <Tag tone="warning">{tc("demo")}</Tag> : null}
          </h3>
          <p className="mt-1 text-sm text-slate-700">
            <Link to={plan.strategy.href} lang={plan.strategy.title?.lang}>
              {plan.strategy.title?.text}
            </Link>
            <TranslationNote value={plan.strategy.title} spaced /> {"· "}
            {plan.period} · {plan.summary}
          </p>
          <div className="mt-2 max-w-sm">
            <ProgressBar progress={plan.progress} label={view.progressLabel} />
          </div>
          <ul className="mt-3 space-y-3">
            {plan.groups.map((group) => (
              <li key={group.national?.href ?? "none"}>
                {group.national ? (
                  <p className="font-semibold">
                    {group.heading}{" "}
                    <Link to={group.national.href}>
                      <Translated value={group.national.title} />
                    </Link>
                  </p>
                ) : (
                  <p className="font-semibold">{group.heading}</p>
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

/** The sections other modules add to a page, in page order (decision 049). */
export function PageSections({ sections }: { sections: readonly LocalPlansSectionView[] }) {
  return sections.map((view, index) =>
    view.kind === "local-plans" ? <LocalPlansSection key={index} view={view} /> : null,
  );
}
