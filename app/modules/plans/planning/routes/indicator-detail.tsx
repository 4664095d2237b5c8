import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { localizedString } from "#app/i18n/translated-text.ts";
import { INDICATOR_FIELD_ORDER, IndicatorForm } from "../components/indicator-form.tsx";
import { ItemEditPage } from "../components/planning-page.tsx";
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

export default function IndicatorDetail({ loaderData: d, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  return (
    <ItemEditPage
      title={d.title}
      back={{ to: `/${locale}/workspace/plans/${d.planId}/measures/${d.measure.id}`, label: d.measure.label }}
      answer={actionData}
      fields={INDICATOR_FIELD_ORDER}
      repeated="target-"
      item={d}
      editHeading={t("indicator.editHeading")}
      editForm={(form) => <IndicatorForm {...form} years={d.years} />}
      remove={{ heading: t("indicator.removeHeading"), label: t("indicator.remove") }}
    />
  );
}
