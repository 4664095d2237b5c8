import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server.ts";

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
