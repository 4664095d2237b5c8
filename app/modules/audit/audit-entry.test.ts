import { describe, expect, it } from "vitest";
import { displayValue, historySearch } from "./audit-entry.ts";

describe("displayValue", () => {
  it.each([
    [null, null],
    [undefined, null],
    ["", '""'],
    ["Prishtinë <b>", "Prishtinë <b>"],
    [42, "42"],
    [false, "false"],
    [["roma", "ashkali"], '[\n "roma",\n "ashkali"\n]'],
    [{ sq: "Zyra" }, '{\n "sq": "Zyra"\n}'],
  ])("%j → %j", (value, expected) => {
    expect(displayValue(value)).toBe(expected);
  });
});

describe("historySearch", () => {
  it("encodes the subject for a query string", () => {
    expect(historySearch("organisation", "a&b=c")).toBe("subjectType=organisation&subjectId=a%26b%3Dc");
  });
});
