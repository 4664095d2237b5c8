import { normaliseForSearch } from "#app/services/search-index.server.ts";

/** A piece of text to show, highlighted when it matched the query. Rendered as text (React escapes it). */
export interface TextSegment {
  text: string;
  mark: boolean;
}

/** The longest stretch of a text scanned for matches (the start of a document is the most telling). */
const SCAN_LIMIT = 40_000;

const WORD_CHAR = /[\p{L}\p{N}]/u;
const normalisedChar = new Map<string, string>();

function normaliseChar(char: string): string {
  let out = normalisedChar.get(char);
  if (out === undefined) {
    out = /\s/u.test(char) ? " " : normaliseForSearch(char);
    if (normalisedChar.size < 10_000) normalisedChar.set(char, out);
  }
  return out;
}

/**
 * The text normalised as the index normalises it (Cyrillic → Latin, no diacritics, lower case),
 * with the position in the original text of every normalised character, so that a match found in
 * the normalised text can be highlighted in the original script.
 */
function normaliseWithMap(text: string): { normalised: string; origin: number[]; originEnd: number[] } {
  let normalised = "";
  const origin: number[] = [];
  const originEnd: number[] = [];
  let index = 0;
  for (const char of text) {
    const out = normaliseChar(char);
    for (const c of out) {
      normalised += c;
      origin.push(index);
      originEnd.push(index + char.length);
    }
    index += char.length;
  }
  return { normalised, origin, originEnd };
}

/** The ranges (in the original text) of the words that start with one of the query's terms. */
export function findMatches(text: string, terms: readonly string[]): [number, number][] {
  if (terms.length === 0 || text === "") return [];
  const { normalised, origin, originEnd } = normaliseWithMap(text.slice(0, SCAN_LIMIT));
  const ranges: [number, number][] = [];
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const at = normalised.indexOf(term, from);
      if (at < 0) break;
      from = at + 1;
      if (at > 0 && WORD_CHAR.test(normalised[at - 1]!)) continue;
      let end = at + term.length;
      while (end < normalised.length && WORD_CHAR.test(normalised[end]!)) end += 1;
      ranges.push([origin[at]!, originEnd[end - 1]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function segmentsOf(text: string, ranges: [number, number][], offset: number): TextSegment[] {
  const segments: TextSegment[] = [];
  let cursor = offset;
  const end = offset + text.length;
  for (const [start, stop] of ranges) {
    if (stop <= offset || start >= end) continue;
    const s = Math.max(start, offset);
    const e = Math.min(stop, end);
    if (s > cursor) segments.push({ text: text.slice(cursor - offset, s - offset), mark: false });
    segments.push({ text: text.slice(s - offset, e - offset), mark: true });
    cursor = e;
  }
  if (cursor < end) segments.push({ text: text.slice(cursor - offset), mark: false });
  return segments;
}

/** The whole text with the matching words marked (for titles). */
export function highlightAll(text: string, terms: readonly string[]): TextSegment[] {
  return segmentsOf(text, findMatches(text, terms), 0);
}

/**
 * A short passage of `text` around its first match, in the text's own script, with every matching
 * word marked; null when nothing in the text matches. The passage is cut at word boundaries.
 */
export function snippetAround(text: string, terms: readonly string[], length = 240): TextSegment[] | null {
  const ranges = findMatches(text, terms);
  const first = ranges[0];
  if (!first) return null;
  let start = Math.max(0, first[0] - Math.floor(length / 3));
  let end = Math.min(text.length, start + length);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space >= 0 && space < first[0]) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > first[1]) end = space;
  }
  const passage = text.slice(start, end).replace(/\s+/g, " ");
  // Whitespace collapsing changes offsets: recompute the ranges on the passage itself.
  const segments = segmentsOf(passage, findMatches(passage, terms), 0);
  if (start > 0) segments.unshift({ text: "… ", mark: false });
  if (end < text.length) segments.push({ text: " …", mark: false });
  return segments;
}

/** The opening of a text as one unmarked segment (when the match was elsewhere). */
export function openingOf(text: string, length = 240): TextSegment[] {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= length) return clean ? [{ text: clean, mark: false }] : [];
  const cut = clean.lastIndexOf(" ", length);
  return [{ text: `${clean.slice(0, cut > 0 ? cut : length)} …`, mark: false }];
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Segments as HTML for the API: text escaped, matches in `<mark>`. */
export function segmentsToHtml(segments: readonly TextSegment[]): string {
  return segments.map((s) => (s.mark ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join("");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
