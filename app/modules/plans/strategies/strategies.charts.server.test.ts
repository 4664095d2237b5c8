import { describe, expect, it } from "vitest";
import {
  KEPT_CHARTS,
  keptChartCount,
  renderLineChart,
  renderStackedColumnChart,
  type SeriesChartInput,
} from "./strategies.charts.server.ts";

/*
 * Decision 054: rendered charts are kept by their whole input. A kept SVG must be exactly what a
 * fresh rendering gives, and any change of what a chart shows must give the new drawing.
 */

const input = (overrides: Partial<SeriesChartInput> = {}): SeriesChartInput => ({
  title: "Planned budget by sector and year",
  description: "Largest: education.",
  categories: ["2024", "2025", "2026"],
  series: [
    { name: "Education", values: [1000, 2000, 3000] },
    { name: "Health", values: [500, 0, 250] },
  ],
  locale: "en",
  ...overrides,
});

describe("charts kept by their input", () => {
  it("gives the same SVG for the same input, as one string", () => {
    const first = renderStackedColumnChart(input());
    expect(first.startsWith("<svg ")).toBe(true);
    const count = keptChartCount();
    expect(renderStackedColumnChart(input())).toBe(first);
    expect(keptChartCount()).toBe(count);
  });

  it("draws again when a value, a name, a category, a text or the locale changes", () => {
    const base = renderStackedColumnChart(input());
    const changed = [
      input({
        series: [
          { name: "Education", values: [1000, 2000, 900_000] },
          { name: "Health", values: [500, 0, 250] },
        ],
      }),
      input({
        series: [
          { name: "Schooling", values: [1000, 2000, 3000] },
          { name: "Health", values: [500, 0, 250] },
        ],
      }),
      input({ categories: ["2024", "2025", "2027"] }),
      input({ title: "Another title" }),
      input({ description: "Largest: health." }),
      input({ locale: "sq" }),
    ];
    const svgs = changed.map((c) => renderStackedColumnChart(c));
    for (const svg of svgs) expect(svg).not.toBe(base);
    expect(new Set(svgs).size).toBe(svgs.length);
    expect(svgs[0]).toContain(">1M<");
    expect(base).not.toContain(">1M<");
    expect(svgs[1]).toContain("Schooling");
    expect(svgs[3]).toContain("<title>Another title</title>");
    // Albanian compact numbers ("1 mijë"), not English ("1K").
    expect(svgs[5]).not.toContain("3K");
    expect(base).toContain("3K");
  });

  it("keeps line and column charts of the same input apart", () => {
    const line = renderLineChart(input());
    const columns = renderStackedColumnChart(input());
    expect(line).not.toBe(columns);
    expect(renderLineChart(input())).toBe(line);
  });

  it("keeps at most KEPT_CHARTS drawings, and draws a forgotten one again the same", () => {
    const first = renderLineChart(input({ title: "chart 0" }));
    for (let i = 1; i <= KEPT_CHARTS; i++)
      renderLineChart(input({ title: `chart ${i}`, categories: ["2024"], series: [{ name: "A", values: [i] }] }));
    expect(keptChartCount()).toBe(KEPT_CHARTS);
    const again = renderLineChart(input({ title: "chart 0" }));
    expect(keptChartCount()).toBe(KEPT_CHARTS);
    // Drawn again by a new ECharts instance, yet the same: clip paths are named after the chart's input.
    expect(again).toBe(first);
    expect(first).toMatch(/clip-path="url\(#chart-[0-9a-f]{12}-c0\)"/);
    expect(first).not.toMatch(/zr\d+-/);
  });
});
