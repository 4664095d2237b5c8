import { describe, expect, it } from "vitest";
import { formatIndicatorValue } from "./strategies/strategies.pages.server.ts";

describe("formatIndicatorValue", () => {
  it("writes percentages with the locale's formatter, as the shares beside them (no hand-written ' %')", () => {
    expect(formatIndicatorValue(18, "percent", "en")).toBe("18%");
    expect(formatIndicatorValue(77.84, "percent", "en")).toBe("77.8%");
    expect(formatIndicatorValue(77.84, "percent", "sq")).toBe("77,8%");
    expect(formatIndicatorValue(77.84, "percent", "sr")).toBe("77,8%");
    expect(formatIndicatorValue(77.84, "percent", "sr-cyrl")).toBe("77,8%");
  });

  it("writes counts and amounts in each language's digits grouping", () => {
    expect(formatIndicatorValue(12500, "count", "en")).toBe("12,500");
    expect(formatIndicatorValue(12500, "count", "sr")).toBe("12.500");
    expect(formatIndicatorValue(3000, "amount", "en")).toBe("€3,000");
    expect(formatIndicatorValue(3000, "amount", "sr")).toBe("3.000\u00a0€");
  });
});
