import { foldedWordsOf, searchForms } from "#app/services/search-keys.ts";

/** A piece of text to show, highlighted when it matched the query. Rendered as text (React escapes it). */
export interface TextSegment {
  text: string;
  mark: boolean;
}

/** The longest stretch of a text scanned for matches (the start of a document is the most telling). */
const SCAN_LIMIT = 40_000;

const WORD = /[\p{L}\p{N}]+/gu;
const foldedWord = new Map<string, string[]>();

/** A word's search forms as the index has them (folded; stem), cached: texts repeat their words. */
function formsOfWord(word: string): string[] {
  let forms = foldedWord.get(word);
  if (forms === undefined) {
    const folded = foldedWordsOf(word).join("");
    forms = folded ? searchForms(folded) : [];
    if (foldedWord.size >= 10_000) foldedWord.clear();
    foldedWord.set(word, forms);
  }
  return forms;
}

/**
 * The ranges (in the original text, whatever its script) of the words that match one of the query's
 * terms: the word shares a search form with the term (so "Ашкалије" is marked for "ashkalinjtë"), or
 * its folded spelling starts with the term (the word being typed).
 */
export function findMatches(text: string, terms: readonly string[]): [number, number][] {
  if (terms.length === 0 || text === "") return [];
  const wanted = terms.map((t) => foldedWordsOf(t).join("")).filter((t) => t.length > 0);
  const wantedForms = new Set(wanted.flatMap(searchForms));
  const ranges: [number, number][] = [];
  for (const match of text.slice(0, SCAN_LIMIT).matchAll(WORD)) {
    const forms = formsOfWord(match[0]);
    const folded = forms[0];
    if (!folded) continue;
    if (forms.some((f) => wantedForms.has(f)) || wanted.some((t) => folded.startsWith(t)))
      ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
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
