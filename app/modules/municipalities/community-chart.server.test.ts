import { describe, expect, it } from "vitest";
import { renderHorizontalBarChart } from "#app/services/charts.server.ts";
import { keptHorizontalBarChart } from "./community-chart.server.ts";

describe("keptHorizontalBarChart", () => {
  const input = {
    title: "Communities of Prizren",
    locale: "en" as const,
    bars: [
      { label: "Albanians", value: 120_000, valueLabel: "120,000 (80%)" },
      { label: "Bosniaks", value: 16_000, valueLabel: "16,000 (11%)" },
    ],
  };

  it("draws what renderHorizontalBarChart draws, and the same again for the same input", () => {
    const drawn = renderHorizontalBarChart(input);
    expect(keptHorizontalBarChart(input)).toBe(drawn);
    expect(keptHorizontalBarChart(structuredClone(input))).toBe(drawn);
  });

  it("draws again when a figure, a word or the language changes: nothing kept is stale", () => {
    keptHorizontalBarChart(input);
    const changedFigure = { ...input, bars: [input.bars[0]!, { ...input.bars[1]!, value: 30_000 }] };
    expect(keptHorizontalBarChart(changedFigure)).toBe(renderHorizontalBarChart(changedFigure));
    expect(keptHorizontalBarChart(changedFigure)).not.toBe(keptHorizontalBarChart(input));
    const changedWord = { ...input, title: "Komunitetet e Prizrenit", locale: "sq" as const };
    expect(keptHorizontalBarChart(changedWord)).toBe(renderHorizontalBarChart(changedWord));
    expect(keptHorizontalBarChart(changedWord)).toContain("Komunitetet e Prizrenit");
  });
});
