import { describe, expect, it } from "vitest";
import { renderHorizontalBarChart } from "./charts.server.ts";

const bars = [
  { label: "Shqiptarë", value: 132_045, valueLabel: "132.045 (89,7 %)" },
  { label: "Срби", value: 202 },
  { label: "Roma", value: 0 },
];

describe("renderHorizontalBarChart", () => {
  const svg = renderHorizontalBarChart({
    title: "Population by community",
    description: "Largest: Albanians.",
    locale: "en",
    bars,
  });

  it("is one SVG image with an accessible name and description", () => {
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg.match(/<svg /g)).toHaveLength(1);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/^<svg [^>]*aria-label="Population by community"/);
    expect(svg).toContain("<title>Population by community</title><desc>Largest: Albanians.</desc>");
  });

  it("scales to its container: a viewBox, width 100 % and no fixed height", () => {
    const root = /^<svg [^>]*>/.exec(svg)?.[0] ?? "";
    expect(root).toMatch(/viewBox="0 0 360 \d+"/);
    expect(root).toContain('width="100%"');
    expect(root).not.toMatch(/ height="/);
  });

  it("draws every label and value, formatting values for the locale unless a label is given", () => {
    expect(svg).toContain(">Shqiptarë<");
    expect(svg).toContain(">Срби<");
    expect(svg).toContain(">Roma<");
    expect(svg).toContain(">132.045 (89,7 %)<");
    expect(svg).toContain(">202<");
    expect(renderHorizontalBarChart({ title: "t", locale: "sq", bars: [{ label: "a", value: 1234567 }] })).toContain(
      `>${new Intl.NumberFormat("sq").format(1234567)}<`,
    );
  });

  it("has one bar per datum in the given colour", () => {
    const coloured = renderHorizontalBarChart({ title: "t", locale: "en", bars, color: "#123456" });
    expect(coloured.match(/fill="#123456"/g)).toHaveLength(bars.length);
  });

  it("carries no script, no style sheet and no renderer-numbered classes", () => {
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/<style/i);
    expect(svg).not.toMatch(/zr\d+-cls/);
    expect(svg).not.toMatch(/ecmeta_/);
    expect(svg).not.toMatch(/\son[a-z]+=/i);
  });

  it("escapes hostile labels and titles", () => {
    const hostile = renderHorizontalBarChart({
      title: `"><script>alert(1)</script>`,
      description: "<img src=x onerror=alert(1)>",
      locale: "en",
      bars: [{ label: "<script>alert(2)</script>", value: 3, valueLabel: "<b>3</b>" }],
    });
    expect(hostile).not.toMatch(/<script/i);
    expect(hostile).not.toMatch(/<img/i);
    expect(hostile).not.toContain("<b>");
    expect(hostile).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(hostile).toContain('aria-label="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it("gives the same output for the same input, however many charts were drawn before", () => {
    renderHorizontalBarChart({ title: "other", locale: "en", bars: [{ label: "x", value: 1 }] });
    expect(
      renderHorizontalBarChart({
        title: "Population by community",
        description: "Largest: Albanians.",
        locale: "en",
        bars,
      }),
    ).toBe(svg);
  });

  it("grows in height with the number of bars and copes with none", () => {
    const heightOf = (markup: string) => Number(/viewBox="0 0 \d+ (\d+)"/.exec(markup)?.[1]);
    const many = renderHorizontalBarChart({ title: "t", locale: "en", bars: [...bars, ...bars] });
    expect(heightOf(many)).toBeGreaterThan(heightOf(svg));
    const empty = renderHorizontalBarChart({ title: "Nothing", locale: "en", bars: [] });
    expect(empty).toMatch(/^<svg [^>]*role="img"/);
  });
});
