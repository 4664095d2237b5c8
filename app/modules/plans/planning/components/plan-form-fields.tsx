import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Field, TextArea, TextInput } from "#app/components/form.tsx";

/** Field errors already translated, by field name. */
export type TranslatedErrors = Partial<Record<string, string>>;
/** Submitted or stored form values, by field name. */
export type FormValues = Record<string, string | string[] | undefined>;

/** The value of a field as a string (first of several). */
export function valueOf(values: FormValues, name: string): string {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

/** The values of a multi-valued field (checkboxes, multiple select); comma-joined after a failed submit. */
export function valuesOf(values: FormValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value;
  return value ? value.split(",") : [];
}

const LANGUAGES = [
  { suffix: "Sq", lang: "sq", stored: "sq" },
  { suffix: "Sr", lang: "sr-Latn", stored: "sr" },
  { suffix: "En", lang: "en", stored: "en" },
] as const;

/** A stored text as the values of its `LanguageFields` (`titleSq`, `titleSr`, `titleEn`), "" for a language it is not written in. */
export function languageValues(prefix: string, text: { sq?: string; sr?: string; en?: string }): FormValues {
  return Object.fromEntries(LANGUAGES.map(({ suffix, stored }) => [`${prefix}${suffix}`, text[stored] ?? ""]));
}

/** One text in the three written languages (Albanian, Serbian in Latin script, English), e.g. `titleSq`, `titleSr`, `titleEn`. */
export function LanguageFields({
  prefix,
  label,
  values,
  errors,
  multiline = false,
  hint,
  idPrefix = "",
}: {
  prefix: string;
  label: string;
  values: FormValues;
  errors: TranslatedErrors;
  multiline?: boolean;
  hint?: string;
  idPrefix?: string;
}) {
  const { t } = useTranslation("planning");
  return (
    <fieldset className="mb-6 max-w-3xl">
      <legend className="mb-2 text-lg font-semibold">{label}</legend>
      {hint ? <p className="mb-3 text-sm text-slate-600">{hint}</p> : null}
      {LANGUAGES.map(({ suffix, lang }) => {
        const name = `${prefix}${suffix}`;
        return (
          <Field
            key={name}
            id={`${idPrefix}${name}`}
            label={t(`form.language.${suffix.toLowerCase()}`)}
            error={errors[name]}
            optional
          >
            {(aria) =>
              multiline ? (
                <TextArea {...aria} name={name} lang={lang} rows={3} defaultValue={valueOf(values, name)} />
              ) : (
                <TextInput {...aria} name={name} lang={lang} defaultValue={valueOf(values, name)} />
              )
            }
          </Field>
        );
      })}
    </fieldset>
  );
}

/** The reason an adopted plan is changed (required then; recorded with the new revision), and the plan version the form started from. */
export function EditMeta({
  version,
  adopted,
  values,
  errors,
  idPrefix = "",
}: {
  version: number;
  adopted: boolean;
  values: FormValues;
  errors: TranslatedErrors;
  idPrefix?: string;
}) {
  const { t } = useTranslation("planning");
  return (
    <>
      {/* Always the version just loaded: after a conflict the form keeps what was typed, and saving again is deliberate. */}
      <input type="hidden" name="version" value={String(version)} />
      {adopted ? (
        <Field id={`${idPrefix}reason`} label={t("form.reason")} hint={t("form.reasonHint")} error={errors.reason}>
          {(aria) => <TextInput {...aria} name="reason" defaultValue={valueOf(values, "reason")} maxLength={500} />}
        </Field>
      ) : null}
    </>
  );
}

/**
 * A refused form's errors (translation keys from the action) translated for the page, in the order of
 * `fields`, then the repeated fields whose names start with `repeated` (budget cells, yearly targets):
 * the order the error summary lists them in.
 */
export function fieldErrors(
  t: TFunction<"planning">,
  errors: Partial<Record<string, string>> | undefined,
  fields: readonly string[],
  repeated?: string,
): TranslatedErrors {
  const names = repeated ? [...fields, ...Object.keys(errors ?? {}).filter((k) => k.startsWith(repeated))] : fields;
  return Object.fromEntries(names.filter((f) => errors?.[f]).map((f) => [f, t(errors?.[f] ?? "")]));
}

const PERIOD_FIELDS = [
  { name: "periodStartYear", label: "plan.startYear" },
  { name: "periodEndYear", label: "plan.endYear" },
] as const;

/** The first and the last year of a strategy's or a plan's period, side by side. */
export function PeriodFields({
  values,
  errors,
  idPrefix = "",
}: {
  values: FormValues;
  errors: TranslatedErrors;
  idPrefix?: string;
}) {
  const { t } = useTranslation("planning");
  return (
    <div className="flex flex-wrap gap-4">
      {PERIOD_FIELDS.map(({ name, label }) => (
        <Field key={name} id={`${idPrefix}${name}`} label={t(label)} error={errors[name]}>
          {(aria) => (
            <TextInput
              {...aria}
              name={name}
              inputMode="numeric"
              className="w-32"
              defaultValue={valueOf(values, name)}
            />
          )}
        </Field>
      ))}
    </div>
  );
}
