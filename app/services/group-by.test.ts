import { describe, expect, it } from "vitest";
import { groupBy } from "#app/services/group-by.ts";

describe("groupBy", () => {
  it("groups rows by their key in one pass, each group in the rows' order, keys in first-seen order", () => {
    const rows = [
      { id: 1, sector: "edu" },
      { id: 2, sector: "health" },
      { id: 3, sector: "edu" },
    ];
    const groups = groupBy(rows, (r) => r.sector);
    expect([...groups.keys()]).toEqual(["edu", "health"]);
    expect(groups.get("edu")?.map((r) => r.id)).toEqual([1, 3]);
    expect(groups.get("health")?.map((r) => r.id)).toEqual([2]);
    expect(groups.get("none")).toBeUndefined();
  });
});
