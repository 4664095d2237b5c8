import { describe, expect, it } from "vitest";
import { medianFromBuckets, resolutionBucketWidth } from "./needs.stats.server.ts";

/** The exact median of a list, as percentile_cont(0.5) takes it. */
function exactMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
}

/** Counts values into buckets the way migration 0035 does (tenths of a day below 100 days, whole days beyond), in days. */
function bucketsOf(days: number[]): { lower: number; width: number; n: number }[] {
  const counts = new Map<number, number>();
  for (const d of days) {
    const tenths = Math.floor(d * 10);
    const key = tenths < 1000 ? tenths : Math.floor(tenths / 10) * 10;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([tenths, n]) => ({ lower: tenths / 10, width: resolutionBucketWidth(tenths) / 10, n }));
}

describe("the median from the resolution histogram", () => {
  it("is null without values and the bucket's middle for one value", () => {
    expect(medianFromBuckets([])).toBeNull();
    expect(medianFromBuckets([{ lower: 3, width: 0.1, n: 0 }])).toBeNull();
    expect(medianFromBuckets([{ lower: 3, width: 0.1, n: 1 }])).toBeCloseTo(3.05, 10);
  });

  it("takes the mean of the two middle values for an even count, in any bucket order", () => {
    // Values 1.0x, 2.0x, 5.0x, 9.0x: the middle two are in the buckets 2.0 and 5.0.
    const buckets = [
      { lower: 9, width: 0.1, n: 1 },
      { lower: 1, width: 0.1, n: 1 },
      { lower: 5, width: 0.1, n: 1 },
      { lower: 2, width: 0.1, n: 1 },
    ];
    expect(medianFromBuckets(buckets)).toBeCloseTo((2.05 + 5.05) / 2, 10);
  });

  it("stays within half a bucket of the exact median: 0.05 day below 100 days, half a day beyond", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 200; run++) {
      const size = 1 + Math.floor(next() * 60);
      const short = Array.from({ length: size }, () => next() * 99.9);
      expect(Math.abs(medianFromBuckets(bucketsOf(short))! - exactMedian(short))).toBeLessThanOrEqual(0.05 + 1e-9);
      const long = Array.from({ length: size }, () => 100 + next() * 400);
      expect(Math.abs(medianFromBuckets(bucketsOf(long))! - exactMedian(long))).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });
});
