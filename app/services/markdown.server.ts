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

/** Renders user-written Markdown to safe HTML (no raw HTML, no script URLs). */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
