import { useTranslation } from "react-i18next";
import { ChoiceField } from "#app/components/form.tsx";
import { TranslatedFields } from "./content-fields.tsx";

/*
 * The fields of the kinds placed in a municipality (events, services, opportunities), in each kind's words:
 * the municipality, the kind of item, and what a service or an opportunity offers and to whom.
 */

/** The kinds whose items are placed in a municipality, and so have a kind and a municipality field. */
type PlacedKind = "events" | "services" | "opportunities";

/** What each kind calls an item of no municipality, and the hint under its municipality field (keys of its catalog). */
const MUNICIPALITY_WORDS: Record<PlacedKind, { none: string; hint?: string }> = {
  events: { none: "editor.noMunicipality" },
  services: { none: "index.anyMunicipality", hint: "editor.municipalityHint" },
  opportunities: { none: "detail.anywhere" },
};

/** An item's municipality (`kasCode`), optional, in the kind's words: the first option is the kind's "none". */
export function MunicipalityField({
  kind,
  options,
  values,
  errors,
}: {
  kind: PlacedKind;
  options: { value: string; label: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation(kind);
  const words = MUNICIPALITY_WORDS[kind];
  return (
    <ChoiceField
      id="kasCode"
      label={t("index.municipality")}
      hint={words.hint ? t(words.hint) : undefined}
      error={errors.kasCode}
      optional
      emptyLabel={t(words.none)}
      options={options}
      value={values.kasCode ?? ""}
    />
  );
}

/** An item's kind (`kind`: an event's, an opportunity's), each named in the kind's catalog (`kind.<value>`). */
export function KindField({
  kind,
  kinds,
  values,
  errors,
}: {
  kind: PlacedKind;
  kinds: readonly string[];
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation(kind);
  return (
    <ChoiceField
      id="kind"
      label={t("index.kind")}
      error={errors.kind}
      options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      value={values.kind}
    />
  );
}

/** What a service or an opportunity offers and who may use it (`summary`, `eligibility`), labelled in the kind's words. */
export function WhatAndWhoFields({
  kind,
  values,
  errors,
}: {
  kind: "services" | "opportunities";
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation(kind);
  return (
    <>
      <TranslatedFields name="summary" label={t("detail.what")} values={values} errors={errors} rows={3} />
      <TranslatedFields name="eligibility" label={t("detail.who")} values={values} errors={errors} rows={2} />
    </>
  );
}
