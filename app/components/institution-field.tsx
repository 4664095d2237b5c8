import { useTranslation } from "react-i18next";
import { Field, TextInput } from "./form.tsx";

/*
 * The choice of an institution among the whole directory (thousands of organisations), without a
 * select that lists them all (decision 056): a text field for a name, part of one or an acronym,
 * resolved on the server when the form is sent (GET filters and POST forms alike, no JavaScript
 * needed). Once resolved, the field shows the institution's name and carries its id in a hidden
 * field; when several match, they are offered as radio buttons under the field; when none does,
 * the field says so. The loader or action resolves (`resolveOrganisation` of the organisations
 * module) and hands the outcome here as an `InstitutionFieldValue`.
 */

/** What the field shows: the outcome of resolving what was typed or chosen. */
export interface InstitutionFieldValue {
  kind: "empty" | "found" | "none" | "several";
  /** The text in the field: the institution's label once found, else what was typed. */
  text: string;
  /** The institution found (sent again in a hidden field). */
  id: string | null;
  /** Institutions that match, to choose from (several). */
  choices: { value: string; label: string }[];
  /** More match than are offered. */
  more: boolean;
}

/** An empty field (nothing typed or chosen). */
export const EMPTY_INSTITUTION: InstitutionFieldValue = { kind: "empty", text: "", id: null, choices: [], more: false };

/** The field's value from a resolution (structurally the organisations module's `OrganisationResolution`). */
export function institutionFieldValue(
  resolution:
    | { kind: "empty" }
    | { kind: "found"; id: number; label: string }
    | { kind: "none"; text: string }
    | { kind: "several"; text: string; choices: { id: number; label: string }[]; more: boolean },
): InstitutionFieldValue {
  switch (resolution.kind) {
    case "empty":
      return EMPTY_INSTITUTION;
    case "found":
      return { kind: "found", text: resolution.label, id: String(resolution.id), choices: [], more: false };
    case "none":
      return { kind: "none", text: resolution.text, id: null, choices: [], more: false };
    case "several":
      return {
        kind: "several",
        text: resolution.text,
        id: null,
        choices: resolution.choices.map((c) => ({ value: String(c.id), label: c.label })),
        more: resolution.more,
      };
  }
}

/** The message of a value that did not resolve ("no institution matches…", "several match…"), or undefined. */
export function useInstitutionMessage(value: InstitutionFieldValue): string | undefined {
  const { t } = useTranslation("core");
  if (value.kind === "none") return t("institution.none", { text: value.text });
  if (value.kind === "several")
    return value.more
      ? t("institution.severalMore", { text: value.text, shown: value.choices.length })
      : t("institution.several", { text: value.text });
  return undefined;
}

/**
 * A labelled institution field: the text input `name`, and `idName` for the institution chosen
 * (hidden once found, radio buttons when several match). `error` (a required field left empty)
 * comes before the field's own message.
 */
export function InstitutionField({
  id,
  name,
  idName,
  label,
  hint,
  error,
  optional,
  value,
}: {
  id: string;
  name: string;
  idName: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
  value: InstitutionFieldValue;
}) {
  const { t } = useTranslation("core");
  const message = useInstitutionMessage(value);
  const shownError = error ?? message;
  return (
    <>
      <Field id={id} label={label} hint={hint ?? t("institution.hint")} error={shownError} optional={optional}>
        {(aria) => (
          <TextInput
            {...aria}
            name={name}
            defaultValue={value.text}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      {value.kind === "found" && value.id ? <input type="hidden" name={idName} value={value.id} /> : null}
      {value.kind === "several" ? (
        <fieldset className="mb-5" aria-describedby={shownError ? `${id}-error` : undefined}>
          <legend className="font-semibold">{t("institution.choose")}</legend>
          {value.choices.map((c) => (
            <label key={c.value} className="flex min-h-11 items-center gap-2">
              <input type="radio" name={idName} value={c.value} id={`${id}-choice-${c.value}`} className="size-5" />{" "}
              {c.label}
            </label>
          ))}
        </fieldset>
      ) : null}
    </>
  );
}
