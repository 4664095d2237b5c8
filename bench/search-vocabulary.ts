/**
 * A vocabulary for the search benchmark, per language, ordered by how common each word is.
 * The head of each list is real Albanian, Serbian and English (function words first, then the
 * platform's own subject words); the long tail is made of pronounceable synthetic words built
 * from each language's syllables and endings, so that the index holds tens of thousands of
 * distinct words as real text does. Text drawn from it follows Zipf's law (see `zipfRank`).
 */
import { createRandom } from "./random.ts";

export type BenchLanguage = "sq" | "sr" | "en";

const CORE: Record<BenchLanguage, string> = {
  sq: `të e në dhe i për me që një nga është së do janë ka si ose këtë kjo ky ato por edhe më duhet mund
    komuniteteve komuna komunitetet rom ashkali egjiptian arsimi punësimi mirëqenies sociale shëndetësisë strehimit
    strategjia plani veprimit raporti zbatimin masave buxheti treguesit përfshirjen shoqërinë drejtat gjuhëve zyrtare
    institucionet zyra qeveria ligji mbrojtjen qasjen rinjtë grave fëmijëve shkolla shërbimet mbështetja lokale kombëtare
    dhënat programi trajnimi informacioni zhvillimi ndihma regjistrimi civil diploma verifikimi mundësitë pjesëmarrja
    pakicave komunave vendore projekti organizata takimi rekomandimi afati statusi dokumenti sektori punës
    kushtet qytetarët aplikimi kërkesa vendimi rregullorja udhëzimi hulumtimi formulari`,
  sr: `i u je da se na za od su o sa koji koja koje ne kao ili biti će ovaj to ta ali takođe više treba mogu
    zajednice zajednica opštine romske aškalijske egipćanske obrazovanje zapošljavanje socijalne zaštite zdravstvo
    stanovanje strategija akcioni plan izveštaj sprovođenju mera budžet pokazatelji uključivanje društvo prava jezika
    službenih institucije kancelarija vlada zakon zaštita pristup mladi žena dece škola usluge podrška lokalne
    nacionalne podaci program obuka informacije razvoj pomoć registracija civilna diploma verifikacija mogućnosti
    učešće manjinske opština lokalnih projekat organizacija sastanak preporuka rok status dokument sektor rada
    uslovi građani prijava zahtev odluka pravilnik uputstvo istraživanje obrazac`,
  en: `the of and to in a is for on that by with as are be this from at or it an which will have has not their all also
    communities community municipality roma ashkali egyptian education employment social welfare health housing
    strategy action plan report implementation measures budget indicators inclusion society rights languages official
    institutions office government law protection access young women children school services support local national
    data programme training information development assistance civil registration diploma verification opportunities
    participation minority municipalities project organisation meeting recommendation deadline status document sector
    work conditions citizens application request decision regulation guideline research form`,
};

/** The syllables synthetic words are built from: onsets (written as text, like CORE), vowels and endings. */
const SYLLABLES: Record<BenchLanguage, { onsets: string; vowels: string[]; endings: string[] }> = {
  sq: {
    onsets: "b d dh f g gj h k l ll m n nj p q r rr s sh t th v xh z zh",
    vowels: ["a", "e", "ë", "i", "o", "u", "y"],
    endings: ["ave", "it", "ës", "in", "ja", "ve", "imi", "isë", "et", "ore"],
  },
  sr: {
    onsets: "b v g d ž z k l lj m n nj p r s t ć č š dž h c j",
    vowels: ["a", "e", "i", "o", "u"],
    endings: ["ova", "ski", "nje", "ica", "ost", "ima", "ija", "ana", "ić", "enje"],
  },
  en: {
    onsets: "b c d f g h k l m n p r s t v w st pr tr ch sh th cl gr",
    vowels: ["a", "e", "i", "o", "u", "ea", "ou", "ai"],
    endings: ["tion", "ment", "ing", "ness", "al", "ity", "er", "ed", "ive", "ance"],
  },
};

/** `size` distinct words for a language, most common first. */
export function vocabulary(language: BenchLanguage, size: number): string[] {
  const words = [...new Set(CORE[language].split(/\s+/).filter(Boolean))];
  const seen = new Set(words);
  const random = createRandom(1).fork(`vocabulary-${language}`);
  const { vowels, endings } = SYLLABLES[language];
  const onsets = SYLLABLES[language].onsets.split(" ");
  while (words.length < size) {
    let word = "";
    const syllables = random.int(1, 3);
    for (let s = 0; s < syllables; s += 1) word += random.pick(onsets) + random.pick(vowels);
    word += random.pick(endings);
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/**
 * A rank in 1..size drawn with P(rank k) ≈ 1 / (k · ln size), i.e. Zipf's law with exponent 1: the
 * commonest word makes about 7 % of a text, the 1,000th about 0.01 %. `u` is uniform in [0, 1).
 * The SQL generator uses the same formula.
 */
export function zipfRank(u: number, size: number): number {
  return Math.min(size, Math.floor(Math.exp(u * Math.log(size + 1))));
}
