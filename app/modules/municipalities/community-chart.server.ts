import { renderHorizontalBarChart, type HorizontalBarChartInput } from "#app/services/charts.server.ts";

/*
 * The municipality page's bar chart of its communities, drawn once per process for each input
 * (issue 18, decision 058). Drawing it with ECharts costs 10–40 ms of CPU per request, and what it
 * shows — the census figures of one municipality, in one language — changes only when those
 * figures or the words change. The drawing is a pure function of its input (same input, same
 * SVG), so the input itself is the key: a changed figure or word is a new key, and nothing kept
 * can be stale, whoever wrote the figures (another instance, a migration, direct SQL).
 */

/** 38 municipalities × 7 languages fit, with room for a changed figure; the least recently used leaves first. */
const MAX_KEPT = 400;
const kept = new Map<string, string>();

/** `renderHorizontalBarChart(input)`, kept per input. */
export function keptHorizontalBarChart(input: HorizontalBarChartInput): string {
  const key = JSON.stringify(input);
  let svg = kept.get(key);
  if (svg === undefined) svg = renderHorizontalBarChart(input);
  else kept.delete(key);
  kept.set(key, svg);
  if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  return svg;
}
