import MarkdownIt from "markdown-it";

// Raw HTML is disabled: every `<` in the source is escaped, so Markdown cannot inject markup.
// markdown-it also refuses javascript:, vbscript: and data: (other than images) link targets.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet("href") ?? "");
  if (token && /^https?:\/\//i.test(href)) token.attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * The HTML of recently rendered sources, by the source itself: a page shows the same text (an about
 * page, a news item, a document's summary) to every visitor until someone edits it, and parsing it
 * again costs more than looking it up. Least recently used first out, within a count and a budget of
 * characters; the key is the whole source, so nothing is ever stale.
 */
const rendered = new Map<string, string>();
const KEPT_MAX_ENTRIES = 500;
const KEPT_MAX_CHARS = 8_000_000;
const KEPT_MAX_SOURCE_CHARS = 200_000;
let keptChars = 0;

/** Renders user-written Markdown to safe HTML (no raw HTML, no script URLs). */
export function renderMarkdown(source: string): string {
  const kept = rendered.get(source);
  if (kept !== undefined) {
    rendered.delete(source);
    rendered.set(source, kept);
    return kept;
  }
  const html = markdown.render(source);
  if (source.length <= KEPT_MAX_SOURCE_CHARS) {
    rendered.set(source, html);
    keptChars += source.length + html.length;
    for (const [oldest, value] of rendered) {
      if (rendered.size <= KEPT_MAX_ENTRIES && keptChars <= KEPT_MAX_CHARS) break;
      rendered.delete(oldest);
      keptChars -= oldest.length + value.length;
    }
  }
  return html;
}

/** How many rendered sources are kept (for tests). */
export function keptMarkdownCount(): number {
  return rendered.size;
}
