import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { upsertSearchEntries } from "#app/services/search-index.server.ts";
import { createSearchTestDatabase } from "../../../tests/support/search-database.ts";
import { COUNT_CAP, MAX_RANKED, queryTerms, searchEntries, tsQueryText } from "./search.queries.server.ts";
import { highlightAll, segmentsToHtml, snippetAround } from "./snippet.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createSearchTestDatabase([
    {
      kind: "document",
      refId: 1,
      title: { sr: "Zakon o upotrebi jezika" },
      summary: { en: "The law on the use of languages" },
      body: "Члан 1. Овим законом уређује се употреба службених језика у Косову. Општине обезбеђују превод.",
      path: "library/zakon-o-upotrebi-jezika",
      originalLocale: "sr",
    },
    {
      kind: "news",
      refId: 7,
      title: { sq: "Takim për strehimin e komuniteteve rom dhe ashkali" },
      body: "Zyra për Çështje të Komuniteteve organizoi takimin në Prizren.",
      path: "news/takim",
      originalLocale: "sq",
    },
    {
      kind: "organisation",
      refId: 9,
      title: { en: "Secret draft <b>organisation</b>" },
      body: "internal only",
      path: "organizations/secret",
      isPublic: false,
    },
  ]);
});
afterAll(() => handle.close());

/** Searches the index as an anonymous reader (unless `options` say otherwise), first page of 10. */
function search(query: string, options: Partial<Parameters<typeof searchEntries>[1]> = {}) {
  return searchEntries(handle.db, { query, page: 1, pageSize: 10, includePrivate: false, ...options });
}

describe("query terms", () => {
  it("normalise script and diacritics and keep only letters and digits", () => {
    expect(queryTerms("Ćešće ČĆŽ đak")).toEqual(["cesce", "ccz", "djak"]);
    expect(queryTerms("Закон о језицима")).toEqual(["zakon", "o", "jezicima"]);
    expect(queryTerms("x' | y & !(z):*")).toEqual(["x", "y", "z"]);
    expect(tsQueryText(["zakon", "o"])).toBe("zakon & o");
    expect(tsQueryText(["zakon", "upotr"])).toBe("zakon & upotr:*");
    expect(tsQueryText(["zakon", "o"], { lastIsPrefix: false })).toBe("zakon & o");
  });
});

