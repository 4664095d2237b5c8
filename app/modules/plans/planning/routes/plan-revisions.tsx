import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ListTable } from "#app/components/list-table.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { listRevisions } from "../../planning.queries.server.ts";
import { idOf, requirePlan } from "../planning.routes.server.ts";
import type { Route } from "./+types/plan-revisions";
import { localeFromParams } from "#app/i18n/locales.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const tree = await requirePlan(context, actor, idOf(params.planId));
  return {
    planId: tree.plan.id,
    planCode: tree.plan.code,
    planTitle: localizedString(tree.plan.title, locale),
    revisions: await listRevisions(context.db, tree.plan.id, locale),
  };
}

export default function PlanRevisions({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const d = loaderData;
  return (
    <>
      <PageTitle title={t("revisions.titleOf", { code: d.planCode })} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/plans/${d.planId}`}>{t("plan.back", { code: d.planCode })}</Link>
      </p>
      <PageHeader title={t("revisions.titleOf", { code: d.planCode })} lead={t("revisions.lead")} />
      {d.revisions.length === 0 ? (
        <p>{t("revisions.none")}</p>
      ) : (
        <ListTable
          caption={t("revisions.titleOf", { code: d.planCode })}
          className="min-w-full text-left"
          headRowClassName="border-b border-slate-300"
          headCellClassName="py-2 pe-4"
          labels={[t("revisions.number"), t("revisions.reason"), t("revisions.author"), t("revisions.date")]}
        >
          {d.revisions.map((r) => (
            <tr key={r.revision} className="border-b border-slate-200">
              <td className="py-2 pe-4">
                <Link to={`/${locale}/workspace/plans/${d.planId}/revisions/${r.revision}`}>
                  {t("plan.revisionNumber", { revision: r.revision })}
                </Link>
              </td>
              <td className="py-2 pe-4 break-words">{r.reason === "adopted" ? t("revisions.adopted") : r.reason}</td>
              <td className="py-2 pe-4 break-words">{r.author ?? "—"}</td>
              <td className="py-2 pe-4">{r.createdAt}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </>
  );
}
