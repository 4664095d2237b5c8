/*
 * Small-count suppression for the public statistics (see docs/decisions/016-needs-public-statistics.md).
 *
 * Every table the public sees is one-way (cases by one dimension) and every table sums to the
 * same total, which is public. So for each table, a reader knows the sum of the cells that are not
 * shown (the total minus the shown cells) and the range each hidden cell can be in: 0–4 for a cell
 * shown as "fewer than 5", 5 or more for a cell withheld. A hidden cell is revealed when that
 * range, together with the known sum, leaves it exactly one possible value. The rule:
 *
 * 1. every cell under 5, zero included, is shown as "fewer than 5" (primary suppression);
 * 2. while some hidden cell could still be calculated, the smallest cell still shown is withheld
 *    too (secondary suppression), shown as "withheld";
 * 3. if no cell is left to withhold and a hidden cell could still be calculated, the whole table is
 *    withheld.
 */

/** Cells below this are never published. */
export const SMALL_COUNT_LIMIT = 5;

/** How a cell is published: its number, "fewer than 5", or withheld so that a small cell cannot be derived. */
export type CellState = "shown" | "fewer_than_5" | "withheld";

/** One published cell: the count only when its state is "shown". */
export interface PublishedCell<K> {
  key: K;
  state: CellState;
  count: number | null;
}

/** A published table: its cells, or every cell withheld when the table could not be protected. */
export interface PublishedTable<K> {
  cells: PublishedCell<K>[];
  isWithheld: boolean;
}

/**
 * True when a reader who knows the table's total could work out the exact value of a hidden
 * cell: `small` are the true values of the cells shown as "fewer than 5" (each known to be 0–4),
 * `withheld` those withheld (each known to be 5 or more).
 */
export function canDeriveHiddenCell(small: number[], withheld: number[]): boolean {
  if (small.length === 0) return false;
  const hiddenSum = [...small, ...withheld].reduce((a, b) => a + b, 0);
  const lower = SMALL_COUNT_LIMIT - 1;
  const smallCount = small.length;
  const withheldCount = withheld.length;
  // A small cell's possible values: at least the sum minus the most the others could hold, at most
  // the sum minus the least they could hold, within 0–4.
  const smallMin = withheldCount > 0 ? 0 : Math.max(0, hiddenSum - lower * (smallCount - 1));
  const smallMax = Math.min(lower, hiddenSum - SMALL_COUNT_LIMIT * withheldCount);
  if (smallMin >= smallMax) return true;
  // A withheld cell pinned to exactly 5 reveals that every small cell is 0.
  if (withheldCount > 0) {
    const withheldMax = hiddenSum - SMALL_COUNT_LIMIT * (withheldCount - 1);
    if (withheldMax <= SMALL_COUNT_LIMIT) return true;
  }
  return false;
}

/** Applies the rule above to one table of counts (in display order). */
export function suppressTable<K>(cells: readonly { key: K; count: number }[]): PublishedTable<K> {
  const states: CellState[] = cells.map((c) => (c.count < SMALL_COUNT_LIMIT ? "fewer_than_5" : "shown"));
  const valuesIn = (state: CellState) => cells.filter((_, i) => states[i] === state).map((c) => c.count);
  while (canDeriveHiddenCell(valuesIn("fewer_than_5"), valuesIn("withheld"))) {
    let smallest = -1;
    cells.forEach((cell, i) => {
      if (states[i] === "shown" && (smallest < 0 || cell.count < (cells[smallest]?.count ?? Infinity))) smallest = i;
    });
    if (smallest < 0) {
      return { isWithheld: true, cells: cells.map((c) => ({ key: c.key, state: "withheld", count: null })) };
    }
    states[smallest] = "withheld";
  }
  return {
    isWithheld: false,
    cells: cells.map((c, i) => ({
      key: c.key,
      state: states[i] ?? "withheld",
      count: states[i] === "shown" ? c.count : null,
    })),
  };
}

/** The total as published: its number when it is 5 or more, otherwise "fewer than 5". */
export function publishTotal(total: number): { state: "shown" | "fewer_than_5"; count: number | null } {
  return total < SMALL_COUNT_LIMIT ? { state: "fewer_than_5", count: null } : { state: "shown", count: total };
}