describe("searchEntries", () => {
  it("finds Cyrillic text with a Latin query, and Latin text with a Cyrillic query", async () => {
    const latin = await search("sluzbenih jezika");
    expect(latin.items.map((i) => i.path)).toEqual(["library/zakon-o-upotrebi-jezika"]);
    const cyrillic = await search("Призрен");
    // The municipality of Prizren (in the index since decision 038) comes first: its name is its title.
    expect(cyrillic.items[0]?.path).toBe("municipalities/20-prizren");
    expect(cyrillic.items.map((i) => i.path)).toContain("news/takim");
  });

  it("ignores diacritics and matches the last word as a prefix, the others as whole words", async () => {
    const result = await search("ceshtje komunitet");
    expect(result.items.map((i) => i.kind)).toEqual(["news"]);
    expect(result.correctedQuery).toBeNull();
    // "komunitetev" is not a whole word of the index (nor a stem of one): as a first word it is corrected to
    // the nearest known word. ("komunitet" is now known: the stem of "komuniteteve", decision 038.)
    const earlier = await search("komunitetev ceshtje");
    expect(earlier.correctedQuery).not.toBeNull();
  });

  it("replaces a word found nowhere by the nearest known word (typos), in titles and bodies", async () => {
    const title = await search("upotrbi");
    expect(title.correctedQuery).toBe("upotrebi");
    expect(title.items.map((i) => i.refId)).toContain("1");
    const body = await search("obezbedjuju prevood");
    expect(body.correctedQuery).toBe("obezbedjuju prevod");
    expect(body.items.map((i) => i.refId)).toEqual(["1"]);
    const nothing = await search("qqqqxxxx");
    expect(nothing.correctedQuery).toBeNull();
    expect(nothing.total).toBe(0);
  });

  it("caps counts at COUNT_CAP and says so", async () => {
    await upsertSearchEntries(
      handle.db,
      Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({
        kind: "event",
        refId: `cap-${i}`,
        title: { en: `Capped gathering ${i}` },
        path: `events/cap-${i}`,
      })),
    );
    const result = await search("gathering", { page: 2 });
    expect(result.counts.every((c) => c.capped)).toBe(true);
    expect(result.counts.map((c) => c.kind)).toContain("event");
    expect(result.total).toBe(COUNT_CAP);
    expect(result.totalCapped).toBe(true);
    expect(result.pageable).toBe(MAX_RANKED);
    expect(result.items).toHaveLength(10);
    const narrowed = await search("gathering 1004");
    expect(narrowed.counts).toEqual([{ kind: "event", count: 1, capped: false }]);
    const ofKind = await search("gathering", { kind: "news" });
    expect(ofKind).toMatchObject({ total: 0, totalCapped: false, items: [] });
    await sql`delete from search_entry where ref_id like 'cap-%'`.execute(handle.db);
  });

  it("counts by kind, filters by kind, and hides non-public entries from anonymous readers", async () => {
    const all = await search("organisation");
    expect(all.total).toBe(0);
    const signedIn = await search("organisation", { includePrivate: true });
    expect(signedIn.counts).toEqual([{ kind: "organisation", count: 1, capped: false }]);
    const filtered = await search("komuniteteve", { kind: "document" });
    expect(filtered.items).toEqual([]);
    expect(filtered.counts).toEqual([{ kind: "news", count: 1, capped: false }]);
  });

  it("ranks a title match above a body-only match", async () => {
    await upsertSearchEntries(handle.db, [
      {
        kind: "document",
        refId: 100,
        title: { en: "Annual report" },
        body: "housing housing housing",
        path: "library/a",
      },
      { kind: "document", refId: 101, title: { en: "Housing programme" }, body: "nothing else", path: "library/b" },
    ]);
    const result = await search("housing");
    expect(result.items.map((i) => i.refId)).toEqual(["101", "100"]);
  });

  it("runs two queries whatever the number of hits or typos", async () => {
    const { stats } = await withQueryStats(() => search("jezika"));
    expect(stats.queries).toBe(2);
    const typo = await withQueryStats(() => search("jezzika upotrbi zakon"));
    expect(typo.stats.queries).toBe(2);
    const none = await withQueryStats(() => search("  "));
    expect(none.stats.queries).toBe(0);
  });

  it("keeps the index's head columns in step with titles and summaries", async () => {
    const row = await sql<{
      head_text: string;
    }>`select head_text from search_entry where kind = 'document' and ref_id = '1'`.execute(handle.db);
    // Every word folded, followed by its stem where an ending was cut (decision 038).
    expect(row.rows[0]?.head_text).toBe(
      "zakon o upotrebi upotreb jezika jezik the law on the use of languages languag",
    );
  });
});

describe("snippets", () => {
  it("highlight in the original script", () => {
    const segments = snippetAround("Овим законом уређује се употреба службених језика.", queryTerms("sluzbenih"));
    expect(segments?.filter((s) => s.mark).map((s) => s.text)).toEqual(["службених"]);
  });

  it("mark whole words that start with a term, across diacritics", () => {
    expect(
      highlightAll("Çështje të Komuniteteve", ["ceshtje", "komunitet"])
        .filter((s) => s.mark)
        .map((s) => s.text),
    ).toEqual(["Çështje", "Komuniteteve"]);
  });

  it("mark the words a query matched in another script, spelling or inflected form", () => {
    const marked = (text: string, query: string) =>
      highlightAll(text, queryTerms(query))
        .filter((s) => s.mark)
        .map((s) => s.text);
    expect(marked("Састанак са Ромима и Ашкалијама", "romët ashkalinjtë")).toEqual(["Ромима", "Ашкалијама"]);
    expect(marked("Takim me ashkalinjtë në Prizren", "Ашкалије")).toEqual(["ashkalinjtë"]);
    expect(marked("Džamija i čaršija", "xhamia")).toEqual(["Džamija"]);
    expect(marked("Romantika", "romë")).toEqual([]);
  });

  it("escape markup in the API's HTML", () => {
    const html = segmentsToHtml(highlightAll(`<script>alert("x")</script> jezik`, ["jezik"]));
    expect(html).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>jezik</mark>");
  });

  it("return null when the text has no match", () => {
    expect(snippetAround("nothing here", ["jezik"])).toBeNull();
  });
});
