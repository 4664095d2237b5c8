import { describe, expect, it } from "vitest";
import { csvField, neutraliseFormula, toCsv } from "./downloads.server.ts";

describe("the CSV writer of the downloads", () => {
  it("defuses every cell a spreadsheet would read as a formula, and nothing else", () => {
    expect(neutraliseFormula('=HYPERLINK("http://example.org","click")')).toBe(
      `'=HYPERLINK("http://example.org","click")`,
    );
    expect(neutraliseFormula("+381 38 000")).toBe("'+381 38 000");
    expect(neutraliseFormula("-2+3")).toBe("'-2+3");
    expect(neutraliseFormula("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(neutraliseFormula("\t=1")).toBe("'\t=1");
    expect(neutraliseFormula("\r=1")).toBe("'\r=1");
    expect(neutraliseFormula("Roma, Ashkali = Egyptians")).toBe("Roma, Ashkali = Egyptians");
    expect(neutraliseFormula("Ђаковица")).toBe("Ђаковица");
  });

  it("quotes fields with a quote, comma or line break (RFC 4180), and leaves numbers as numbers", () => {
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rlf")).toBe('"cr\rlf"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(-5)).toBe("-5");
    expect(csvField(1234.5)).toBe("1234.5");
    expect(csvField(null)).toBe("");
    // A defused formula that also needs quoting keeps its apostrophe inside the quotes.
    expect(csvField('=A1,"x"')).toBe(`"'=A1,""x"""`);
  });

  it("writes a UTF-8 document with a byte-order mark, CRLF line ends and a final CRLF", () => {
    const csv = toCsv({
      headers: ["Komuna", "Општина"],
      rows: [
        ["Gjakovë", 12],
        ["<script>alert(1)</script>", null],
      ],
    });
    expect(csv).toBe("\uFEFFKomuna,Општина\r\nGjakovë,12\r\n<script>alert(1)</script>,\r\n");
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(toCsv({ headers: ["a"], rows: [] })).toBe("\uFEFFa\r\n");
  });
});
