import { useTranslation } from "react-i18next";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import type { Choice } from "../../planning.queries.server.ts";
import { PLAN_STATUSES } from "../../planning.schema.ts";
import {
  languageFieldNames,
  LanguageFields,
  PeriodFields,
  SelectField,
  type FormValues,
  type TranslatedErrors,
} from "./plan-form-fields.tsx";

/** The fields of the strategy form, in page order (for the error summary). */
export const STRATEGY_FIELD_ORDER = [
  ...languageFieldNames("title"),
  ...languageFieldNames("summary"),
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
  const form = { values, errors };
  return (
    <IntentForm intent={intent} noValidate>
      {version ? <input type="hidden" name="version" value={String(version)} /> : null}
      <LanguageFields prefix="title" label={t("strategy.title")} hint={t("form.languagesHint")} {...form} />
      <LanguageFields prefix="summary" label={t("strategy.summary")} {...form} multiline />
      <PeriodFields {...form} />
      <SelectField
        {...form}
        name="ownerOrganisationId"
        label={t("strategy.owner")}
        emptyLabel={t("form.choose")}
        options={organisations}
      />
      <SelectField
        {...form}
        name="status"
        label={t("plan.status")}
        fallback="draft"
        options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <Button>{submitLabel}</Button>
    </IntentForm>
  );
}
