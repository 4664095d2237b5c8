import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, isoDate } from "./format.ts";

describe("dates", () => {
  // 23:30 UTC on 31 December is already 1 January in Kosovo (UTC+1).
  const newYear = "2024-12-31T23:30:05Z";
  it("are written in each language without the runtime's locale data, in Kosovo's time zone", () => {
    expect(formatDate(newYear, "sq")).toBe("1 janar 2025");
    expect(formatDate(newYear, "sr")).toBe("1. januar 2025.");
    expect(formatDate(newYear, "sr-cyrl")).toBe("1. јануар 2025.");
    expect(formatDate(newYear, "en")).toBe("1 January 2025");
  });
  it("with time, follow summer time", () => {
    expect(formatDateTime("2026-07-01T08:04:05Z", "sq")).toBe("01.07.2026 10:04:05");
    expect(formatDateTime(new Date("2026-01-15T08:04:05Z"), "en")).toBe("15/01/2026 09:04:05");
  });
  it("give ISO dates for machines", () => {
    expect(isoDate("2026-07-01T08:04:05Z")).toBe("2026-07-01");
  });
});
