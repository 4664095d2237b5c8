import { useTranslation } from "react-i18next";
import { TextField } from "#app/components/form-fields.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { loadOrganisationChoices } from "#app/modules/organisations/organisations.queries.server.ts";
import { OriginalLocaleField, TranslatedFields } from "../../publishable/content-fields.tsx";
import { KindField, MunicipalityField, WhatAndWhoFields } from "../../publishable/placed-fields.tsx";
import { translatedFormValuesOf } from "../../publishable/content-form.ts";
import { loadPlacedItemEditor, saveEditor } from "../../publishable/editor.server.ts";
import { OneFormEditorPage } from "../../publishable/editor.tsx";
import { opportunityCommands } from "../opportunities.commands.server.ts";
import { getOpportunity } from "../opportunities.queries.server.ts";
import { OPPORTUNITY_KINDS, OpportunityFormSchema } from "../opportunities.schema.ts";
import type { Route } from "./+types/workspace-opportunity-edit";

export async function loader(args: Route.LoaderArgs) {
  return loadPlacedItemEditor(args, {
    alongside: loadOrganisationChoices,
    pick: (choices) => ({ municipalities: choices.municipalities }),
    newValues: { kind: "job" },
    get: (db, id) => getOpportunity(db, { id }, { includeDrafts: true }),
    values: (o) => ({
      kind: o.kind,
      url: o.url ?? "",
      deadline: o.deadline,
      ...translatedFormValuesOf(o, ["title", "summary", "eligibility"]),
    }),
  });
}

export async function action(args: Route.ActionArgs) {
  return saveEditor(args, "opportunities", OpportunityFormSchema, opportunityCommands);
}

export default function WorkspaceOpportunityEdit({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("opportunities");
  return (
    <OneFormEditorPage
      kind="opportunities"
      locale={localeFromParams(params)}
      loaderData={loaderData}
      actionData={actionData}
      organisationLabel={t("detail.postedBy")}
    >
      {(values, errors) => (
        <>
          <KindField kind="opportunities" kinds={OPPORTUNITY_KINDS} values={values} errors={errors} />
          <OriginalLocaleField value={values.originalLocale ?? "sq"} error={errors.originalLocale} />
          <TranslatedFields name="title" label={t("editor.title")} values={values} errors={errors} />
          <WhatAndWhoFields kind="opportunities" values={values} errors={errors} />
          <TextField name="deadline" label={t("index.deadline")} hint={t("editor.deadlineHint")} type="date" />
          <TextField name="url" label={t("editor.url")} optional type="url" />
          <MunicipalityField kind="opportunities" options={loaderData.municipalities} values={values} errors={errors} />
        </>
      )}
    </OneFormEditorPage>
  );
}
