import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { localizedString } from "#app/i18n/translated-text.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { MEASURE_FIELD_ORDER, MeasureForm } from "../components/measure-form.tsx";
import { fieldErrors } from "../components/plan-form-fields.tsx";
import { ItemPageHead, PlanningSection, RemoveItemSection } from "../components/planning-page.tsx";
import { findMeasure, measureFormOptions, measureValues } from "../measure-page.server.ts";
import { removeMeasure, updateMeasure } from "../../planning.commands.server.ts";
import { formatDecimal, idOf, planAbilities, planItemForm, requirePlan } from "../planning.routes.server.ts";
import { MeasureSchema, RemoveSchema } from "../../planning.schema.ts";
import type { Route } from "./+types/measure-detail";
import { localeFromParams } from "#app/i18n/locales.ts";

const SAVED = ["created", "updated", "indicatorCreated", "indicatorRemoved"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const tree = await requirePlan(context, actor, idOf(params.planId));
  const found = findMeasure(tree, idOf(params.measureId));
  if (!found) throw data(null, { status: 404 });
  const { measure, objectiveId } = found;
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    planId: tree.plan.id,
    planCode: tree.plan.code,
    version: tree.plan.version,
    adopted: tree.plan.status === "adopted",
    ...planAbilities(actor, tree),
    measure: { id: measure.id, code: measure.code, title: localizedString(measure.title, locale) },
    indicators: measure.indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: localizedString(i.name, locale),
      unit: i.unit,
      baseline:
        i.baselineValue === null
          ? null
          : `${formatDecimal(i.baselineValue, locale)}${i.baselineYear ? ` (${i.baselineYear})` : ""}`,
      targets: i.targets.map((t) => `${t.year}: ${formatDecimal(t.value, locale)}`).join("; "),
    })),
    values: measureValues(measure, objectiveId),
    options: await measureFormOptions(context.db, tree, locale),
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const { locale, planId, itemId: measureId, intent, audit, submit } = await planItemForm(args, "measureId");
  const { db } = args.context;
  if (intent === "remove")
    return submit(
      RemoveSchema,
      (input) => removeMeasure(db, audit, planId, measureId, input),
      `/${locale}/workspace/plans/${planId}?saved=measureRemoved`,
    );
  return submit(
    MeasureSchema,
    (input) => updateMeasure(db, audit, planId, measureId, input),
    `/${locale}/workspace/plans/${planId}/measures/${measureId}?saved=updated`,
  );
}

export default function MeasureDetail({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const d = loaderData;
  const errors = fieldErrors(t, actionData?.errors, MEASURE_FIELD_ORDER, "budget-");
  const removeErrors = actionData?.intent === "remove" ? errors : {};
  const editErrors = actionData?.intent === "remove" ? {} : errors;
  const title = `${d.measure.code} ${d.measure.title}`;
  return (
    <>
      <ItemPageHead
        title={title}
        back={{ to: `/${locale}/workspace/plans/${d.planId}`, label: t("plan.back", { code: d.planCode }) }}
        saved={!actionData && d.saved}
        errors={errors}
        actionErrors={actionData?.errors}
        adopted={d.adopted}
        isRemove={actionData?.intent === "remove"}
      />

      <PlanningSection id="indicators-heading" heading={t("indicator.heading")} className="mb-10">
        {d.indicators.length === 0 ? (
          <p>{t("indicator.none")}</p>
        ) : (
          <ul className="list-disc ps-6">
            {d.indicators.map((i) => (
              <li key={i.id} className="break-words">
                {d.canEdit ? (
                  <Link to={`/${locale}/workspace/plans/${d.planId}/indicators/${i.id}`}>{`${i.code} ${i.name}`}</Link>
                ) : (
                  `${i.code} ${i.name}`
                )}
                {" — "}
                {t(`unit.${i.unit}`)}
                {i.baseline ? `; ${t("indicator.baseline")}: ${i.baseline}` : ""}
                {i.targets ? `; ${t("indicator.targets")}: ${i.targets}` : ""}
              </li>
            ))}
          </ul>
        )}
        {d.canEdit ? (
          <p className="mt-3">
            <Link to={`/${locale}/workspace/plans/${d.planId}/measures/${d.measure.id}/indicators/new`}>
              {t("indicator.add")}
            </Link>
          </p>
        ) : null}
      </PlanningSection>

      {d.canEdit ? (
        <>
          <PlanningSection id="edit-heading" heading={t("measure.editHeading")}>
            <MeasureForm
              intent="update"
              values={actionData && actionData.intent !== "remove" ? actionData.values : d.values}
              errors={editErrors}
              options={d.options}
              version={d.version}
              adopted={d.adopted}
              submitLabel={t("form.save")}
            />
          </PlanningSection>
          <RemoveItemSection
            heading={t("measure.removeHeading")}
            label={t("measure.remove")}
            version={d.version}
            adopted={d.adopted}
            errors={removeErrors}
          />
        </>
      ) : null}
    </>
  );
}
