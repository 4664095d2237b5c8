import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";

/** The folder of the recordings: one text file per URL. */
export const RECORDINGS_DIR = path.resolve(import.meta.dirname, "recordings");

/** The response headers a recording keeps: what a browser or API client acts on, none that carry a random value. */
const RECORDED_HEADERS = ["content-type", "content-disposition", "content-language", "location", "cache-control"];

/** The recording's file name for a URL: its path and query with every character outside [A-Za-z0-9._=-] turned into `_`. */
export function recordingFileName(url: string, signedInAs?: string): string {
  const name = url.slice(1).replace(/[^A-Za-z0-9._=-]+/g, "_") || "_";
  return `${signedInAs ? `${signedInAs}~` : ""}${name}.txt`;
}

/** Values that differ from run to run, each replaced by a fixed label wherever it appears (see normalise). */
export interface RunValues {
  /** The CSP nonce of this response (from its Content-Security-Policy header). */
  nonce: string | null;
  /** Random ids of stored files (uuid → a label made of the file's name and content digest). */
  fileIds: ReadonlyMap<string, string>;
  /** React Router's route ids, i.e. route file paths (hydrating workspace pages name them) → the route's URL pattern. */
  routeIds: ReadonlyMap<string, string>;
}

/**
 * The one normalisation of a recorded response (tests/golden/README.md lists it): the CSP nonce
 * (random per response) becomes `NONCE`; each stored file's random id becomes `FILE(<name>:<digest>)`;
 * in the hydration data of workspace pages, each route id (the route module's file path, which a
 * restructuring may move) becomes `ROUTE(<its URL pattern>)`, in quotes only. Nothing else is removed: the clock, the CSRF token and the data are made deterministic instead
 * (golden-site.ts).
 */
export function normalise(text: string, values: RunValues): string {
  let out = text;
  if (values.nonce) out = out.split(values.nonce).join("NONCE");
  for (const [id, label] of values.fileIds) out = out.split(id).join(label);
  // Longest first, so that no id is replaced inside a longer one.
  for (const [id, label] of [...values.routeIds].sort((a, b) => b[0].length - a[0].length)) {
    out = out.split(`"${id}"`).join(`"${label}"`).split(`/golden/${id}.js`).join(`/golden/${label}.js`);
  }
  return out;
}

/** The nonce a response's Content-Security-Policy allows, or null. */
export function nonceOf(response: Response): string | null {
  return /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? null;
}

/**
 * A response as readable text: the request line, the status, the recorded headers and the body —
 * HTML as served with a line break between adjacent tags (so a diff points at one element), JSON
 * pretty-printed, other text as is, a workbook as the values of its cells, other binary as its digest.
 */
export async function describeResponse(
  url: string,
  response: Response,
  values: RunValues,
  signedInAs?: string,
): Promise<string> {
  const lines = [`GET ${url}`, ...(signedInAs ? [`signed in as: ${signedInAs}`] : []), `status: ${response.status}`];
  for (const name of RECORDED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) lines.push(`${name}: ${value}`);
  }
  const type = (response.headers.get("content-type") ?? "").toLowerCase();
  const bytes = Buffer.from(await response.arrayBuffer());
  let body: string;
  if (type.includes("spreadsheetml")) body = await describeWorkbook(bytes);
  else if (type.startsWith("text/html")) body = bytes.toString("utf8").replace(/></g, ">\n<");
  else if (type.includes("json"))
    body = bytes.length ? `${JSON.stringify(JSON.parse(bytes.toString("utf8")), null, 2)}\n` : "";
  else if (type.startsWith("text/") || type.includes("xml") || type.includes("calendar") || bytes.length === 0)
    body = bytes.toString("utf8");
  else body = `binary: ${bytes.length} bytes, sha256 ${createHash("sha256").update(bytes).digest("hex")}\n`;
  return normalise(`${lines.join("\n")}\n\n${body}`, values);
}

/** A workbook's sheets and cell values, one row a line (the zip around them carries the time it was written). */
async function describeWorkbook(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  workbook.eachSheet((sheet) => {
    out.push(`sheet: ${sheet.name}`);
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const cells = (row.values as unknown[]).slice(1).map((value) => JSON.stringify(value ?? null));
      out.push(`${number}: ${cells.join("\t")}`);
    });
  });
  return `${out.join("\n")}\n`;
}

/** Reads every recording: file name → text. */
export function readRecordings(): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(RECORDINGS_DIR)) return out;
  for (const name of fs.readdirSync(RECORDINGS_DIR).sort())
    out.set(name, fs.readFileSync(path.join(RECORDINGS_DIR, name), "utf8"));
  return out;
}

/** The URL a recording was made from (its first line). */
export function recordedUrl(text: string): string {
  return text.slice(0, text.indexOf("\n")).replace(/^GET /, "");
}

/**
 * Where two texts first part: the first differing line with a few lines of context on each side,
 * numbered as in the recording; null when they are equal.
 */
export function firstDifference(expected: string, actual: string, context = 3): string | null {
  if (expected === actual) return null;
  const a = expected.split("\n");
  const b = actual.split("\n");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - context);
  const show = (lines: string[], sign: string) =>
    lines
      .slice(i, i + context + 1)
      .map(
        (line, k) => `${sign} ${String(i + k + 1).padStart(5)}| ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`,
      )
      .join("\n");
  const before = a
    .slice(from, i)
    .map((line, k) => `  ${String(from + k + 1).padStart(5)}| ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`)
    .join("\n");
  return [
    `first difference at line ${i + 1} (recorded ${a.length} lines, now ${b.length}):`,
    before,
    show(a, "-"),
    show(b, "+"),
  ]
    .filter(Boolean)
    .join("\n");
}
