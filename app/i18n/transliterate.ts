import { TRANSLITERATION_GLOSSARY } from "./transliteration-glossary.ts";

/**
 * Serbian Latin ↔ Cyrillic transliteration. The Cyrillic interface and content are always
 * produced from the Latin text by this module, so they can never lag behind it.
 */

const DIGRAPHS: Record<string, string> = {
  Lj: "Љ",
  LJ: "Љ",
  lj: "љ",
  Nj: "Њ",
  NJ: "Њ",
  nj: "њ",
  Dž: "Џ",
  DŽ: "Џ",
  dž: "џ",
};

const LETTERS: Record<string, string> = {
  A: "А",
  B: "Б",
  V: "В",
  G: "Г",
  D: "Д",
  Đ: "Ђ",
  E: "Е",
  Ž: "Ж",
  Z: "З",
  I: "И",
  J: "Ј",
  K: "К",
  L: "Л",
  M: "М",
  N: "Н",
  O: "О",
  P: "П",
  R: "Р",
  S: "С",
  T: "Т",
  Ć: "Ћ",
  U: "У",
  F: "Ф",
  H: "Х",
  C: "Ц",
  Č: "Ч",
  Š: "Ш",
  a: "а",
  b: "б",
  v: "в",
  g: "г",
  d: "д",
  đ: "ђ",
  e: "е",
  ž: "ж",
  z: "з",
  i: "и",
  j: "ј",
  k: "к",
  l: "л",
  m: "м",
  n: "н",
  o: "о",
  p: "п",
  r: "р",
  s: "с",
  t: "т",
  ć: "ћ",
  u: "у",
  f: "ф",
  h: "х",
  c: "ц",
  č: "ч",
  š: "ш",
};

/** Lookalikes found in real data: GeoNames writes Đ as "Ð" (U+00D0, Icelandic eth). */
const LOOKALIKES: Record<string, string> = { Ð: "Ђ" };

const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries([
  ...Object.entries(LETTERS).map(([latin, cyrillic]) => [cyrillic, latin]),
  ["Љ", "Lj"],
  ["љ", "lj"],
  ["Њ", "Nj"],
  ["њ", "nj"],
  ["Џ", "Dž"],
  ["џ", "dž"],
]);

/** Words whose lj, nj or dž spans two parts of the word (in-jekcija, nad-živeti): written as two letters in Cyrillic. */
const SPLIT_DIGRAPH_PREFIXES: [RegExp, string][] = [
  [/^([Ii])nj(?=ekc|ekt|unkc)/u, "$1n\u0000j"],
  [/^([Kk])onj(?=ug|unk)/u, "$1on\u0000j"],
  [/^([Vv])anj(?=ezi)/u, "$1an\u0000j"],
  [/^([Nn])ad(?=ž(?:iv|nje))/u, "$1ad\u0000"],
  [/^([Pp])od(?=ž(?:up|anr|nje))/u, "$1od\u0000"],
];

// Spans that stay in Latin script whatever surrounds them: URLs, e-mail addresses, hostnames,
// file names and bare file extensions ("(.ics)").
const FILE_EXTENSIONS =
  "ics|csv|xlsx|xls|docx|doc|odt|ods|pdf|json|xml|html?|png|jpe?g|gif|svg|webp|txt|zip|rss|atom|geojson|topojson";
const KEEP_LATIN = new RegExp(
  [
    String.raw`(?:https?:\/\/|www\.)[^\s<>"]+`,
    String.raw`(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+`,
    String.raw`\b[\w-]+\.(?:com|org|net|gov|eu|rks|int|info|io|rs|al|de|uk|ch|at|se|no|nl|fr|it|us)\b[^\s<>"]*`,
    String.raw`\b[\w-]+\.(?:${FILE_EXTENSIONS})\b`,
    String.raw`(?<![\p{L}\p{N}.])\.(?:${FILE_EXTENSIONS})\b`,
  ].join("|"),
  "giu",
);

/** A run of letters and digits joined by - . / _ : + (no spaces): a code when it has a digit ("XM-DAC-47066"). */
const COMPOUND = /[\p{L}\p{M}\p{N}]+(?:[-./_:+][\p{L}\p{M}\p{N}]+)*/gu;

const GLOSSARY = new Map(TRANSLITERATION_GLOSSARY.map((entry) => [entry.latin, entry.cyrillic]));
const GLOSSARY_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${[...GLOSSARY.keys()]
    .sort((a, b) => b.length - a.length)
    .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|")})(?![\p{L}\p{N}])`,
  "gu",
);

/** Letters of Serbian Latin; GeoNames' "Ð" (U+00D0) stands for Đ. */
const SERBIAN_LATIN_WORD = /^[a-pr-vzčćđšžA-PR-VZČĆĐŠŽÐ]+$/u;
/** Letters and digraphs that only a Serbian word has, in capitals. */
const SERBIAN_CAPITALS = /[ČĆĐŠŽÐ]|LJ|NJ|DŽ/u;
/** Acronyms longer than this are taken for Serbian words written in capitals (unless in the glossary). */
const MAX_ACRONYM_LETTERS = 5;

