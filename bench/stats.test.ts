import { describe, expect, it } from "vitest";
import { formatTable, median, parseServerTiming, percentile } from "./stats.ts";

describe("median and percentile", () => {
  it("handle odd and even counts and unsorted input", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([7], 95)).toBe(7);
    expect(median([])).toBeNaN();
  });
});

describe("parseServerTiming", () => {
  it("reads the app's header", () => {
    expect(parseServerTiming('db;dur=3.5;desc="4 queries", app;dur=12.0')).toEqual({
      dbMs: 3.5,
      queries: 4,
      appMs: 12,
    });
  });

  it("copes with a comma inside a description, other metrics and no header", () => {
    expect(parseServerTiming('cdn;dur=1;desc="a, b", db;dur=0.2;desc="1 query", app;dur=1.5')).toEqual({
      dbMs: 0.2,
      queries: 1,
      appMs: 1.5,
    });
    expect(parseServerTiming(null)).toEqual({ dbMs: null, queries: null, appMs: null });
  });
});

describe("formatTable", () => {
  it("aligns text left and numbers right, with fixed decimals where asked", () => {
    const table = formatTable(
      ["page", "ms"],
      [
        ["home", 1.234],
        ["news", 12.5],
      ],
      [undefined, 1],
    );
    expect(table.split("\n")).toEqual(["page    ms", "----  ----", "home   1.2", "news  12.5"]);
  });
});
