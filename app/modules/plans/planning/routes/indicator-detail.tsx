import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { localizedString } from "#app/i18n/translated-text.ts";
import { INDICATOR_FIELD_ORDER, IndicatorForm } from "../components/indicator-form.tsx";
import { fieldErrors } from "../components/plan-form-fields.tsx";
import { ItemPageHead, PlanningSection, RemoveItemSection } from "../components/planning-page.tsx";
import { findIndicator, indicatorValues } from "../measure-page.server.ts";
import { removeIndicator, updateIndicator } from "../../planning.commands.server.ts";
import { editablePlanPage, idOf, planItemForm, planYears } from "../planning.routes.server.ts";
import { IndicatorSchema, RemoveSchema } from "../../planning.schema.ts";
import type { Route } from "./+types/indicator-detail";
import { localeFromParams } from "#app/i18n/locales.ts";

export async function loader(args: Route.LoaderArgs) {
  const { locale, tree } = await editablePlanPage(args);
  const found = findIndicator(tree, idOf(args.params.indicatorId));
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

export async function action(args: Route.ActionArgs) {
  const { locale, planId, itemId: indicatorId, intent, audit, submit } = await planItemForm(args, "indicatorId");
  const { db } = args.context;
  if (intent === "remove")
    return submit(
      RemoveSchema,
      (input) => removeIndicator(db, audit, planId, indicatorId, input),
      (result) => `/${locale}/workspace/plans/${planId}/measures/${result.measureId}?saved=indicatorRemoved`,
    );
  return submit(
    IndicatorSchema,
    (input) => updateIndicator(db, audit, planId, indicatorId, input),
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
      <ItemPageHead
        title={d.title}
        back={{ to: `/${locale}/workspace/plans/${d.planId}/measures/${d.measure.id}`, label: d.measure.label }}
        errors={errors}
        actionErrors={actionData?.errors}
        adopted={d.adopted}
        isRemove={isRemove}
      />
      <PlanningSection id="edit-heading" heading={t("indicator.editHeading")}>
        <IndicatorForm
          intent="update"
          values={actionData && !isRemove ? actionData.values : d.values}
          errors={isRemove ? {} : errors}
          years={d.years}
          version={d.version}
          adopted={d.adopted}
          submitLabel={t("form.save")}
        />
      </PlanningSection>
      <RemoveItemSection
        heading={t("indicator.removeHeading")}
        label={t("indicator.remove")}
        version={d.version}
        adopted={d.adopted}
        errors={isRemove ? errors : {}}
      />
    </>
  );
}
