import type { Db } from "#app/db/client.server.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { INTL_TAG, type Locale } from "#app/i18n/locales.ts";
import {
  getOrganisationNames,
  listOrganisationOptions,
  loadOrganisationChoices,
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
