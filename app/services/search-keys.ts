import { cyrillicToLatin } from "#app/i18n/transliterate.ts";

/*
 * The words of the search index (decision 038). Every text that goes into the index and every query goes
 * through these functions, in the application only, so PGlite and PostgreSQL store and compare the same
 * strings and one place decides what "the same word" means:
 *
 * 1. Fold: Serbian Cyrillic → Serbian Latin; then the Albanian and Serbian spellings of one sound become
 *    one letter, the letter a person typing without diacritics would use: sh/š/ш → s, zh/ž/ж → z,
 *    ç/č/ч and q/ć/ћ → c, xh/dž/џ → dz, gj/đ/ђ → dj, ë → e; every other diacritic is dropped; lower case.
 * 2. Stem: one common inflectional ending is cut (the longest of ALBANIAN_SUFFIXES and SERBIAN_SUFFIXES
 *    that leaves MIN_STEM letters), so "Ашкалије", "ashkalinjtë" and "Ashkali" meet at "askal", and
 *    "romëve", "Romi", "Roma" at "rom".
 * 3. Forms: a word is indexed and looked up as its folded spelling and its stem (searchForms).
 *
 * A stem is always a prefix of the folded word (nothing is replaced, only cut), which is what lets the
 * snippets mark the words a query matched (app/modules/search/snippet.ts).
 */

/** Shortest stem left after cutting an ending: "rom" (3) survives, shorter words are kept whole. */
export const MIN_STEM = 3;
/** Longest key: a longer token (a hash, a run-on string) is cut, on both sides alike. */
export const MAX_KEY_LENGTH = 60;

/**
 * Albanian endings (after folding: ë → e, so "-ës" is "-es", "-ët" is "-et"). Nouns take the definite
 * article as an ending and decline in five cases. Singular: masc. nom. -i/-u, acc. -in, gen./dat./abl.
 * -it; nouns in -i: -iu (ashkaliu), -ia (strategjia), -isë (strategjisë); fem. nom. -a, acc. -ën,
 * gen./dat./abl. -ës, indefinite -e. Plural: indefinite -ë/-e, -a, -nj/-inj (ashkali →
 * ashkalinj); definite -t/-ët/-et/-at, -itë (ashkalitë), -injtë; gen./dat./abl. -ëve, -ave, -ive, -uve,
 * -injve (-ve alone would cut Gjakovë to "gjako"). Not cut: -të, -në, -së alone (they end too many
 * stems: Prishtinë, komunë → komu), nor -je/-ja (zgjedhje, zgjedhja meet through -e/-a; cutting -je
 * would split Serbian -nje nouns: zapošljavanje, zapošljavanju), nor -në after -i (çarshinë, xhaminë
 * keep their -in: a known gap).
 */
export const ALBANIAN_SUFFIXES = [
  "i",
  "u",
  "in",
  "it",
  "iu",
  "ia",
  "ise",
  "a",
  "en",
  "es",
  "e",
  "nj",
  "inj",
  "et",
  "at",
  "ite",
  "injte",
  "eve",
  "ave",
  "ive",
  "uve",
  "injve",
] as const;

/**
 * Serbian endings (after folding: č/ć → c, š → s, ž → z, đ → dj). Nouns decline in seven cases:
 * singular -a, -e, -i, -u, -o, -om, -em; plural -i, -e, -a, -ima, -ama; nouns in -ija keep -ij- before
 * the ending (Aškalija, Aškalije, Aškaliji, Aškaliju, Aškalijom, Aškalijama) and lose it here, so they
 * meet the Albanian form (ashkali); -anin loses -in (Egipćanin → egipcan, as Egipćani). Adjectives: -i,
 * -a, -o, -e, -og, -oga, -om, -ome, -oj, -im, -ih, -ima, and -ski/-ska/-sko/-ske/-skih/-skim/-skog/-skoj/-skom
 * (romski, romska → rom). Not cut: the -ov-/-ev- plurals (gradovi), which would cut Kosovo/Kosova to "kos".
 */
export const SERBIAN_SUFFIXES = [
  "a",
  "e",
  "i",
  "u",
  "o",
  "om",
  "em",
  "ima",
  "ama",
  "ija",
  "ije",
  "iji",
  "iju",
  "ijom",
  "ijama",
  "in",
  "og",
  "oga",
  "ome",
  "oj",
  "im",
  "ih",
  "ski",
  "ska",
  "sko",
  "ske",
  "skih",
  "skim",
  "skog",
  "skoj",
  "skom",
] as const;

/**
 * Both languages' endings, longest first. One list serves every word because neither a query nor a text
 * says which language a word is in (a Serbian text quotes Albanian names and the reverse); keys only have
 * to agree with each other, and the same cut is applied on index and query alike.
 */
const SUFFIXES: readonly string[] = [...new Set<string>([...ALBANIAN_SUFFIXES, ...SERBIAN_SUFFIXES])].sort(
  (a, b) => b.length - a.length || a.localeCompare(b),
);

/** Cuts the longest known ending that leaves at least MIN_STEM letters; words with digits are kept whole. */
export function stemFolded(word: string): string {
  if (word.length <= MIN_STEM || !/^[a-z]+$/.test(word)) return word;
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix))
      return word.slice(0, word.length - suffix.length);
  }
  return word;
}

/** Albanian digraphs, and the Serbian letters left after transliteration, mapped to one spelling. */
const DIGRAPHS: [RegExp, string][] = [
  [/xh/g, "dz"],
  [/gj/g, "dj"],
  [/sh/g, "s"],
  [/zh/g, "z"],
  [/q/g, "c"],
  [/đ/g, "dj"],
];

/**
 * Folds text (any length) for matching: Cyrillic → Latin, Albanian and Serbian spellings of one sound
 * to one letter, diacritics dropped, lower case. The spaces and punctuation are kept.
 */
export function foldForSearch(text: string): string {
  let out = cyrillicToLatin(text.normalize("NFC")).toLowerCase();
  for (const [pattern, replacement] of DIGRAPHS) out = out.replace(pattern, replacement);
  return out
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The folded words of a text (letters and digits only), in order, each cut to MAX_KEY_LENGTH. */
export function foldedWordsOf(text: string): string[] {
  return (foldForSearch(text).match(WORD) ?? []).map((w) => w.slice(0, MAX_KEY_LENGTH));
}

/**
 * The forms under which a folded word is indexed and looked up: the word itself and, when an ending was
 * cut, its stem. Both sides carry both, so a query word finds a text word when they share a stem
 * ("romë", "Romi": rom) and also when one of them is the other's stem ("Prizren" and "Prizrenit": the
 * stem of "prizrenit" is "prizren"), which a single key would miss when a base form happens to end like
 * an ending ("prizren" → "prizr").
 */
export function searchForms(foldedWord: string): string[] {
  const stem = stemFolded(foldedWord);
  return stem === foldedWord ? [foldedWord] : [foldedWord, stem];
}

/** What the index stores for a text (and builds its text-search vectors from): every word's forms, space-separated. */
export function searchIndexText(text: string): string {
  return foldedWordsOf(text).flatMap(searchForms).join(" ");
}

/** The stem of one word as the index keys it (folded, then the ending cut); the words of a phrase are joined. */
export function searchKey(word: string): string {
  return stemFolded(foldedWordsOf(word).join(""));
}
