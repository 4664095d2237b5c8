import { useTranslation } from "react-i18next";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { Field, OptionList, Select } from "#app/components/form.tsx";
import type { Choice } from "../../planning.queries.server.ts";
import { PLAN_STATUSES } from "../../planning.schema.ts";
import { LanguageFields, PeriodFields, valueOf, type FormValues, type TranslatedErrors } from "./plan-form-fields.tsx";

/** The fields of the strategy form, in page order (for the error summary). */
export const STRATEGY_FIELD_ORDER = [
  "titleSq",
  "titleSr",
  "titleEn",
  "summarySq",
  "summarySr",
  "summaryEn",
  "periodStartYear",
  "periodEndYear",
  "ownerOrganisationId",
  "status",
  "form",
] as const;

/** Creating or editing a strategy: titles and summaries per language, period, owner office, status. */
export function StrategyForm({
  intent,
  values,
  errors,
  organisations,
  version,
  submitLabel,
}: {
  intent: string;
  values: FormValues;
  errors: TranslatedErrors;
  organisations: Choice[];
  version?: number;
  submitLabel: string;
}) {
  const { t } = useTranslation("planning");
  return (
    <IntentForm intent={intent} noValidate>
      {version ? <input type="hidden" name="version" value={String(version)} /> : null}
      <LanguageFields
        prefix="title"
        label={t("strategy.title")}
        hint={t("form.languagesHint")}
        values={values}
        errors={errors}
      />
      <LanguageFields prefix="summary" label={t("strategy.summary")} values={values} errors={errors} multiline />
      <PeriodFields values={values} errors={errors} />
      <Field id="ownerOrganisationId" label={t("strategy.owner")} error={errors.ownerOrganisationId}>
        {(aria) => (
          <Select {...aria} name="ownerOrganisationId" defaultValue={valueOf(values, "ownerOrganisationId")}>
            <option value="">{t("form.choose")}</option>
            <OptionList options={organisations} />
          </Select>
        )}
      </Field>
      <Field id="status" label={t("plan.status")} error={errors.status}>
        {(aria) => (
          <Select {...aria} name="status" defaultValue={valueOf(values, "status") || "draft"}>
            {PLAN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button>{submitLabel}</Button>
    </IntentForm>
  );
}
