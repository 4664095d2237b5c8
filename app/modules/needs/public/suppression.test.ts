import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canDeriveHiddenCell, publishTotal, suppressTable, type PublishedTable } from "./suppression.ts";

/**
 * What a reader can work out about each hidden cell from the published table and its total: the
 * values it could take, given that "fewer than 5" means 0–4, "withheld" means 5 or more, and the
 * hidden cells add up to the total minus the shown ones. Written independently of the rule.
 */
function possibleValues(table: PublishedTable<number>, total: number): Map<number, number[]> {
  const hidden = table.cells.filter((c) => c.state !== "shown");
  const shownSum = table.cells.reduce((sum, c) => sum + (c.count ?? 0), 0);
  const rest = total - shownSum;
  const range = (state: string): [number, number] => (state === "fewer_than_5" ? [0, 4] : [5, total]);
  const result = new Map<number, number[]>();
  for (const cell of hidden) {
    const others = hidden.filter((c) => c !== cell);
    const min = others.reduce((s, c) => s + range(c.state)[0], 0);
    const max = others.reduce((s, c) => s + range(c.state)[1], 0);
    const [lo, hi] = range(cell.state);
    const values: number[] = [];
    for (let v = lo; v <= hi; v++) if (rest - v >= min && rest - v <= max) values.push(v);
    result.set(cell.key, values);
  }
  return result;
}

/** The cells of a table with these counts, keyed by their position (0, 1, …). */
const cellsOf = (counts: number[]) => counts.map((count, key) => ({ key, count }));

describe("small-count suppression", () => {
  it("shows counts of 5 and more, and hides 0–4 as fewer than 5", () => {
    const table = suppressTable(cellsOf([12, 3, 0, 7]));
    expect(table.cells.map((c) => [c.state, c.count])).toEqual([
      ["shown", 12],
      ["fewer_than_5", null],
      ["fewer_than_5", null],
      ["shown", 7],
    ]);
  });

  it("withholds a second cell when a single small cell could be worked out from the total", () => {
    const table = suppressTable(cellsOf([12, 3, 9, 7]));
    expect(table.cells.map((c) => c.state)).toEqual(["shown", "fewer_than_5", "shown", "withheld"]);
    // The small cell (3, the second) could be 0–4 as far as a reader can tell.
    expect(possibleValues(table, 31).get(1)?.length).toBeGreaterThan(1);
  });

  it("does not let five cells of one be worked out from a total of five", () => {
    const table = suppressTable(cellsOf([1, 1, 1, 1, 1, 0, 0]));
    for (const values of possibleValues(table, 5).values()) expect(values.length).toBeGreaterThan(1);
  });

  it("withholds the whole table when nothing else can protect a small cell", () => {
    expect(suppressTable(cellsOf([3])).isWithheld).toBe(true);
    expect(suppressTable(cellsOf([4, 4])).isWithheld).toBe(true);
  });

  it("never publishes a count under 5 nor lets one be derived, for any table (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (counts) => {
          const total = counts.reduce((a, b) => a + b, 0);
          const table = suppressTable(cellsOf(counts));
          for (const cell of table.cells) {
            if (cell.state === "shown") expect(cell.count).toBeGreaterThanOrEqual(5);
            else expect(cell.count).toBeNull();
          }
          if (table.isWithheld) return;
          for (const [key, values] of possibleValues(table, total)) {
            const state = table.cells.find((c) => c.key === key)?.state;
            if (state === "fewer_than_5")
              expect(values.length, `cell ${key} of ${JSON.stringify(counts)}`).toBeGreaterThan(1);
            if (state === "fewer_than_5") expect(values).toContain(counts[key]);
          }
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it("knows when a hidden cell is exposed", () => {
    expect(canDeriveHiddenCell([3], [])).toBe(true);
    expect(canDeriveHiddenCell([3, 2], [])).toBe(false);
    expect(canDeriveHiddenCell([4, 4], [])).toBe(true);
    expect(canDeriveHiddenCell([0, 0], [5])).toBe(true);
    expect(canDeriveHiddenCell([1], [7])).toBe(false);
  });

  it("publishes the total only from 5", () => {
    expect(publishTotal(4)).toEqual({ state: "fewer_than_5", count: null });
    expect(publishTotal(5)).toEqual({ state: "shown", count: 5 });
  });
});
