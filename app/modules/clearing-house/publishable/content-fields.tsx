import { useTranslation } from "react-i18next";
import { ChoiceField, Field, Select } from "#app/components/form.tsx";
import { FormFields, TextAreaField, TextField } from "#app/components/form-fields.tsx";
import { FORM_LOCALES } from "./content-form.ts";

/** The choice field moved to the shared form components; the kinds' editors and filters keep importing it from here. */
export { ChoiceField } from "#app/components/form.tsx";

/**
 * One input per written language for a translatable field (`<name>_sq`, `<name>_sr`, `<name>_en`): a line each,
 * or, for a longer text, a text area of `rows` lines each.
 */
export function TranslatedFields({
  name,
  label,
  hint,
  values,
  errors,
  rows,
}: {
  name: string;
  label: string;
  hint?: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The lines of each text area, for a longer text (a single line when not given). */
  rows?: number;
}) {
  const { t } = useTranslation("news");
  const { t: tc } = useTranslation("core");
  return (
    <FormFields values={values} errors={errors}>
      <fieldset className="mb-4 rounded border border-slate-300 p-3">
        <legend className="px-1 font-semibold">{label}</legend>
        {hint ? <p className="mb-2 text-sm text-slate-600">{hint}</p> : null}
        {FORM_LOCALES.map((l) => {
          const id = `${name}_${l}`;
          const inLanguage = t("form.inLanguage", { language: tc(`languageName.${l}`) });
          const lang = l === "sr" ? "sr-Latn" : l;
          if (rows === undefined) return <TextField key={id} name={id} label={inLanguage} optional lang={lang} />;
          return <TextAreaField key={id} name={id} label={inLanguage} optional lang={lang} rows={rows} />;
        })}
      </fieldset>
    </FormFields>
  );
}

/** The original-language choice of a content form. */
export function OriginalLocaleField({ value, error }: { value: string; error?: string | undefined }) {
  const { t } = useTranslation("news");
  const { t: tc } = useTranslation("core");
  return (
    <Field id="originalLocale" label={t("form.originalLocale")} hint={t("form.originalLocaleHint")} error={error}>
      {(aria) => (
        <Select {...aria} name="originalLocale" defaultValue={value || "sq"}>
          {FORM_LOCALES.map((l) => (
            <option key={l} value={l}>
              {tc(`languageName.${l}`)}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

/** The organisation an item is written for (only those the person may write for). */
export function OrganisationField({
  options,
  value,
  error,
  label,
}: {
  options: { value: string; label: string }[];
  value: string;
  error?: string | undefined;
  label?: string;
}) {
  const { t } = useTranslation("news");
  return (
    <ChoiceField
      id="organisationId"
      label={label ?? t("form.organisation")}
      error={error}
      options={options}
      value={value}
    />
  );
}

/** A long translatable text written in Markdown (a news item's body, an event's agenda and minutes), with the hint on Markdown. */
export function MarkdownFields({
  name,
  label,
  rows,
  values,
  errors,
}: {
  name: string;
  label: string;
  rows: number;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation("news");
  return (
    <TranslatedFields
      name={name}
      label={label}
      hint={t("editor.bodyHint")}
      values={values}
      errors={errors}
      rows={rows}
    />
  );
}
