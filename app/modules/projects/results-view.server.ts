import { formatNumber, formatPercentValue } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import type { ResultView } from "./projects.queries.server.ts";
import { dateRange, formatMoney, namesFor, projectsTranslator, textOf, type Choices } from "./projects.view.server.ts";

/** The results framework with values formatted for the reader (shared by the public and workspace pages). */
export function resultsView(results: ResultView[], choices: Choices, locale: Locale) {
  const t = projectsTranslator(locale);
  const names = namesFor(choices, locale);
  const value = (n: number | null, unit: string) =>
    n === null
      ? "–"
      : unit === "percent"
        ? formatPercentValue(n, locale, 2)
        : unit === "amount"
          ? (formatMoney(n, "EUR", locale) ?? "")
          : formatNumber(n, locale);
  return results.map((r) => {
    const title = textOf(r.title, locale);
    const description = textOf(r.description, locale);
    return {
      id: r.id,
      kind: r.kind,
      kindLabel: t(`results.kind.${r.kind}`),
      title,
      description,
      indicators: r.indicators.map((i) => {
        const name = textOf(i.name, locale);
        return {
          id: i.id,
          name,
          unit: i.unit,
          disaggregations: i.disaggregations,
          baseline:
            i.baselineValue === null
              ? "–"
              : `${value(i.baselineValue, i.unit)}${i.baselineYear ? ` (${i.baselineYear})` : ""}`,
          periods: i.periods.map((p) => {
            const narrative = textOf(p.narrative, locale);
            return {
              id: p.id,
              version: p.version,
              periodStart: p.periodStart,
              periodEnd: p.periodEnd,
              period: dateRange(p.periodStart, p.periodEnd, locale),
              target: value(p.target, i.unit),
              actual: value(p.actual, i.unit),
              targetRaw: p.target === null ? "" : String(p.target),
              actualRaw: p.actual === null ? "" : String(p.actual),
              narrative,
              status: p.status,
              statusLabel: t(`results.status.${p.status}`),
              disaggregation: p.disaggregation.map((d) => ({
                key: `${d.dimension}-${d.category}`,
                label: `${t(`results.dimension.${d.dimension}`)}: ${d.dimension === "community" ? names.community(d.category) : t(`results.category.${d.category}`)}`,
                value: value(d.value, i.unit),
              })),
            };
          }),
        };
      }),
    };
  });
}
