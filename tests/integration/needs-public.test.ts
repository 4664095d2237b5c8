import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createTrackingCode } from "#app/modules/needs/public/tracking-code.server.ts";
import { formOf, postForm, shownAt, validFields, needsTestAppForFile } from "./needs-public-app.ts";
import { auditEntry } from "../support/audit-entries.ts";
import { latestRow } from "../support/latest-row.ts";

const fixture = needsTestAppForFile({ trustProxy: true });

let addressCounter = 0;
const nextAddress = () => `198.51.100.${(addressCounter++ % 250) + 1}`;

async function submit(
  fields: Record<string, string>,
  files: Parameters<typeof formOf>[1] = [],
  address = nextAddress(),
) {
  const response = await fixture.app.app.fetch(
    postForm("/en/needs/new?municipality=20", formOf(fields, files), address),
  );
  return {
    response,
    html: response.status === 302 ? "" : await response.text(),
    location: response.headers.get("location"),
  };
}

async function jpegWithExif(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .jpeg()
      .withExif({ IFD0: { Make: "SecretCam", Model: "Spy 3000", Artist: "Jane Example" } })
      .toBuffer(),
  );
}

describe("public submission", () => {
  it("stores a valid anonymous submission and redirects to its tracking page with the code", async () => {
    const { response, location } = await submit(validFields());
    expect(response.status).toBe(302);
    expect(location).toMatch(/^\/en\/needs\/track\/([0-9A-HJKMNP-TV-Z]{4}-){2}[0-9A-HJKMNP-TV-Z]{4}\?submitted=1$/);
    const row = await latestRow(fixture.handle.db, "need_case");
    expect(row).toMatchObject({ category: "education", kas_code: "20", status: "received", submitted_locale: "en" });
    expect(row.reference).toMatch(/^N-\d{4}-\d{6}$/);
    expect(row.tracking_hash).toMatch(/^[0-9a-f]{64}$/);
    // The code itself is stored nowhere.
    const code = /track\/([^?]+)/.exec(location ?? "")?.[1] ?? "";
    expect(JSON.stringify(row)).not.toContain(code.replaceAll("-", ""));
    const submitter = await fixture.handle.db
      .selectFrom("need_submitter")
      .selectAll()
      .where("case_id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(submitter).toMatchObject({
      is_anonymous: true,
      name: null,
      phone: null,
      email: null,
      contact_consent: false,
    });
    const audit = await auditEntry(fixture.handle.db, { subject_type: "need_case", subject_id: row.id });
    expect(audit).toMatchObject({ action: "need.submit", actor_label: "anonymous" });
    expect(JSON.stringify(audit.diff)).not.toContain("heating");

    const page = await fixture.app.app.fetch(new Request(`http://localhost:3999${location}`));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(code);
    expect(html).toContain('data-status="received"');
  });

  it("keeps contact details only with consent, and mails the code in the submission language", async () => {
    const missingConsent = await submit(
      validFields({ identity: "named", name: "Test Person", email: "person@example.org" }),
    );
    expect(missingConsent.response.status).toBe(400);
    expect(missingConsent.html).toContain("Tick the box to agree that we contact you");
    expect(missingConsent.html).toContain('value="person@example.org"');

    const form = validFields({
      identity: "named",
      name: "Test Person",
      email: "Person@Example.org",
      contactConsent: "on",
    });
    const response = await fixture.app.app.fetch(
      postForm("/sr/needs/new?municipality=20", formOf(form), nextAddress()),
    );
    expect(response.status).toBe(302);
    const mail = await latestRow(fixture.handle.db, "mail_outbox");
    expect(mail.to_address).toBe("person@example.org");
    expect(mail.subject).toMatch(/^Vaš zahtev N-\d{4}-\d{6} je primljen$/);
    const code = /track\/([^?]+)/.exec(response.headers.get("location") ?? "")?.[1] ?? "";
    expect(mail.text_body).toContain(`/sr/needs/track/${code}`);
  });

  it("refuses anonymous submissions that carry details, invalid places and unknown categories, with messages", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ name: "Someone" }, "To stay anonymous"],
      [{ municipality: "99" }, "Choose a municipality from the list"],
      [{ category: "weather" }, "Choose what the need is about"],
      [{ settlement: "999999999" }, "not in the chosen municipality"],
      [{ community: "martians" }, "Choose a community from the list"],
      [{ description: "short" }, "at least 10 characters"],
      [{ description: "x".repeat(5001) }, "too long"],
      [{ identity: "named", phone: "call me maybe" }, "phone number"],
    ];
    for (const [override, message] of cases) {
      const { response, html } = await submit(validFields(override));
      expect(response.status, JSON.stringify(override)).toBe(400);
      expect(html).toContain(message);
      expect(html).toContain("<title>Error:");
    }
  });

  it("refuses a settlement of another municipality and accepts one of the chosen", async () => {
    const prizren = await fixture.handle.db
      .selectFrom("settlement")
      .select("id")
      .where("kas_code", "=", "20")
      .executeTakeFirstOrThrow();
    const elsewhere = await fixture.handle.db
      .selectFrom("settlement")
      .select("id")
      .where("kas_code", "=", "01")
      .executeTakeFirstOrThrow();
    expect((await submit(validFields({ settlement: String(elsewhere.id) }))).response.status).toBe(400);
    expect((await submit(validFields({ settlement: String(prizren.id) }))).response.status).toBe(302);
  });
});

