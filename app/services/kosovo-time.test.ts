import { describe, expect, it } from "vitest";
import { fromKosovoLocalInput, todayInKosovo, toKosovoLocalInput } from "./kosovo-time.ts";

describe("Kosovo time in forms", () => {
  it("reads datetime-local values as Kosovo time, in winter (CET) and summer (CEST), and back", () => {
    expect(fromKosovoLocalInput("2025-01-29T10:00")?.toISOString()).toBe("2025-01-29T09:00:00.000Z");
    expect(fromKosovoLocalInput("2025-07-01T10:00")?.toISOString()).toBe("2025-07-01T08:00:00.000Z");
    expect(toKosovoLocalInput(new Date("2025-07-01T08:00:00Z"))).toBe("2025-07-01T10:00");
    expect(fromKosovoLocalInput("2025-02-30T10:00")).toBeNull();
    expect(fromKosovoLocalInput("nonsense")).toBeNull();
  });

  it("takes today's date in Kosovo, not in UTC", () => {
    expect(todayInKosovo(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});
