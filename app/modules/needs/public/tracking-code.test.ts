import { describe, expect, it } from "vitest";
import {
  checkSymbol,
  createTrackingCode,
  formatTrackingCode,
  hasValidCheckSymbol,
  readTrackingCode,
  TRACKING_CODE_EXAMPLE,
} from "./tracking-code.server.ts";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// Codes written by hand from the alphabet (every symbol appears), and fresh random ones.
const DATA = [
  "K7QM3XRP9TD",
  "00000000000",
  "ZZZZZZZZZZZ",
  "0123456789A",
  "BCDEFGHJKMN",
  "PQRSTVWXYZ0",
  "1W1W1W1W1W1",
  "Y9X8V7T6S5R",
];
const CODES = [
  ...DATA.map((data) => data + checkSymbol(data)),
  ...Array.from({ length: 12 }, () => createTrackingCode().replaceAll("-", "")),
];

describe("check symbol", () => {
  it("holds on every new code and on the example", () => {
    for (const code of CODES) expect(hasValidCheckSymbol(code)).toBe(true);
    expect(hasValidCheckSymbol(TRACKING_CODE_EXAMPLE.replaceAll("-", ""))).toBe(true);
    expect(TRACKING_CODE_EXAMPLE).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it("fails on every single-symbol substitution, in every position (check symbol included)", () => {
    let substitutions = 0;
    for (const code of CODES) {
      for (let position = 0; position < code.length; position++) {
        for (const symbol of ALPHABET) {
          if (symbol === code[position]) continue;
          const changed = code.slice(0, position) + symbol + code.slice(position + 1);
          expect(hasValidCheckSymbol(changed), `${code} → ${changed}`).toBe(false);
          substitutions++;
        }
      }
    }
    expect(substitutions).toBe(CODES.length * 12 * 31);
  });

  it("fails on every transposition of two different symbols, adjacent or not", () => {
    for (const code of CODES) {
      for (let i = 0; i < code.length; i++) {
        for (let j = i + 1; j < code.length; j++) {
          if (code[i] === code[j]) continue;
          const swapped = [...code];
          [swapped[i], swapped[j]] = [swapped[j] ?? "", swapped[i] ?? ""];
          expect(hasValidCheckSymbol(swapped.join("")), `${code}: ${i}↔${j}`).toBe(false);
        }
      }
    }
  });
});

describe("new codes", () => {
  it("are 12 symbols of Crockford's alphabet in three groups of four, and differ", () => {
    const codes = new Set(Array.from({ length: 200 }, () => createTrackingCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){2}[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});

describe("reading what people type", () => {
  const code = "K7QM3XRP9TD" + checkSymbol("K7QM3XRP9TD");
  const grouped = formatTrackingCode(code) ?? "";

  it.each([
    ["as given", grouped],
    ["lower case", grouped.toLowerCase()],
    ["spaces, tabs and a new line", ` ${grouped.replaceAll("-", " ")}\t\n`],
    ["dots and underscores", grouped.replaceAll("-", ".").replace(".", "_")],
    ["en dashes and no-break spaces", grouped.replaceAll("-", "\u2013\u00a0")],
    [
      "full-width letters and digits",
      grouped.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ],
    ["Serbian Cyrillic keyboard (К7ЉМ 3ЏРП 9ТД…)", `К7ЉМ-3ЏРП-9ТД${code.slice(-1)}`],
    ["Serbian Cyrillic keyboard, lower case", `к7љм3џрп9тд${code.slice(-1).toLowerCase()}`],
  ])("%s", (_label, typed) => {
    expect(readTrackingCode(typed)).toEqual({ kind: "code", candidates: [code] });
  });

  it("reads Cyrillic lookalikes as the Latin letters they look like when only that reading checks", () => {
    // "PC" typed with Cyrillic Р and С: as keyboard letters they are R and S, as lookalikes P and C.
    const data = "PC7KM3XATEH";
    const typed = `РС7КМ3ХАТЕН${checkSymbol(data)}`;
    const read = readTrackingCode(typed);
    expect(read.kind).toBe("code");
    if (read.kind === "code") expect(read.candidates).toContain(data + checkSymbol(data));
  });

  it("refuses a changed symbol or a swap as a typing error, and anything else as not a code", () => {
    const changed = code.slice(0, 3) + (code[3] === "A" ? "B" : "A") + code.slice(4);
    expect(readTrackingCode(changed)).toEqual({ kind: "typo" });
    expect(readTrackingCode(code.slice(0, 4) + code[5] + code[4] + code.slice(6))).toEqual({ kind: "typo" });
    for (const junk of [
      "",
      "K7QM-3XRP-9TD",
      "hello",
      "' OR 1=1 --",
      "<script>alert(1)</script>",
      "x".repeat(500),
      "ШЂЧЋЖ-ШЂЧЋ-ЖШЂЧ",
    ])
      expect(readTrackingCode(junk)).toEqual({ kind: "malformed" });
  });

  it("reads an old 28-symbol code with its confusions, and both ways when Cyrillic letters could be either", () => {
    const old = "ABCDEFGHJKMNPQRSTVWXYZ012345";
    expect(readTrackingCode("abcd efgh jkmn pqrs tvwx yzol 2345")).toEqual({ kind: "code", candidates: [old] });
    const read = readTrackingCode("АВСD-EFGH-JKMN-PQRS-TVWX-YZ01-2345");
    expect(read.kind === "code" ? [...read.candidates].sort() : read).toEqual([
      "ABCDEFGHJKMNPQRSTVWXYZ012345",
      "AVSDEFGHJKMNPQRSTVWXYZ012345",
    ]);
  });
});
