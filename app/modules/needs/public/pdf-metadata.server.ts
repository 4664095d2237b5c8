import { promisify } from "node:util";
import { deflate, inflate } from "node:zlib";

/*
 * Removes the document metadata of a PDF without a PDF library (pdf-lib is only a development
 * dependency; decision 021): the values of the document information dictionary (author, creator,
 * producer, title, subject, keywords, dates, any custom entry) and every XMP metadata stream are
 * overwritten in place with spaces. Nothing moves, so the cross-reference offsets stay valid and the
 * file still opens. Every revision of an incrementally updated file is covered (every `/Info` and
 * every metadata stream in the file), and an information dictionary inside a compressed object
 * stream is blanked there and the stream compressed again into its old length. When that is not
 * possible the PDF is refused (the caller says so to the submitter) rather than stored with it.
 *
 * Bounded by construction (decision 024): every compressed object stream is inflated off the main
 * thread (zlib's thread pool) with an output cap, and all of a file's streams share one budget of
 * PDF_LIMITS.maxInflatedBytes, so a deflate bomb is refused as soon as it passes the budget instead
 * of being expanded; the whole run has a time budget, checked between steps and objects.
 *
 * PDFs with active content (JavaScript, launch and submit actions, additional-action triggers, an
 * open action that is an action rather than a page to show) are refused, not cleaned: a person
 * reporting a need has no reason to send a document that runs code, and editing actions out in
 * place cannot be done reliably inside compressed object streams. Names are compared after their
 * `#xx` escapes are decoded, in the plain objects and inside every object stream.
 */

/** Why a PDF was not accepted: metadata out of reach, too much to unpack or too slow, or active content. */
export type PdfRefusalReason = "unsupported" | "too_complex" | "active_content";

export type PdfStripResult = { ok: true; bytes: Uint8Array; blanked: number } | { ok: false; reason: PdfRefusalReason };

/** The bounds of one run of the blanker (per file). */
export const PDF_LIMITS = {
  /** All the object streams of one file together may inflate to this many bytes. */
  maxInflatedBytes: 16 * 1024 * 1024,
  /** Wall-clock budget of one file. */
  maxMilliseconds: 3_000,
  /** Object streams per file. */
  maxObjectStreams: 10_000,
} as const;

const inflateAsync = promisify(inflate);
const deflateAsync = promisify(deflate);

/** Names that make a PDF active: actions that run code, open or send things, and event triggers. */
const ACTIVE_NAMES = new Set(["JS", "JavaScript", "Launch", "AA", "SubmitForm", "ImportData", "RichMedia", "GoToE"]);

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...WHITESPACE, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const SPACE = 0x20;

/** The end (exclusive) of the literal string starting at `start` (its "("), or -1. */
function literalStringEnd(bytes: Uint8Array, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0x5c)
      i++; // backslash escapes the next byte
    else if (b === 0x28) depth++;
    else if (b === 0x29 && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Overwrites with spaces the contents of every string (literal or hexadecimal) between `start` and
 * `end`, keeping the delimiters. Returns how many strings were blanked, or -1 if one is unterminated.
 */
function blankStrings(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0x28) {
      const close = literalStringEnd(bytes, i, end);
      if (close < 0) return -1;
      bytes.fill(SPACE, i + 1, close - 1);
      count++;
      i = close - 1;
    } else if (b === 0x3c) {
      if (bytes[i + 1] === 0x3c) {
        i++; // "<<" opens a dictionary
        continue;
      }
      const close = bytes.indexOf(0x3e, i + 1);
      if (close < 0 || close >= end) return -1;
      bytes.fill(SPACE, i + 1, close);
      count++;
      i = close;
    }
  }
  return count;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

/** Where each plainly written object `n g obj … endobj` is, by object number. */
function plainObjects(text: string): Map<number, { start: number; end: number }[]> {
  const found = new Map<number, { start: number; end: number }[]>();
  const pattern = /(?<![0-9])(\d+)\s+(\d+)\s+obj\b/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const end = text.indexOf("endobj", bodyStart);
    if (end < 0) break; // no "endobj" further on: no later object is complete either
    const n = Number(m[1]);
    const bodies = found.get(n);
    if (bodies) bodies.push({ start: bodyStart, end });
    else found.set(n, [{ start: bodyStart, end }]);
    pattern.lastIndex = end;
  }
  return found;
}

/**
 * The stream data of an object body (between "stream" and "endstream") and where its dictionary
 * ends, searched within the body only (so a file of many objects is read in linear time).
 */
