import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { lookUpTrackingCode } from "#app/modules/needs/needs.tracking.server.ts";
import { TRACKING_CODE_EXAMPLE } from "#app/modules/needs/public/tracking-code.server.ts";
import { latestRow } from "../support/latest-row.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { createNeedsTestApp, postForm, formOf, validFields } from "./needs-public-app.ts";

/*
 * Issue 15 item 4: tracking codes people can type. Real cases are submitted through the real form;
 * each way of typing their codes goes through the real lookup (PGlite here, PostgreSQL in test:pg).
 * The old-format case holds the hash an old code was stored with (decision 016: SHA-256 of
 * "need-tracking:" and the 28 symbols), computed here from that definition, not by the code under test.
 */

let handle: DatabaseHandle;
let app: ReturnType<typeof createNeedsTestApp>;
const previousTrustProxy = process.env.TRUST_PROXY;
const ORIGIN = "http://localhost:3999";

/** A new case's code (as the redirect after submission gives it) and its id. */
let newCode = "";
let newCaseId = 0;
/** An old-format code, and the case that was created with it. */
const OLD_CODE = "7H2K-QW9M-XPRC-4TVN-B8YZ-3GDS-6JEA";
let oldCaseId = 0;

let addressCounter = 0;
const nextAddress = () => `198.51.100.${(addressCounter++ % 250) + 1}`;

beforeAll(async () => {
  process.env.TRUST_PROXY = "true";
  handle = await createTestDatabase();
  app = createNeedsTestApp(handle);
  const submitted = await app.app.fetch(
    postForm("/en/needs/new?municipality=20", formOf(validFields()), nextAddress()),
  );
  expect(submitted.status).toBe(302);
  newCode = /track\/([^?]+)/.exec(submitted.headers.get("location") ?? "")?.[1] ?? "";
  newCaseId = (await latestRow(handle.db, "need_case")).id;
  const second = await app.app.fetch(
    postForm(
      "/en/needs/new?municipality=20",
      formOf(validFields({ description: "Our street has had no lights since the spring." })),
      nextAddress(),
    ),
  );
  expect(second.status).toBe(302);
  oldCaseId = (await latestRow(handle.db, "need_case")).id;
  const oldHash = createHash("sha256")
    .update(`need-tracking:${OLD_CODE.replaceAll("-", "")}`)
    .digest("hex");
  await handle.db.updateTable("need_case").set({ tracking_hash: oldHash }).where("id", "=", oldCaseId).execute();
});
afterAll(async () => {
  process.env.TRUST_PROXY = previousTrustProxy;
  app.cleanup();
  await handle.close();
});
beforeEach(async () => {
  await handle.db.deleteFrom("rate_limit").execute();
});

// Latin letters of the code → what a Serbian Cyrillic keyboard types on the same keys.
const SERBIAN_KEYBOARD: Record<string, string> = {
  A: "А",
  B: "Б",
  C: "Ц",
  D: "Д",
  E: "Е",
  F: "Ф",
  G: "Г",
  H: "Х",
  J: "Ј",
  K: "К",
  M: "М",
  N: "Н",
  P: "П",
  Q: "Љ",
  R: "Р",
  S: "С",
  T: "Т",
  V: "В",
  W: "Њ",
  X: "Џ",
  Y: "Ѕ",
  Z: "З",
};
// Latin letters → the Cyrillic letters that look the same (where one exists).
const LOOKALIKES: Record<string, string> = {
  A: "А",
  B: "В",
  C: "С",
  E: "Е",
  H: "Н",
  K: "К",
  M: "М",
  P: "Р",
  T: "Т",
  X: "Х",
  Y: "У",
};
const onKeyboard = (code: string) => [...code].map((c) => SERBIAN_KEYBOARD[c] ?? c).join("");
const asLookalikes = (code: string) => [...code].map((c) => LOOKALIKES[c] ?? c).join("");
const fullWidth = (code: string) => code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const confuse = (code: string) => code.replaceAll("0", "O").replaceAll("1", "l");

