import type { TranslatedText } from "#app/db/schema.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize, localizedString, type LocalizedText } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import type { PlaceNames } from "./events.queries.server.ts";

/** An organisation as a link on the public pages. */
export interface OrganisationLink {
  slug: string;
  name: string;
}

/** An organisation's name for the reader, with its acronym when it has one. */
export function organisationLink(o: { slug: string; name: TranslatedText; acronym?: string | null }, locale: Locale): OrganisationLink {
  const name = localizedString(o.name, locale);
  return { slug: o.slug, name: o.acronym ? `${name} (${o.acronym})` : name };
}

/** A place for the reader: municipality name and address, joined; null when neither is known. */
export function placeLabel(municipality: PlaceNames | null, address: string | null, locale: Locale): string | null {
  const parts = [address, municipality ? municipalityName(municipality, locale) : null].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(", ") : null;
}

/** A translatable text for the reader, or null (so pages can leave out empty sections). */
export function localizedOrNull(value: TranslatedText, locale: Locale, originalLocale?: Parameters<typeof localize>[2]): LocalizedText | null {
  return localize(value, locale, originalLocale);
}
