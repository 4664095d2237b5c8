import type { MeasureReportFields } from "./reporting.schema.ts";

/**
 * A measure report's form as a focal point leaves it untouched (status "in progress", every text
 * empty), with `overrides` on top: what the tests that save, submit and review reports start from.
 */
export function measureReportFields(version: number, overrides: Partial<MeasureReportFields> = {}): MeasureReportFields {
  return {
    version,
    status: "in_progress",
    achievements: "",
    achievementsLocale: undefined,
    challenges: "",
    challengesLocale: undefined,
    recommendations: "",
    evidenceUrl: "",
    evidenceLabel: "",
    ...overrides,
  };
}
