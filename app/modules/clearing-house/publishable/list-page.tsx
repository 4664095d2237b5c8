import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Button } from "#app/components/button.tsx";
import { ChoiceField } from "#app/components/form.tsx";

/*
 * The parts every public list of the clearing house shares (decision 048): the filter form (GET,
 * works without JavaScript: each filter a `ChoiceField` from content-fields.tsx) and the count of
 * what it found, announced as a status, and the pager under it (`ListPagination`, app/components).
 */

/** A list's filters: a GET form with the kind's choices and a submit button. */
export function FilterForm({
  submitLabel,
  className = "mb-6 grid gap-x-4 sm:grid-cols-3 sm:items-end",
  children,
}: {
  submitLabel: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="get" className={className}>
      {children}
      <div className="mb-5">
        <Button type="submit">{submitLabel}</Button>
      </div>
    </Form>
  );
}

/** How many items the list found ("12 services"), announced to screen readers when it changes. */
export function ResultCount({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="mb-3">
      {children}
    </p>
  );
}

/**
 * A kind's municipality filter (events, services, opportunities): "any municipality" first, then the
 * municipalities (`municipalityChoices`), labelled in the kind's catalog (`index.municipality`,
 * `index.anyMunicipality`).
 */
export function MunicipalityFilter({
  kind,
  options,
  value,
}: {
  kind: "events" | "services" | "opportunities";
  options: { value: string; label: string }[];
  value: string;
}) {
  const { t } = useTranslation(kind);
  return (
    <ChoiceField
      id="municipality"
      label={t("index.municipality")}
      emptyLabel={t("index.anyMunicipality")}
      options={options}
      value={value}
    />
  );
}
