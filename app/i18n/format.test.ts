import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber, formatPercent, formatPercentValue, isoDate } from "./format.ts";
import { LOCALES, type Locale } from "./locales.ts";

/**
 * How each locale writes 1 January 2025 and 12345.5. The runtime has no Romani data ("rom" would
 * be American English, 12,345.5), so Romani numbers follow Albanian, which groups thousands with a
 * no-break space (a figure never breaks across lines).
 */
const WRITTEN: Record<Locale, { newYear: string; grouped: string }> = {
  sq: { newYear: "1 janar 2025", grouped: "12\u00a0345,5" },
  sr: { newYear: "1. januar 2025.", grouped: "12.345,5" },
  "sr-cyrl": { newYear: "1. јануар 2025.", grouped: "12.345,5" },
  en: { newYear: "1 January 2025", grouped: "12,345.5" },
  tr: { newYear: "1 Ocak 2025", grouped: "12.345,5" },
  bs: { newYear: "1. januar 2025.", grouped: "12.345,5" },
  rom: { newYear: "1 januari 2025", grouped: "12\u00a0345,5" },
};

describe("dates", () => {
  // 23:30 UTC on 31 December is already 1 January in Kosovo (UTC+1).
  const newYear = "2024-12-31T23:30:05Z";
  it("are written in each language without the runtime's locale data, in Kosovo's time zone", () => {
    for (const locale of LOCALES) expect(formatDate(newYear, locale), locale).toBe(WRITTEN[locale].newYear);
  });
  it("with time, follow summer time", () => {
    expect(formatDateTime("2026-07-01T08:04:05Z", "sq")).toBe("01.07.2026 10:04");
    expect(formatDateTime(new Date("2026-01-15T08:04:05Z"), "en")).toBe("15/01/2026 09:04");
  });
  it("with time, have one style per language, to the minute on a 24-hour clock, without seconds", () => {
    // The event of the issue: 29 January 2025, 10:00 in Kosovo (09:00 UTC).
    const event = "2025-01-29T09:00:00Z";
    expect(formatDateTime(event, "sq")).toBe("29.01.2025 10:00");
    expect(formatDateTime(event, "sr")).toBe("29.01.2025 10:00");
    expect(formatDateTime(event, "sr-cyrl")).toBe("29.01.2025 10:00");
    expect(formatDateTime(event, "en")).toBe("29/01/2025 10:00");
    // Seconds are dropped, not rounded; midnight and the afternoon keep the 24-hour clock.
    expect(formatDateTime("2025-01-29T22:59:59Z", "en")).toBe("29/01/2025 23:59");
    expect(formatDateTime("2025-06-30T22:00:00Z", "sq")).toBe("01.07.2025 00:00");
  });
  it("give ISO dates for machines", () => {
    expect(isoDate("2026-07-01T08:04:05Z")).toBe("2026-07-01");
  });
});

describe("numbers, percentages and amounts", () => {
  it("write a percentage with each language's sign and spacing, whether from a share or a value in percent", () => {
    expect(formatPercent(0.778, "en")).toBe("77.8%");
    expect(formatPercentValue(18, "en")).toBe("18%");
    expect(formatPercentValue(77.8, "en")).toBe("77.8%");
    expect(formatPercentValue(77.8, "sq")).toBe("77,8%");
    expect(formatPercentValue(77.8, "sr")).toBe("77,8%");
    expect(formatPercentValue(77.8, "sr-cyrl")).toBe("77,8%");
    expect(formatPercentValue(12.345, "en", 2)).toBe("12.35%");
  });
  it("group thousands and mark decimals as each language does", () => {
    for (const locale of LOCALES) expect(formatNumber(12345.5, locale), locale).toBe(WRITTEN[locale].grouped);
    expect(formatNumber(1234.5, "en", { style: "currency", currency: "EUR" })).toBe("€1,234.50");
    expect(formatNumber(1234.5, "sr", { style: "currency", currency: "EUR" })).toBe("1.234,50\u00a0€");
  });
});
