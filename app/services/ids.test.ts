import { describe, expect, it } from "vitest";
import { idSchema, MAX_INTEGER_ID, optionalIdSchema, parseId, requireIdParam } from "./ids.ts";
import { safeReturnTo } from "./guards.server.ts";

describe("the one id parser", () => {
  it("accepts plain decimal ids within PostgreSQL's integer range", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("2147483647")).toBe(MAX_INTEGER_ID);
    expect(parseId(42)).toBe(42);
    expect(idSchema().parse(" 17 ")).toBe(17);
  });

  it("refuses what Number() and z.coerce accept but no id is", () => {
    for (const value of [
      "2147483648",
      "99999999999999999999",
      "1e10",
      "1E3",
      "-1",
      "0",
      "-0",
      "00",
      "01",
      "1.0",
      "1.5",
      "0x10",
      "+1",
      "",
      "NaN",
      "Infinity",
      "１",
      "1\u0000",
      "1\u00002",
      "abc",
      null,
      undefined,
      1.5,
      -3,
      2 ** 31,
      Number.NaN,
    ]) {
      expect(parseId(value), String(value)).toBeNull();
      expect(idSchema("x:err").safeParse(value).success, String(value)).toBe(false);
    }
    expect(idSchema("x:err").safeParse("1e10").error?.issues[0]?.message).toBe("x:err");
    // In a URL nothing is trimmed; a form field's surrounding spaces are, as for every other field.
    expect(parseId(" 1")).toBeNull();
    expect(parseId("1\r\n")).toBeNull();
    expect(idSchema().parse("1\r\n")).toBe(1);
  });

  it("turns a URL id that cannot exist into a 404", () => {
    expect(requireIdParam("7")).toBe(7);
    try {
      requireIdParam("2147483648");
      expect.unreachable();
    } catch (thrown) {
      expect((thrown as { init: ResponseInit }).init.status).toBe(404);
    }
  });

  it("treats an empty optional id as missing", () => {
    expect(optionalIdSchema().parse("")).toBeUndefined();
    expect(optionalIdSchema().parse("3")).toBe(3);
    expect(optionalIdSchema().safeParse("1e10").success).toBe(false);
  });
});

describe("safeReturnTo", () => {
  it("keeps a local path in a locale", () => {
    expect(safeReturnTo("/en/workspace/needs?q=школа#top", "en")).toBe(
      "/en/workspace/needs?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0#top",
    );
    expect(safeReturnTo("/sq/workspace", "en")).toBe("/sq/workspace");
  });

  it("sends CR/LF, NUL, other hosts and paths outside a locale to the workspace", () => {
    for (const value of [
      "/en/workspace\r\nSet-Cookie: a=b",
      "/en/workspace\n",
      "/en/\u0000",
      "/en/\u007f",
      "//evil.example",
      "/\\evil.example",
      "/en\\..\\..",
      "https://evil.example/en/",
      "/xx/workspace",
      "/en",
      "",
      null,
      `/en/${"a".repeat(3000)}`,
    ]) {
      expect(safeReturnTo(value, "sr"), JSON.stringify(value)).toBe("/sr/workspace");
    }
  });
});
