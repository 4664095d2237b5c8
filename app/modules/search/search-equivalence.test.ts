import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import type { SearchEntryInput } from "#app/services/search-index.server.ts";
import { createSearchTestDatabase } from "../../../tests/support/search-database.ts";
import { searchEntries } from "./search.queries.server.ts";

/*
 * Search that ignores language and script (issue 15 item 5, decision 038): pairs of queries that must
 * give the same results (the same entries, compared by kind and id), and each at least the entries
 * named. The texts are written as the platform's authors write them: Albanian, Serbian in both scripts
 * and English, with the names of the communities, places and people in their usual inflected forms.
 * The database also holds the 38 municipalities and their settlements (migration 0032). Runs on PGlite
 * (`npx vitest run`) and on PostgreSQL (`scripts/test-pg.sh <this file>`).
 */

/**
 * An entry written in one language, the original one: its title and summary are in `locale`, and its id is
 * the last part of its path.
 */
function written(
  locale: ContentLocale,
  path: string,
  entry: { kind: string; title: string; summary?: string; body: string },
): SearchEntryInput {
  const inLocale = (text: string) => ({ [locale]: text }) as TranslatedText;
  return {
    kind: entry.kind,
    refId: path.slice(path.lastIndexOf("/") + 1),
    title: inLocale(entry.title),
    ...(entry.summary === undefined ? {} : { summary: inLocale(entry.summary) }),
    body: entry.body,
    path,
    originalLocale: locale,
  };
}

const ENTRIES: SearchEntryInput[] = [
  written("sq", "news/sq-takim", {
    kind: "news",
    title: "Takim me komunitetet rom, ashkali dhe egjiptian në Prizren",
    summary: "Zyra për Çështje të Komuniteteve takoi përfaqësuesit e romëve, ashkalinjve dhe egjiptianëve.",
    body: "Komunat duhet të zbatojnë planin e veprimit për përfshirjen e romëve dhe ashkalinjve. Romët dhe ashkalitë kërkuan strehim; egjiptianët kërkuan punësim. Takimi u mbajt pranë xhamisë në çarshinë e Prizrenit.",
  }),
  written("sr", "news/sr-cyrl-sastanak", {
    kind: "news",
    title: "Састанак са представницима Рома, Ашкалија и Египћана",
    body: "Канцеларија за питања заједница разговарала је са Ромима, Ашкалијама и Египћанима о запошљавању у општинама Призрен и Ђаковица. Стратегија предвиђа становање за ромске породице.",
  }),
  written("sr", "library/sr-strategija", {
    kind: "document",
    title: "Strategija za uključivanje zajednica Roma i Aškalija u Republici Kosovo",
    summary: "Opštine obezbeđuju stanovanje i zapošljavanje za Rome, Aškalije i Egipćane.",
    body: "Svaka opština imenuje koordinatora. Aškalijska i romska deca upisuju se u škole. Egipćanin Šaban Ćazim iz Žura govorio je o obnovi džamije i čaršije. Zajednica Egipćana traži podršku opštini.",
  }),
  written("en", "library/en-employment", {
    kind: "document",
    title: "Employment of Roma, Ashkali and Egyptian youth in Kosovo",
    summary: "A study of municipalities Gjakova and Ferizaj.",
    body: "Interviews with Ashkali and Roma families; the Egyptian community of Gjakova. Skanderbeg (Gjergj Kastrioti) square.",
  }),
  written("sq", "services/sq-strehim", {
    kind: "service",
    title: "Strehimi i familjeve ashkali në Ferizaj",
    summary: "Komuna e Ferizajt ndihmon familjet ashkali me strehim dhe punësim.",
    body: "Shaban Qazimi nga Zhuri foli për xhaminë dhe çarshinë. Strategjia e komunës për vitet 2022–2026. Plani i veprimit i Kosovës.",
  }),
  written("sr", "events/sr-djerdj", {
    kind: "event",
    title: "Izložba o Đerđu Kastriotu",
    body: "Džamija i čaršija u Prizrenu. Ђерђ Кастриот Скендербег. Opštinama Kosova predstavljena je strategija zapošljavanja.",
  }),
  written("sq", "opportunities/sq-bursa", {
    kind: "opportunity",
    title: "Bursa për nxënësit romë, ashkali dhe egjiptianë",
    summary: "Strategjia për përfshirjen e komuniteteve.",
    body: "Aplikojnë nxënësit nga të gjitha komunat e Kosovës. Gjergj Fishta. Për punësimin e të rinjve.",
  }),
];

