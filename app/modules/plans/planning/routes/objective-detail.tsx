import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { localizedString } from "#app/i18n/translated-text.ts";
import {
  EditMeta,
  languageFieldNames,
  LanguageFields,
  languageValues,
  SelectField,
  TextField,
  type FormValues,
} from "../components/plan-form-fields.tsx";
import { ItemEditPage } from "../components/planning-page.tsx";
import { removeObjective, updateObjective } from "../../planning.commands.server.ts";
import { loadPlanChoices } from "../../planning.queries.server.ts";
import { editablePlanPage, idOf, planItemForm } from "../planning.routes.server.ts";
import { ObjectiveSchema, RemoveSchema } from "../../planning.schema.ts";
import type { Route } from "./+types/objective-detail";
import { localeFromParams } from "#app/i18n/locales.ts";

const FIELD_ORDER = [
  "reason",
  "planSectorId",
  "code",
  ...languageFieldNames("title"),
  ...languageFieldNames("description"),
  "form",
];

export async function loader(args: Route.LoaderArgs) {
  const { locale, tree } = await editablePlanPage(args);
  const objectiveId = idOf(args.params.objectiveId);
  const objective = tree.sectors.flatMap((s) => s.objectives).find((o) => o.id === objectiveId);
  if (!objective) throw data(null, { status: 404 });
  const names = new Map((await loadPlanChoices(args.context.db, locale)).sectors.map((c) => [c.value, c.label]));
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
      ...languageValues("title", objective.title),
      ...languageValues("description", objective.description),
    } as FormValues,
  };
}

export async function action(args: Route.ActionArgs) {
  const { locale, planId, itemId: objectiveId, intent, audit, submit } = await planItemForm(args, "objectiveId");
  const { db } = args.context;
  if (intent === "remove")
    return submit(
      RemoveSchema,
      (input) => removeObjective(db, audit, planId, objectiveId, input),
      `/${locale}/workspace/plans/${planId}?saved=objectiveRemoved`,
    );
  return submit(
    ObjectiveSchema,
    (input) => updateObjective(db, audit, planId, objectiveId, input),
    `/${locale}/workspace/plans/${planId}?saved=updated#sectors`,
  );
}

export default function ObjectiveDetail({ loaderData: d, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  return (
    <ItemEditPage
      title={d.title}
      back={{ to: `/${locale}/workspace/plans/${d.planId}`, label: t("plan.back", { code: d.planCode }) }}
      answer={actionData}
      fields={FIELD_ORDER}
      item={d}
      editHeading={t("objective.editHeading")}
      editForm={({ intent, version, adopted, submitLabel, ...form }) => (
        <IntentForm intent={intent} noValidate>
          <EditMeta version={version} adopted={adopted} {...form} />
          <SelectField {...form} name="planSectorId" label={t("plan.sector")} options={d.sectors} />
          <TextField {...form} name="code" label={t("objective.code")} hint={t("form.codeHint")} className="w-40" />
          <LanguageFields prefix="title" label={t("objective.title")} {...form} />
          <LanguageFields prefix="description" label={t("objective.description")} {...form} multiline />
          <Button>{submitLabel}</Button>
        </IntentForm>
      )}
      remove={{
        heading: t("objective.removeHeading"),
        lead: t("objective.removeLead", { count: d.measureCount }),
        label: t("objective.remove"),
      }}
    />
  );
}
