import type { TFunction } from "i18next";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { localize, localizedString } from "#app/i18n/translated-text.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import type { loadProjectChoices } from "./projects.queries.server.ts";

const translators = new Map<Locale, TFunction<"projects">>();

/** The module's strings in one locale, for text the loaders produce (labels of the map and chart). */
export function projectsTranslator(locale: Locale): TFunction<"projects"> {
  let t = translators.get(locale);
  if (!t) {
    t = createI18n(locale, serverResources(locale)).getFixedT(locale, "projects");
    translators.set(locale, t);
  }
  return t;
}

export type Choices = Awaited<ReturnType<typeof loadProjectChoices>>;

/** Names by code for a locale, built once per request from the choices query. */
export function namesFor(choices: Choices, locale: Locale) {
  const sectors = new Map(choices.sectors.map((s) => [s.code, localizedString(s.name, locale)]));
  const communities = new Map(choices.communities.map((c) => [c.code, localizedString(c.name, locale)]));
  const municipalities = new Map(choices.municipalities.map((m) => [m.kasCode, municipalityName(m, locale)]));
  const organisations = new Map(choices.organisations.map((o) => [o.id, localizedString(o.name, locale)]));
  const collator = new Intl.Collator(LANGUAGE_TAG[locale]);
  const list = (map: Map<string, string>, codes: readonly string[]) => codes.map((c) => map.get(c) ?? c).sort(collator.compare);
  return {
    sector: (code: string) => sectors.get(code) ?? code,
    community: (code: string) => communities.get(code) ?? code,
    municipality: (code: string) => municipalities.get(code) ?? code,
    organisation: (id: number) => organisations.get(id) ?? String(id),
    sectors: (codes: readonly string[]) => list(sectors, codes),
    communities: (codes: readonly string[]) => list(communities, codes),
    municipalities: (codes: readonly string[]) => list(municipalities, codes),
    sortedOptions: <T extends { label: string }>(options: T[]) => options.sort((a, b) => collator.compare(a.label, b.label)),
  };
}

/** An amount of money for display: "€ 120.000" style per locale; null stays null. */
export function formatMoney(value: number | null, currency: string, locale: Locale): string | null {
  if (value === null) return null;
  return formatNumber(value, locale, { style: "currency", currency, maximumFractionDigits: 0 });
}

/** A translated text as a string and its language, for `lang` attributes. */
export function textOf(value: TranslatedText, locale: Locale, originalLocale?: string) {
  const localized = localize(value, locale, originalLocale as never);
  return { text: localized?.text ?? "", lang: localized?.lang ?? LANGUAGE_TAG[locale] };
}

/** "1 Mar 2024 – 31 Dec 2026" in the reader's locale. */
export function dateRange(start: string, end: string, locale: Locale): string {
  return `${formatDate(start, locale)} – ${formatDate(end, locale)}`;
}