function isAllCapitals(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** True when a word is foreign to Serbian Latin and is kept as written: letters Serbian lacks, or capitals inside it. */
function isForeignWord(word: string): boolean {
  return !SERBIAN_LATIN_WORD.test(word) || /\p{Ll}\p{Lu}/u.test(word);
}

/** True when an all-capitals word is recognisably Serbian: a Serbian letter or digraph, or longer than an acronym. */
function isSerbianInCapitals(word: string): boolean {
  return SERBIAN_CAPITALS.test(word) || word.length > MAX_ACRONYM_LETTERS;
}

function transliterateLetters(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const pair = text.slice(i, i + 2);
    const digraph = DIGRAPHS[pair];
    if (digraph) {
      out += digraph;
      i += 1;
      continue;
    }
    const ch = text[i] ?? "";
    out += LETTERS[ch] ?? LOOKALIKES[ch] ?? ch;
  }
  return out;
}

const MAY_SPLIT_DIGRAPH = /^(?:[Ii]nj|[Kk]onj|[Vv]anj|[Nn]adž|[Pp]odž)/u;

function transliterateWord(word: string): string {
  if (!MAY_SPLIT_DIGRAPH.test(word)) return transliterateLetters(word);
  let marked = word;
  for (const [pattern, replacement] of SPLIT_DIGRAPH_PREFIXES) marked = marked.replace(pattern, replacement);
  return transliterateLetters(marked).replaceAll("\u0000", "");
}

/**
 * Transliterates plain text (no URLs, codes or glossary terms in it) word by word. A word of
 * capitals is an acronym and stays Latin, unless it, or another word of capitals in the same run
 * ("VAŽNO OBAVEŠTENJE ZA SVE"), is recognisably Serbian.
 */
function transliterateWords(text: string): string {
  const parts = text.split(/([\p{L}\p{M}]+)/u);
  const decisions = new Array<"latin" | "cyrillic" | "acronym">(parts.length);
  for (let i = 1; i < parts.length; i += 2) {
    const word = parts[i] ?? "";
    decisions[i] = isForeignWord(word)
      ? "latin"
      : isAllCapitals(word) && !isSerbianInCapitals(word)
        ? "acronym"
        : "cyrillic";
  }
  // A run of capitals: words of capitals separated only by spaces and punctuation.
  let runStart = 1;
  while (runStart < parts.length) {
    if (!isAllCapitals(parts[runStart] ?? "")) {
      runStart += 2;
      continue;
    }
    let runEnd = runStart;
    while (
      runEnd + 2 < parts.length &&
      isAllCapitals(parts[runEnd + 2] ?? "") &&
      !/[\n\p{N}]/u.test(parts[runEnd + 1] ?? "")
    )
      runEnd += 2;
    let serbian = false;
    for (let i = runStart; i <= runEnd; i += 2) if (decisions[i] === "cyrillic") serbian = true;
    if (serbian) for (let i = runStart; i <= runEnd; i += 2) if (decisions[i] === "acronym") decisions[i] = "cyrillic";
    runStart = runEnd + 2;
  }
  let out = "";
  for (let i = 0; i < parts.length; i++)
    out += i % 2 === 1 && decisions[i] === "cyrillic" ? transliterateWord(parts[i] ?? "") : (parts[i] ?? "");
  return out;
}

/**
 * True when a run with digits is a code to keep as written: a capital in it, a letter touching a
 * digit, or several groups of digits ("3W", "UTF-8", "1.1.1-a"); a number with a Serbian case
 * ending ("20-ih") is not.
 */
function isCode(compound: string): boolean {
  if (!/\p{N}/u.test(compound)) return false;
  return (
    /\p{Lu}/u.test(compound) ||
    /\p{L}\p{N}|\p{N}\p{L}/u.test(compound) ||
    (/\p{L}/u.test(compound) && /\p{N}[^\p{N}]+\p{N}/u.test(compound))
  );
}

/**
 * Applies `keep` to the matches of `pattern` and `convert` to the text between them; a match for
 * which `keep` returns null counts as text between.
 */
function splitAround(
  text: string,
  pattern: RegExp,
  keep: (match: string) => string | null,
  convert: (text: string) => string,
): string {
  let out = "";
  let plain = "";
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const kept = keep(match[0]);
    plain += text.slice(last, match.index);
    last = match.index + match[0].length;
    if (kept === null) {
      plain += match[0];
      continue;
    }
    out += convert(plain) + kept;
    plain = "";
  }
  return out + convert(plain + text.slice(last));
}

/**
 * Serbian Latin → Cyrillic, as Serbian Cyrillic publications print it (decision 037): URLs,
 * e-mail addresses, file names and extensions, codes with digits, acronyms, foreign words and
 * the glossary's terms stay Latin (or take the glossary's fixed Cyrillic); every other word is
 * transliterated whole, so no word ever mixes the two scripts.
 */
