import { useTranslation } from "react-i18next";
import { BackLink } from "#app/components/back-link.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { STRATEGY_FIELD_ORDER, StrategyForm } from "../components/strategy-form.tsx";
import { createStrategy } from "../../planning.commands.server.ts";
import { planningPolicy } from "../../planning.policy.ts";
import { loadPlanChoices } from "../../planning.queries.server.ts";
import { creationForm } from "../planning.routes.server.ts";
import { StrategyCreateSchema } from "../../planning.schema.ts";
import { fieldErrors } from "../components/plan-form-fields.tsx";
import type { Route } from "./+types/strategy-new";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(planningPolicy, actor, "strategy.manage", null);
  return {
    organisations: (await loadPlanChoices(context.db, locale)).organisations.map(({ value, label }) => ({
      value,
      label,
    })),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const form = await submittedForm(request, context);
  authorize(planningPolicy, actor, "strategy.manage", null);
  return creationForm(form)(
    StrategyCreateSchema,
    (input) => createStrategy(context.db, { actor, requestId: context.requestId }, input),
    (result) => `/${locale}/workspace/plans/strategies/${result.id}?saved=created`,
  );
}

export default function StrategyNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const errors = fieldErrors(t, actionData?.errors, STRATEGY_FIELD_ORDER);
  return (
    <>
      <FormPageHead title={t("strategy.newTitle")} errors={errors} fieldIds={{ form: "titleSq" }}>
        <BackLink to={`/${locale}/workspace/plans`}>{t("index.back")}</BackLink>
      </FormPageHead>
      <StrategyForm
        intent="create"
        values={actionData?.values ?? { status: "draft" }}
        errors={errors}
        organisations={loaderData.organisations}
        submitLabel={t("strategy.create")}
      />
    </>
  );
}
