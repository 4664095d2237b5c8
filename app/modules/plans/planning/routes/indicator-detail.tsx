import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { INDICATOR_FIELD_ORDER, IndicatorForm } from "../components/indicator-form.tsx";
import { EditMeta, fieldErrors } from "../components/plan-form-fields.tsx";
import { findIndicator, indicatorValues } from "../measure-page.server.ts";
import { removeIndicator, updateIndicator } from "../../planning.commands.server.ts";
import { idOf, planYears, requireEditablePlan, requirePlan, planningForm } from "../planning.routes.server.ts";
import { IndicatorSchema, RemoveSchema } from "../../planning.schema.ts";
import type { Route } from "./+types/indicator-detail";
import { localeFromParams } from "#app/i18n/locales.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const tree = await requireEditablePlan(context, actor, idOf(params.planId));
  const found = findIndicator(tree, idOf(params.indicatorId));
  if (!found) throw data(null, { status: 404 });
  return {
    planId: tree.plan.id,
    measure: { id: found.measure.id, label: `${found.measure.code} ${localizedString(found.measure.title, locale)}` },
    title: `${found.indicator.code} ${localizedString(found.indicator.name, locale)}`,
    values: indicatorValues(found.indicator),
    version: tree.plan.version,
    adopted: tree.plan.status === "adopted",
    years: planYears(tree.plan),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const indicatorId = idOf(params.indicatorId);
  const { intent, audit, submit } = await planningForm(request, context, actor);
  await requirePlan(context, actor, planId);
  if (intent === "remove")
    return submit(
      RemoveSchema,
      (input) => removeIndicator(context.db, audit, planId, indicatorId, input),
      (result) => `/${locale}/workspace/plans/${planId}/measures/${result.measureId}?saved=indicatorRemoved`,
    );
  return submit(
    IndicatorSchema,
    (input) => updateIndicator(context.db, audit, planId, indicatorId, input),
    (result) => `/${locale}/workspace/plans/${planId}/measures/${result.measureId}?saved=updated#indicators-heading`,
  );
}

export default function IndicatorDetail({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const d = loaderData;
  const errors = fieldErrors(t, actionData?.errors, INDICATOR_FIELD_ORDER, "target-");
  const isRemove = actionData?.intent === "remove";
  return (
    <>
      <PageTitle title={d.title} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/plans/${d.planId}/measures/${d.measure.id}`}>{d.measure.label}</Link>
      </p>
      <h1 className="mb-6 break-words">{d.title}</h1>
      <ErrorSummary
        errors={errors}
        fieldIds={{ form: d.adopted ? "reason" : "code", ...(isRemove ? { reason: "remove-reason" } : {}) }}
      />
      {actionData?.errors.form === "planning:errors.editedByOthers" ? (
        <p className="mb-6 max-w-2xl rounded bg-amber-50 p-4 text-amber-900">{t("form.conflictHelp")}</p>
      ) : null}
      <section aria-labelledby="edit-heading" className="mb-10 max-w-3xl">
        <h2 id="edit-heading" className="mb-3">
          {t("indicator.editHeading")}
        </h2>
        <IndicatorForm
          intent="update"
          values={actionData && !isRemove ? actionData.values : d.values}
          errors={isRemove ? {} : errors}
          years={d.years}
          version={d.version}
          adopted={d.adopted}
          submitLabel={t("form.save")}
        />
      </section>
      <section aria-labelledby="remove-heading" className="mb-10 max-w-3xl">
        <h2 id="remove-heading" className="mb-3">
          {t("indicator.removeHeading")}
        </h2>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="remove" />
          <EditMeta
            version={d.version}
            adopted={d.adopted}
            values={{}}
            errors={isRemove ? errors : {}}
            idPrefix="remove-"
          />
          <Button variant="secondary">{t("indicator.remove")}</Button>
        </Form>
      </section>
    </>
  );
}