export function latinToCyrillic(text: string): string {
  if (text.length > MAX_CACHED_LENGTH) return transliterateText(text);
  let cyrillic = cache.get(text);
  if (cyrillic === undefined) {
    if (cache.size >= MAX_CACHED_TEXTS) cache.clear();
    cyrillic = transliterateText(text);
    cache.set(text, cyrillic);
  }
  return cyrillic;
}

// Names, labels and short texts recur on every page (sectors, organisations, places): their
// Cyrillic is kept, up to a bound, so a page does not pay for the same words again.
const MAX_CACHED_LENGTH = 500;
const MAX_CACHED_TEXTS = 20_000;
const cache = new Map<string, string>();

function transliterateText(text: string): string {
  const normalized = text.normalize("NFC");
  if (!HAS_LATIN_LETTER.test(normalized)) return normalized;
  // The patterns below are costly on long texts: each runs only when its kind of span can be there.
  const convertCodes = (plain: string) =>
    HAS_DIGIT.test(plain)
      ? splitAround(plain, COMPOUND, (compound) => (isCode(compound) ? compound : null), convertGlossaryAndWords)
      : convertGlossaryAndWords(plain);
  return MAY_HAVE_ADDRESS.test(normalized)
    ? splitAround(normalized, KEEP_LATIN, (span) => span, convertCodes)
    : convertCodes(normalized);
}

const HAS_LATIN_LETTER = /\p{Script=Latin}/u;
const HAS_DIGIT = /\p{N}/u;
/** A URL, e-mail address, hostname or file name needs one of these. */
const MAY_HAVE_ADDRESS = /@|:\/\/|www\.|\.[a-z]/iu;

function convertGlossaryAndWords(text: string): string {
  return splitAround(text, GLOSSARY_PATTERN, (term) => GLOSSARY.get(term) ?? term, transliterateWords);
}

/** Serbian Cyrillic → Latin (unambiguous), used to store Serbian once and to search across scripts. */
export function cyrillicToLatin(text: string): string {
  let out = "";
  for (const ch of text) out += CYRILLIC_TO_LATIN[ch] ?? ch;
  return out;
}

/**
 * Transliterates an ICU message to Cyrillic, touching only its literal text: argument names,
 * formats, plural and select keywords, `#` and quoted literals keep their Latin spelling.
 */
export function latinToCyrillicMessage(message: string): string {
  let out = "";
  let literal = "";
  const flush = () => {
    out += latinToCyrillic(literal);
    literal = "";
  };
  // Stack of open braces: "argument" while reading `{name, type, style`, "body" inside an option's `{…}`.
  const stack: ("argument" | "body")[] = [];
  let i = 0;
  while (i < message.length) {
    const ch = message[i] ?? "";
    const top = stack[stack.length - 1];
    if (top === "argument") {
      if (ch === "{") {
        stack.push("body");
        out += ch;
      } else if (ch === "}") {
        stack.pop();
        out += ch;
      } else out += ch;
      i += 1;
      continue;
    }
    if (ch === "'" && message[i + 1] === "'") {
      literal += "''";
      i += 2;
      continue;
    }
    if (ch === "'" && /[{}#]/.test(message[i + 1] ?? "")) {
      const end = message.indexOf("'", i + 1);
      const close = end === -1 ? message.length : end + 1;
      flush();
      out += message.slice(i, close);
      i = close;
      continue;
    }
    if (ch === "{") {
      flush();
      stack.push("argument");
      out += ch;
    } else if (ch === "}") {
      flush();
      stack.pop();
      out += ch;
    } else if (ch === "#" && top === "body") {
      flush();
      out += ch;
    } else if (ch === "<" || ch === ">") {
      flush();
      const end = message.indexOf(">", i);
      const close = ch === "<" && end !== -1 ? end + 1 : i + 1;
      out += message.slice(i, close);
      i = close;
      continue;
    } else literal += ch;
    i += 1;
  }
  flush();
  return out;
}

/** Letters of the Serbian Cyrillic alphabet (no Russian я, ы, й…). */
const SERBIAN_CYRILLIC_WORD = /^[АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШабвгдђежзијклљмнњопрстћуфхцчџш]+$/u;

/**
 * True when a name typed as "the Serbian Cyrillic name" is one: it has Cyrillic words, every word is
 * wholly Serbian Cyrillic or one that Cyrillic text keeps in Latin (an acronym, a code, a foreign
 * name: the transliteration would leave it as it is), and no word mixes the scripts.
 */
export function isSerbianCyrillicText(text: string): boolean {
  const normalized = text.normalize("NFC");
  const words = [...normalized.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => m[0]);
  if (!words.some((word) => SERBIAN_CYRILLIC_WORD.test(word))) return false;
  const latinOrSerbian = words.every(
    (word) => SERBIAN_CYRILLIC_WORD.test(word) || /^[\p{Script=Latin}\p{M}]+$/u.test(word),
  );
  return latinOrSerbian && latinToCyrillic(normalized) === normalized;
}
