import type { TFunction } from "i18next";
import type { InputHTMLAttributes, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FileUploadField } from "#app/components/file-upload-field.tsx";
import { ChoiceSelectField } from "#app/components/choice-select-field.tsx";
import { fieldValue, FormFields, TextAreaField, TextField as NamedTextField } from "#app/components/form-fields.tsx";

/** Field errors already translated, by field name. */
export type TranslatedErrors = Partial<Record<string, string>>;
/** Submitted or stored form values, by field name. */
export type FormValues = Record<string, string | string[] | undefined>;

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

/** The names of one text's fields in the three written languages, in page order: `titleSq`, `titleSr`, `titleEn`. */
export function languageFieldNames<Prefix extends string>(
  prefix: Prefix,
): [`${Prefix}Sq`, `${Prefix}Sr`, `${Prefix}En`] {
  return [`${prefix}Sq`, `${prefix}Sr`, `${prefix}En`];
}

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
}: PlanForm & {
  prefix: string;
  label: string;
  multiline?: boolean;
  hint?: string;
}) {
  const { t } = useTranslation("planning");
  return (
    <FormFields values={values} errors={errors}>
      <fieldset className="mb-6 max-w-3xl">
        <legend className="mb-2 text-lg font-semibold">{label}</legend>
        {hint ? <p className="mb-3 text-sm text-slate-600">{hint}</p> : null}
        {LANGUAGES.map(({ suffix, lang }) => {
          const name = `${prefix}${suffix}`;
          const field = { id: `${idPrefix}${name}`, name, label: t(`form.language.${suffix.toLowerCase()}`), lang };
          return multiline ? (
            <TextAreaField key={name} {...field} optional rows={3} />
          ) : (
            <NamedTextField key={name} {...field} optional />
          );
        })}
      </fieldset>
    </FormFields>
  );
}

/** The reason an adopted plan is changed (required then; recorded with the new revision), and the plan version the form started from. */
export function EditMeta({
  version,
  adopted,
  values,
  errors,
  idPrefix = "",
}: PlanForm & {
  version: number;
  adopted: boolean;
}) {
  const { t } = useTranslation("planning");
  return (
    <>
      {/* Always the version just loaded: after a conflict the form keeps what was typed, and saving again is deliberate. */}
      <input type="hidden" name="version" value={String(version)} />
      {adopted ? (
        <TextField
          values={values}
          errors={errors}
          idPrefix={idPrefix}
          name="reason"
          label={t("form.reason")}
          hint={t("form.reasonHint")}
          maxLength={500}
        />
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

/** A year's input (a period's years, an indicator's baseline year). */
export const YEAR_INPUT = { inputMode: "numeric", className: "w-32" } as const;

const PERIOD_FIELDS = [
  { name: "periodStartYear", label: "plan.startYear" },
  { name: "periodEndYear", label: "plan.endYear" },
] as const;

/** The first and the last year of a strategy's or a plan's period, side by side. */
export function PeriodFields(form: PlanForm) {
  const { t } = useTranslation("planning");
  return (
    <div className="flex flex-wrap gap-4">
      {PERIOD_FIELDS.map(({ name, label }) => (
        <TextField key={name} {...form} name={name} label={t(label)} {...YEAR_INPUT} />
      ))}
    </div>
  );
}

/**
 * One planning form's state as its fields take it (spread it: `{...form}`): the values shown, the errors
 * translated, and the prefix of its fields' ids when a page has several forms with the same field names.
 */
export interface PlanForm {
  values: FormValues;
  errors: TranslatedErrors;
  idPrefix?: string;
}

/** What a form creating or editing an item of a plan is given: its intent, its state, the plan's version and state, the button's label. */
export interface PlanItemFormProps extends PlanForm {
  intent: string;
  version: number;
  adopted: boolean;
  submitLabel: string;
}

/** What a labelled field of a planning form is given besides the form: its name, label, hint, optional tag. */
interface PlanFieldProps extends PlanForm {
  name: string;
  /** The control's id when it is not `idPrefix` + its name. */
  id?: string;
  label: string;
  hint?: string;
  optional?: boolean;
}

/**
 * A labelled text input of a planning form, its value and its error from the form, its id `idPrefix` + its
 * name (`type`, `inputMode`, `className` and `maxLength` are the input's).
 */
export function TextField({
  values,
  errors,
  idPrefix = "",
  ...field
}: PlanFieldProps & Pick<InputHTMLAttributes<HTMLInputElement>, "type" | "inputMode" | "className" | "maxLength">) {
  return (
    <FormFields values={values} errors={errors}>
      <NamedTextField id={`${idPrefix}${field.name}`} {...field} />
    </FormFields>
  );
}

/**
 * A labelled select of a planning form (its options: first the choice of none, `emptyLabel`, when given,
 * then `options`, then the children): the value chosen (or `fallback` when none is) and the error from the
 * form; a `multiple` select shows `size` rows and takes every value of the field.
 */
export function SelectField({
  values,
  errors,
  idPrefix = "",
  fallback = "",
  ...field
}: PlanFieldProps & {
  multiple?: boolean;
  size?: number;
  fallback?: string;
  emptyLabel?: string;
  options?: readonly { value: string; label: string }[];
  children?: ReactNode;
}) {
  const chosen = field.multiple ? valuesOf(values, field.name) : fieldValue(values, field.name) || fallback;
  return (
    <FormFields values={values} errors={errors}>
      <ChoiceSelectField id={`${idPrefix}${field.name}`} {...field} defaultValue={chosen} />
    </FormFields>
  );
}

/** A file upload field (a plain multipart POST; works without JavaScript): the input takes the field's whole width. */
export function FileField({
  id,
  name,
  label,
  hint,
  error,
  accept,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  error: string | undefined;
  accept: string;
}) {
  return (
    <FileUploadField
      id={id}
      name={name}
      label={label}
      hint={hint}
      error={error}
      accept={accept}
      className="block w-full max-w-full text-sm"
    />
  );
}
