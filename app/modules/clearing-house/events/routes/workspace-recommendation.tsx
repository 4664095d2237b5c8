import { useTranslation } from "react-i18next";
import { Fact } from "#app/components/fact.tsx";
import { Translated, TranslationNote } from "#app/components/translated.tsx";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { FormFields, SelectField, TextAreaField } from "#app/components/form-fields.tsx";
import { TitledPageHead } from "#app/components/titled-page-head.tsx";
import { Tag } from "#app/components/tag.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { listAuditHistory } from "#app/modules/audit/audit.queries.server.ts";
import { RecordHistory } from "#app/modules/audit/record-history.tsx";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { publishingPolicy } from "#app/modules/clearing-house/publishable/publishing.policy.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorizeRecord, requireUser } from "#app/services/guards.server.ts";
import { changeRecommendationStatus } from "../events.commands.server.ts";
import { getRecommendation } from "../events.queries.server.ts";
import { IdParamSchema, RecommendationStatusSchema } from "../events.schema.ts";
import { recommendationItem } from "../recommendation-items.server.ts";
import { RecommendationStatusOptions, STATUS_TONE } from "../recommendation-list.tsx";
import type { Route } from "./+types/workspace-recommendation";
import { submittedForm } from "#app/services/form-body.server.ts";
import { requireParam } from "#app/services/ids.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireParam(IdParamSchema, params.id);
  const rec = await getRecommendation(context.db, id);
  if (!rec) throw data(null, { status: 404 });
  authorizeRecord(publishingPolicy, actor, "recommendation.updateStatus", { ownerOrganisationId: rec.owner.id });
  // Whoever may change the status sees every change of it (the audit records of this recommendation).
  const history = await listAuditHistory(context.db, "recommendation", id, { limit: 10 });
  return {
    id,
    item: recommendationItem(rec, locale, todayInKosovo()),
    version: rec.version,
    eventIsPublic: rec.eventStatus === "published",
    history,
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireParam(IdParamSchema, params.id);
  const form = await submittedForm(request, context);
  const parsed = parseForm(RecommendationStatusSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (parsed.data.recommendationId !== id) throw data(null, { status: 400 });
  const result = await changeRecommendationStatus(context.db, { actor, requestId: context.requestId }, parsed.data);
  if (!result.ok) {
    if (result.status === 403 || result.status === 404) throw data(null, { status: result.status });
    return data({ errors: result.errors, values: formValues(form) }, { status: result.status });
  }
  throw redirect(`/${locale}/workspace/recommendations/${id}?saved=1`);
}

export default function WorkspaceRecommendation({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("events");
  const { t: tAny } = useTranslation();
  const locale = localeFromParams(params);
  const { item } = loaderData;
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, tAny(v)]));
  const values = actionData?.values;
  return (
    <>
      <TitledPageHead
        title={t("workspace.recommendationTitle")}
        back={{ to: `/${locale}/workspace/recommendations`, label: t("workspace.backToRecommendations") }}
        isError={Boolean(actionData?.errors)}
      >
        {t("workspace.recommendationTitle")}
      </TitledPageHead>
      {loaderData.saved ? (
        <SavedNotice className="mt-3 rounded border-s-4 border-emerald-600 bg-emerald-50 p-3">
          {t("workspace.statusSaved")}
        </SavedNotice>
      ) : null}
      <div className="mt-4">
        <Translated value={item.text} as="p" className="text-lg" />
      </div>
      <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
        <Fact term={t("recommendations.owner")}>
          <Translated value={item.owner.name} />
          {item.owner.acronym ? ` (${item.owner.acronym})` : null}
        </Fact>
        <Fact term={t("recommendations.due")}>
          <time dateTime={item.dueDate}>{item.dueLabel}</time>{" "}
          {item.isOverdue ? <Tag tone="danger">{t("recommendations.overdue")}</Tag> : null}
        </Fact>
        <Fact term={t("recommendations.status")}>
          <Tag tone={STATUS_TONE[item.status]}>{t(`recommendations.statuses.${item.status}`)}</Tag>
        </Fact>
        {item.event ? (
          <Fact term={t("recommendations.event")}>
            {loaderData.eventIsPublic ? (
              <Link to={`/${locale}/events/${item.event.slug}`} lang={item.event.title?.lang}>
                {item.event.title?.text}
              </Link>
            ) : (
              <span lang={item.event.title?.lang}>{item.event.title?.text}</span>
            )}
            <TranslationNote value={item.event.title} spaced />
          </Fact>
        ) : null}
      </dl>
      <h2 className="mt-8">{t("workspace.changeStatus")}</h2>
      <ErrorSummary errors={errors} />
      <Form method="post" className="mt-3 max-w-xl">
        <FormFields
          values={{ status: values?.status ?? item.status, note: values?.note ?? item.statusNote ?? "" }}
          errors={errors}
        >
          <CsrfField />
          <input type="hidden" name="recommendationId" value={loaderData.id} />
          <input type="hidden" name="version" value={loaderData.version} />
          <SelectField name="status" label={t("recommendations.status")}>
            <RecommendationStatusOptions />
          </SelectField>
          <TextAreaField name="note" label={t("workspace.note")} hint={t("workspace.noteHint")} optional rows={3} />
          <Button type="submit">{t("workspace.saveStatus")}</Button>
        </FormFields>
      </Form>
      {loaderData.history ? (
        <div className="mt-10">
          <RecordHistory
            entries={loaderData.history.entries}
            hasMore={loaderData.history.hasMore}
            subjectType="recommendation"
            subjectId={loaderData.id}
          />
        </div>
      ) : null}
    </>
  );
}