describe("spam defence", () => {
  it("refuses a filled honeypot", async () => {
    const { response, html } = await submit(validFields({ website: "http://spam.example" }));
    expect(response.status).toBe(400);
    expect(html).toContain("could not be accepted");
  });

  it("refuses a form sent too fast, a forged or missing timestamp, and an expired one", async () => {
    expect((await submit(validFields({ shownAt: shownAt(500) }))).html).toContain("sent very quickly");
    expect((await submit(validFields({ shownAt: `${Date.now() - 60_000}.${"A".repeat(43)}` }))).response.status).toBe(
      400,
    );
    const { shownAt: _drop, ...withoutTimestamp } = validFields();
    expect((await submit(withoutTimestamp)).html).toContain("The form has expired");
    expect((await submit(validFields({ shownAt: shownAt(3 * 3_600_000) }))).html).toContain("more than two hours old");
  });

  it("limits submissions per address (429) without affecting other addresses", async () => {
    const address = "192.0.2.77";
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await submit(validFields({ description: "x" }), [], address)).response.status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    const limited = await submit(validFields(), [], address);
    expect(limited.response.status).toBe(429);
    expect(limited.html).toContain("Too many submissions");
    expect((await submit(validFields(), [], "192.0.2.78")).response.status).toBe(302);
  });
});

describe("attachments", () => {
  it("re-encodes images so EXIF metadata is gone, and keeps PDFs", async () => {
    const jpeg = await jpegWithExif();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const { response } = await submit(validFields(), [
      { name: "photo.jpg", bytes: jpeg, type: "image/jpeg" },
      { name: "letter.pdf", bytes: pdf, type: "application/pdf" },
    ]);
    expect(response.status).toBe(302);
    const caseRow = await latestRow(fixture.handle.db, "need_case");
    const files = await fixture.handle.db
      .selectFrom("need_attachment as a")
      .innerJoin("stored_file as f", "f.id", "a.file_id")
      .select(["f.id", "f.media_type", "f.original_name"])
      .where("a.case_id", "=", caseRow.id)
      .orderBy("a.id")
      .execute();
    expect(files.map((f) => f.media_type)).toEqual(["image/jpeg", "application/pdf"]);
    const fs = await import("node:fs");
    const stored = fs.readFileSync(`${fixture.app.filesRoot}/${files[0]!.id.slice(0, 2)}/${files[0]!.id}`);
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(stored.includes(Buffer.from("SecretCam"))).toBe(false);
    expect(metadata.width).toBe(40);
  });

  it("refuses files whose content is not an image or PDF whatever their name, and oversized files", async () => {
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const disguised = await submit(validFields(), [{ name: "photo.jpg", bytes: html, type: "image/jpeg" }]);
    expect(disguised.response.status).toBe(400);
    expect(disguised.html).toContain("only photos (JPEG, PNG, WebP, GIF) and PDF documents");
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const oversized = await submit(validFields(), [{ name: "big.pdf", bytes: big }]);
    expect(oversized.response.status).toBe(400);
    expect(oversized.html).toContain("too large");
    const broken = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 2, 3,
    ]);
    const unreadable = await submit(validFields(), [{ name: "broken.jpg", bytes: broken }]);
    expect(unreadable.response.status).toBe(400);
  });
});

