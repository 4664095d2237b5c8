import { describe, expect, it } from "vitest";
import {
  isFormContentType,
  MAX_FORM_PARTS,
  parseFormBody,
  submittedForm,
  UnreadableFormError,
} from "./form-body.server.ts";

const encoder = new TextEncoder();

/** A body delivered in small pieces, as a socket delivers it. */
function chunked(bytes: Uint8Array, size = 7): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/** A multipart body written by hand, as RFC 7578 and browsers write it (CRLF line ends, quoted names). */
function multipart(boundary: string, parts: string[]): Uint8Array {
  return encoder.encode(parts.map((part) => `--${boundary}\r\n${part}\r\n`).join("") + `--${boundary}--\r\n`);
}

describe("parseFormBody", () => {
  it("reads a browser's multipart form: fields in order, a Cyrillic file name in UTF-8, an empty file input", async () => {
    const boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    const body = multipart(boundary, [
      'Content-Disposition: form-data; name="_csrf"\r\n\r\nabc.def',
      'Content-Disposition: form-data; name="title"\r\n\r\nЗахтев за пут — Ulica e re',
      'Content-Disposition: form-data; name="file"; filename="извештај 2026.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n%%EOF',
      'Content-Disposition: form-data; name="photo"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n',
      'Content-Disposition: form-data; name="communities"\r\n\r\nroma',
      'Content-Disposition: form-data; name="communities"\r\n\r\nashkali',
    ]);
    const form = await parseFormBody(chunked(body), `multipart/form-data; boundary=${boundary}`);
    expect([...form.keys()]).toEqual(["_csrf", "title", "file", "photo", "communities", "communities"]);
    expect(form.get("title")).toBe("Захтев за пут — Ulica e re");
    expect(form.getAll("communities")).toEqual(["roma", "ashkali"]);
    const file = form.get("file") as File;
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe("извештај 2026.pdf");
    expect(file.type).toBe("application/pdf");
    expect(await file.text()).toBe("%PDF-1.4\r\n%%EOF");
    const empty = form.get("photo") as File;
    expect(empty.name).toBe("");
    expect(empty.size).toBe(0);
  });

  it("reads a urlencoded form as browsers send it: + for space, percent-encoded UTF-8", async () => {
    const body = encoder.encode(
      "q=Gra%C4%8Danica+%D0%93%D1%80%D0%B0%D1%87%D0%B0%D0%BD%D0%B8%D1%86%D0%B0&empty=&x=1&x=2",
    );
    const form = await parseFormBody(chunked(body, 3), "application/x-www-form-urlencoded");
    expect(form.get("q")).toBe("Gračanica Грачаница");
    expect(form.get("empty")).toBe("");
    expect(form.getAll("x")).toEqual(["1", "2"]);
  });

  it("gives the same entries as the platform's own parser for a FormData the platform encoded", async () => {
    const original = new FormData();
    original.append("a", "first");
    original.append("doc", new File([new Uint8Array(300_000).fill(65)], "große datei.txt", { type: "text/plain" }));
    original.append("b", "line one\r\nline two");
    const request = new Request("http://localhost/", { method: "POST", body: original });
    const form = await parseFormBody(request.body, request.headers.get("content-type")!);
    expect(form.get("a")).toBe("first");
    expect(form.get("b")).toBe("line one\r\nline two");
    const doc = form.get("doc") as File;
    expect(doc.name).toBe("große datei.txt");
    expect(doc.size).toBe(300_000);
  });

  it("refuses a multipart body cut short, one without a boundary, and one that is not a form", async () => {
    const boundary = "xyz";
    const cut = encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue without an end`);
    await expect(parseFormBody(chunked(cut), `multipart/form-data; boundary=${boundary}`)).rejects.toBeInstanceOf(
      UnreadableFormError,
    );
    await expect(parseFormBody(chunked(encoder.encode("a=1")), "multipart/form-data")).rejects.toBeInstanceOf(
      UnreadableFormError,
    );
    await expect(parseFormBody(chunked(encoder.encode("{}")), "application/json")).rejects.toBeInstanceOf(
      UnreadableFormError,
    );
  });

  it("refuses a form with more fields than any page has, and a field over the size given", async () => {
    const many = encoder.encode(Array.from({ length: MAX_FORM_PARTS + 1 }, (_, i) => `f${i}=`).join("&"));
    await expect(parseFormBody(chunked(many, 65_536), "application/x-www-form-urlencoded")).rejects.toThrow(
      /too many fields/,
    );
    const long = encoder.encode(`a=${"x".repeat(2_000)}`);
    await expect(
      parseFormBody(chunked(long), "application/x-www-form-urlencoded", { fieldBytes: 1_000 }),
    ).rejects.toThrow(/too long/);
  });
});

describe("parseFormBody with what clients get wrong or do on purpose", () => {
  it("undoes the escapes browsers write in file names (%22 for a double quote)", async () => {
    const boundary = "b0undary";
    const body = multipart(boundary, [
      'Content-Disposition: form-data; name="file"; filename="Report %22final%22 2026.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF',
    ]);
    const form = await parseFormBody(chunked(body), `multipart/form-data; boundary=${boundary}`);
    expect((form.get("file") as File).name).toBe('Report "final" 2026.pdf');
  });

  it("refuses, without stopping the process, a body cut off inside a file part that came after the field limit", async () => {
    const boundary = "cut";
    const fields = Array.from(
      { length: 3 },
      (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`,
    ).join("");
    const cut = encoder.encode(
      `${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\npartial bytes`,
    );
    await expect(
      parseFormBody(chunked(cut), `multipart/form-data; boundary=${boundary}`, { parts: 3 }),
    ).rejects.toBeInstanceOf(UnreadableFormError);
    // The same cut inside a file part within the limits.
    await expect(parseFormBody(chunked(cut), `multipart/form-data; boundary=${boundary}`)).rejects.toBeInstanceOf(
      UnreadableFormError,
    );
  });

  it("refuses a body whose sender goes away in the middle of a file", async () => {
    const boundary = "gone";
    const head = encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\nsome bytes`,
    );
    let sent = false;
    const aborted = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(head);
        } else controller.error(new Error("the connection was reset"));
      },
    });
    await expect(parseFormBody(aborted, `multipart/form-data; boundary=${boundary}`)).rejects.toBeInstanceOf(
      UnreadableFormError,
    );
  });
});

describe("submittedForm", () => {
  it("takes the form the server already read, without touching the request", async () => {
    const form = new FormData();
    form.append("a", "1");
    const request = new Request("http://localhost/", { method: "POST" });
    expect(await submittedForm(request, { submittedForm: form })).toBe(form);
  });

  it("reads the request when called without the server (tests), and answers 400 to an unreadable body", async () => {
    const ok = new Request("http://localhost/", { method: "POST", body: new URLSearchParams({ a: "1" }) });
    expect((await submittedForm(ok)).get("a")).toBe("1");
    const broken = new Request("http://localhost/", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=q" },
      body: "--q\r\nbroken",
    });
    const thrown = await submittedForm(broken).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
  });

  it("knows the two form encodings", () => {
    expect(isFormContentType("multipart/form-data; boundary=x")).toBe(true);
    expect(isFormContentType("Application/X-WWW-Form-Urlencoded;charset=UTF-8")).toBe(true);
    expect(isFormContentType("text/plain")).toBe(false);
    expect(isFormContentType(null)).toBe(false);
  });
});
