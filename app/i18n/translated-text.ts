import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import { LANGUAGE_TAG, type Locale } from "./locales.ts";
import { latinToCyrillic } from "./transliterate.ts";

/** Content languages in the order they are tried when the reader's language is missing. */
const FALLBACK_ORDER: ContentLocale[] = ["sq", "en", "sr", "tr", "bs", "rom"];

/**
 * A language its readers understand without effort, tried before the original (decision 043):
 * Bosnian readers get the Serbian text rather than, say, an Albanian original.
 */
const CLOSE_LANGUAGE: Partial<Record<ContentLocale, ContentLocale>> = { bs: "sr" };

/** A translatable text resolved for one reader. */
export interface LocalizedText {
  text: string;
  /** BCP 47 tag of the text actually shown (for its `lang` attribute). */
  lang: string;
  /** The content language shown. */
  shownLocale: ContentLocale;
  /** True when the reader's language was missing and another language is shown. */
  isFallback: boolean;
  /** True when the text shown was translated by a machine. */
  isMachine: boolean;
}

/** The content language that stores a UI locale's text (Serbian Cyrillic is stored as Latin). */
export function contentLocaleOf(locale: Locale): ContentLocale {
  return locale === "sr-cyrl" ? "sr" : locale;
}

function tagOf(shown: ContentLocale, readerLocale: Locale): string {
  if (shown === "sr" && readerLocale === "sr-cyrl") return LANGUAGE_TAG["sr-cyrl"];
  if (shown === "sr") return LANGUAGE_TAG.sr;
  return shown === "sq" || shown === "en" ? LANGUAGE_TAG[shown] : shown;
}

/**
 * Picks the reader's translation of a stored text: a person's translation first, then a
 * machine translation (marked), then the original language and the other languages (marked as
 * a fallback). Serbian is shown in Cyrillic to `sr-cyrl` readers. Returns null for empty text.
 */
export function localize(
  value: TranslatedText | null | undefined,
  locale: Locale,
  originalLocale?: ContentLocale,
): LocalizedText | null {
  if (!value) return null;
  const wanted = contentLocaleOf(locale);
  const present = (l: ContentLocale) => (value[l]?.trim() ? value[l] : undefined);
  const build = (text: string, shown: ContentLocale, isFallback: boolean, isMachine: boolean): LocalizedText => ({
    text: shown === "sr" && locale === "sr-cyrl" ? latinToCyrillic(text) : text,
    lang: tagOf(shown, locale),
    shownLocale: shown,
    isFallback,
    isMachine,
  });
  const exact = present(wanted);
  if (exact) return build(exact, wanted, false, false);
  const machine = value.machine?.[wanted]?.trim();
  if (machine) return build(machine, wanted, false, true);
  const close = CLOSE_LANGUAGE[wanted];
  const order = [...(close ? [close] : []), ...(originalLocale ? [originalLocale] : []), ...FALLBACK_ORDER];
  for (const candidate of order) {
    const text = present(candidate);
    if (text) return build(text, candidate, true, false);
  }
  return null;
}

/**
 * A named thing's name for the reader (decision 037): its own Serbian Cyrillic name, when it has
 * one, for `sr-cyrl` readers — written by a person, so it wins over transliterating the Serbian
 * name, and it is shown even when the name has no Serbian Latin form; otherwise `localize()`.
 */
export function localizeName(
  value: TranslatedText | null | undefined,
  ownCyrillic: string | null | undefined,
  locale: Locale,
  originalLocale?: ContentLocale,
): LocalizedText | null {
  const cyrillic = ownCyrillic?.trim();
  if (locale === "sr-cyrl" && cyrillic)
    return { text: cyrillic, lang: LANGUAGE_TAG["sr-cyrl"], shownLocale: "sr", isFallback: false, isMachine: false };
  return localize(value, locale, originalLocale);
}

/** The plain string of a stored text for the reader (empty when there is none). */
export function localizedString(
  value: TranslatedText | null | undefined,
  locale: Locale,
  originalLocale?: ContentLocale,
): string {
  return localize(value, locale, originalLocale)?.text ?? "";
}

/**
 * A person's text kept as it was typed (a case's description, a report's narrative, an
 * observation), in the language it was written in — a UI locale (`sr-cyrl` too) or a content
 * language. It is never transliterated or translated: it carries the tag of the language and of
 * the script it is really in (Serbian typed in Cyrillic is `sr-Cyrl` whatever the form said), and
 * is marked as not in the reader's language when the languages differ. Null for empty text.
 */
export function writtenText(
  text: string | null | undefined,
  writtenIn: string | null | undefined,
  locale: Locale,
): LocalizedText | null {
  if (!text?.trim()) return null;
  const language = (writtenIn ?? "").toLowerCase();
  const shown: ContentLocale | null =
    language === "sr-cyrl" || language.startsWith("sr-") ? "sr" : isContentLocale(language) ? language : null;
  if (shown === null)
    return { text, lang: "", shownLocale: contentLocaleOf(locale), isFallback: false, isMachine: false };
  const lang =
    shown === "sr"
      ? /\p{Script=Cyrillic}/u.test(text)
        ? LANGUAGE_TAG["sr-cyrl"]
        : LANGUAGE_TAG.sr
      : tagOf(shown, locale);
  return { text, lang, shownLocale: shown, isFallback: shown !== contentLocaleOf(locale), isMachine: false };
}

function isContentLocale(value: string): value is ContentLocale {
  return (FALLBACK_ORDER as readonly string[]).includes(value);
}
