import { Readable, type Writable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import type { ServerContext } from "#app/context.ts";

/**
 * Reading a submitted form once, as it streams in (decision 053).
 *
 * `Request.formData()` (undici) reads the whole body and then parses it in one synchronous step: a
 * 12 MB upload held the event loop for a quarter of a second, and the CSRF check and the page's
 * action each did it again. Here busboy parses the body chunk by chunk as it arrives, so the
 * server keeps answering in between; the server reads a page's form once (server/app.ts) and hands
 * it to the action through the load context, and actions ask for it with `submittedForm`.
 */

/** The most fields and files one form may carry; more is refused (a form of ours has a few hundred at most). */
export const MAX_FORM_PARTS = 5_000;
export const MAX_FORM_FILES = 50;

/**
 * A name or file name in a multipart body, with the three escapes browsers write undone (HTML's
 * multipart/form-data encoding and the Fetch standard's parser: %0A for LF, %0D for CR, %22 for ").
 */
function unescapeMultipartName(name: string): string {
  return name.replace(/%0A/gi, "\n").replace(/%0D/gi, "\r").replace(/%22/g, '"');
}

/** Why a body could not be read as a form. */
export class UnreadableFormError extends Error {
  constructor(reason: string) {
    super(`the form could not be read: ${reason}`);
    this.name = "UnreadableFormError";
  }
}

/** True for the two encodings an HTML form sends. */
export function isFormContentType(contentType: string | null | undefined): boolean {
  const type = (contentType ?? "").toLowerCase();
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

export interface FormBodyLimits {
  /** The largest text field, in bytes (the whole body is bounded before this by the server's body limit). */
  fieldBytes?: number;
  parts?: number;
  files?: number;
}

/**
 * Parses a form body (urlencoded or multipart) into FormData, in the order the fields were sent,
 * with files as File objects (their names decoded as UTF-8, as browsers send them). Rejects with
 * UnreadableFormError when the body is not a well-formed form or passes a limit.
 */
export async function parseFormBody(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  limits: FormBodyLimits = {},
): Promise<FormData> {
  if (!isFormContentType(contentType)) throw new UnreadableFormError("not a form encoding");
  const multipart = contentType.toLowerCase().startsWith("multipart/form-data");
  const maxParts = limits.parts ?? MAX_FORM_PARTS;
  const maxFiles = limits.files ?? MAX_FORM_FILES;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      // The whole file name as the browser sent it (busboy would keep only what follows the last / or \).
      preservePath: true,
      limits: {
        fieldSize: limits.fieldBytes ?? 16 * 1024 * 1024,
        fieldNameSize: 1_000,
        parts: maxParts + 1,
        files: maxFiles + 1,
        fields: maxParts + 1,
      },
    });
  } catch (error) {
    throw new UnreadableFormError(error instanceof Error ? error.message : String(error));
  }

  // Entries keep their place: a file's bytes arrive after the fields before it were read.
  const entries: { name: string; value: string | File | null }[] = [];
  const pendingFiles: Promise<void>[] = [];
  let refusal: string | null = null;
  const refuse = (reason: string) => {
    refusal ??= reason;
  };

  parser.on("field", (name, value, info) => {
    if (info.nameTruncated || info.valueTruncated) return refuse("a field is too long");
    if (entries.length >= maxParts) return refuse("too many fields");
    entries.push({ name: multipart ? unescapeMultipartName(name) : name, value });
  });
  parser.on("file", (rawName, stream, info) => {
    // Every file stream gets an error listener first: busboy destroys the current one with an error
    // when the body ends early or the client goes away, and an unheard error would stop the process.
    stream.on("error", (error: Error) => refuse(error.message));
    if (entries.length >= maxParts) {
      refuse("too many fields");
      stream.resume();
      return;
    }
    const name = multipart ? unescapeMultipartName(rawName) : rawName;
    const entry: { name: string; value: string | File | null } = { name, value: null };
    entries.push(entry);
    const chunks: Buffer[] = [];
    pendingFiles.push(
      new Promise<void>((resolve) => {
        stream.on("data", (chunk: Buffer) => {
          if (refusal === null) chunks.push(chunk);
        });
        stream.on("limit", () => refuse("a file is too large"));
        stream.on("error", () => resolve());
        stream.on("end", () => {
          // One part, not one per chunk: a Blob of hundreds of parts is read back part by part in one
          // run of microtasks (a 12 MB upload held the event loop for 0.4 s in file.arrayBuffer()).
          const bytes = Buffer.concat(chunks) as Uint8Array<ArrayBuffer>;
          entry.value = new File([bytes], unescapeMultipartName(info.filename ?? ""), {
            type: info.mimeType || "application/octet-stream",
          });
          resolve();
        });
      }),
    );
  });
  parser.on("partsLimit", () => refuse("too many fields"));
  parser.on("filesLimit", () => refuse("too many files"));
  parser.on("fieldsLimit", () => refuse("too many fields"));

  try {
    await pipeline(
      body ? Readable.fromWeb(body as NodeReadableStream<Uint8Array>) : Readable.from([]),
      parser as unknown as Writable,
    );
    await Promise.all(pendingFiles);
  } catch (error) {
    throw new UnreadableFormError(error instanceof Error ? error.message : String(error));
  }
  if (refusal !== null) throw new UnreadableFormError(refusal);

  const form = new FormData();
  for (const { name, value } of entries) {
    if (value !== null) form.append(name, value);
  }
  return form;
}

/**
 * The form an action was sent. The server has already read it (server/app.ts reads every page
 * write's form once, for the CSRF check, and passes it on in the load context); when an action is
 * called another way (tests), it is read from the request. A body that is not a readable form is
 * answered 400.
 */
export async function submittedForm(
  request: Request,
  context?: Pick<ServerContext, "submittedForm"> | null,
): Promise<FormData> {
  if (context?.submittedForm) return context.submittedForm;
  try {
    return await parseFormBody(request.body, request.headers.get("content-type") ?? "");
  } catch (error) {
    if (error instanceof UnreadableFormError)
      throw new Response("Bad Request: the form could not be read.", {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    throw error;
  }
}
