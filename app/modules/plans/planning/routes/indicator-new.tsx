import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { BackLink } from "#app/components/back-link.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { INDICATOR_FIELD_ORDER, IndicatorForm } from "../components/indicator-form.tsx";
import { findMeasure } from "../measure-page.server.ts";
import { createIndicator } from "../../planning.commands.server.ts";
import { creationForm, editablePlanPage, idOf, planYears, requirePlan } from "../planning.routes.server.ts";
import { IndicatorSchema } from "../../planning.schema.ts";
import { fieldErrors } from "../components/plan-form-fields.tsx";
import type { Route } from "./+types/indicator-new";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";

export async function loader(args: Route.LoaderArgs) {
  const { locale, tree } = await editablePlanPage(args);
  const found = findMeasure(tree, idOf(args.params.measureId));
  if (!found) throw data(null, { status: 404 });
  return {
    planId: tree.plan.id,
    measure: { id: found.measure.id, label: `${found.measure.code} ${localizedString(found.measure.title, locale)}` },
    version: tree.plan.version,
    adopted: tree.plan.status === "adopted",
    years: planYears(tree.plan),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const measureId = idOf(params.measureId);
  const form = await submittedForm(request, context);
  await requirePlan(context, actor, planId);
  return creationForm(form)(
    IndicatorSchema,
    (input) => createIndicator(context.db, { actor, requestId: context.requestId }, planId, measureId, input),
    `/${locale}/workspace/plans/${planId}/measures/${measureId}?saved=indicatorCreated#indicators-heading`,
  );
}

export default function IndicatorNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const errors = fieldErrors(t, actionData?.errors, INDICATOR_FIELD_ORDER, "target-");
  return (
    <>
      <FormPageHead title={t("indicator.newTitle")} errors={errors} fieldIds={{ form: "code" }}>
        <BackLink to={`/${locale}/workspace/plans/${loaderData.planId}/measures/${loaderData.measure.id}`}>
          {loaderData.measure.label}
        </BackLink>
      </FormPageHead>
      <IndicatorForm
        intent="create"
        values={actionData?.values ?? {}}
        errors={errors}
        years={loaderData.years}
        version={loaderData.version}
        adopted={loaderData.adopted}
        submitLabel={t("indicator.create")}
      />
    </>
  );
}
