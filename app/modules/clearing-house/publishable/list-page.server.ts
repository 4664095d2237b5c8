import type { Db } from "#app/db/client.server.ts";
import { sortByLabel } from "#app/i18n/collation.ts";
import { formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { listMunicipalities } from "#app/modules/municipalities/municipalities.queries.server.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";

/** The municipalities a list can be filtered by, named and sorted in the reader's language; one query. */
export async function municipalityChoices(db: Db, locale: Locale): Promise<{ value: string; label: string }[]> {
  const municipalities = await listMunicipalities(db);
  return sortByLabel(
    municipalities.map((m) => ({ value: m.kasCode, label: municipalityName(m, locale) })),
    (m) => m.label,
    locale,
  );
}

/** A list's page, total and total as the reader writes numbers (decision 010), for the count and the pagination. */
export function pageCounts(
  page: number,
  total: number,
  locale: Locale,
): { page: number; total: number; totalLabel: string } {
  return { page, total, totalLabel: formatNumber(total, locale) };
}
