import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { parseForm } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { MEASURE_FIELD_ORDER, MeasureForm } from "../components/measure-form.tsx";
import { measureFormOptions } from "../measure-page.server.ts";
import { createMeasure } from "../../planning.commands.server.ts";
import { planningPolicy } from "../../planning.policy.ts";
import { idOf, requirePlan, submittedValues } from "../planning.routes.server.ts";
import { MeasureSchema } from "../../planning.schema.ts";
import type { Route } from "./+types/measure-new";
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
  const objective = new URL(request.url).searchParams.get("objective") ?? "";
  return {
    planId: tree.plan.id,
    planCode: tree.plan.code,
    version: tree.plan.version,
    adopted: tree.plan.status === "adopted",
    options: await measureFormOptions(context.db, tree, locale),
    objective,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const form = await submittedForm(request, context);
  await requirePlan(context, actor, planId);
  const parsed = parseForm(MeasureSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: submittedValues(form) }, { status: 400 });
  const result = await createMeasure(context.db, { actor, requestId: context.requestId }, planId, parsed.data);
  if (!result.ok) return data({ errors: result.errors, values: submittedValues(form) }, { status: result.status });
  throw redirect(`/${locale}/workspace/plans/${planId}/measures/${result.id}?saved=created`);
}

export default function MeasureNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const fields = [
    ...MEASURE_FIELD_ORDER,
    ...Object.keys(actionData?.errors ?? {}).filter((k) => k.startsWith("budget-")),
  ];
  const errors = Object.fromEntries(
    fields.filter((f) => actionData?.errors[f]).map((f) => [f, t(actionData?.errors[f] ?? "")]),
  );
  return (
    <>
      <PageTitle title={t("measure.newTitle")} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/plans/${loaderData.planId}`}>
          {t("plan.back", { code: loaderData.planCode })}
        </Link>
      </p>
      <PageHeader title={t("measure.newTitle")} />
      <ErrorSummary errors={errors} fieldIds={{ form: "code" }} />
      <MeasureForm
        intent="create"
        values={actionData?.values ?? { objectiveId: loaderData.objective }}
        errors={errors}
        options={loaderData.options}
        version={loaderData.version}
        adopted={loaderData.adopted}
        submitLabel={t("measure.create")}
      />
    </>
  );
}
