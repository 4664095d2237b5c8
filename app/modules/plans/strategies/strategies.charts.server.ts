import { createHash } from "node:crypto";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { finishSvg } from "#app/services/charts.server.ts";

// Server only: ECharts renders SVG strings here (decision 007); nothing reaches the browser bundle.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

const THEME = {
  text: "#0f172a",
  axis: "#475569",
  fontFamily: "Noto Sans, DejaVu Sans, system-ui, sans-serif",
  fontSize: 13,
  /** Colour-blind-safe palette, each at more than 3:1 against white. */
  palette: ["#174b7a", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490"],
} as const;

/** A chart's accessible name and description, and its categories (years) and series. */
export interface SeriesChartInput {
  title: string;
  description?: string;
  categories: string[];
  series: { name: string; values: (number | null)[]; dashed?: boolean }[];
  /** The value axis labels are compact numbers in this locale's way ("1.5M", "1,5 mln."). */
  locale: Locale;
}

/** A value axis label: a compact number for the reader's locale. */
function axisLabel(value: number, locale: Locale): string {
  return formatNumber(value, locale, { notation: "compact", maximumFractionDigits: 1 });
}

/**
 * Rendered charts kept by everything they are drawn from (decision 054). A chart is a pure
 * function of its input — the kind, the accessible texts, the categories, the series and the
 * locale of the axis labels — so the key is that input written out, and a kept SVG can never be
 * stale: a changed figure, name or label is another key. ECharts' server rendering costs several
 * milliseconds of CPU a chart; a page's charts change only when a write changes their figures.
 * Two charts of the same input are the same drawing, with the same clip path names.
 * Bounded (least recently used first out): a strategy page has one chart per plan and language,
 * a measure page one per indicator and language.
 */
const renderedCharts = new Map<string, string>();
export const KEPT_CHARTS = 500;

function keptChart(kind: string, input: SeriesChartInput, draw: () => string): string {
  const key = JSON.stringify([
    kind,
    input.locale,
    input.title,
    input.description ?? null,
    input.categories,
    input.series,
  ]);
  const kept = renderedCharts.get(key);
  if (kept !== undefined) {
    renderedCharts.delete(key);
    renderedCharts.set(key, kept);
    return kept;
  }
  // ECharts names a chart's clip paths (and its other definitions) after its instance ("zr12-c0"), a
  // counter of the process; named after the chart's input instead, a page reads the same whichever
  // charts the process drew before it.
  const name = createHash("sha256").update(key).digest("hex").slice(0, 12);
  const svg = draw().replace(/\bzr\d+-/g, `chart-${name}-`);
  renderedCharts.set(key, svg);
  if (renderedCharts.size > KEPT_CHARTS) renderedCharts.delete(renderedCharts.keys().next().value!);
  return svg;
}

/** How many rendered charts are kept now (for tests). */
export function keptChartCount(): number {
  return renderedCharts.size;
}

function baseOption(input: SeriesChartInput) {
  return {
    animation: false,
    color: [...THEME.palette],
    textStyle: { fontFamily: THEME.fontFamily, fontSize: THEME.fontSize, color: THEME.text },
    legend: {
      bottom: 0,
      left: 0,
      itemGap: 12,
      textStyle: { color: THEME.text, fontSize: THEME.fontSize },
      selectedMode: false,
    },
    grid: { left: 8, right: 16, top: 12, bottom: 32 + 22 * Math.ceil(input.series.length / 2) },
    xAxis: {
      type: "category",
      data: input.categories,
      axisLine: { lineStyle: { color: THEME.axis } },
      axisLabel: { color: THEME.text },
      axisTick: { show: false },
    },
    yAxis: {
      type: "value",
      axisLabel: { color: THEME.text, formatter: (value: number) => axisLabel(value, input.locale) },
      splitLine: { lineStyle: { color: "#e2e8f0" } },
    },
  };
}

/**
 * Draws the input's series, each as `seriesOption` makes it, as an SVG 560 px wide and `baseHeight` plus a legend
 * line per two series high.
 */
function drawSeriesChart(
  input: SeriesChartInput,
  baseHeight: number,
  seriesOption: (series: SeriesChartInput["series"][number]) => Record<string, unknown>,
): string {
  const height = baseHeight + 22 * Math.ceil(input.series.length / 2);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 560, height });
  try {
    chart.setOption({ ...baseOption(input), series: input.series.map(seriesOption) });
    return finishSvg(chart.renderToSVGString(), input.title, input.description);
  } finally {
    chart.dispose();
  }
}

/** A stacked column chart (e.g. planned budget by year, one stack part per sector). */
export function renderStackedColumnChart(input: SeriesChartInput): string {
  return keptChart("stacked-columns", input, () =>
    drawSeriesChart(input, 260, (s) => ({
      type: "bar",
      name: s.name,
      stack: "total",
      data: s.values,
      silent: true,
      emphasis: { disabled: true },
      barMaxWidth: 48,
    })),
  );
}

/** A line chart (e.g. an indicator's baseline, targets and actual values per year). */
export function renderLineChart(input: SeriesChartInput): string {
  return keptChart("lines", input, () =>
    drawSeriesChart(input, 240, (s) => ({
      type: "line",
      name: s.name,
      data: s.values,
      silent: true,
      connectNulls: false,
      symbolSize: 7,
      emphasis: { disabled: true },
      lineStyle: { width: 2, type: s.dashed ? "dashed" : "solid" },
    })),
  );
}
