import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { localizedString } from "#app/i18n/translated-text.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { MEASURE_FIELD_ORDER, MeasureForm } from "../components/measure-form.tsx";
import { ItemEditPage, PlanningSection } from "../components/planning-page.tsx";
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

export default function MeasureDetail({ loaderData: d, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  return (
    <ItemEditPage
      title={`${d.measure.code} ${d.measure.title}`}
      back={{ to: `/${locale}/workspace/plans/${d.planId}`, label: t("plan.back", { code: d.planCode }) }}
      saved={!actionData && d.saved}
      answer={actionData}
      fields={MEASURE_FIELD_ORDER}
      repeated="budget-"
      item={d}
      canEdit={d.canEdit}
      editHeading={t("measure.editHeading")}
      editForm={(form) => <MeasureForm {...form} options={d.options} />}
      remove={{ heading: t("measure.removeHeading"), label: t("measure.remove") }}
    >
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
    </ItemEditPage>
  );
}
