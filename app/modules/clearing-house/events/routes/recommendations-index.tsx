import { useTranslation } from "react-i18next";
import { Form, useLocation } from "react-router";
import { Button } from "#app/components/button.tsx";
import { Field, Select } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { listRecommendationOwners, listRecommendations } from "../events.queries.server.ts";
import { RECOMMENDATION_STATUSES, RecommendationListQuerySchema } from "../events.schema.ts";
import { recommendationItem } from "../recommendation-items.server.ts";
import { RecommendationList } from "../recommendation-list.tsx";
import type { Route } from "./+types/recommendations-index";

const PAGE_SIZE = 20;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const query = RecommendationListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = todayInKosovo();
  const [{ items, total }, owners] = await Promise.all([
    listRecommendations(context.db, { ...query, pageSize: PAGE_SIZE }, today),
    listRecommendationOwners(context.db),
  ]);
  return {
    query: { status: query.status ?? "", owner: query.owner ? String(query.owner) : "", overdue: query.overdue },
    page: query.page,
    total,
    totalLabel: formatNumber(total, locale),
    owners: owners.map((o) => ({
      value: String(o.id),
      label: localizedString(o.name, locale) + (o.acronym ? ` (${o.acronym})` : ""),
    })),
    items: items.map((r) => recommendationItem(r, locale, today)),
  };
}

export default function RecommendationsIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const location = useLocation();
  const locale = localeFromParams(params);
  const { query } = loaderData;
  return (
    <>
      <PageTitle title={t("recommendations.title")} />
      <PageHeader title={t("recommendations.title")} lead={t("recommendations.lead")} />
      <Form method="get" className="mb-6 grid gap-x-4 sm:grid-cols-4 sm:items-end">
        <Field id="status" label={t("recommendations.status")}>
          {(aria) => (
            <Select {...aria} name="status" defaultValue={query.status}>
              <option value="">{t("recommendations.anyStatus")}</option>
              {RECOMMENDATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`recommendations.statuses.${s}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="owner" label={t("recommendations.owner")}>
          {(aria) => (
            <Select {...aria} name="owner" defaultValue={query.owner}>
              <option value="">{t("recommendations.anyOwner")}</option>
              {loaderData.owners.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="mb-5 flex items-center gap-2">
          <input
            type="checkbox"
            id="overdue"
            name="overdue"
            value="1"
            defaultChecked={query.overdue}
            className="h-5 w-5"
          />
          <label htmlFor="overdue">{t("recommendations.onlyOverdue")}</label>
        </div>
        <div className="mb-5">
          <Button type="submit">{t("index.filter")}</Button>
        </div>
      </Form>
      <p role="status" className="mb-3">
        {t("recommendations.count", { count: loaderData.total, total: loaderData.totalLabel })}
      </p>
      <RecommendationList items={loaderData.items} locale={locale} showEvent />
      <Pagination
        page={loaderData.page}
        pageSize={PAGE_SIZE}
        total={loaderData.total}
        totalLabel={loaderData.totalLabel}
        search={location.search}
      />
    </>
  );
}
