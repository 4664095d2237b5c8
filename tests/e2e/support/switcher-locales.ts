/**
 * Every locale of the language switcher, in its order, with the `<html lang>` its pages carry and
 * its name in itself: the platform's first four locales, then Turkish, Bosnian and Romani (issue 15
 * item 6, decision 043).
 */
export const SWITCHER_LOCALES = [
  { locale: "sq", languageTag: "sq", autonym: "Shqip" },
  { locale: "sr", languageTag: "sr-Latn", autonym: "Srpski" },
  { locale: "sr-cyrl", languageTag: "sr-Cyrl", autonym: "Српски" },
  { locale: "en", languageTag: "en", autonym: "English" },
  { locale: "tr", languageTag: "tr", autonym: "Türkçe" },
  { locale: "bs", languageTag: "bs", autonym: "Bosanski" },
  { locale: "rom", languageTag: "rom", autonym: "Romani" },
] as const;

/** The platform's first four locales (Albanian, Serbian in both scripts, English). */
export const FIRST_LOCALES = SWITCHER_LOCALES.slice(0, 4);

/** The locales added by issue 15 item 6: Turkish, Bosnian and Romani. */
export const NEW_LOCALES = SWITCHER_LOCALES.slice(4);
