/**
 * The alphabets of the platform's languages, written out from their official letter lists
 * (not from Intl), so tests can check an ordering without trusting the code under test.
 */
const ALPHABETS = {
  // Albanian: 36 letters (Congress of Manastir, 1908).
  sq: "a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh",
  // Serbian Latin (gajica): 30 letters.
  sr: "a b c č ć d dž đ e f g h i j k l lj m n nj o p r s š t u v z ž",
  // Serbian Cyrillic (azbuka): 30 letters.
  "sr-cyrl": "а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш",
  // English: 26 letters; letters with diacritics count as their base letter.
  en: "a b c d e f g h i j k l m n o p q r s t u v w x y z",
  // Turkish: 29 letters, with q, w and x where ICU and Turkish dictionaries put foreign letters;
  // other letters with diacritics (Albanian ë, Serbian š) count as their base letter.
  tr: "a b c ç d e f g ğ h ı i j k l m n o ö p q r s ş t u ü v w x y z",
  // Bosnian Latin: the same 30 letters as Serbian Latin.
  bs: "a b c č ć d dž đ e f g h i j k l lj m n nj o p r s š t u v z ž",
  // Romani pages sort with the Albanian alphabet around them (decision 043).
  rom: "a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh",
} as const;

type AlphabetLocale = keyof typeof ALPHABETS;

/** A word as the positions of its letters in the alphabet (digraphs first); a space or hyphen counts before every letter. */
function letterPositions(word: string, locale: AlphabetLocale): number[] {
  const letters = ALPHABETS[locale].split(" ");
  const byLength = [...letters].sort((a, b) => b.length - a.length);
  let text = word.toLowerCase().normalize("NFC");
  if (locale === "en") text = text.normalize("NFD").replace(/\p{M}/gu, "");
  if (locale === "tr")
    text = [...text].map((c) => (letters.includes(c) ? c : c.normalize("NFD").replace(/\p{M}/gu, ""))).join("");
  const positions: number[] = [];
  while (text.length > 0) {
    const letter = byLength.find((l) => text.startsWith(l));
    if (letter) {
      positions.push(letters.indexOf(letter) + 1);
      text = text.slice(letter.length);
    } else {
      if (!/^[\s\-–.]/.test(text))
        throw new Error(`"${word}" has "${text[0]}", which is not in the ${locale} alphabet`);
      positions.push(0);
      text = text.slice(1);
    }
  }
  return positions;
}

/** Compares two names by the alphabet of the language (for a test's expected order). */
export function alphabeticalCompare(locale: AlphabetLocale): (a: string, b: string) => number {
  return (a, b) => {
    const x = letterPositions(a, locale);
    const y = letterPositions(b, locale);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
}