/** Ways people type a code they hold (each must find its case). */
function typings(code: string): [string, string][] {
  const compact = code.replaceAll("-", "");
  return [
    ["as given", code],
    ["lower case", code.toLowerCase()],
    ["no dashes", compact],
    ["no dashes, lower case", compact.toLowerCase()],
    ["spaces for dashes", code.replaceAll("-", " ")],
    ["spaces everywhere", [...compact].join(" ")],
    ["leading and trailing whitespace", `  \t${code}\n `],
    ["dots for dashes", code.replaceAll("-", ".")],
    ["underscores for dashes", code.replaceAll("-", "_")],
    ["en dashes", code.replaceAll("-", "–")],
    ["some dashes missing", code.replace("-", "")],
    ["groups of two", compact.replace(/(..)(?!$)/g, "$1 ")],
    ["full-width letters and digits", fullWidth(code)],
    ["O for 0 and l for 1", confuse(code)],
    ["I for 1, lower case", code.replaceAll("1", "I").toLowerCase()],
    ["Serbian Cyrillic keyboard", onKeyboard(code)],
    ["Serbian Cyrillic keyboard, lower case", onKeyboard(code).toLowerCase()],
    ["Serbian Cyrillic keyboard, no dashes", onKeyboard(compact)],
    ["Cyrillic lookalikes", asLookalikes(code)],
    ["Cyrillic lookalikes, lower case", asLookalikes(code).toLowerCase()],
  ];
}

describe("typed codes find their case through the real lookup", () => {
  it("has real codes to type: a new one as the submission gives it, and an old one", () => {
    expect(newCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){2}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(typings(newCode).length + typings(OLD_CODE).length).toBeGreaterThanOrEqual(30);
  });

  it.each(typings("NEW"))("new code, %s", async (label) => {
    const typed = typings(newCode).find(([name]) => name === label)?.[1] ?? "";
    expect(await lookUpTrackingCode(handle.db, typed)).toEqual({ kind: "found", caseId: newCaseId, code: newCode });
  });

  it.each(typings(OLD_CODE))("old code, %s", async (_label, typed) => {
    expect(await lookUpTrackingCode(handle.db, typed)).toEqual({ kind: "found", caseId: oldCaseId, code: OLD_CODE });
  });

  it("finds each through the tracking form (GET) and lands on the canonical page", async () => {
    for (const [code, caseId] of [
      [newCode, newCaseId],
      [OLD_CODE, oldCaseId],
    ] as const) {
      for (const [label, typed] of typings(code)) {
        const viaForm = await app.app.fetch(
          new Request(`${ORIGIN}/sr-cyrl/needs/track?code=${encodeURIComponent(typed)}`),
        );
        expect(viaForm.status, label).toBe(302);
        let location = viaForm.headers.get("location") ?? "";
        if (location !== `/sr-cyrl/needs/track/${code}`) {
          // Cyrillic letters that read two ways: the case page tells them apart and redirects to the code's canonical form.
          const page = await app.app.fetch(new Request(`${ORIGIN}${location}`));
          expect(page.status, label).toBe(302);
          location = page.headers.get("location") ?? "";
        }
        expect(location, label).toBe(`/sr-cyrl/needs/track/${code}`);
        const page = await app.app.fetch(new Request(`${ORIGIN}${location}`));
        expect(page.status, label).toBe(200);
        const reference = (
          await handle.db.selectFrom("need_case").select("reference").where("id", "=", caseId).executeTakeFirstOrThrow()
        ).reference;
        expect(await page.text(), label).toContain(reference);
      }
    }
  });
});

