import { describe, expect, it } from "vitest";
import { passageLanguage, snippetFor } from "./search-page.server.ts";
import { queryTerms, type SearchHit } from "./search.queries.server.ts";

function hit(parts: Partial<SearchHit>): SearchHit {
  return {
    kind: "news",
    refId: "1",
    path: "news/x",
    title: { en: "x" },
    summary: {},
    body: "",
    originalLocale: null,
    publishedAt: null,
    rank: 1,
    ...parts,
  };
}

/** The snippet of a hit made of `parts` for the query `query`, for a reader of `locale`. */
const snippetOf = (parts: Partial<SearchHit>, query: string, locale: Parameters<typeof snippetFor>[2]) =>
  snippetFor(hit(parts), queryTerms(query), locale);

const text = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

describe("a snippet's language (issue 15 item 3)", () => {
  it("comes from the reader's summary, in the reader's language, unmarked", () => {
    const snippet = snippetOf(
      { summary: { sq: "Strehim për familjet rome në Prizren.", en: "Housing for Roma families in Prizren." } },
      "roma",
      "en",
    );
    expect(text(snippet.segments)).toBe("Housing for Roma families in Prizren.");
    expect(snippet.language).toEqual({ lang: "en", shownLocale: "en", isFallback: false, isMachine: false });
  });
  it("comes from another language of the summary when the match is only there, marked as a fallback", () => {
    const snippet = snippetOf(
      { summary: { sq: "Strehim për familjet ashkali.", en: "Housing for families." } },
      "ashkali",
      "en",
    );
    expect(text(snippet.segments)).toBe("Strehim për familjet ashkali.");
    expect(snippet.language).toMatchObject({ lang: "sq", shownLocale: "sq", isFallback: true });
  });
  it("shows a Serbian passage in Cyrillic to sr-cyrl readers, highlight and all", () => {
    const snippet = snippetOf(
      { summary: { en: "Housing." }, body: "Srednjoškolci iz romske zajednice dobijaju stipendije." },
      "romske",
      "sr-cyrl",
    );
    expect(text(snippet.segments)).toBe("Средњошколци из ромске заједнице добијају стипендије.");
    expect(snippet.segments.find((s) => s.mark)?.text).toBe("ромске");
    expect(snippet.language).toMatchObject({ lang: "sr-Cyrl", isFallback: false });
  });
  it("reads the language of a body passage off its letters, else takes the item's original language", () => {
    expect(passageLanguage("Ђерђ Кастриот Скендербег", "en")).toBe("sr");
    expect(passageLanguage("nxënësit nga të gjitha komunat", null)).toBe("sq");
    expect(passageLanguage("Opštinama Kosova predstavljena je strategija", "en")).toBe("sr");
    expect(passageLanguage("Interviews with Ashkali and Roma families", "en")).toBe("en");
    expect(passageLanguage("Interviews with Ashkali and Roma families", null)).toBe("en");
    expect(
      snippetOf({ body: "Aplikojnë nxënësit nga të gjitha komunat e Kosovës." }, "komunat", "sr-cyrl").language,
    ).toMatchObject({ lang: "sq", isFallback: true });
  });
});
