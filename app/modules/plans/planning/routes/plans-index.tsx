import type { ReactNode } from "react";
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

type PlanRow = Awaited<ReturnType<typeof listStrategiesForActor>>[number]["plans"][number];

export default function PlansIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const { strategies } = loaderData;
  /** The columns of each strategy's table of plans: the head's label and the cell of a plan. */
  const columns: { key: string; label: string; cell: (p: PlanRow) => ReactNode; breakWords?: boolean }[] = [
    {
      key: "code",
      label: t("plan.code"),
      cell: (p) => <Link to={`/${locale}/workspace/plans/${p.id}`}>{p.code}</Link>,
    },
    { key: "title", label: t("plan.title"), cell: (p) => p.title, breakWords: true },
    {
      key: "kind",
      label: t("plan.kind"),
      cell: (p) =>
        p.kind === "national"
          ? t("kind.national")
          : t("kind.localOf", { municipality: p.municipality ?? p.kasCode ?? "" }),
    },
    { key: "period", label: t("plan.period"), cell: (p) => p.period },
    { key: "measures", label: t("plan.measures"), cell: (p) => p.measureCount },
    {
      key: "status",
      label: t("plan.status"),
      cell: (p) => <Tag tone={statusTone(p.status)}>{t(`status.${p.status}`)}</Tag>,
    },
  ];
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
                  labels={columns.map((c) => c.label)}
                />
                <tbody>
                  {s.plans.map((p) => (
                    <tr key={p.id} className="border-b border-slate-200">
                      {columns.map((c) => (
                        <td key={c.key} className={c.breakWords ? "py-2 pe-4 break-words" : "py-2 pe-4"}>
                          {c.cell(p)}
                        </td>
                      ))}
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
