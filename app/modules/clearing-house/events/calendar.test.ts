import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { icalendarPhysicalLines } from "../../../../tests/support/icalendar-lines.ts";
import { buildCalendar, calendarText, foldContentLine } from "./calendar.server.ts";
import type { EventSummary } from "./events.queries.server.ts";

const octets = (text: string) => Buffer.byteLength(text, "utf8");

function event(overrides: Partial<EventSummary>): EventSummary {
  return {
    id: 7,
    slug: "sesion-informues",
    kind: "informative_session",
    title: { sq: "Sesion informues" },
    summary: {},
    originalLocale: "sq",
    startsAt: new Date("2025-01-29T09:00:00Z"),
    endsAt: null,
    kasCode: null,
    municipality: { nameSq: "Graçanicë", nameSr: "Gračanica", nameSrCyrl: "Грачаница" },
    address: null,
    organisers: [],
    isDemo: false,
    ...overrides,
  };
}

describe("foldContentLine", () => {
  it("keeps every physical line within 75 octets, the continuation's leading space included", () => {
    for (const length of [74, 75, 76, 149, 150, 151, 500]) {
      const line = `DESCRIPTION:${"a".repeat(length)}`;
      const folded = foldContentLine(line);
      const physical = folded.split("\r\n");
      for (const part of physical) expect(octets(part)).toBeLessThanOrEqual(75);
      expect(physical.slice(1).every((part) => part.startsWith(" "))).toBe(true);
      expect(folded.replace(/\r\n /g, "")).toBe(line);
    }
  });

  it("leaves a line of exactly 75 octets whole and folds one of 76", () => {
    expect(foldContentLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldContentLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  it("never splits a multi-octet character: Cyrillic (2 octets), the euro sign (3) and an emoji (4)", () => {
    for (const unit of ["Ш", "€", "🗓️", "ë"]) {
      for (let prefix = 0; prefix < 4; prefix++) {
        const line = `SUMMARY:${"p".repeat(prefix)}${unit.repeat(60)}`;
        const folded = foldContentLine(line);
        const bytes = new TextEncoder().encode(`${folded}\r\n`);
        const physical = icalendarPhysicalLines(bytes);
        for (const part of physical) expect(part.length).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, "")).toBe(line);
      }
    }
  });
});

describe("calendarText", () => {
  it("turns CRLF, a bare CR and LF into one LF each and drops control characters other than tab", () => {
    expect(calendarText("a\r\nb\rc\nd\te\u0000f\u001bg\u007fh")).toBe("a\nb\nc\nd\tefgh");
  });
});

describe("buildCalendar", () => {
  const hostile = [
    event({
      id: 1,
      title: {
        sr: "Информативна сесија о правима заједница у општини Грачаница — позив свим удружењима 🗓️",
        sq: "Sesion informues për të drejtat e komuniteteve në komunën e Graçanicës — ftesë për të gjitha shoqatat",
      },
      // A textarea posts CRLF; text pasted from old sources carries bare CRs.
      summary: {
        sq: "Rreshti i parë\r\nRreshti i dytë\rRreshti i tretë\nFund; me presje, dhe \\ vijë",
        sr: "Први ред\r\nДруги ред\rТрећи ред",
      },
      address: "Rruga „Skënderbeu” nr. 12, kati i dytë, salla e mbledhjeve e Zyrës për Çështje të Komuniteteve",
    }),
    event({
      id: 2,
      slug: "short",
      title: { sq: "Takim" },
      endsAt: new Date("2025-01-29T11:30:00Z"),
      municipality: null,
    }),
  ];

  for (const locale of ["sq", "sr", "sr-cyrl", "en"] as const) {
    it(`writes lines of at most 75 octets with CRLF only, and parses back to the same texts (${locale})`, () => {
      const text = buildCalendar(hostile, {
        locale,
        publicUrl: "https://platform.example.org",
        name: "Ngjarjet e Platformës për Çështje të Komuniteteve — kalendari i plotë",
        now: new Date("2025-01-01T00:00:00Z"),
      });
      const physical = icalendarPhysicalLines(new TextEncoder().encode(text));
      expect(physical.length).toBeGreaterThan(20);
      for (const line of physical) expect(line.length).toBeLessThanOrEqual(75);
      expect(physical.some((line) => line.length > 70)).toBe(true);

      const calendar = new ICAL.Component(ICAL.parse(text));
      const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
      expect(events).toHaveLength(2);
      const first = events[0]!;
      if (locale === "sq") {
        expect(first.description).toBe("Rreshti i parë\nRreshti i dytë\nRreshti i tretë\nFund; me presje, dhe \\ vijë");
        expect(first.summary).toBe(
          "Sesion informues për të drejtat e komuniteteve në komunën e Graçanicës — ftesë për të gjitha shoqatat",
        );
        expect(first.location).toBe(
          "Rruga „Skënderbeu” nr. 12, kati i dytë, salla e mbledhjeve e Zyrës për Çështje të Komuniteteve, Graçanicë",
        );
      }
      if (locale === "sr") expect(first.description).toBe("Први ред\nДруги ред\nТрећи ред");
      expect(text).toContain("\\n");
      expect(events[1]!.endDate.toJSDate().toISOString()).toBe("2025-01-29T11:30:00.000Z");
    });
  }
});
