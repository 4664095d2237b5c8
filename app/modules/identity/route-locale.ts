import { isLocale, type Locale } from "#app/i18n/locales.ts";

/** The page's locale from the URL (the locale layout has already refused unknown ones). */
export function localeOf(params: { lang?: string }): Locale {
  return isLocale(params.lang) ? params.lang : "sq";
}
