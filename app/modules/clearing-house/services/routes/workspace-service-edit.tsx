import { useTranslation } from "react-i18next";
import { CyrillicSpellingField } from "#app/components/cyrillic-spelling-field.tsx";
import { TextField } from "#app/components/form-fields.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { loadOrganisationChoices } from "#app/modules/organisations/organisations.queries.server.ts";
import { ChoiceField, OriginalLocaleField, TranslatedFields } from "../../publishable/content-fields.tsx";
import { MunicipalityField, WhatAndWhoFields } from "../../publishable/placed-fields.tsx";
import { translatedFormValuesOf } from "../../publishable/content-form.ts";
import { loadPlacedItemEditor, saveEditor } from "../../publishable/editor.server.ts";
import { OneFormEditorPage } from "../../publishable/editor.tsx";
import { serviceCommands } from "../services.commands.server.ts";
import { getService } from "../services.queries.server.ts";
import { ServiceFormSchema } from "../services.schema.ts";
import type { Route } from "./+types/workspace-service-edit";

export async function loader(args: Route.LoaderArgs) {
  return loadPlacedItemEditor(args, {
    alongside: loadOrganisationChoices,
    pick: (choices) => ({ municipalities: choices.municipalities, sectors: choices.sectors }),
    get: (db, id) => getService(db, { id }, { includeDrafts: true }),
    values: (s) => ({
      address: s.address ?? "",
      onlineUrl: s.onlineUrl ?? "",
      sectorCode: s.sectorCode ?? "",
      titleSrCyrl: s.titleSrCyrl ?? "",
      ...translatedFormValuesOf(s, ["title", "summary", "eligibility", "requirements", "hours"]),
    }),
  });
}

export async function action(args: Route.ActionArgs) {
  return saveEditor(args, "services", ServiceFormSchema, serviceCommands);
}

export default function WorkspaceServiceEdit({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("services");
  return (
    <OneFormEditorPage
      kind="services"
      locale={localeFromParams(params)}
      loaderData={loaderData}
      actionData={actionData}
      organisationLabel={t("editor.provider")}
    >
      {(values, errors) => (
        <>
          <OriginalLocaleField value={values.originalLocale ?? "sq"} error={errors.originalLocale} />
          <TranslatedFields name="title" label={t("editor.title")} values={values} errors={errors} />
          <CyrillicSpellingField
            name="titleSrCyrl"
            label={t("editor.titleSrCyrl")}
            hint={t("editor.titleSrCyrlHint")}
          />
          <WhatAndWhoFields kind="services" values={values} errors={errors} />
          <TranslatedFields name="requirements" label={t("detail.bring")} values={values} errors={errors} rows={2} />
          <ChoiceField
            id="sectorCode"
            label={t("index.sector")}
            error={errors.sectorCode}
            optional
            emptyLabel={t("index.anySector")}
            options={loaderData.sectors}
            value={values.sectorCode ?? ""}
          />
          <TextField name="onlineUrl" label={t("editor.onlineUrl")} hint={t("editor.placeHint")} optional type="url" />
          <TextField name="address" label={t("editor.address")} hint={t("editor.placeHint")} optional />
          <MunicipalityField kind="services" options={loaderData.municipalities} values={values} errors={errors} />
          <TranslatedFields name="hours" label={t("detail.hours")} values={values} errors={errors} />
        </>
      )}
    </OneFormEditorPage>
  );
}