function streamOf(
  text: string,
  body: { start: number; end: number },
): { dictEnd: number; dataStart: number; dataEnd: number } | null {
  const inner = text.slice(body.start, body.end);
  const at = inner.indexOf("stream");
  if (at < 0) return null;
  let dataStart = at + "stream".length;
  if (inner[dataStart] === "\r") dataStart++;
  if (inner[dataStart] === "\n") dataStart++;
  const dataEnd = inner.lastIndexOf("endstream");
  if (dataEnd < dataStart) return null;
  return { dictEnd: body.start + at, dataStart: body.start + dataStart, dataEnd: body.start + dataEnd };
}

/** Where an object's dictionary ends: at its stream, or at "endobj". */
function dictEndOf(text: string, body: { start: number; end: number }): number {
  return streamOf(text, body)?.dictEnd ?? body.end;
}

/** Blanks a name entry and its value (`/Filter /FlateDecode`, `/DecodeParms << … >>`, arrays) in a dictionary span. */
function blankEntry(bytes: Uint8Array, text: string, start: number, end: number, key: string): void {
  // Searched within the dictionary only, so that many objects are still read in linear time.
  for (const m of text.slice(start, end).matchAll(new RegExp(`/${key}(?![A-Za-z0-9])`, "g"))) {
    const at = start + m.index;
    let i = at + m[0].length;
    while (i < end && WHITESPACE.has(bytes[i]!)) i++;
    let valueEnd = i;
    if (text.startsWith("<<", i)) {
      let depth = 0;
      for (let j = i; j < end; j++) {
        if (text.startsWith("<<", j)) {
          depth++;
          j++;
        } else if (text.startsWith(">>", j) && --depth === 0) {
          valueEnd = j + 2;
          break;
        }
      }
    } else if (text[i] === "[") {
      const close = text.slice(i, end).indexOf("]");
      valueEnd = close < 0 ? i : i + close + 1;
    } else if (text[i] === "/") {
      valueEnd = i + 1;
      while (valueEnd < end && !DELIMITERS.has(bytes[valueEnd]!)) valueEnd++;
    }
    if (valueEnd <= i) continue;
    bytes.fill(SPACE, at, valueEnd);
  }
}

/** Decodes the `#xx` escapes of a PDF name (`/J#53` is `/JS`). */
function decodeName(raw: string): string {
  return raw.includes("#")
    ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : raw;
}

/** True when the text (PDF objects, plain or from an object stream) names an action or trigger that runs or launches something. */
export function hasActiveContent(text: string): boolean {
  for (const m of text.matchAll(/\/([^\s()<>[\]{}/%]+)(\s*)(<<|\d+\s+\d+\s+R)?/g)) {
    const name = decodeName(m[1]!);
    if (ACTIVE_NAMES.has(name)) return true;
    // An open action given as a dictionary (or a reference to one) is an action; given as an array it is a page to show.
    if (name === "OpenAction" && m[3] !== undefined) return true;
  }
  return false;
}

/** A compressed object stream, inflated within the shared budget. */
interface ObjectStream {
  body: { start: number; end: number };
  stream: { dictEnd: number; dataStart: number; dataEnd: number };
  dict: string;
  data: Buffer;
}

class BudgetExceeded extends Error {}

/** Strips the PDF's document metadata (see the top of this file). Never changes the file's length. */
export async function stripPdfMetadata(
  input: Uint8Array,
  limits: { maxInflatedBytes: number; maxMilliseconds: number; maxObjectStreams: number } = PDF_LIMITS,
): Promise<PdfStripResult> {
  const deadline = performance.now() + limits.maxMilliseconds;
  const checkTime = () => {
    if (performance.now() > deadline) throw new BudgetExceeded();
  };
  try {
    return await strip(input, limits, checkTime);
  } catch (error) {
    if (error instanceof BudgetExceeded) return { ok: false, reason: "too_complex" };
    throw error;
  }
}