describe("tracking", () => {
  it("finds a case by its code however it is typed, and shows only public notes", async () => {
    const { location } = await submit(
      validFields({ description: "Need <script>alert('x')</script> help with papers" }),
    );
    const code = /track\/([^?]+)/.exec(location ?? "")?.[1] ?? "";
    const caseRow = await latestRow(fixture.handle.db, "need_case");
    await fixture.handle.db
      .insertInto("need_note")
      .values([
        {
          case_id: caseRow.id,
          visibility: "public",
          author_kind: "user",
          body: "We asked the civil registry <b>office</b>.",
        },
        { case_id: caseRow.id, visibility: "internal", author_kind: "user", body: "INTERNAL: the officer is on leave" },
      ])
      .execute();
    const typed = code.toLowerCase().replaceAll("-", " ").replaceAll("0", "o");
    const viaForm = await fixture.app.app.fetch(
      new Request(`http://localhost:3999/en/needs/track?code=${encodeURIComponent(typed)}`),
    );
    expect(viaForm.status).toBe(302);
    expect(viaForm.headers.get("location")).toBe(`/en/needs/track/${code}`);
    const page = await fixture.app.app.fetch(new Request(`http://localhost:3999/en/needs/track/${code}`));
    const html = await page.text();
    expect(html).toContain("We asked the civil registry &lt;b&gt;office&lt;/b&gt;.");
    expect(html).not.toContain("INTERNAL");
    expect(html).not.toContain("<script>alert");
  });

  it("answers forged codes with the not-found page, and stops guessing after 20 misses", async () => {
    const forged = await fixture.app.app.fetch(
      new Request(`http://localhost:3999/en/needs/track/${createTrackingCode()}`, {
        headers: { "X-Forwarded-For": "192.0.2.200" },
      }),
    );
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain("No request with this code");
    for (let i = 0; i < 20; i++)
      await fixture.app.app.fetch(
        new Request(`http://localhost:3999/en/needs/track/nonsense-${i}`, {
          headers: { "X-Forwarded-For": "192.0.2.201" },
        }),
      );
    const blocked = await fixture.app.app.fetch(
      new Request(`http://localhost:3999/en/needs/track/${createTrackingCode()}`, {
        headers: { "X-Forwarded-For": "192.0.2.201" },
      }),
    );
    expect(blocked.status).toBe(429);
  });

  it("lets the submitter add information with an attachment", async () => {
    const { location } = await submit(validFields());
    const code = /track\/([^?]+)/.exec(location ?? "")?.[1] ?? "";
    const png = new Uint8Array(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#00ff00" } })
        .png()
        .toBuffer(),
    );
    const response = await fixture.app.app.fetch(
      postForm(
        `/en/needs/track/${code}`,
        formOf({ body: "The school answered today.", shownAt: shownAt(), website: "" }, [
          { name: "answer.png", bytes: png },
        ]),
      ),
    );
    expect(response.status).toBe(302);
    const note = await latestRow(fixture.handle.db, "need_note");
    expect(note).toMatchObject({ author_kind: "submitter", visibility: "public", body: "The school answered today." });
    const page = await (
      await fixture.app.app.fetch(new Request(`http://localhost:3999/en/needs/track/${code}`))
    ).text();
    expect(page).toContain("The school answered today.");
    expect(page).toContain("answer.png");
  });
});
