import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { OptionCheckbox } from "#app/components/checkbox-label.tsx";
import { ChoiceSelectField } from "#app/components/choice-select-field.tsx";
import { FormFields, SelectField, TextAreaField, TextField } from "#app/components/form-fields.tsx";
import { ACTIVITY_STATUSES, ORGANISATION_ROLES } from "../projects.schema.ts";

interface Option {
  value: string;
  label: string;
}

/** What the project form offers. */
export interface ProjectFormOptions {
  owners: Option[];
  organisations: Option[];
  sectors: Option[];
  communities: Option[];
  municipalities: Option[];
  measures: { plan: string; options: Option[] }[];
}

/** The form's values as strings (lists for checkbox groups). */
export type ProjectFormValues = Record<string, string | string[]>;

function str(values: ProjectFormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? v.join(",") : (v ?? "");
}

function list(values: ProjectFormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? v.split(",") : [];
}

/** Number of rows a repeatable group shows: the filled ones and some empty ones. */
export function rowCount(values: ProjectFormValues, prefix: string, extra: number): number {
  let max = -1;
  for (const key of Object.keys(values)) {
    const match = new RegExp(`^${prefix}_(\\d+)_`).exec(key);
    if (match && str(values, key)) max = Math.max(max, Number(match[1]));
  }
  return max + 1 + extra;
}

/**
 * The project form (new and edit): a plain POST form that works without JavaScript. Repeatable
 * groups (organisations, money by year, contacts, documents) show their rows and a few empty ones;
 * saving offers more.
 */
