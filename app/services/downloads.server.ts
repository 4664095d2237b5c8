/*
 * The one CSV writer of the downloads (decision 033): RFC 4180 (fields quoted when they hold a
 * quote, comma or line break; quotes doubled), CRLF line ends with a final CRLF, UTF-8 with a
 * byte-order mark so spreadsheet programs read the diacritics and Cyrillic right, and text cells
 * defused against formula injection. Numbers stay numbers (unformatted, decision 010).
 */

/** One cell of a download: text, a number, or nothing. */
export type DownloadCell = string | number | null;

/** A table to download: headers in the reader's language and rows. */
export interface CsvTable {
  headers: readonly string[];
  rows: readonly (readonly DownloadCell[])[];
}

/**
 * A text cell made harmless for spreadsheets: a value starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be read as a formula by Excel or LibreOffice (CSV injection), so it gets a
 * leading apostrophe, as OWASP recommends.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field: empty for nothing, a number as written, text defused and quoted when it needs it. */
export function csvField(cell: DownloadCell): string {
  if (cell === null) return "";
  const text = typeof cell === "number" ? String(cell) : neutraliseFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as a CSV document (header row first). */
export function toCsv(table: CsvTable): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
