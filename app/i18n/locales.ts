/**
 * The interface languages shipped today, as they appear in the first segment of every public URL:
 * the platform's languages first, then Turkish, Bosnian and Romani (decision 043).
 */
export const LOCALES = ["sq", "sr", "sr-cyrl", "en", "tr", "bs", "rom"] as const;
export type Locale = (typeof LOCALES)[number];

/** Albanian is the default: `/` falls back to it when the browser asks for nothing we have. */
export const DEFAULT_LOCALE: Locale = "sq";

/** BCP 47 tag for `<html lang>`, `lang` attributes and `Intl`. */
export const LANGUAGE_TAG: Record<Locale, string> = {
  sq: "sq",
  sr: "sr-Latn",
  "sr-cyrl": "sr-Cyrl",
  en: "en",
  tr: "tr",
  bs: "bs",
  rom: "rom",
};

/**
 * The tag given to `Intl` (numbers, plural rules, collation). The same as the language tag except
 * for Romani: the runtime's ICU has no data for `rom` and would format it as American English
 * ("1,234.5"); Kosovo Romani is written with the conventions of the Albanian around it (decision 043).
 */
export const INTL_TAG: Record<Locale, string> = { ...LANGUAGE_TAG, rom: "sq" };

/** Each language's name in itself, for the language switcher. */
export const LOCALE_AUTONYM: Record<Locale, string> = {
  sq: "Shqip",
  sr: "Srpski",
  "sr-cyrl": "Српски",
  en: "English",
  tr: "Türkçe",
  bs: "Bosanski",
  rom: "Romani",
};

/** Narrows a URL segment to a shipped locale. */
export function isLocale(value: string | undefined): value is Locale {
  return value !== undefined && (LOCALES as readonly string[]).includes(value);
}

/**
 * The page's locale from a route's params (the `:lang` segment), in loaders, actions and
 * components alike. The locale layout has already answered 404 to unknown segments, so the
 * default only stands in for routes without the segment.
 */
export function localeFromParams(params: { lang?: string }): Locale {
  return isLocale(params.lang) ? params.lang : DEFAULT_LOCALE;
}

/** ISO 639 codes of Romani: the macrolanguage and its varieties (Balkan Romani is `rmn`). */
const ROMANI_LANGUAGES = new Set(["rom", "rmn", "rmy", "rmc", "rmf", "rml", "rmo", "rmw"]);

/**
 * Picks the best shipped locale for an Accept-Language header: exact tags first, then by
 * language; Serbian in Cyrillic (sr, sr-Cyrl, sr-RS) goes to `sr-cyrl`, Serbian in Latin
 * (sr-Latn), Croatian and Serbo-Croatian to `sr`, Bosnian to `bs`, Turkish to `tr`, Romani
 * (`rom`, its varieties `rmy`, `rmn` — Balkan Romani — and the other Romani codes) to `rom`;
 * anything else falls back to Albanian.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    const [language, ...subtags] = tag.split("-");
    if (language === "sq") return "sq";
    if (language === "en") return "en";
    if (language === "tr") return "tr";
    if (language === "bs") return "bs";
    if (language && ROMANI_LANGUAGES.has(language)) return "rom";
    if (language === "sr" || language === "hr" || language === "sh") {
      if (subtags.includes("latn") || language !== "sr") return "sr";
      return "sr-cyrl";
    }
  }
  return DEFAULT_LOCALE;
}

/** Replaces the locale segment of a path (`/sq/municipalities?x=1` → `/en/municipalities?x=1`). */
export function switchLocaleInPath(pathWithSearch: string, target: Locale): string {
  const [pathname = "/", search = ""] = pathWithSearch.split(/(?=\?)/);
  const segments = pathname.split("/");
  if (isLocale(segments[1])) segments[1] = target;
  else segments.splice(1, 0, target);
  const joined = segments.join("/").replace(/\/$/, "") || `/${target}`;
  return `${joined === `/${target}` ? `/${target}/` : joined}${search}`;
}