export function ProjectForm({
  values,
  errors,
  options,
  version,
  submitLabel,
}: {
  values: ProjectFormValues;
  errors: Record<string, string | undefined>;
  options: ProjectFormOptions;
  version?: number;
  submitLabel: string;
}) {
  const { t } = useTranslation("projects");
  const optionBox = (name: string, o: Option) => (
    <OptionCheckbox key={o.value} name={name} option={o} checked={list(values, name).includes(o.value)} />
  );
  const checkboxes = (name: string, legend: string, opts: Option[]) => (
    <fieldset
      className={`mb-5 ${errors[name] ? "border-s-4 border-red-700 ps-3" : ""}`}
      id={name}
      aria-describedby={errors[name] ? `${name}-error` : undefined}
    >
      <legend className="font-semibold">{legend}</legend>
      {errors[name] ? (
        <p id={`${name}-error`} className="font-semibold text-red-800">
          {errors[name]}
        </p>
      ) : null}
      <div className="mt-1 grid gap-1 sm:grid-cols-2">{opts.map((o) => optionBox(name, o))}</div>
    </fieldset>
  );
  const orgRows = rowCount(values, "org", 3);
  const finRows = rowCount(values, "fin", 3);
  const contactRows = rowCount(values, "contact", 1);
  const docRows = rowCount(values, "doc", 1);
  const selectedMunicipalities = list(values, "municipalities");
  const roleOptions = ORGANISATION_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <Form method="post" noValidate className="max-w-3xl">
      <FormFields values={values} errors={errors}>
        <CsrfField />
        {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
        <ChoiceSelectField name="ownerOrganisationId" label={t("form.owner")} options={options.owners} />
        <fieldset className="mb-5">
          <legend className="text-lg font-semibold">{t("form.titles")}</legend>
          <TextField name="titleSq" label={t("form.titleSq")} optional />
          <TextField name="titleSr" label={t("form.titleSr")} optional />
          <TextField name="titleEn" label={t("form.titleEn")} optional />
          {(["Sq", "Sr", "En"] as const).map((suffix) => (
            <TextAreaField key={suffix} name={`description${suffix}`} label={t(`form.description${suffix}`)} optional />
          ))}
        </fieldset>
        <TextField
          name="iatiIdentifier"
          label={t("form.iatiIdentifier")}
          optional
          hint={t("form.iatiIdentifierHint")}
        />
        <ChoiceSelectField
          name="activityStatus"
          label={t("form.status")}
          options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          defaultValue={str(values, "activityStatus") || "implementation"}
        />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField name="plannedStart" label={t("form.plannedStart")} type="date" />
          <TextField name="plannedEnd" label={t("form.plannedEnd")} type="date" />
          <TextField name="actualStart" label={t("form.actualStart")} optional type="date" />
          <TextField name="actualEnd" label={t("form.actualEnd")} optional type="date" />
          <TextField name="budget" label={t("form.budget")} optional inputMode="decimal" />
          <TextField name="currency" label={t("form.currency")} hint={t("form.currencyHint")} />
        </div>
        <fieldset className="mb-5" id="organisations">
          <legend className="text-lg font-semibold">{t("form.organisations")}</legend>
          <p className="text-sm text-slate-700">{t("form.organisationsHint")}</p>
          {errors.organisations ? <p className="font-semibold text-red-800">{errors.organisations}</p> : null}
          {Array.from({ length: orgRows }, (_, i) => (
            <div key={i} className="grid gap-x-4 sm:grid-cols-[2fr_1fr]">
              {[
                { name: `org_${i}_id`, label: t("form.organisation", { n: i + 1 }), options: options.organisations },
                { name: `org_${i}_role`, label: t("form.role", { n: i + 1 }), options: roleOptions },
              ].map((field) => (
                <ChoiceSelectField key={field.name} {...field} optional emptyLabel={t("form.none")} />
              ))}
            </div>
          ))}
        </fieldset>
        {checkboxes("sectors", t("form.sectors"), options.sectors)}
        {checkboxes("communities", t("form.communities"), options.communities)}
        <fieldset
          className={`mb-5 ${errors.municipalities ? "border-s-4 border-red-700 ps-3" : ""}`}
          id="municipalities"
        >
          <legend className="text-lg font-semibold">{t("form.municipalities")}</legend>
          <p className="text-sm text-slate-700">{t("form.municipalitiesHint")}</p>
          {errors.municipalities ? <p className="font-semibold text-red-800">{errors.municipalities}</p> : null}
          <div className="mt-1 grid gap-x-4 sm:grid-cols-2">
            {options.municipalities.map((m) => (
              <div
                key={m.value}
                className={`flex items-center gap-2 py-1 ${errors[`share_${m.value}`] ? "border-s-4 border-red-700 ps-2" : ""}`}
              >
                <input
                  type="checkbox"
                  id={`municipality-${m.value}`}
                  name="municipalities"
                  value={m.value}
                  defaultChecked={selectedMunicipalities.includes(m.value)}
                  className="h-5 w-5"
                />
                <label htmlFor={`municipality-${m.value}`} className="grow">
                  {m.label}
                </label>
                <label htmlFor={`share_${m.value}`} className="sr-only">
                  {t("form.shareOf", { name: m.label })}
                </label>
                <input
                  id={`share_${m.value}`}
                  name={`share_${m.value}`}
                  inputMode="decimal"
                  defaultValue={str(values, `share_${m.value}`)}
                  aria-invalid={errors[`share_${m.value}`] ? true : undefined}
                  className="w-20 rounded border border-slate-500 px-2 py-1"
                />
                <span aria-hidden="true">%</span>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset className="mb-5" id="finance">
          <legend className="text-lg font-semibold">{t("form.finance")}</legend>
          {Array.from({ length: finRows }, (_, i) => (
            <div key={i} className="grid gap-x-4 sm:grid-cols-3">
              <TextField name={`fin_${i}_year`} label={t("form.year", { n: i + 1 })} optional inputMode="numeric" />
              <TextField name={`fin_${i}_commitment`} label={t("form.commitment")} optional inputMode="decimal" />
              <TextField name={`fin_${i}_disbursement`} label={t("form.disbursement")} optional inputMode="decimal" />
            </div>
          ))}
        </fieldset>
        {options.measures.length > 0 ? (
          <fieldset className="mb-5" id="measures">
            <legend className="text-lg font-semibold">{t("form.measures")}</legend>
            {errors.measures ? <p className="font-semibold text-red-800">{errors.measures}</p> : null}
            {options.measures.map((group) => (
              <div key={group.plan} className="mb-2">
                <p className="font-semibold">{group.plan}</p>
                {group.options.map((o) => optionBox("measures", o))}
              </div>
            ))}
          </fieldset>
        ) : null}
        <fieldset className="mb-5">
          <legend className="text-lg font-semibold">{t("form.contacts")}</legend>
          {Array.from({ length: contactRows }, (_, i) => (
            <div key={i} className="grid gap-x-4 sm:grid-cols-2">
              <TextField name={`contact_${i}_name`} label={t("form.contactName", { n: i + 1 })} optional />
              <TextField name={`contact_${i}_organisation`} label={t("form.contactOrganisation")} optional />
              <TextField name={`contact_${i}_email`} label={t("form.contactEmail")} optional type="email" />
              <TextField name={`contact_${i}_phone`} label={t("form.contactPhone")} optional />
            </div>
          ))}
        </fieldset>
        <fieldset className="mb-5">
          <legend className="text-lg font-semibold">{t("form.documents")}</legend>
          {Array.from({ length: docRows }, (_, i) => (
            <div key={i} className="grid gap-x-4 sm:grid-cols-3">
              <TextField name={`doc_${i}_title`} label={t("form.documentTitle", { n: i + 1 })} optional />
              <TextField name={`doc_${i}_url`} label={t("form.documentUrl")} optional type="url" />
              <SelectField
                name={`doc_${i}_kind`}
                label={t("form.documentKind")}
                defaultValue={str(values, `doc_${i}_kind`) || "document"}
              >
                <option value="document">{t("documents.document")}</option>
                <option value="photo">{t("documents.photo")}</option>
              </SelectField>
            </div>
          ))}
        </fieldset>
        <Button>{submitLabel}</Button>
      </FormFields>
    </Form>
  );
}
