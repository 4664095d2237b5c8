import { describe, expect, it } from "vitest";
import { camelRow } from "./camel-row.ts";

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
