/**
 * Serbian Latin ↔ Cyrillic transliteration. The Cyrillic interface and content are always
 * produced from the Latin text by this module, so they can never lag behind it.
 */

const DIGRAPHS: Record<string, string> = {
  Lj: "Љ", LJ: "Љ", lj: "љ", Nj: "Њ", NJ: "Њ", nj: "њ", Dž: "Џ", DŽ: "Џ", dž: "џ",
};

const LETTERS: Record<string, string> = {
  A: "А", B: "Б", V: "В", G: "Г", D: "Д", Đ: "Ђ", E: "Е", Ž: "Ж", Z: "З", I: "И", J: "Ј", K: "К",
  L: "Л", M: "М", N: "Н", O: "О", P: "П", R: "Р", S: "С", T: "Т", Ć: "Ћ", U: "У", F: "Ф", H: "Х",
  C: "Ц", Č: "Ч", Š: "Ш",
  a: "а", b: "б", v: "в", g: "г", d: "д", đ: "ђ", e: "е", ž: "ж", z: "з", i: "и", j: "ј", k: "к",
  l: "л", m: "м", n: "н", o: "о", p: "п", r: "р", s: "с", t: "т", ć: "ћ", u: "у", f: "ф", h: "х",
  c: "ц", č: "ч", š: "ш",
};

const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries([
  ...Object.entries(LETTERS).map(([latin, cyrillic]) => [cyrillic, latin]),
  ["Љ", "Lj"], ["љ", "lj"], ["Њ", "Nj"], ["њ", "nj"], ["Џ", "Dž"], ["џ", "dž"],
]);

// Spans that must stay in Latin script: URLs, e-mail addresses, and hostnames.
const KEEP_LATIN = /(?:https?:\/\/|www\.)[^\s<>"]+|[\w.+-]+@[\w-]+\.[\w.-]+|\b[\w-]+\.(?:com|org|net|gov|eu|rks|int)\b[^\s<>"]*/giu;

function transliterateWords(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const pair = text.slice(i, i + 2);
    const digraph = DIGRAPHS[pair.normalize("NFC")];
    if (digraph) {
      out += digraph;
      i += 1;
      continue;
    }
    const ch = text[i] ?? "";
    out += LETTERS[ch] ?? ch;
  }
  return out;
}

/** Serbian Latin → Cyrillic, leaving URLs and e-mail addresses in Latin. */
export function latinToCyrillic(text: string): string {
  const normalized = text.normalize("NFC");
  let out = "";
  let last = 0;
  for (const match of normalized.matchAll(KEEP_LATIN)) {
    out += transliterateWords(normalized.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + transliterateWords(normalized.slice(last));
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
