import { useTranslation } from "react-i18next";
import { BackLink } from "#app/components/back-link.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { requireUser } from "#app/services/guards.server.ts";
import { MEASURE_FIELD_ORDER, MeasureForm } from "../components/measure-form.tsx";
import { measureFormOptions } from "../measure-page.server.ts";
import { createMeasure } from "../../planning.commands.server.ts";
import { creationForm, editablePlanPage, idOf, requirePlan } from "../planning.routes.server.ts";
import { MeasureSchema } from "../../planning.schema.ts";
import { fieldErrors } from "../components/plan-form-fields.tsx";
import type { Route } from "./+types/measure-new";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";

export async function loader(args: Route.LoaderArgs) {
  const { locale, tree } = await editablePlanPage(args);
  const objective = new URL(args.request.url).searchParams.get("objective") ?? "";
  return {
    planId: tree.plan.id,
    planCode: tree.plan.code,
    version: tree.plan.version,
    adopted: tree.plan.status === "adopted",
    options: await measureFormOptions(args.context.db, tree, locale),
    objective,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const form = await submittedForm(request, context);
  await requirePlan(context, actor, planId);
  return creationForm(form)(
    MeasureSchema,
    (input) => createMeasure(context.db, { actor, requestId: context.requestId }, planId, input),
    (result) => `/${locale}/workspace/plans/${planId}/measures/${result.id}?saved=created`,
  );
}

export default function MeasureNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const errors = fieldErrors(t, actionData?.errors, MEASURE_FIELD_ORDER, "budget-");
  return (
    <>
      <FormPageHead title={t("measure.newTitle")} errors={errors} fieldIds={{ form: "code" }}>
        <BackLink to={`/${locale}/workspace/plans/${loaderData.planId}`}>
          {t("plan.back", { code: loaderData.planCode })}
        </BackLink>
      </FormPageHead>
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
