import { useTranslation } from "react-i18next";
import { fieldValue } from "#app/components/form-fields.tsx";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { INDICATOR_DIRECTIONS, INDICATOR_UNITS, targetField } from "../../planning.schema.ts";
import {
  EditMeta,
  languageFieldNames,
  LanguageFields,
  SelectField,
  TextField,
  YEAR_INPUT,
  type PlanItemFormProps,
} from "./plan-form-fields.tsx";

/** The fields of the indicator form in page order (target fields follow, by year). */
export const INDICATOR_FIELD_ORDER = [
  "reason",
  "code",
  ...languageFieldNames("name"),
  "unit",
  "direction",
  "baselineValue",
  "baselineYear",
  "form",
];

/** The inputs of a baseline value and a yearly target. */
const DECIMAL = { inputMode: "decimal", className: "w-40" } as const;
const TARGET = { inputMode: "decimal", className: "w-32" } as const;

/** Creating or editing an indicator: name, unit, direction, baseline, a target per year of the plan, disaggregation. */
export function IndicatorForm({
  intent,
  values,
  errors,
  years,
  version,
  adopted,
  submitLabel,
}: PlanItemFormProps & { years: number[] }) {
  const { t } = useTranslation("planning");
  const form = { values, errors };
  const units = INDICATOR_UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }));
  const directions = INDICATOR_DIRECTIONS.map((d) => ({ value: d, label: t(`direction.${d}`) }));
  return (
    <IntentForm intent={intent} noValidate>
      <EditMeta version={version} adopted={adopted} {...form} />
      <TextField {...form} name="code" label={t("indicator.code")} hint={t("form.codeHint")} className="w-40" />
      <LanguageFields prefix="name" label={t("indicator.name")} {...form} />
      <SelectField {...form} name="unit" label={t("indicator.unit")} emptyLabel={t("form.choose")} options={units} />
      <SelectField
        {...form}
        name="direction"
        label={t("indicator.direction")}
        emptyLabel={t("form.choose")}
        options={directions}
      />
      <div className="flex flex-wrap gap-4">
        <TextField {...form} name="baselineValue" label={t("indicator.baselineValue")} optional {...DECIMAL} />
        <TextField {...form} name="baselineYear" label={t("indicator.baselineYear")} optional {...YEAR_INPUT} />
      </div>
      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-semibold">{t("indicator.targets")}</legend>
        <div className="flex flex-wrap gap-4">
          {years.map((year) => (
            <TextField key={year} {...form} name={targetField(year)} label={String(year)} optional {...TARGET} />
          ))}
        </div>
      </fieldset>
      <fieldset className="mb-6">
        <legend className="mb-2 font-semibold">{t("indicator.disaggregation")}</legend>
        {[
          { name: "byCommunity", label: t("indicator.byCommunity") },
          { name: "byGender", label: t("indicator.byGender") },
        ].map(({ name, label }, i, boxes) => (
          <label
            key={name}
            className={i < boxes.length - 1 ? "mb-2 flex items-center gap-2" : "flex items-center gap-2"}
          >
            <input type="checkbox" name={name} defaultChecked={fieldValue(values, name) === "on"} className="h-5 w-5" />
            {label}
          </label>
        ))}
      </fieldset>
      <Button>{submitLabel}</Button>
    </IntentForm>
  );
}
