import MarkdownIt from "markdown-it";
import { describe, expect, it, vi } from "vitest";
import { keptMarkdownCount, renderMarkdown } from "./markdown.server.ts";

describe("renderMarkdown", () => {
  it("renders headings, lists and emphasis", () => {
    const html = renderMarkdown("## Title\n\n- one\n- **two**");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<li><strong>two</strong></li>");
  });
  it("escapes raw HTML instead of rendering it", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });
  it("refuses script links and marks external links", () => {
    const html = renderMarkdown("[a](javascript:alert(1)) [b](vbscript:x) [c](https://example.org)");
    expect(html).not.toMatch(/href="(javascript|vbscript):/);
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">c</a>');
  });
});

describe("renderMarkdown's kept HTML", () => {
  it("parses a source once and answers it again from what it kept, each source its own HTML", () => {
    const parse = vi.spyOn(MarkdownIt.prototype, "parse");
    try {
      const source = `# Kept ${Math.random()}\n\nSome *text* and a [link](https://example.org).`;
      const first = renderMarkdown(source);
      const parsed = parse.mock.calls.length;
      expect(parsed).toBe(1);
      expect(renderMarkdown(source)).toBe(first);
      expect(parse.mock.calls.length).toBe(parsed);
      const other = renderMarkdown(`${source}\n\nAn edit.`);
      expect(other).toContain("An edit.");
      expect(other).not.toBe(first);
      expect(parse.mock.calls.length).toBe(parsed + 1);
    } finally {
      parse.mockRestore();
    }
  });

  it("keeps at most 500 sources, the least recently used leaving first", () => {
    const keep = `Kept while used ${Math.random()}`;
    renderMarkdown(keep);
    for (let i = 0; i < 600; i += 1) {
      renderMarkdown(`Source number ${i} ${Math.random()}`);
      if (i % 100 === 0) renderMarkdown(keep);
    }
    expect(keptMarkdownCount()).toBe(500);
    const parse = vi.spyOn(MarkdownIt.prototype, "parse");
    try {
      renderMarkdown(keep);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
