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
 * The filter by the kind of item (events, opportunities): "any kind" first, then the kinds, each named
 * `kind.<code>` in the kind's catalog (`index.kind`, `index.anyKind` label the field).
 */
export function ItemKindFilter({
  kind,
  kinds,
  value,
}: {
  kind: "events" | "opportunities";
  kinds: readonly string[];
  value: string;
}) {
  const { t } = useTranslation(kind);
  return (
    <ChoiceField
      id="kind"
      label={t("index.kind")}
      emptyLabel={t("index.anyKind")}
      options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      value={value}
    />
  );
}

/**
 * The filters of a kind's public list and the count of what they found (events, services, opportunities):
 * the kind's own filters first (`children`, with any hidden value the list keeps), then the municipality
 * ("any municipality" first, then `municipalityChoices`), the submit button and the count, all labelled in
 * the kind's catalog (`index.municipality`, `index.anyMunicipality`, `index.filter`, `index.count`).
 */
export function KindListFilters({
  kind,
  list,
  municipality,
  children,
}: {
  kind: "events" | "services" | "opportunities";
  list: { municipalities: { value: string; label: string }[]; total: number; totalLabel: string };
  municipality: string;
  children: ReactNode;
}) {
  const { t } = useTranslation(kind);
  return (
    <>
      <FilterForm submitLabel={t("index.filter")}>
        {children}
        <ChoiceField
          id="municipality"
          label={t("index.municipality")}
          emptyLabel={t("index.anyMunicipality")}
          options={list.municipalities}
          value={municipality}
        />
      </FilterForm>
      <ResultCount>{t("index.count", { count: list.total, total: list.totalLabel })}</ResultCount>
    </>
  );
}
