import { INTL_TAG, type Locale } from "./locales.ts";

const collators = new Map<Locale, Intl.Collator>();

/**
 * The collator of the reader's language and script: Albanian letters (ç after c, dh after d, gj
 * after g…), Serbian Latin (č, ć after c, đ after dž, š after s…) or the Serbian Cyrillic azbuka.
 * Always by the full language tag: a bare `sr` would collate Latin names in the Cyrillic order.
 */
export function collatorFor(locale: Locale): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(INTL_TAG[locale]);
    collators.set(locale, collator);
  }
  return collator;
}

/** A copy of the list ordered by each item's label, as the reader's alphabet orders it. */
export function sortByLabel<T>(items: readonly T[], label: (item: T) => string, locale: Locale): T[] {
  const collator = collatorFor(locale);
  return [...items].sort((a, b) => collator.compare(label(a), label(b)));
}
