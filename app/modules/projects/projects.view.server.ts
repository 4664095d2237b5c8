import type { TFunction } from "i18next";
import { serverTranslator } from "#app/i18n/catalogs.server.ts";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { contentLocaleOf, localize, type LocalizedText } from "#app/i18n/translated-text.ts";
import type { TranslatedText } from "#app/db/schema.ts";

/** The module's strings in one locale, for text the loaders produce (labels of the map and chart). */
export function projectsTranslator(locale: Locale): TFunction<"projects"> {
  return serverTranslator(locale, "projects");
}

export { namesFor, type Choices } from "./projects.names.ts";

/** An amount of money for display: "€ 120.000" style per locale; null stays null. */
export function formatMoney(value: number | null, currency: string, locale: Locale): string | null {
  if (value === null) return null;
  return formatNumber(value, locale, { style: "currency", currency, maximumFractionDigits: 0 });
}

/** A translated text for the reader (its language for `lang`, and whether it is a fallback or machine translation); empty text in the reader's language when there is none. */
export function textOf(value: TranslatedText, locale: Locale, originalLocale?: string): LocalizedText {
  return (
    localize(value, locale, originalLocale as never) ?? {
      text: "",
      lang: LANGUAGE_TAG[locale],
      shownLocale: contentLocaleOf(locale),
      isFallback: false,
      isMachine: false,
    }
  );
}

/** How alike two projects are (the overlap score) as a whole percentage in the reader's locale. */
export function formatSimilarity(score: number, locale: Locale): string {
  return formatNumber(score, locale, { style: "percent", maximumFractionDigits: 0 });
}

/** "1 Mar 2024 – 31 Dec 2026" in the reader's locale. */
export function dateRange(start: string, end: string, locale: Locale): string {
  return `${formatDate(start, locale)} – ${formatDate(end, locale)}`;
}
