import { describe, expect, it } from "vitest";
import { parseAlternativeNames } from "./alternative-names.ts";

describe("parseAlternativeNames", () => {
  it("reads a name with its language and a known note", () => {
    expect(parseAlternativeNames("Dečani (sr, used in Serbia)")).toEqual([
      { names: ["Dečani"], language: "sr", note: "usedInSerbia", otherNote: null },
    ]);
  });

  it("splits several names and several languages", () => {
    expect(parseAlternativeNames("Južna Mitrovica / Kosovska Mitrovica (sr); Mitrovicë e Jugut (sq)")).toEqual([
      { names: ["Južna Mitrovica", "Kosovska Mitrovica"], language: "sr", note: null, otherNote: null },
      { names: ["Mitrovicë e Jugut"], language: "sq", note: null, otherNote: null },
    ]);
  });

  it("knows the notes the reference data uses", () => {
    expect(parseAlternativeNames("Gllogoc / Gllogovc (sq, former name)")[0]?.note).toBe("formerName");
    expect(parseAlternativeNames("Kosovska Kamenica (sr, historical)")[0]?.note).toBe("historical");
    expect(parseAlternativeNames("Mamuşa (tr)")[0]).toEqual({
      names: ["Mamuşa"],
      language: "tr",
      note: null,
      otherNote: null,
    });
  });

  it("keeps an unknown note as it is", () => {
    expect(parseAlternativeNames("Name (sr, used by the church)")[0]).toMatchObject({
      note: null,
      otherNote: "used by the church",
    });
  });

  it("keeps text that does not follow the pattern whole", () => {
    expect(parseAlternativeNames("Just a name")).toEqual([
      { names: ["Just a name"], language: null, note: null, otherNote: null },
    ]);
  });

  it("returns nothing for an empty value", () => {
    expect(parseAlternativeNames(null)).toEqual([]);
    expect(parseAlternativeNames("  ")).toEqual([]);
  });
});