describe("wrong codes are refused", () => {
  const swapAt = (code: string, i: number) => code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);

  it("refuses one changed symbol and a swap of two neighbours as typing errors, with a message in the page's language", async () => {
    const compact = newCode.replaceAll("-", "");
    const changed = compact.slice(0, 6) + (compact[6] === "7" ? "8" : "7") + compact.slice(7);
    const position = [...compact].findIndex((c, i) => c !== compact[i + 1]);
    const swapped = swapAt(compact, position);
    // (Latin only: a Cyrillic letter read the other way could make a different, valid code by chance.)
    for (const typed of [changed, swapped, changed.toLowerCase(), swapped.replace(/(....)/g, "$1 ")]) {
      expect(await lookUpTrackingCode(handle.db, typed), typed).toEqual({ kind: "typo" });
      const form = await app.app.fetch(new Request(`${ORIGIN}/en/needs/track?code=${encodeURIComponent(typed)}`));
      expect(form.status).toBe(400);
      expect(await form.text()).toContain("This code has a typing error");
    }
    const sr = await app.app.fetch(new Request(`${ORIGIN}/sr-cyrl/needs/track?code=${encodeURIComponent(changed)}`));
    expect(sr.status).toBe(400);
    expect(await sr.text()).toContain("Овај код има грешку у куцању");
    const sq = await app.app.fetch(new Request(`${ORIGIN}/sq/needs/track/${changed}`));
    expect(sq.status).toBe(400);
    expect(await sq.text()).toContain("Kodi ka një gabim shtypi");
  });

  it("refuses codes that are too short, too long, junk, SQL and HTML as not a code (400 on the form, 404 on the page)", async () => {
    const compact = newCode.replaceAll("-", "");
    const wrong = [
      compact.slice(0, 11),
      compact.slice(0, 8),
      `${compact}7`,
      "hello world",
      "' OR '1'='1",
      "1; DROP TABLE need_case; --",
      "<script>alert(1)</script>",
      "%00%27",
      "Ш".repeat(12),
      "x".repeat(1000),
    ];
    for (const typed of wrong) {
      expect(await lookUpTrackingCode(handle.db, typed), typed).toEqual({ kind: "unknown" });
      const form = await app.app.fetch(new Request(`${ORIGIN}/en/needs/track?code=${encodeURIComponent(typed)}`));
      expect(form.status, typed).toBe(400);
      const html = await form.text();
      expect(html).toContain("This is not a tracking code");
      expect(html).not.toContain("<script>alert(1)");
    }
    const page = await app.app.fetch(
      new Request(`${ORIGIN}/en/needs/track/${encodeURIComponent("<b>x</b>")}`, {
        headers: { "X-Forwarded-For": nextAddress() },
      }),
    );
    expect(page.status).toBe(404);
    expect(
      await handle.db.selectFrom("need_case").select("id").where("id", "in", [newCaseId, oldCaseId]).execute(),
    ).toHaveLength(2);
  });

  it("answers a well-formed code of no case (old or new format) as unknown", async () => {
    expect(await lookUpTrackingCode(handle.db, TRACKING_CODE_EXAMPLE)).toEqual({ kind: "unknown" });
    expect(await lookUpTrackingCode(handle.db, swapAt(OLD_CODE.replaceAll("-", ""), 0))).toEqual({ kind: "unknown" });
  });
});

describe("the example code and the receipt", () => {
  it("shows a real-looking example, in Latin letters in every locale", async () => {
    for (const lang of ["sq", "sr", "sr-cyrl", "en"]) {
      const html = await (await app.app.fetch(new Request(`${ORIGIN}/${lang}/needs/track`))).text();
      expect(html, lang).toContain(TRACKING_CODE_EXAMPLE);
      expect(html, lang).not.toMatch(/[А-ЯЂЈЉЊЋЏ]{4}-[А-ЯЂЈЉЊЋЏ]{4}/);
    }
  });

  it("shows the receipt after submission without JavaScript: the code large, the text to send, the file and the prefilled address", async () => {
    const page = await app.app.fetch(new Request(`${ORIGIN}/sr-cyrl/needs/track/${newCode}?submitted=1`));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("data-receipt");
    expect(html).toMatch(new RegExp(`data-tracking-code="">${newCode}</strong>`));
    // The short text: translated, with the code and the address in Latin letters.
    expect(html).toContain(
      `Платформа за питања заједница – код за праћење ${newCode} – ${ORIGIN}/sr-cyrl/needs/track/${newCode}`,
    );
    expect(html).toContain(`href="/sr-cyrl/needs/track/${newCode}/receipt.txt"`);
    expect(html).toContain('href="mailto:?subject=');

    const file = await app.app.fetch(new Request(`${ORIGIN}/sr-cyrl/needs/track/${newCode.toLowerCase()}/receipt.txt`));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="receipt-N-\d{4}-\d{6}\.txt"$/);
    const text = await file.text();
    expect(text).toContain(`Код за праћење: ${newCode}\r\n`);
    expect(text).toContain(`${ORIGIN}/sr-cyrl/needs/track/${newCode}\r\n`);
    expect(text).not.toContain("heating");

    // The address in the receipt works, and so does the form's address with the code filled in.
    const prefilled = await app.app.fetch(new Request(`${ORIGIN}/en/needs/track?code=${newCode}`));
    expect(prefilled.headers.get("location")).toBe(`/en/needs/track/${newCode}`);
    expect((await app.app.fetch(new Request(`${ORIGIN}/en/needs/track/${newCode}`))).status).toBe(200);
  });

  it("gives no receipt for a typing error or an unknown code", async () => {
    const compact = newCode.replaceAll("-", "");
    const changed = compact.slice(0, 2) + (compact[2] === "A" ? "B" : "A") + compact.slice(3);
    expect((await app.app.fetch(new Request(`${ORIGIN}/en/needs/track/${changed}/receipt.txt`))).status).toBe(400);
    expect(
      (
        await app.app.fetch(
          new Request(`${ORIGIN}/en/needs/track/${TRACKING_CODE_EXAMPLE}/receipt.txt`, {
            headers: { "X-Forwarded-For": nextAddress() },
          }),
        )
      ).status,
    ).toBe(404);
  });
});
