import { describe, expect, it } from "vitest";
import { createRandom, hashString } from "./random.ts";

describe("createRandom", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const take = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(take(42).every((n) => n >= 0 && n < 1)).toBe(true);
  });

  it("keeps whole numbers within their bounds, both included", () => {
    const random = createRandom(7);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it("follows the weights", () => {
    const random = createRandom(1);
    const draws = Array.from({ length: 10_000 }, () =>
      random.weighted([
        ["a", 9],
        ["b", 1],
        ["never", 0],
      ] as const),
    );
    const share = draws.filter((d) => d === "a").length / draws.length;
    expect(share).toBeGreaterThan(0.87);
    expect(share).toBeLessThan(0.93);
    expect(draws).not.toContain("never");
  });

  it("makes version-8 UUIDs", () => {
    const random = createRandom(3);
    for (let i = 0; i < 50; i++)
      expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("forks independent streams that do not depend on how much the parent was used", () => {
    const fresh = createRandom(5);
    const used = createRandom(5);
    used.next();
    used.next();
    expect(fresh.fork("news_item").next()).toBe(used.fork("news_item").next());
    expect(fresh.fork("news_item").next()).not.toBe(fresh.fork("job").next());
  });

  it("refuses to pick from nothing", () => {
    expect(() => createRandom(1).pick([])).toThrow(RangeError);
    expect(hashString("a")).not.toBe(hashString("b"));
  });
});
