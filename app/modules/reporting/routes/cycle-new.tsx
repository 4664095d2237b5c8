import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { BackLink } from "#app/components/back-link.tsx";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ChoiceSelectField } from "#app/components/choice-select-field.tsx";
import { FormFields, TextField } from "#app/components/form-fields.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { openCycle } from "#app/modules/reporting/reporting.commands.server.ts";
import { reportingPolicy } from "#app/modules/reporting/reporting.policy.ts";
import { listPlanChoices } from "#app/modules/reporting/reporting.queries.server.ts";
import { OpenCycleSchema, PERIOD_KINDS } from "#app/modules/reporting/reporting.schema.ts";
import { submitFormCommand } from "#app/services/forms.ts";
import { requireAllowed } from "#app/services/guards.server.ts";
import type { Route } from "./+types/cycle-new";
import { submittedForm } from "#app/services/form-body.server.ts";

const FIELDS = ["actionPlanId", "periodKind", "periodStart", "periodEnd", "label", "deadline"] as const;

export async function loader(args: Route.LoaderArgs) {
  const { locale } = requireAllowed(args, reportingPolicy, "cycle.manage", null);
  return { plans: await listPlanChoices(args.context.db, locale) };
}

export async function action(args: Route.ActionArgs) {
  const { locale, actor } = requireAllowed(args, reportingPolicy, "cycle.manage", null);
  const { request, context } = args;
  return submitFormCommand(
    await submittedForm(request, context),
    OpenCycleSchema,
    (input) => openCycle(context.db, { actor, requestId: context.requestId }, input),
    (result) => `/${locale}/workspace/reporting/cycles/${result.cycleId}?saved=opened`,
  );
}

export default function CycleNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("reporting");
  const locale = localeFromParams(params);
  const values = actionData?.values ?? {};
  const errors = Object.fromEntries(
    [...FIELDS, "form"].filter((f) => actionData?.errors[f]).map((f) => [f, t(actionData?.errors[f] ?? "")]),
  );
  return (
    <>
      <FormPageHead
        title={t("newCycle.title")}
        lead={t("newCycle.lead")}
        errors={errors}
        fieldIds={{ form: "actionPlanId" }}
      >
        <BackLink to={`/${locale}/workspace/reporting`}>{t("back.toReporting")}</BackLink>
      </FormPageHead>
      <Form method="post" className="max-w-xl">
        <FormFields values={values} errors={errors}>
          <CsrfField />
          <ChoiceSelectField
            name="actionPlanId"
            label={t("newCycle.plan")}
            hint={t("newCycle.planHint")}
            emptyLabel={t("newCycle.choose")}
            options={loaderData.plans.map((p) => ({ value: String(p.id), label: p.label }))}
          />
          <ChoiceSelectField
            name="periodKind"
            label={t("newCycle.periodKind")}
            defaultValue={values.periodKind ?? "annual"}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`periodKind.${k}`) }))}
          />
          <TextField name="label" label={t("newCycle.label")} hint={t("newCycle.labelHint")} maxLength={200} />
          <TextField name="periodStart" label={t("newCycle.periodStart")} hint={t("newCycle.dateHint")} type="date" />
          <TextField name="periodEnd" label={t("newCycle.periodEnd")} hint={t("newCycle.dateHint")} type="date" />
          <TextField name="deadline" label={t("newCycle.deadline")} hint={t("newCycle.deadlineHint")} type="date" />
          <Button>{t("newCycle.submit")}</Button>
        </FormFields>
      </Form>
    </>
  );
}
