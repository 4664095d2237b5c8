import { latinToCyrillic } from "#app/i18n/transliterate.ts";

/** Serbian Latin letters (with GeoNames' "Ð" for Đ), and what joins the words of a place name. */
const SERBIAN_LATIN_NAME = /^[a-pr-vzčćđšžA-PR-VZČĆĐŠŽÐ]+(?:[ \-()'.]+[a-pr-vzčćđšžA-PR-VZČĆĐŠŽÐ]*)*$/u;
/** Albanian digraphs, which Serbian Latin spelling never has (it writes š, ž, dž, đ, l, r…). */
const ALBANIAN_DIGRAPHS = /dh|gj|ll|rr|sh|th|xh|zh/iu;
/** Letters only Serbian Latin has. */
const SERBIAN_LETTERS = /[čćđšžČĆĐŠŽÐ]/u;

/** True when a place name is written in Serbian Latin spelling: its letters and no Albanian digraph. */
export function isSerbianLatinName(name: string): boolean {
  return SERBIAN_LATIN_NAME.test(name.normalize("NFC")) && !ALBANIAN_DIGRAPHS.test(name);
}

/**
 * The Serbian Cyrillic form of a settlement's name from its GeoNames record (decision 037), when
 * the record has no Cyrillic name of its own: its name when that is written in Serbian Latin
 * spelling (GeoNames' names in Kosovo come largely from the Serbo-Croatian maps; an Albanian name
 * spelt with letters both alphabets share, such as "Duraj", reads the same in both), else the first
 * alternate name that is recognisably Serbian (a č, ć, đ, š or ž), transliterated. Null when there
 * is only an Albanian name ("Kabash", "Nebregosht"): it is then shown as such, marked `lang="sq"`.
 */
export function settlementCyrillicName(name: string, alternateNames: string): string | null {
  if (isSerbianLatinName(name)) return latinToCyrillic(name.normalize("NFC"));
  for (const alternate of alternateNames.split("|")) {
    const candidate = alternate.trim();
    if (candidate && SERBIAN_LETTERS.test(candidate) && isSerbianLatinName(candidate))
      return latinToCyrillic(candidate.normalize("NFC"));
  }
  return null;
}
