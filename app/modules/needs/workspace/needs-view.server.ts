import type { Db } from "#app/db/client.server.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { listOrganisationOptions, loadOrganisationChoices } from "#app/modules/organisations/organisations.queries.server.ts";

/** A coded choice with its label in the reader's language. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * The choices the needs workspace offers in its selects: municipalities, communities and
 * institutions, named in the reader's language (a constant number of queries).
 */
export async function loadNeedsChoices(db: Db, locale: Locale): Promise<{ municipalities: Choice[]; communities: Choice[]; organisations: Choice[] }> {
  const [choices, organisations] = await Promise.all([loadOrganisationChoices(db, locale), listOrganisationOptions(db)]);
  return {
    municipalities: choices.municipalities,
    communities: choices.communities,
    organisations: organisations.map((o) => ({ value: String(o.id), label: `${localizedString(o.name, locale)}${o.acronym ? ` (${o.acronym})` : ""}` })),
  };
}
