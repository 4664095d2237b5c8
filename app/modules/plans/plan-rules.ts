import type { IndicatorUnit } from "#app/db/tables/strategies.ts";

/** Whether a value suits an indicator's unit: counts are whole and not negative, percentages 0–100, amounts not negative. */
export function targetFits(unit: IndicatorUnit, value: string): boolean {
  const n = Number(value);
  if (unit === "count") return Number.isInteger(n) && n >= 0;
  if (unit === "percent") return n >= 0 && n <= 100;
  if (unit === "amount") return n >= 0;
  return true;
}
