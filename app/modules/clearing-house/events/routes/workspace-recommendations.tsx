import { useTranslation } from "react-i18next";
import { Translated, TranslationNote } from "#app/components/translated.tsx";
import { Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { isMemberOf } from "#app/modules/organisations/organisations.policy.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { isCoordinator, organisationsOf } from "#app/services/authorization.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { listRecommendations } from "../events.queries.server.ts";
import { RecommendationListQuerySchema } from "../events.schema.ts";
import { recommendationPage } from "../recommendation-items.server.ts";
import { STATUS_TONE } from "../recommendation-list.tsx";
import type { Route } from "./+types/workspace-recommendations";

const PAGE_SIZE = 30;

/** The recommendations the person answers for: their organisations' (every one, for coordinators). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const query = RecommendationListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const ownerIds = isCoordinator(actor) ? null : organisationsOf(actor).filter((id) => isMemberOf(actor, id));
  const today = todayInKosovo();
  const found = await listRecommendations(context.db, { ...query, pageSize: PAGE_SIZE, ownerIds }, today);
  return recommendationPage(query.page, found, locale, today);
}

export default function WorkspaceRecommendations({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("workspace.recommendationsTitle")} />
      <PageHeader title={t("workspace.recommendationsTitle")} lead={t("workspace.recommendationsLead")} />
      {loaderData.items.length === 0 ? <p>{t("workspace.noRecommendations")}</p> : null}
      <ul className="divide-y divide-slate-200 border-y border-slate-200">
        {loaderData.items.map((r) => (
          <li key={r.id} className="flex flex-col gap-1 py-3">
            <Link to={`/${locale}/workspace/recommendations/${r.id}`} lang={r.text?.lang} className="font-semibold">
              {r.text?.text}
            </Link>
            <TranslationNote value={r.text} spaced />
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <Tag tone={STATUS_TONE[r.status]}>{t(`recommendations.statuses.${r.status}`)}</Tag>
              <span>
                <Translated value={r.owner.name} />
                {r.owner.acronym ? ` (${r.owner.acronym})` : null}
              </span>
              <span>
                {t("recommendations.due")}: <time dateTime={r.dueDate}>{r.dueLabel}</time>
              </span>
              {r.isOverdue ? <Tag tone="danger">{t("recommendations.overdue")}</Tag> : null}
            </p>
          </li>
        ))}
      </ul>
      <ListPagination list={loaderData} pageSize={PAGE_SIZE} />
    </>
  );
}
