import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary, Field, Select, TextInput } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { EditMeta, fieldErrors, LanguageFields, valueOf, type FormValues } from "../components/plan-form-fields.tsx";
import { removeObjective, updateObjective } from "../../planning.commands.server.ts";
import { loadPlanChoices } from "../../planning.queries.server.ts";
import { idOf, requireEditablePlan, requirePlan, planningForm } from "../planning.routes.server.ts";
import { ObjectiveSchema, RemoveSchema } from "../../planning.schema.ts";
import type { Route } from "./+types/objective-detail";
import { localeFromParams } from "#app/i18n/locales.ts";

const FIELD_ORDER = [
  "reason",
  "planSectorId",
  "code",
  "titleSq",
  "titleSr",
  "titleEn",
  "descriptionSq",
  "descriptionSr",
  "descriptionEn",
  "form",
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const tree = await requireEditablePlan(context, actor, idOf(params.planId));
  const objectiveId = idOf(params.objectiveId);
  const objective = tree.sectors.flatMap((s) => s.objectives).find((o) => o.id === objectiveId);
  if (!objective) throw data(null, { status: 404 });
  const names = new Map((await loadPlanChoices(context.db, locale)).sectors.map((c) => [c.value, c.label]));
  return {
    planId: tree.plan.id,
    planCode: tree.plan.code,
    version: tree.plan.version,
    adopted: tree.plan.status === "adopted",
    title: `${objective.code} ${localizedString(objective.title, locale)}`,
    measureCount: objective.measures.length,
    sectors: tree.sectors.map((s) => ({ value: String(s.id), label: names.get(s.sectorCode) ?? s.sectorCode })),
    values: {
      planSectorId: String(objective.planSectorId),
      code: objective.code,
      titleSq: objective.title.sq ?? "",
      titleSr: objective.title.sr ?? "",
      titleEn: objective.title.en ?? "",
      descriptionSq: objective.description.sq ?? "",
      descriptionSr: objective.description.sr ?? "",
      descriptionEn: objective.description.en ?? "",
    } as FormValues,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const objectiveId = idOf(params.objectiveId);
  const { intent, audit, submit } = await planningForm(request, context, actor);
  await requirePlan(context, actor, planId);
  if (intent === "remove")
    return submit(
      RemoveSchema,
      (input) => removeObjective(context.db, audit, planId, objectiveId, input),
      `/${locale}/workspace/plans/${planId}?saved=objectiveRemoved`,
    );
  return submit(
    ObjectiveSchema,
    (input) => updateObjective(context.db, audit, planId, objectiveId, input),
    `/${locale}/workspace/plans/${planId}?saved=updated#sectors`,
  );
}

export default function ObjectiveDetail({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const d = loaderData;
  const isRemove = actionData?.intent === "remove";
  const errors = fieldErrors(t, actionData?.errors, FIELD_ORDER);
  const values = actionData && !isRemove ? actionData.values : d.values;
  return (
    <>
      <PageTitle title={d.title} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/plans/${d.planId}`}>{t("plan.back", { code: d.planCode })}</Link>
      </p>
      <h1 className="mb-6 break-words">{d.title}</h1>
      <ErrorSummary
        errors={errors}
        fieldIds={{ form: d.adopted ? "reason" : "code", ...(isRemove ? { reason: "remove-reason" } : {}) }}
      />
      {actionData?.errors.form === "planning:errors.editedByOthers" ? (
        <p className="mb-6 max-w-2xl rounded bg-amber-50 p-4 text-amber-900">{t("form.conflictHelp")}</p>
      ) : null}
      <section aria-labelledby="edit-heading" className="mb-10 max-w-3xl">
        <h2 id="edit-heading" className="mb-3">
          {t("objective.editHeading")}
        </h2>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="update" />
          <EditMeta version={d.version} adopted={d.adopted} values={values} errors={isRemove ? {} : errors} />
          <Field id="planSectorId" label={t("plan.sector")} error={isRemove ? undefined : errors.planSectorId}>
            {(aria) => (
              <Select {...aria} name="planSectorId" defaultValue={valueOf(values, "planSectorId")}>
                {d.sectors.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            id="code"
            label={t("objective.code")}
            hint={t("form.codeHint")}
            error={isRemove ? undefined : errors.code}
          >
            {(aria) => <TextInput {...aria} name="code" className="w-40" defaultValue={valueOf(values, "code")} />}
          </Field>
          <LanguageFields prefix="title" label={t("objective.title")} values={values} errors={isRemove ? {} : errors} />
          <LanguageFields
            prefix="description"
            label={t("objective.description")}
            values={values}
            errors={isRemove ? {} : errors}
            multiline
          />
          <Button>{t("form.save")}</Button>
        </Form>
      </section>
      <section aria-labelledby="remove-heading" className="mb-10 max-w-3xl">
        <h2 id="remove-heading" className="mb-3">
          {t("objective.removeHeading")}
        </h2>
        <p className="mb-3">{t("objective.removeLead", { count: d.measureCount })}</p>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="remove" />
          <EditMeta
            version={d.version}
            adopted={d.adopted}
            values={{}}
            errors={isRemove ? errors : {}}
            idPrefix="remove-"
          />
          <Button variant="secondary">{t("objective.remove")}</Button>
        </Form>
      </section>
    </>
  );
}
