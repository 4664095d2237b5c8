/** Why an alternative name is in use, for the notes the reference data uses. */
export type AlternativeNameNote = "usedInSerbia" | "formerName" | "historical";

/** Names in one language that a municipality is also known by, with why they are used. */
export interface AlternativeNameGroup {
  names: string[];
  /** Language code of the names (`sr`, `sq`, `tr`…), when the data says. */
  language: string | null;
  /** A note the interface can translate. */
  note: AlternativeNameNote | null;
  /** A note in English that has no translation yet, shown as it is. */
  otherNote: string | null;
}

const KNOWN_NOTES: Record<string, AlternativeNameNote> = {
  "used in serbia": "usedInSerbia",
  "former name": "formerName",
  historical: "historical",
};

const GROUP = /^(.*?)\s*\(\s*([a-z]{2,3})\s*(?:,\s*([^)]*?)\s*)?\)$/;

/**
 * Reads the reference data's free-text `name_alt` column, e.g.
 * `Južna Mitrovica / Kosovska Mitrovica (sr); Mitrovicë e Jugut (sq)`: groups are separated by
 * `;`, names within a group by `/`, and the parenthesis gives the language and an optional note
 * in English. Text that does not follow the pattern is kept whole as one name.
 */
export function parseAlternativeNames(value: string | null): AlternativeNameGroup[] {
  if (!value?.trim()) return [];
  return value
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = GROUP.exec(part);
      if (!match) return { names: [part], language: null, note: null, otherNote: null };
      const [, names = "", language = "", note = ""] = match;
      const known = KNOWN_NOTES[note.toLowerCase()];
      return {
        names: names
          .split("/")
          .map((name) => name.trim())
          .filter(Boolean),
        language,
        note: known ?? null,
        otherNote: note && !known ? note : null,
      };
    });
}
