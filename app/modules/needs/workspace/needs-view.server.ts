import type { Db } from "#app/db/client.server.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { INTL_TAG, type Locale } from "#app/i18n/locales.ts";
import { institutionFieldValue, type InstitutionFieldValue } from "#app/components/institution-field.tsx";
import {
  getOrganisationNames,
  listOrganisationOptions,
  loadOrganisationChoices,
  resolveOrganisation,
} from "#app/modules/organisations/organisations.queries.server.ts";

/** A coded choice with its label in the reader's language. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * The choices the needs workspace offers in its selects: municipalities, communities and
 * institutions, named in the reader's language (a constant number of queries). With
 * `organisationIds`, only those institutions (one's own, for someone who handles only the cases
 * referred to them: decision 047), read by id; otherwise every active organisation.
 */
export async function loadNeedsChoices(
  db: Db,
  locale: Locale,
  options: { organisationIds?: readonly number[] } = {},
): Promise<{ municipalities: Choice[]; communities: Choice[]; organisations: Choice[] }> {
  const only = options.organisationIds;
  const [choices, organisations] = await Promise.all([
    loadOrganisationChoices(db, locale),
    only
      ? getOrganisationNames(db, only).then((names) => [...names].map(([id, o]) => ({ id, ...o })))
      : listOrganisationOptions(db),
  ]);
  const labelled = organisations.map((o) => ({
    value: String(o.id),
    label: `${localizedString(o.name, locale)}${o.acronym ? ` (${o.acronym})` : ""}`,
  }));
  if (only) {
    const collator = new Intl.Collator(INTL_TAG[locale]);
    labelled.sort((a, b) => collator.compare(a.label, b.label));
  }
  return { municipalities: choices.municipalities, communities: choices.communities, organisations: labelled };
}

/**
 * An institution field of the needs workspace resolved (decision 056): the text typed in `text`
 * and the id chosen before in `id` (a hidden field or a radio button), among active organisations.
 * `found` carries the institution's id; the field's value says what to show (the name found, no
 * match, or several to choose from).
 */
export async function resolveInstitutionField(
  db: Db,
  locale: Locale,
  input: { id: number | null | undefined; text: string | null | undefined },
): Promise<{ found: number | null; value: InstitutionFieldValue }> {
  const resolution = await resolveOrganisation(db, locale, input);
  return { found: resolution.kind === "found" ? resolution.id : null, value: institutionFieldValue(resolution) };
}

/** A positive whole number from a form or query value, else null. */
export function idOf(value: FormDataEntryValue | string | null | undefined): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n <= 2_147_483_647 ? n : null;
}
