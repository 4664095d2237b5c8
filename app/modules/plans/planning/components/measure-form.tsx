import { useTranslation } from "react-i18next";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { CheckboxLabel } from "#app/components/checkbox-label.tsx";
import { TextInput } from "#app/components/form.tsx";
import { ChoiceSelectField } from "#app/components/choice-select-field.tsx";
import { fieldValue, FormFields, TextField } from "#app/components/form-fields.tsx";
import type { Choice } from "../../planning.queries.server.ts";
import { BUDGET_SOURCES, budgetField } from "../../planning.schema.ts";
import { EditMeta, languageFieldNames, LanguageFields, valuesOf, type PlanItemFormProps } from "./plan-form-fields.tsx";

/** The fields of the measure form in page order (budget fields follow, by year and source). */
export const MEASURE_FIELD_ORDER = [
  "reason",
  "objectiveId",
  "planSectorId",
  "code",
  ...languageFieldNames("title"),
  ...languageFieldNames("description"),
  "responsibleOrganisationId",
  "supportingOrganisationIds",
  "startDate",
  "endDate",
  "communities",
  "implementsMeasureId",
  "form",
];

/** What the measure form offers. */
export interface MeasureFormOptions {
  objectives: Choice[];
  /** The plan's sectors (value: plan sector id), for a measure whose sector is not its objective's. */
  sectors: Choice[];
  organisations: Choice[];
  communities: Choice[];
  nationalMeasures: Choice[];
  years: number[];
  isLocal: boolean;
}

/** Creating or editing a measure: texts, institutions, dates, communities, the national measure implemented, and the planned budget by year and source. */
export function MeasureForm({
  intent,
  values,
  errors,
  options,
  version,
  adopted,
  submitLabel,
}: PlanItemFormProps & { options: MeasureFormOptions }) {
  const { t } = useTranslation("planning");
  const communities = new Set(valuesOf(values, "communities"));
  return (
    <IntentForm intent={intent} noValidate>
      <FormFields values={values} errors={errors}>
        <EditMeta version={version} adopted={adopted} values={values} errors={errors} />
        <ChoiceSelectField name="objectiveId" label={t("measure.objective")} options={options.objectives} />
        <ChoiceSelectField
          name="planSectorId"
          label={t("measure.sector")}
          hint={t("measure.sectorHint")}
          emptyLabel={t("measure.sectorOfObjective")}
          options={options.sectors}
        />
        <TextField name="code" label={t("measure.code")} hint={t("form.codeHint")} className="w-40" />
        <LanguageFields prefix="title" label={t("measure.title")} values={values} errors={errors} />
        <LanguageFields
          prefix="description"
          label={t("measure.description")}
          values={values}
          errors={errors}
          multiline
        />
        <ChoiceSelectField
          name="responsibleOrganisationId"
          label={t("measure.responsible")}
          emptyLabel={t("form.choose")}
          options={options.organisations}
        />
        <ChoiceSelectField
          name="supportingOrganisationIds"
          label={t("measure.supporting")}
          hint={t("measure.supportingHint")}
          optional
          multiple
          size={8}
          defaultValue={valuesOf(values, "supportingOrganisationIds")}
          options={options.organisations}
        />
        <div className="flex flex-wrap gap-4">
          {[
            { name: "startDate", label: t("measure.startDate") },
            { name: "endDate", label: t("measure.endDate") },
          ].map(({ name, label }) => (
            <TextField key={name} name={name} label={label} hint={t("form.dateHint")} type="date" className="w-48" />
          ))}
        </div>
        <fieldset
          id="communities"
          className="mb-6"
          aria-describedby={errors.communities ? "communities-error" : undefined}
        >
          <legend className="mb-2 font-semibold">{t("measure.communities")}</legend>
          {errors.communities ? (
            <p id="communities-error" className="font-semibold text-red-800">
              {errors.communities}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {options.communities.map((c) => (
              <CheckboxLabel
                key={c.value}
                className="flex items-center gap-2"
                name="communities"
                value={c.value}
                defaultChecked={communities.has(c.value)}
              >
                {c.label}
              </CheckboxLabel>
            ))}
          </div>
        </fieldset>
        {options.isLocal ? (
          <ChoiceSelectField
            name="implementsMeasureId"
            label={t("measure.implements")}
            hint={t("measure.implementsHint")}
            optional
            emptyLabel={t("form.none")}
            options={options.nationalMeasures}
          />
        ) : null}
        <fieldset className="mb-6 min-w-0 max-w-full overflow-x-auto">
          <legend className="mb-2 text-lg font-semibold">{t("measure.budget")}</legend>
          <p className="mb-2 text-sm text-slate-600">{t("measure.budgetHint")}</p>
          <table className="text-left">
            <thead>
              <tr>
                <th scope="col" className="pe-3">
                  {t("measure.year")}
                </th>
                {BUDGET_SOURCES.map((s) => (
                  <th key={s} scope="col" className="pe-3">
                    {t(`source.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {options.years.map((year) => (
                <tr key={year}>
                  <th scope="row" className="pe-3">
                    {year}
                  </th>
                  {BUDGET_SOURCES.map((s) => {
                    const name = budgetField(year, s);
                    return (
                      <td key={s} className="pe-3 pb-2 align-top">
                        <TextInput
                          id={name}
                          name={name}
                          inputMode="decimal"
                          className="w-36"
                          aria-label={t("measure.budgetCell", { year, source: t(`source.${s}`) })}
                          aria-invalid={errors[name] ? true : undefined}
                          aria-describedby={errors[name] ? `${name}-error` : undefined}
                          defaultValue={fieldValue(values, name)}
                        />
                        {errors[name] ? (
                          <p id={`${name}-error`} className="text-sm font-semibold text-red-800">
                            {errors[name]}
                          </p>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <Button>{submitLabel}</Button>
      </FormFields>
    </IntentForm>
  );
}
