import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { CheckboxLabel } from "#app/components/checkbox-label.tsx";
import { Fact } from "#app/components/fact.tsx";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { CyrillicSpellingField } from "#app/components/cyrillic-spelling-field.tsx";
import { EmailField } from "#app/components/email-field.tsx";
import { FieldErrorLine } from "#app/components/field-error-line.tsx";
import { LanguageFields } from "#app/components/language-fields.tsx";
import { OptionList } from "#app/components/form.tsx";
import { FormFields, fieldValue, SelectField, TextAreaField, TextField } from "#app/components/form-fields.tsx";
import {
  LOCAL_ORGANISATION_TYPES,
  ORGANISATION_FORM_LOCALES,
  type OrganisationTypeCode,
} from "./organisations.schema.ts";

/** A coded choice with its name in the reader's language. */
export interface Choice {
  value: string;
  label: string;
}

/** What the organisation form offers: types, municipalities, sectors and communities. */
export interface OrganisationFormOptions {
  types: Choice[];
  municipalities: Choice[];
  sectors: Choice[];
  communities: Choice[];
}

/** The form's values as strings (checkbox groups as lists). */
export type OrganisationFormValues = Record<string, string | string[]>;

/** The field names of the form, in the order of the page (the error summary follows it). */
export const ORGANISATION_FIELD_ORDER = [
  "nameSq",
  "nameSr",
  "nameEn",
  "nameSrCyrl",
  "acronym",
  "typeCode",
  "kasCode",
  "descriptionSq",
  "descriptionSr",
  "descriptionEn",
  "website",
  "email",
  "phone",
  "address",
  "iatiIdentifier",
  "sectors",
  "communities",
] as const;

function listOf(values: OrganisationFormValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value;
  return value ? value.split(",") : [];
}

/**
 * The organisation form, shared by "new" and "edit": names and descriptions per language, type,
 * municipality, contact details, sectors and communities. A plain POST form: it works without
 * JavaScript. When the reader may not change the type and municipality, they are shown and sent
 * unchanged.
 */
