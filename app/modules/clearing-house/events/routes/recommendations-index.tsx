import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "#app/components/button.tsx";
import { SelectField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import {
  EMPTY_INSTITUTION,
  InstitutionField,
  institutionFieldValue,
  useInstitutionMessage,
} from "#app/components/institution-field.tsx";
import { listRecommendations, resolveRecommendationOwner } from "../events.queries.server.ts";
import { RecommendationListQuerySchema } from "../events.schema.ts";
import { recommendationPage } from "../recommendation-items.server.ts";
import { RecommendationList, RecommendationStatusOptions } from "../recommendation-list.tsx";
import type { Route } from "./+types/recommendations-index";

const PAGE_SIZE = 20;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const query = RecommendationListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = todayInKosovo();
  // The owner: a typed name is resolved first (among the owners of published recommendations); an id alone
  // is checked beside the list (decision 056). No list of every owner is read or written into the page.
  const typed = query.ownerName !== "";
  const owner = typed
    ? await resolveRecommendationOwner(context.db, locale, { id: query.owner, text: query.ownerName })
    : query.owner !== undefined
      ? resolveRecommendationOwner(context.db, locale, { id: query.owner, text: "" })
      : null;
  const settled = owner instanceof Promise ? null : owner;
  /** A typed name that matched no owner, or several: the list waits for the choice. */
  const unresolved = settled !== null && settled.kind !== "found" && settled.kind !== "empty";
  const filter = settled ? { ...query, owner: settled.kind === "found" ? settled.id : undefined } : query;
  const [found, ownerResolution] = await Promise.all([
    unresolved ? { items: [], total: 0 } : listRecommendations(context.db, { ...filter, pageSize: PAGE_SIZE }, today),
    owner,
  ]);
  return {
    query: { status: query.status ?? "", overdue: query.overdue },
    owner: ownerResolution ? institutionFieldValue(ownerResolution) : EMPTY_INSTITUTION,
    ownerUnresolved: unresolved,
    ...recommendationPage(query.page, found, locale, today),
  };
}

export default function RecommendationsIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const locale = localeFromParams(params);
  const { query } = loaderData;
  const ownerMessage = useInstitutionMessage(loaderData.owner);
  return (
    <>
      <PageTitle title={t("recommendations.title")} />
      <PageHeader title={t("recommendations.title")} lead={t("recommendations.lead")} />
      <Form method="get" className="mb-6 grid gap-x-4 sm:grid-cols-4 sm:items-end">
        <SelectField name="status" label={t("recommendations.status")} defaultValue={query.status}>
          <option value="">{t("recommendations.anyStatus")}</option>
          <RecommendationStatusOptions />
        </SelectField>
        <div className="sm:col-span-2">
          <InstitutionField
            id="ownerName"
            name="ownerName"
            idName="owner"
            label={t("recommendations.owner")}
            hint={t("recommendations.ownerHint")}
            value={loaderData.owner}
          />
        </div>
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
        {loaderData.ownerUnresolved
          ? ownerMessage
          : t("recommendations.count", { count: loaderData.total, total: loaderData.totalLabel })}
      </p>
      <RecommendationList items={loaderData.items} locale={locale} showEvent />
      <ListPagination list={loaderData} pageSize={PAGE_SIZE} />
    </>
  );
}
