import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import { renderRoute } from "../../../../tests/support/render-route.tsx";
import { ItemCards } from "./item-cards.tsx";
import { TextSection } from "./item-page.tsx";

/*
 * The cards of the public lists (`ItemCards`): each item in its list item, the heading its title in its
 * language linking to its page, the kind's tags first, then "demo" and the title's translation note, then the
 * body; and a text section of an item's page in plain text or in Markdown rendered on the server.
 */

const shown = (text: string, lang: "en" | "sq", isFallback = false): LocalizedText => ({
  text,
  lang,
  shownLocale: lang,
  isFallback,
  isMachine: false,
});

const items = [
  { slug: "first", title: shown("First", "en"), isDemo: false, note: "one" },
  { slug: "second", title: shown("E dyta", "sq", true), isDemo: true, note: "two" },
];

function render(Page: () => ReactNode) {
  return renderRoute("en", "/en/things", "/:lang/things", Page, null);
}

describe("ItemCards", () => {
  it("draws a card per item: its link and title's language, the kind's tags, then demo and the note, then the body", () => {
    const html = render(() => (
      <ItemCards items={items} locale="en" kind="things" className="grid" tags={(i) => <b>{i.note}</b>}>
        {(i) => <p>{`Body of ${i.slug}`}</p>}
      </ItemCards>
    ));
    expect(html.match(/<li class="flex">/g)).toHaveLength(2);
    expect(html).toContain('<ul class="grid">');
    expect(html).toContain('<h3 class="text-base sm:text-lg" lang="en"><a href="/en/things/first"');
    expect(html).toContain('<h3 class="text-base sm:text-lg" lang="sq"><a href="/en/things/second"');
    const [first, second] = html.split('<li class="flex">').slice(1) as [string, string];
    expect(first).toContain("<b>one</b>");
    expect(first).not.toContain("Demo content");
    expect(first).not.toContain("Not yet available in your language");
    expect(second.indexOf("<b>two</b>")).toBeLessThan(second.indexOf("Demo content"));
    expect(second.indexOf("Demo content")).toBeLessThan(second.indexOf("Not yet available in your language"));
    expect(second).toContain("Body of second");
  });

  it("leaves the body out when the kind gives none", () => {
    const html = render(() => (
      <ItemCards items={items.slice(0, 1)} locale="en" kind="things" tags={() => null}>
        {() => null}
      </ItemCards>
    ));
    expect(html).toContain('<ul class="grid gap-4 sm:grid-cols-2">');
    expect(html).not.toContain('class="mt-2 text-slate-700"');
  });
});

describe("TextSection", () => {
  it("shows plain text as written, and Markdown as the HTML rendered for it", () => {
    const plain = render(() => <TextSection id="what" heading="What" value={shown("Line\nnext", "en")} />);
    expect(plain).toContain('<section aria-labelledby="what" class="mt-6"><h2 id="what">What</h2>');
    expect(plain).toContain('<p class="whitespace-pre-line" lang="en">Line\nnext</p>');
    const markdown = render(() => (
      <TextSection
        id="agenda"
        heading="Agenda"
        value={{ ...shown("**A**", "en"), html: "<p><strong>A</strong></p>" }}
      />
    ));
    expect(markdown).toContain('<div class="prose-content" lang="en"><p><strong>A</strong></p></div>');
    expect(render(() => <TextSection id="none" heading="None" value={null} />)).not.toContain("<section");
  });
});
