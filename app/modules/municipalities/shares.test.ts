import { describe, expect, it } from "vitest";
import {
  formatShare,
  formatShareLimit,
  largestNonMajorityCommunity,
  NO_MEMBERS_CLASS,
  SHARE_BREAKS,
  SHARE_CLASS_COLOURS,
  shareClass,
  shareClassColour,
  shareClassRanges,
  shareOf,
} from "./shares.ts";

describe("shareClass", () => {
  it("puts a community with no members in its own class", () => {
    expect(shareClass(0, 1000)).toBe(NO_MEMBERS_CLASS);
    expect(shareClassColour(NO_MEMBERS_CLASS)).toBeNull();
  });

  it("puts any member at all in a coloured class, however small the share", () => {
    expect(shareClass(1, 1_000_000)).toBe(1);
  });

  it.each([
    [4, 1000, 1],
    [5, 1000, 2],
    [19, 1000, 2],
    [20, 1000, 3],
    [49, 1000, 3],
    [50, 1000, 4],
    [99, 1000, 4],
    [100, 1000, 5],
    [499, 1000, 5],
    [500, 1000, 6],
    [1000, 1000, 6],
  ])("%i of %i is in class %i (each class includes its lower limit)", (count, total, expected) => {
    expect(shareClass(count, total)).toBe(expected);
  });

  it("never leaves the palette", () => {
    for (let count = 0; count <= 100; count++) {
      const index = shareClass(count, 100);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThanOrEqual(SHARE_CLASS_COLOURS.length);
      if (index > 0) expect(SHARE_CLASS_COLOURS).toContain(shareClassColour(index));
    }
  });
});

describe("shareClassRanges", () => {
  it("covers 0 to 100 % without gaps, one range per colour", () => {
    const ranges = shareClassRanges();
    expect(ranges).toHaveLength(SHARE_CLASS_COLOURS.length);
    expect(ranges[0]?.lower).toBe(0);
    expect(ranges.at(-1)?.upper).toBeNull();
    ranges.slice(1).forEach((range, i) => expect(range.lower).toBe(ranges[i]?.upper));
    expect(ranges.map((r) => r.upper).filter((u) => u !== null)).toEqual([...SHARE_BREAKS]);
  });

  it("agrees with shareClass at every limit", () => {
    for (const range of shareClassRanges()) {
      if (range.lower > 0) expect(shareClass(range.lower * 1000, 1000)).toBe(range.index);
      expect(shareClassColour(range.index)).toBe(range.colour);
    }
  });
});

describe("shareOf", () => {
  it("is 0 for an empty population rather than NaN", () => {
    expect(shareOf(0, 0)).toBe(0);
    expect(shareOf(1, 4)).toBe(0.25);
  });
});

describe("formatShare", () => {
  it("shows one decimal in the reader's conventions", () => {
    expect(formatShare(0.8971, "en")).toBe("89.7%");
    expect(formatShare(0.8971, "sr")).toBe(
      new Intl.NumberFormat("sr-Latn", { style: "percent", minimumFractionDigits: 1 }).format(0.897),
    );
  });

  it("never shows a small community as 0.0 %", () => {
    expect(formatShare(0.0001, "en")).toBe("<0.1%");
    expect(formatShare(0, "en")).toBe("0.0%");
  });

  it("formats class limits without needless decimals", () => {
    expect(formatShareLimit(0.005, "en")).toBe("0.5%");
    expect(formatShareLimit(0.5, "en")).toBe("50%");
  });
});

describe("largestNonMajorityCommunity", () => {
  const communities = [
    { code: "albanian", isMajority: true },
    { code: "serb", isMajority: false },
    { code: "turkish", isMajority: false },
    { code: "other", isMajority: false },
  ];

  it("picks the non-majority community with the most members in all municipalities together", () => {
    expect(
      largestNonMajorityCommunity(communities, [
        { albanian: 900, serb: 10, turkish: 30 },
        { albanian: 10, serb: 15, turkish: 0 },
      ]),
    ).toBe("turkish");
    expect(
      largestNonMajorityCommunity(communities, [
        { albanian: 900, serb: 10, turkish: 30 },
        { albanian: 10, serb: 25, turkish: 0 },
      ]),
    ).toBe("serb");
  });

  it("ignores the majority and the census categories that are not communities", () => {
    expect(largestNonMajorityCommunity(communities, [{ albanian: 900, serb: 1, turkish: 0, other: 500 }])).toBe("serb");
  });

  it("returns null when there is no non-majority community", () => {
    expect(largestNonMajorityCommunity([{ code: "albanian", isMajority: true }], [{ albanian: 1 }])).toBeNull();
  });
});
