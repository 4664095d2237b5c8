import { INTL_TAG, LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { contentLocaleOf, localizedString, localizeName, type LocalizedText } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import type { loadProjectChoices } from "./projects.queries.server.ts";

export type Choices = Awaited<ReturnType<typeof loadProjectChoices>>;

/** Names by code for a locale, built once per request from the choices query. */
export function namesFor(choices: Choices, locale: Locale) {
  const sectors = new Map(choices.sectors.map((s) => [s.code, localizedString(s.name, locale)]));
  const communities = new Map(choices.communities.map((c) => [c.code, localizedString(c.name, locale)]));
  const municipalities = new Map(choices.municipalities.map((m) => [m.kasCode, municipalityName(m, locale)]));
  const organisationTexts = new Map(
    choices.organisations.map((o) => [o.id, localizeName(o.name, o.nameSrCyrl, locale)]),
  );
  const organisations = new Map([...organisationTexts].map(([id, name]) => [id, name?.text ?? ""]));
  const collator = new Intl.Collator(INTL_TAG[locale]);
  const list = (map: Map<string, string>, codes: readonly string[]) =>
    codes.map((c) => map.get(c) ?? c).sort(collator.compare);
  return {
    sector: (code: string) => sectors.get(code) ?? code,
    community: (code: string) => communities.get(code) ?? code,
    municipality: (code: string) => municipalities.get(code) ?? code,
    organisation: (id: number) => organisations.get(id) ?? String(id),
    /** An organisation's name with its language (for `lang` and the fallback note on pages). */
    organisationText: (id: number): LocalizedText =>
      organisationTexts.get(id) ?? {
        text: String(id),
        lang: LANGUAGE_TAG[locale],
        shownLocale: contentLocaleOf(locale),
        isFallback: false,
        isMachine: false,
      },
    sectors: (codes: readonly string[]) => list(sectors, codes),
    communities: (codes: readonly string[]) => list(communities, codes),
    municipalities: (codes: readonly string[]) => list(municipalities, codes),
    /** What two overlapping projects share, by name: their municipalities, then sectors, then communities. */
    shared: (overlap: {
      municipalities: readonly string[];
      sectors: readonly string[];
      communities: readonly string[];
    }) =>
      [
        ...list(municipalities, overlap.municipalities),
        ...list(sectors, overlap.sectors),
        ...list(communities, overlap.communities),
      ].join(", "),
    sortedOptions: <T extends { label: string }>(options: T[]) =>
      options.sort((a, b) => collator.compare(a.label, b.label)),
  };
}
