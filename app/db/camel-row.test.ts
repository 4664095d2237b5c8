import { describe, expect, it } from "vitest";
import { camelName, camelRow } from "./camel-row.ts";

describe("camelRow", () => {
  it("renames every column to camelCase, keeping the values and their order", () => {
    const when = new Date("2026-12-05T10:00:00Z");
    const view = camelRow({
      id: 7,
      owner_organisation_id: 3,
      name_sr_cyrl: "Призрен",
      pop_2024: 10,
      validated_at: when,
    });
    expect(view).toEqual({ id: 7, ownerOrganisationId: 3, nameSrCyrl: "Призрен", pop2024: 10, validatedAt: when });
    expect(Object.keys(view)).toEqual(["id", "ownerOrganisationId", "nameSrCyrl", "pop2024", "validatedAt"]);
    expect(view.validatedAt).toBe(when);
  });

  it("keeps null values and names without underscores as they are", () => {
    expect(camelRow({ title: null, version: 2 })).toEqual({ title: null, version: 2 });
  });
});

describe("camelName", () => {
  it("gives the same name the second time, from the names it kept", () => {
    expect(camelName("period_start_year")).toBe("periodStartYear");
    expect(camelName("period_start_year")).toBe("periodStartYear");
    expect(camelName("id")).toBe("id");
    expect(camelRow({ period_start_year: 1, period_end_year: 2 })).toEqual({ periodStartYear: 1, periodEndYear: 2 });
  });
});