async function strip(
  input: Uint8Array,
  limits: { maxInflatedBytes: number; maxObjectStreams: number },
  checkTime: () => void,
): Promise<PdfStripResult> {
  const bytes = new Uint8Array(input); // a copy: the caller's bytes stay as they were
  const text = latin1(bytes);
  const objects = plainObjects(text);
  checkTime();
  let blanked = 0;

  // 0. Every object stream, inflated within the budget; one that cannot be read could hide anything.
  const objectStreams: ObjectStream[] = [];
  let inflatedBudget = limits.maxInflatedBytes;
  for (const bodies of objects.values()) {
    for (const body of bodies) {
      const dict = text.slice(body.start, dictEndOf(text, body));
      if (!/\/Type\s*\/ObjStm/.test(dict)) continue;
      const stream = streamOf(text, body);
      if (!stream) continue;
      if (!/\/Filter\s*\/FlateDecode/.test(dict) || /\/DecodeParms/.test(dict))
        return { ok: false, reason: "unsupported" };
      if (objectStreams.length >= limits.maxObjectStreams) return { ok: false, reason: "too_complex" };
      let data: Buffer;
      try {
        // maxOutputLength stops zlib as soon as the output passes it: the bomb is never expanded.
        data = await inflateAsync(bytes.subarray(stream.dataStart, stream.dataEnd), {
          maxOutputLength: Math.max(1, inflatedBudget),
        });
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return { ok: false, reason: "too_complex" };
        return { ok: false, reason: "unsupported" };
      }
      inflatedBudget -= data.length;
      if (inflatedBudget <= 0) return { ok: false, reason: "too_complex" };
      checkTime();
      objectStreams.push({ body, stream, dict, data });
    }
  }

  // 1. Active content, in the plain objects (their dictionaries, not the binary data of their
  // streams) and in the object streams, refuses the file.
  for (const bodies of objects.values()) {
    for (const body of bodies) {
      if (hasActiveContent(text.slice(body.start, dictEndOf(text, body))))
        return { ok: false, reason: "active_content" };
    }
  }
  for (const objectStream of objectStreams) {
    if (hasActiveContent(objectStream.data.toString("latin1"))) return { ok: false, reason: "active_content" };
  }
  checkTime();

  // 2. The document information dictionaries named by every trailer or cross-reference stream.
  const infoNumbers = new Set([...text.matchAll(/\/Info\s+(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1])));
  const compressedInfo = new Set<number>();
  for (const n of infoNumbers) {
    const bodies = objects.get(n);
    if (!bodies) {
      compressedInfo.add(n);
      continue;
    }
    for (const body of bodies) {
      const count = blankStrings(bytes, body.start, body.end);
      if (count < 0) return { ok: false, reason: "unsupported" };
      blanked += count;
    }
  }

  // 3. Information dictionaries inside compressed object streams: blank them there, compress the
  // stream again and write it back into its old length.
  if (compressedInfo.size > 0) {
    for (const { dict, stream, data } of objectStreams) {
      checkTime();
      const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? NaN);
      const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1] ?? NaN);
      if (!Number.isInteger(first) || !Number.isInteger(n)) continue;
      const header = data.subarray(0, first).toString("latin1").trim().split(/\s+/).map(Number);
      let changed = false;
      for (let k = 0; k < n && 2 * k < header.length; k++) {
        const number = header[2 * k]!;
        if (!compressedInfo.has(number)) continue;
        const from = first + header[2 * k + 1]!;
        const to = k + 1 < n ? first + header[2 * k + 3]! : data.length;
        const count = blankStrings(data, from, to);
        if (count < 0) return { ok: false, reason: "unsupported" };
        blanked += count;
        compressedInfo.delete(number);
        changed = true;
      }
      if (!changed) continue;
      const packed = await deflateAsync(data, { level: 9 });
      const room = stream.dataEnd - stream.dataStart;
      if (packed.length > room) return { ok: false, reason: "unsupported" };
      bytes.set(packed, stream.dataStart);
      // What follows the end of the compressed data is never read; zeros hide the old bytes.
      bytes.fill(0, stream.dataStart + packed.length, stream.dataEnd);
    }
    if (compressedInfo.size > 0) return { ok: false, reason: "unsupported" };
  }
  checkTime();

  // 4. Every XMP metadata stream (the document's and any attached to a page or an image): its data
  // becomes spaces, and its filter is removed so that spaces are what a reader decodes.
  for (const bodies of objects.values()) {
    for (const body of bodies) {
      const stream = streamOf(text, body);
      if (!stream) continue;
      const dict = text.slice(body.start, stream.dictEnd);
      if (!/\/Type\s*\/Metadata(?![A-Za-z])/.test(dict) && !/\/Subtype\s*\/XML(?![A-Za-z])/.test(dict)) continue;
      blankEntry(bytes, text, body.start, stream.dictEnd, "Filter");
      blankEntry(bytes, text, body.start, stream.dictEnd, "DecodeParms");
      bytes.fill(SPACE, stream.dataStart, stream.dataEnd);
      blanked++;
    }
  }

  // 5. Anything left that looks like an uncompressed XMP packet (a metadata stream this parser did
  // not recognise) is blanked too; one without an end is refused.
  const after = latin1(bytes);
  for (const [open, close] of [
    ["<?xpacket begin", "<?xpacket end"],
    ["<x:xmpmeta", "</x:xmpmeta>"],
  ] as const) {
    for (let from = after.indexOf(open); from >= 0; from = after.indexOf(open, from + 1)) {
      const endAt = after.indexOf(close, from);
      const to = endAt < 0 ? -1 : after.indexOf(">", endAt) + 1;
      if (to <= 0) return { ok: false, reason: "unsupported" };
      bytes.fill(SPACE, from, to);
      blanked++;
      from = to - 1;
    }
  }
  return { ok: true, bytes, blanked };
}
