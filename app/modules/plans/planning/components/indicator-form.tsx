import { useTranslation } from "react-i18next";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { Field, Select, TextInput } from "#app/components/form.tsx";
import { INDICATOR_DIRECTIONS, INDICATOR_UNITS, targetField } from "../../planning.schema.ts";
import { EditMeta, LanguageFields, valueOf, type FormValues, type TranslatedErrors } from "./plan-form-fields.tsx";

/** The fields of the indicator form in page order (target fields follow, by year). */
export const INDICATOR_FIELD_ORDER = [
  "reason",
  "code",
  "nameSq",
  "nameSr",
  "nameEn",
  "unit",
  "direction",
  "baselineValue",
  "baselineYear",
  "form",
];

/** Creating or editing an indicator: name, unit, direction, baseline, a target per year of the plan, disaggregation. */
export function IndicatorForm({
  intent,
  values,
  errors,
  years,
  version,
  adopted,
  submitLabel,
}: {
  intent: string;
  values: FormValues;
  errors: TranslatedErrors;
  years: number[];
  version: number;
  adopted: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation("planning");
  return (
    <IntentForm intent={intent} noValidate>
      <EditMeta version={version} adopted={adopted} values={values} errors={errors} />
      <Field id="code" label={t("indicator.code")} hint={t("form.codeHint")} error={errors.code}>
        {(aria) => <TextInput {...aria} name="code" className="w-40" defaultValue={valueOf(values, "code")} />}
      </Field>
      <LanguageFields prefix="name" label={t("indicator.name")} values={values} errors={errors} />
      <Field id="unit" label={t("indicator.unit")} error={errors.unit}>
        {(aria) => (
          <Select {...aria} name="unit" defaultValue={valueOf(values, "unit")}>
            <option value="">{t("form.choose")}</option>
            {INDICATOR_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`unit.${u}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="direction" label={t("indicator.direction")} error={errors.direction}>
        {(aria) => (
          <Select {...aria} name="direction" defaultValue={valueOf(values, "direction")}>
            <option value="">{t("form.choose")}</option>
            {INDICATOR_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`direction.${d}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="flex flex-wrap gap-4">
        <Field id="baselineValue" label={t("indicator.baselineValue")} error={errors.baselineValue} optional>
          {(aria) => (
            <TextInput
              {...aria}
              name="baselineValue"
              inputMode="decimal"
              className="w-40"
              defaultValue={valueOf(values, "baselineValue")}
            />
          )}
        </Field>
        <Field id="baselineYear" label={t("indicator.baselineYear")} error={errors.baselineYear} optional>
          {(aria) => (
            <TextInput
              {...aria}
              name="baselineYear"
              inputMode="numeric"
              className="w-32"
              defaultValue={valueOf(values, "baselineYear")}
            />
          )}
        </Field>
      </div>
      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-semibold">{t("indicator.targets")}</legend>
        <div className="flex flex-wrap gap-4">
          {years.map((year) => {
            const name = targetField(year);
            return (
              <Field key={year} id={name} label={String(year)} error={errors[name]} optional>
                {(aria) => (
                  <TextInput
                    {...aria}
                    name={name}
                    inputMode="decimal"
                    className="w-32"
                    defaultValue={valueOf(values, name)}
                  />
                )}
              </Field>
            );
          })}
        </div>
      </fieldset>
      <fieldset className="mb-6">
        <legend className="mb-2 font-semibold">{t("indicator.disaggregation")}</legend>
        <label className="mb-2 flex items-center gap-2">
          <input
            type="checkbox"
            name="byCommunity"
            defaultChecked={valueOf(values, "byCommunity") === "on"}
            className="h-5 w-5"
          />
          {t("indicator.byCommunity")}
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="byGender"
            defaultChecked={valueOf(values, "byGender") === "on"}
            className="h-5 w-5"
          />
          {t("indicator.byGender")}
        </label>
      </fieldset>
      <Button>{submitLabel}</Button>
    </IntentForm>
  );
}
