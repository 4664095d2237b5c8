import { BarChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";

// Server only: ECharts renders to an SVG string here and never reaches the browser bundle.
echarts.use([BarChart, GridComponent, SVGRenderer]);

/** One bar: its category label, its value and, optionally, the text shown at its end. */
export interface BarDatum {
  label: string;
  value: number;
  /** Shown at the end of the bar; defaults to the value formatted for the locale. */
  valueLabel?: string;
}

/** What a horizontal bar chart shows and how it is described to people who cannot see it. */
export interface HorizontalBarChartInput {
  /** Accessible name of the chart (the SVG's `<title>` and `aria-label`). */
  title: string;
  /** Longer text alternative (the SVG's `<desc>`), e.g. the main finding and where the full figures are. */
  description?: string;
  bars: BarDatum[];
  /** Formats the default value labels. */
  locale: Locale;
  /** Width of the drawing in px; the SVG scales to its container, so this sets the text size relative to the bars. */
  width?: number;
  /** Bar colour; the default is the brand blue, at more than 3:1 against white. */
  color?: string;
}

/** Colours and sizes shared by the platform's charts: slate-900 text, brand-700 bars, the site's fonts. */
const THEME = {
  text: "#0f172a",
  axis: "#475569",
  bar: "#174b7a",
  fontFamily: "Noto Sans, DejaVu Sans, system-ui, sans-serif",
  fontSize: 14,
  barHeight: 16,
  /** Height of one category: its label line above the bar, the bar and the gap to the next. */
  bandHeight: 46,
  /** Rough width of one character at `fontSize`, to reserve room for the value labels. */
  charWidth: 8,
} as const;

/** Room above the first band: its label line sits above its bar and would otherwise be cut off at the top of the SVG. */
const CHART_TOP = 12;

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

/**
 * Makes ECharts' SVG fit for inline HTML: scales to its container (viewBox kept, width 100%),
 * carries `role="img"`, an accessible name and description, and drops the renderer's hover styles
 * and instance-numbered class names so the same input always gives the same output. Every chart of
 * the platform goes through it (the strategies' series charts too).
 */
export function finishSvg(svg: string, title: string, description: string | undefined): string {
  const label = escapeXml(title);
  const accessibleText = `<title>${label}</title>${description ? `<desc>${escapeXml(description)}</desc>` : ""}`;
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, "")
    .replace(/ class="zr\d+-cls-\d+"/g, "")
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
    .replace(
      /^<svg width="\d+(?:\.\d+)?" height="\d+(?:\.\d+)?"/,
      `<svg width="100%" role="img" aria-label="${label}" focusable="false"`,
    )
    .replace(/(<svg[^>]*>)/, `$1${accessibleText}`)
    .replace(/\n/g, "");
}

/**
 * Renders a horizontal bar chart to an SVG string on the server with Apache ECharts (no
 * animation, no script). Each category's label sits above its bar and the value at the bar's
 * end, so the chart stays legible when it is scaled down to a 320 px wide screen. Insert it with
 * `dangerouslySetInnerHTML` inside a `<figure>`; labels are escaped by the renderer.
 */
export function renderHorizontalBarChart(input: HorizontalBarChartInput): string {
  const width = input.width ?? 360;
  const labels = input.bars.map((bar) => bar.label);
  const valueLabels = input.bars.map((bar) => bar.valueLabel ?? formatNumber(bar.value, input.locale));
  const longestValueLabel = Math.max(0, ...valueLabels.map((label) => label.length));
  const right = Math.min(Math.round(width / 2), longestValueLabel * THEME.charWidth + 12);
  const height = Math.max(1, input.bars.length) * THEME.bandHeight + CHART_TOP + 2;
  const max = Math.max(0, ...input.bars.map((bar) => bar.value));

  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: THEME.fontFamily, fontSize: THEME.fontSize, color: THEME.text },
      grid: { left: 1, right, top: CHART_TOP, bottom: 2, outerBoundsMode: "none" },
      xAxis: { type: "value", show: false, min: 0, max: max > 0 ? max : 1 },
      yAxis: {
        type: "category",
        inverse: true,
        data: labels,
        axisTick: { show: false },
        axisLine: { show: true, lineStyle: { color: THEME.axis, width: 1 } },
        axisLabel: {
          inside: true,
          align: "left",
          verticalAlign: "bottom",
          margin: 4,
          padding: [0, 0, THEME.barHeight / 2 + 4, 0],
          color: THEME.text,
          fontSize: THEME.fontSize,
          fontFamily: THEME.fontFamily,
          width: width - 8,
          overflow: "truncate",
          ellipsis: "…",
        },
      },
      series: [
        {
          type: "bar",
          data: input.bars.map((bar) => bar.value),
          barWidth: THEME.barHeight,
          silent: true,
          emphasis: { disabled: true },
          itemStyle: { color: input.color ?? THEME.bar },
          label: {
            show: true,
            position: "right",
            distance: 6,
            color: THEME.text,
            fontSize: THEME.fontSize,
            fontFamily: THEME.fontFamily,
            formatter: (params: { dataIndex: number }) => valueLabels[params.dataIndex] ?? "",
          },
        },
      ],
    });
    return finishSvg(chart.renderToSVGString(), input.title, input.description);
  } finally {
    chart.dispose();
  }
}