/** [first query, second query, entries (kind:id) both must find]. */
const PAIRS: [string, string, string[]][] = [
  // The communities' names, in every spelling, script and common inflected form.
  [
    "ashkali",
    "ашкали",
    [
      "news:sq-takim",
      "news:sr-cyrl-sastanak",
      "document:sr-strategija",
      "document:en-employment",
      "service:sq-strehim",
    ],
  ],
  ["ashkali", "aškali", ["news:sq-takim", "service:sq-strehim"]],
  ["ashkali", "Ашкалије", ["news:sr-cyrl-sastanak", "document:sr-strategija"]],
  ["ashkali", "ashkalinjtë", ["news:sq-takim", "opportunity:sq-bursa"]],
  ["Aškalija", "ashkalive", ["document:sr-strategija", "news:sq-takim"]],
  ["ASHKALI", "askali", ["document:en-employment"]],
  ["Ашкалијама", "Ashkalinjve", ["news:sr-cyrl-sastanak", "news:sq-takim"]],
  ["aškalije", "ashkalitë", ["document:sr-strategija"]],
  [
    "roma",
    "romë",
    [
      "news:sq-takim",
      "news:sr-cyrl-sastanak",
      "document:sr-strategija",
      "document:en-employment",
      "opportunity:sq-bursa",
    ],
  ],
  ["Roma", "Romi", ["document:en-employment"]],
  ["romëve", "Ромима", ["news:sq-takim", "news:sr-cyrl-sastanak"]],
  ["Рома", "romët", ["document:sr-strategija"]],
  ["Romë", "rome", ["opportunity:sq-bursa"]],
  ["romska", "ромске", ["document:sr-strategija", "news:sr-cyrl-sastanak"]],
  ["Egjiptianët", "Egjiptian", ["news:sq-takim", "opportunity:sq-bursa"]],
  ["egjiptianëve", "EGJIPTIANË", ["news:sq-takim"]],
  ["Egipćani", "Египћани", ["news:sr-cyrl-sastanak", "document:sr-strategija"]],
  ["Egipćanin", "egipcana", ["document:sr-strategija", "news:sr-cyrl-sastanak"]],
  // Municipalities, in both languages' declensions (the municipalities themselves are in the index too).
  ["komunat", "komuna", ["news:sq-takim", "service:sq-strehim", "opportunity:sq-bursa"]],
  ["komunë", "komunave", ["service:sq-strehim"]],
  ["komunës", "Komunën", ["service:sq-strehim"]],
  ["opštine", "opština", ["document:sr-strategija", "news:sr-cyrl-sastanak", "event:sr-djerdj"]],
  ["општинама", "opstini", ["document:sr-strategija"]],
  ["Prizren", "Призрен", ["news:sq-takim", "news:sr-cyrl-sastanak", "municipality:20"]],
  ["Prizrenit", "Prizrenu", ["news:sq-takim", "event:sr-djerdj"]],
  ["Kosova", "Kosovo", ["document:en-employment", "document:sr-strategija", "service:sq-strehim"]],
  ["Косово", "Kosovës", ["opportunity:sq-bursa", "event:sr-djerdj"]],
  // Albanian and Serbian spellings of one sound: sh/š/ш, zh/ž/ж, ç/č/ч, xh/dž/џ, q/ć/ћ, gj/đ/ђ, ë/e.
  ["Shaban", "Šaban", ["document:sr-strategija", "service:sq-strehim"]],
  ["Шабан", "saban", ["service:sq-strehim"]],
  ["Zhur", "Žur", ["document:sr-strategija", "service:sq-strehim"]],
  ["Жур", "zur", ["document:sr-strategija"]],
  ["çarshia", "čaršija", ["document:sr-strategija", "event:sr-djerdj"]],
  ["Чаршија", "carsija", ["event:sr-djerdj"]],
  ["xhamia", "džamija", ["news:sq-takim", "document:sr-strategija", "event:sr-djerdj"]],
  ["џамија", "dzamija", ["news:sq-takim"]],
  ["Qazim", "Ćazim", ["document:sr-strategija", "service:sq-strehim"]],
  ["Ћазим", "cazim", ["service:sq-strehim"]],
  ["Gjergj", "Đerđ", ["document:en-employment", "event:sr-djerdj", "opportunity:sq-bursa"]],
  ["Ђерђ", "djerdj", ["event:sr-djerdj"]],
  // Common nouns, with and without diacritics, in either script.
  ["strategjia", "strategji", ["service:sq-strehim", "opportunity:sq-bursa"]],
  ["Стратегија", "strategije", ["news:sr-cyrl-sastanak", "document:sr-strategija", "event:sr-djerdj"]],
  ["zajednice", "заједница", ["news:sr-cyrl-sastanak", "document:sr-strategija"]],
  ["zapošljavanje", "запошљавању", ["news:sr-cyrl-sastanak", "document:sr-strategija", "event:sr-djerdj"]],
  ["punësimi", "punesimin", ["news:sq-takim", "service:sq-strehim", "opportunity:sq-bursa"]],
  ["strehimi", "strehim", ["news:sq-takim", "service:sq-strehim"]],
  ["stanovanje", "становања", ["news:sr-cyrl-sastanak", "document:sr-strategija"]],
  ["familjeve", "familjet", ["service:sq-strehim"]],
  // Several words, each in another form or script.
  ["plani veprimi", "planin e veprimit", ["news:sq-takim", "service:sq-strehim"]],
  ["romët ashkalinjtë", "Роми Ашкалије", ["news:sq-takim", "news:sr-cyrl-sastanak", "document:sr-strategija"]],
  ["Egyptian Gjakova", "egyptian gjakovë", ["document:en-employment"]],
];

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createSearchTestDatabase(ENTRIES);
});
afterAll(() => handle.close());

async function found(query: string): Promise<string[]> {
  const result = await searchEntries(handle.db, { query, page: 1, pageSize: 1000, includePrivate: false });
  expect(result.correctedQuery, `"${query}" is taken as typed`).toBeNull();
  return result.items.map((i) => `${i.kind}:${i.refId}`).sort();
}

describe("search equivalence: the same results however a word is written", () => {
  it("has at least 40 pairs", () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PAIRS)("%s ≡ %s", async (first, second, expected) => {
    const [a, b] = [await found(first), await found(second)];
    expect(a).toEqual(b);
    for (const key of expected) expect(a).toContain(key);
  });
});

describe("search equivalence: what stays apart", () => {
  it("does not merge different words that share a beginning", async () => {
    // "komunat" (municipalities) is not "komunitetet" (communities), nor "Kosova" "kos".
    const municipalities = await found("komunat");
    expect(municipalities).not.toContain("document:en-employment");
    const communities = await found("komunitetet");
    expect(communities).toContain("news:sq-takim");
    expect(communities).not.toContain("service:sq-strehim");
  });
});
