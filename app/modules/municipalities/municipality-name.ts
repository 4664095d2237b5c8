import type { Locale } from "#app/i18n/locales.ts";

/** The municipality's name for the reader: the Serbian official name for Serbian readers, else the Albanian one. */
export function municipalityName(m: { nameSq: string; nameSr: string; nameSrCyrl: string }, locale: Locale): string {
  if (locale === "sr") return m.nameSr;
  if (locale === "sr-cyrl") return m.nameSrCyrl;
  return m.nameSq;
}
