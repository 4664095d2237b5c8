import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize, type LocalizedText } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";

/** A municipality's names, as the pages show them. */
export interface PlaceNames {
  nameSq: string;
  nameSr: string;
  nameSrCyrl: string;
}

/** An organisation as a link on the public pages: its name in the language shown, and its acronym. */
export interface OrganisationLink {
  slug: string;
  name: LocalizedText | null;
  acronym: string | null;
}

/** An organisation's name for the reader (with its language), and its acronym when it has one. */
export function organisationLink(
  o: { slug: string; name: TranslatedText; acronym?: string | null },
  locale: Locale,
): OrganisationLink {
  return { slug: o.slug, name: localize(o.name, locale), acronym: o.acronym ?? null };
}

/** A place for the reader: municipality name and address, joined; null when neither is known. */
export function placeLabel(municipality: PlaceNames | null, address: string | null, locale: Locale): string | null {
  const parts = [address, municipality ? municipalityName(municipality, locale) : null].filter((p): p is string =>
    Boolean(p),
  );
  return parts.length ? parts.join(", ") : null;
}

/** A place as the pages show it: the address in the language it was written in (with its `lang`), and the municipality's name in the reader's. */
export interface PlaceView {
  address: LocalizedText | null;
  municipality: string | null;
}

/**
 * A place for the reader's page. The address is a plain-text field written by the author of the
 * event or service, so it is taken to be in that item's original language: it carries that
 * language's `lang` and the fallback note when the reader's language differs (and Serbian is
 * shown in Cyrillic to `sr-cyrl` readers). Null when neither is known.
 */
export function placeView(
  municipality: PlaceNames | null,
  address: string | null,
  writtenIn: ContentLocale,
  locale: Locale,
): PlaceView | null {
  const shownAddress = address?.trim() ? localize({ [writtenIn]: address }, locale, writtenIn) : null;
  const municipalityLabel = municipality ? municipalityName(municipality, locale) : null;
  return shownAddress || municipalityLabel ? { address: shownAddress, municipality: municipalityLabel } : null;
}

/** The municipality of a row joined to `municipality` (its `name_sq`, `name_sr`, `name_sr_cyrl`), or null when it has none. */
export function placeNamesOf(row: {
  name_sq: string | null;
  name_sr: string | null;
  name_sr_cyrl: string | null;
}): PlaceNames | null {
  return row.name_sq ? { nameSq: row.name_sq, nameSr: row.name_sr ?? "", nameSrCyrl: row.name_sr_cyrl ?? "" } : null;
}
