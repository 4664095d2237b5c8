import type { Locale } from "#app/i18n/locales.ts";

/**
 * The municipality's name for the reader: the Serbian official name for Serbian readers and, in
 * Latin script, for Bosnian readers (the Bosnian names are the same: Dečani, Peć); else the Albanian
 * one (decision 043).
 */
export function municipalityName(m: { nameSq: string; nameSr: string; nameSrCyrl: string }, locale: Locale): string {
  if (locale === "sr" || locale === "bs") return m.nameSr;
  if (locale === "sr-cyrl") return m.nameSrCyrl;
  return m.nameSq;
}