export function OrganisationForm({
  intent,
  values,
  errors,
  options,
  version,
  canChangeClassification,
  submitLabel,
}: {
  intent: string;
  values: OrganisationFormValues;
  errors: Record<string, string | undefined>;
  options: OrganisationFormOptions;
  version?: number;
  canChangeClassification: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation("organisations");
  const typeCode = fieldValue(values, "typeCode");
  const kasCode = fieldValue(values, "kasCode");
  /** A group of checkboxes of the form, ticked as submitted or stored, with its error. */
  const checkboxGroup = (id: "sectors" | "communities", legend: string, hint: string, choices: Choice[]) => (
    <CheckboxGroup
      id={id}
      legend={legend}
      hint={hint}
      error={errors[id]}
      choices={choices}
      checked={new Set(listOf(values, id))}
    />
  );
  const typeLabel = options.types.find((o) => o.value === typeCode)?.label ?? typeCode;
  const municipalityLabel = options.municipalities.find((o) => o.value === kasCode)?.label ?? t("form.noMunicipality");
  return (
    <FormFields values={values} errors={errors}>
      <Form method="post" noValidate className="max-w-2xl" key={version ?? "new"}>
        <CsrfField />
        <input type="hidden" name="intent" value={intent} />
        {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}

        <fieldset className="mb-6">
          <legend className="mb-2 text-lg font-semibold">{t("form.namesLegend")}</legend>
          <p className="mb-3 text-sm text-slate-700">{t("form.namesHint")}</p>
          <LanguageFields
            prefix="name"
            locales={ORGANISATION_FORM_LOCALES}
            label={(locale) => t(`form.name.${locale}`)}
            maxLength={300}
          />
          <CyrillicSpellingField name="nameSrCyrl" label={t("form.nameSrCyrl")} hint={t("form.nameSrCyrlHint")} />
          <TextField
            name="acronym"
            label={t("form.acronym")}
            hint={t("form.acronymHint")}
            optional
            maxLength={30}
            className="sm:w-48"
          />
        </fieldset>

        {canChangeClassification ? (
          <>
            <SelectField name="typeCode" label={t("form.type")}>
              <option value="">{t("form.chooseType")}</option>
              <OptionList options={options.types} />
            </SelectField>
            <SelectField
              name="kasCode"
              label={t("form.municipality")}
              hint={t("form.municipalityHint", {
                types: LOCAL_ORGANISATION_TYPES.map(
                  (code: OrganisationTypeCode) => options.types.find((o) => o.value === code)?.label ?? code,
                ).join(", "),
              })}
              optional
            >
              <option value="">{t("form.noMunicipality")}</option>
              <OptionList options={options.municipalities} />
            </SelectField>
          </>
        ) : (
          <div id="typeCode" tabIndex={-1} className="mb-5">
            <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <Fact term={t("form.type")}>{typeLabel}</Fact>
              <Fact term={t("form.municipality")}>{municipalityLabel}</Fact>
            </dl>
            <p className="mt-1 text-sm text-slate-700">{t("form.classificationLocked")}</p>
            <input type="hidden" name="typeCode" value={typeCode} />
            <input type="hidden" name="kasCode" value={kasCode} />
          </div>
        )}

        <fieldset className="mb-6">
          <legend className="mb-2 text-lg font-semibold">{t("form.descriptionLegend")}</legend>
          <LanguageFields
            prefix="description"
            locales={ORGANISATION_FORM_LOCALES}
            label={(locale) => t(`form.description.${locale}`)}
            multiline
            rows={4}
            maxLength={5000}
          />
        </fieldset>

        <fieldset className="mb-6">
          <legend className="mb-2 text-lg font-semibold">{t("form.contactLegend")}</legend>
          <TextField
            name="website"
            label={t("form.website")}
            hint={t("form.websiteHint")}
            optional
            type="url"
            maxLength={300}
            autoComplete="url"
            inputMode="url"
          />
          <EmailField name="email" label={t("form.email")} optional autoComplete="email" />
          <TextField
            name="phone"
            label={t("form.phone")}
            optional
            type="tel"
            maxLength={50}
            autoComplete="tel"
            className="sm:w-64"
          />
          <TextAreaField name="address" label={t("form.address")} optional maxLength={500} rows={2} />
        </fieldset>

        <TextField
          name="iatiIdentifier"
          label={t("form.iatiIdentifier")}
          hint={t("form.iatiIdentifierHint")}
          optional
          maxLength={120}
          autoComplete="off"
          spellCheck={false}
          className="sm:w-80"
        />

        {checkboxGroup("sectors", t("form.sectors"), t("form.sectorsHint"), options.sectors)}
        {checkboxGroup("communities", t("form.communities"), t("form.communitiesHint"), options.communities)}

        <Button>{submitLabel}</Button>
      </Form>
    </FormFields>
  );
}

/** A group of checkboxes with a legend, hint and error, focusable by the error summary's link. */
function CheckboxGroup({
  id,
  legend,
  hint,
  error,
  choices,
  checked,
}: {
  id: string;
  legend: string;
  hint: string;
  error?: string;
  choices: Choice[];
  checked: Set<string>;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      className={`mb-6 ${error ? "border-s-4 border-red-700 ps-3" : ""}`}
    >
      <legend className="text-lg font-semibold">{legend}</legend>
      <p id={hintId} className="text-sm text-slate-600">
        {hint}
      </p>
      <FieldErrorLine id={errorId} error={error} />
      <ul className="mt-2 grid gap-1 sm:grid-cols-2">
        {choices.map((choice) => (
          <li key={choice.value}>
            <CheckboxLabel
              className="flex min-h-11 items-center gap-2"
              name={id}
              value={choice.value}
              defaultChecked={checked.has(choice.value)}
            >
              {choice.label}
            </CheckboxLabel>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
