import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import { parseForm } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { INDICATOR_FIELD_ORDER, IndicatorForm } from "../components/indicator-form.tsx";
import { findMeasure } from "../measure-page.server.ts";
import { createIndicator } from "../../planning.commands.server.ts";
import { planningPolicy } from "../../planning.policy.ts";
import { idOf, requirePlan, submittedValues } from "../planning.routes.server.ts";
import { IndicatorSchema } from "../../planning.schema.ts";
import type { Route } from "./+types/indicator-new";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const tree = await requirePlan(context, actor, idOf(params.planId));
  authorize(planningPolicy, actor, "plan.edit", {
    kind: tree.plan.kind,
    kasCode: tree.plan.kasCode,
    status: tree.plan.status,
  });
  const found = findMeasure(tree, idOf(params.measureId));
  if (!found) throw data(null, { status: 404 });
  const years: number[] = [];
  for (let y = tree.plan.periodStartYear; y <= tree.plan.periodEndYear; y += 1) years.push(y);
  return {
    planId: tree.plan.id,
    measure: { id: found.measure.id, label: `${found.measure.code} ${localizedString(found.measure.title, locale)}` },
    version: tree.plan.version,
    adopted: tree.plan.status === "adopted",
    years,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const measureId = idOf(params.measureId);
  const form = await submittedForm(request, context);
  await requirePlan(context, actor, planId);
  const parsed = parseForm(IndicatorSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: submittedValues(form) }, { status: 400 });
  const result = await createIndicator(
    context.db,
    { actor, requestId: context.requestId },
    planId,
    measureId,
    parsed.data,
  );
  if (!result.ok) return data({ errors: result.errors, values: submittedValues(form) }, { status: result.status });
  throw redirect(
    `/${locale}/workspace/plans/${planId}/measures/${measureId}?saved=indicatorCreated#indicators-heading`,
  );
}

export default function IndicatorNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const fields = [
    ...INDICATOR_FIELD_ORDER,
    ...Object.keys(actionData?.errors ?? {}).filter((k) => k.startsWith("target-")),
  ];
  const errors = Object.fromEntries(
    fields.filter((f) => actionData?.errors[f]).map((f) => [f, t(actionData?.errors[f] ?? "")]),
  );
  return (
    <>
      <PageTitle title={t("indicator.newTitle")} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/plans/${loaderData.planId}/measures/${loaderData.measure.id}`}>
          {loaderData.measure.label}
        </Link>
      </p>
      <PageHeader title={t("indicator.newTitle")} />
      <ErrorSummary errors={errors} fieldIds={{ form: "code" }} />
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
