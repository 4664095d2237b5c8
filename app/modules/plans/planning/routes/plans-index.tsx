import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ColumnHeads } from "#app/components/column-heads.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { planningPolicy } from "../../planning.policy.ts";
import { listStrategiesForActor } from "../../planning.queries.server.ts";
import { statusTone } from "../planning.locale.ts";
import type { Route } from "./+types/plans-index";
import { localeFromParams } from "#app/i18n/locales.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(planningPolicy, actor, "planning.section", null);
  return {
    strategies: await listStrategiesForActor(context.db, actor, locale),
    canManage: planningPolicy.can(actor, "strategy.manage", null),
    canListOwn: planningPolicy.can(actor, "measure.listOwn", null),
  };
}

export default function PlansIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const { strategies } = loaderData;
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      <ul className="mb-8 flex flex-wrap gap-4">
        {loaderData.canManage ? (
          <li>
            <Link className="font-semibold" to={`/${locale}/workspace/plans/strategies/new`}>
              {t("index.newStrategy")}
            </Link>
          </li>
        ) : null}
        {loaderData.canListOwn ? (
          <li>
            <Link className="font-semibold" to={`/${locale}/workspace/plans/my-measures`}>
              {t("mine.title")}
            </Link>
          </li>
        ) : null}
      </ul>
      {strategies.length === 0 ? <p>{t("index.empty")}</p> : null}
      {strategies.map((s) => (
        <section key={s.id} aria-labelledby={`strategy-${s.id}`} className="mb-10">
          <h2 id={`strategy-${s.id}`} className="mb-1">
            {loaderData.canManage ? (
              <Link to={`/${locale}/workspace/plans/strategies/${s.id}`}>{s.title}</Link>
            ) : (
              s.title
            )}
          </h2>
          <p className="mb-3 flex flex-wrap items-center gap-2 text-slate-700">
            <span>{s.period}</span> <Tag tone={statusTone(s.status)}>{t(`status.${s.status}`)}</Tag>
          </p>
          {s.plans.length === 0 ? (
            <p>{t("index.noPlans")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-left">
                <caption className="sr-only">{t("index.plansOf", { strategy: s.title })}</caption>
                <ColumnHeads
                  rowClassName="border-b border-slate-300"
                  cellClassName="py-2 pe-4"
                  labels={[
                    t("plan.code"),
                    t("plan.title"),
                    t("plan.kind"),
                    t("plan.period"),
                    t("plan.measures"),
                    t("plan.status"),
                  ]}
                />
                <tbody>
                  {s.plans.map((p) => (
                    <tr key={p.id} className="border-b border-slate-200">
                      <td className="py-2 pe-4">
                        <Link to={`/${locale}/workspace/plans/${p.id}`}>{p.code}</Link>
                      </td>
                      <td className="py-2 pe-4 break-words">{p.title}</td>
                      <td className="py-2 pe-4">
                        {p.kind === "national"
                          ? t("kind.national")
                          : t("kind.localOf", { municipality: p.municipality ?? p.kasCode ?? "" })}
                      </td>
                      <td className="py-2 pe-4">{p.period}</td>
                      <td className="py-2 pe-4">{p.measureCount}</td>
                      <td className="py-2 pe-4">
                        <Tag tone={statusTone(p.status)}>{t(`status.${p.status}`)}</Tag>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  );
}
