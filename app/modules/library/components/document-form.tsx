import { useTranslation } from "react-i18next";
import { CheckboxLabel, OptionCheckbox } from "#app/components/checkbox-label.tsx";
import { Button } from "#app/components/button.tsx";
import { Field, OptionList, type FieldErrors } from "#app/components/form.tsx";
import { FormFields, SelectField, TextField } from "#app/components/form-fields.tsx";
import { LanguageFields } from "#app/components/language-fields.tsx";
import { DOCUMENT_FORM_LOCALES, DOCUMENT_TYPES, FILE_FIELDS } from "../library.schema.ts";
import { IntentForm } from "#app/components/intent-form.tsx";

/** The fields in the order the form shows them (for the error summary's order). */
export const DOCUMENT_FIELD_ORDER = [
  "titleSq",
  "titleSr",
  "titleEn",
  "originalLocale",
  "summarySq",
  "summarySr",
  "summaryEn",
  "docType",
  "organisationId",
  "issuedOn",
  "sectors",
  "communities",
  "measures",
  "fileSq",
  "fileSr",
  "fileEn",
] as const;

export interface DocumentFormOptions {
  organisations: { value: string; label: string }[];
  sectors: { value: string; label: string }[];
  communities: { value: string; label: string }[];
  measures: { value: string; label: string }[];
}

function Checkboxes({
  name,
  legend,
  options,
  selected,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  selected: Set<string>;
}) {
  return (
    <fieldset className="mb-5">
      <legend className="font-semibold">{legend}</legend>
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <OptionCheckbox key={o.value} name={name} option={o} checked={selected.has(o.value)} />
        ))}
      </div>
    </fieldset>
  );
}

/** The document form (multipart: files travel with the metadata; works without JavaScript). */
export function DocumentForm({
  values,
  errors,
  options,
  submitLabel,
  currentFiles = {},
}: {
  values: Record<string, string>;
  errors: FieldErrors;
  options: DocumentFormOptions;
  submitLabel: string;
  currentFiles?: Record<string, string>;
}) {
  const { t } = useTranslation("library");
  const { t: tc } = useTranslation("core");
  const listOf = (name: string) => new Set((values[name] ?? "").split(",").filter(Boolean));
  const inLanguage = (l: string) => ({ language: tc(`languageName.${l}`) });
  return (
    <FormFields values={values} errors={errors}>
      <IntentForm intent="save" encType="multipart/form-data" className="max-w-3xl" noValidate>
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <LanguageFields
          prefix="title"
          locales={DOCUMENT_FORM_LOCALES}
          label={(l) => t("form.title", inLanguage(l))}
          maxLength={400}
        />
        <SelectField
          name="originalLocale"
          label={t("form.originalLocale")}
          hint={t("form.originalLocaleHint")}
          defaultValue={values.originalLocale ?? "sq"}
        >
          <OptionList options={DOCUMENT_FORM_LOCALES.map((l) => ({ value: l, label: tc(`languageName.${l}`) }))} />
        </SelectField>
        <LanguageFields
          prefix="summary"
          locales={DOCUMENT_FORM_LOCALES}
          label={(l) => t("form.summary", inLanguage(l))}
          multiline
          maxLength={4000}
        />
        <SelectField name="docType" label={t("form.docType")}>
          <option value="">{t("form.choose")}</option>
          <OptionList options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))} />
        </SelectField>
        <div className="mb-5">
          <CheckboxLabel
            className="flex items-start gap-2"
            boxClassName="mt-1 h-5 w-5"
            name="isKnowYourRights"
            defaultChecked={values.isKnowYourRights === "on"}
          >
            <span>
              <span className="font-semibold">{t("form.isKnowYourRights")}</span>
              <span className="block text-sm text-slate-600">{t("form.isKnowYourRightsHint")}</span>
            </span>
          </CheckboxLabel>
        </div>
        <SelectField name="organisationId" label={t("form.organisation")}>
          <option value="">{t("form.choose")}</option>
          <OptionList options={options.organisations} />
        </SelectField>
        <TextField name="issuedOn" label={t("form.issuedOn")} hint={t("form.issuedOnHint")} type="date" />
        <Checkboxes name="sectors" legend={t("form.sectors")} options={options.sectors} selected={listOf("sectors")} />
        <Checkboxes
          name="communities"
          legend={t("form.communities")}
          options={options.communities}
          selected={listOf("communities")}
        />
        {options.measures.length ? (
          <Checkboxes
            name="measures"
            legend={t("form.measures")}
            options={options.measures}
            selected={listOf("measures")}
          />
        ) : null}
        <h2 className="mb-2 mt-6 text-lg">{t("form.files")}</h2>
        <p className="mb-3 text-sm text-slate-700">{t("form.filesHint")}</p>
        {DOCUMENT_FORM_LOCALES.map((l) => (
          <Field
            key={`file${l}`}
            id={FILE_FIELDS[l]}
            label={t("form.file", inLanguage(l))}
            hint={currentFiles[l] ? t("form.currentFile", { file: currentFiles[l] }) : undefined}
            error={errors[FILE_FIELDS[l]]}
            optional
          >
            {(aria) => (
              <input
                {...aria}
                type="file"
                name={FILE_FIELDS[l]}
                accept=".pdf,.docx,.xlsx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.text"
                className="block w-full max-w-full"
              />
            )}
          </Field>
        ))}
        <Button type="submit">{submitLabel}</Button>
      </IntentForm>
    </FormFields>
  );
}
