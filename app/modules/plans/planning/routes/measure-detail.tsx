import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { MEASURE_FIELD_ORDER, MeasureForm } from "../components/measure-form.tsx";
import { EditMeta, fieldErrors } from "../components/plan-form-fields.tsx";
import { findMeasure, measureFormOptions, measureValues } from "../measure-page.server.ts";
import { removeMeasure, updateMeasure } from "../../planning.commands.server.ts";
import { formatDecimal, idOf, planAbilities, requirePlan, planningForm } from "../planning.routes.server.ts";
import { MeasureSchema, RemoveSchema } from "../../planning.schema.ts";
import type { Route } from "./+types/measure-detail";
import { localeFromParams } from "#app/i18n/locales.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

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

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const measureId = idOf(params.measureId);
  const { intent, audit, submit } = await planningForm(request, context, actor);
  await requirePlan(context, actor, planId);
  if (intent === "remove")
    return submit(
      RemoveSchema,
      (input) => removeMeasure(context.db, audit, planId, measureId, input),
      `/${locale}/workspace/plans/${planId}?saved=measureRemoved`,
    );
  return submit(
    MeasureSchema,
    (input) => updateMeasure(context.db, audit, planId, measureId, input),
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
      <PageTitle title={title} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/plans/${d.planId}`}>{t("plan.back", { code: d.planCode })}</Link>
      </p>
      <h1 className="mb-6 break-words">{title}</h1>
      {d.saved && !actionData ? <SavedNotice>{t(`saved.${d.saved}`)}</SavedNotice> : null}
      <ErrorSummary
        errors={errors}
        fieldIds={{
          form: d.adopted ? "reason" : "code",
          ...(actionData?.intent === "remove" ? { reason: "remove-reason" } : {}),
        }}
      />
      {actionData?.errors.form === "planning:errors.editedByOthers" ? (
        <p className="mb-6 max-w-2xl rounded bg-amber-50 p-4 text-amber-900">{t("form.conflictHelp")}</p>
      ) : null}

      <section aria-labelledby="indicators-heading" className="mb-10">
        <h2 id="indicators-heading" className="mb-3">
          {t("indicator.heading")}
        </h2>
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
      </section>

      {d.canEdit ? (
        <>
          <section aria-labelledby="edit-heading" className="mb-10 max-w-3xl">
            <h2 id="edit-heading" className="mb-3">
              {t("measure.editHeading")}
            </h2>
            <MeasureForm
              intent="update"
              values={actionData && actionData.intent !== "remove" ? actionData.values : d.values}
              errors={editErrors}
              options={d.options}
              version={d.version}
              adopted={d.adopted}
              submitLabel={t("form.save")}
            />
          </section>
          <section aria-labelledby="remove-heading" className="mb-10 max-w-3xl">
            <h2 id="remove-heading" className="mb-3">
              {t("measure.removeHeading")}
            </h2>
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="remove" />
              <EditMeta version={d.version} adopted={d.adopted} values={{}} errors={removeErrors} idPrefix="remove-" />
              <Button variant="secondary">{t("measure.remove")}</Button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
