/**
 * Search benchmark: fills the one search index with synthetic documents (extracted text of a few
 * pages, mixed Albanian, Serbian Latin, Serbian Cyrillic and English) and other entries, then
 * measures the search page's loader (server time and SQL query count) for typical queries.
 *
 *   DATABASE_URL=postgres://…/scratch npx tsx bench/search.ts --documents 50000 --others 20000
 *
 * Without DATABASE_URL it uses an in-memory PGlite. Prints figures; never passes or fails.
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { latinToCyrillic } from "#app/i18n/transliterate.ts";
import { loadSearchPage } from "#app/modules/search/search-page.server.ts";
import { upsertSearchEntries, type SearchEntryInput } from "#app/services/search-index.server.ts";
import { createRandom } from "./random.ts";
import { median, percentile } from "./stats.ts";

const { values } = parseArgs({
  options: { documents: { type: "string", default: "50000" }, others: { type: "string", default: "20000" }, requests: { type: "string", default: "30" }, seed: { type: "string", default: "1" }, "skip-generate": { type: "boolean", default: false } },
});
const DOCUMENTS = Number(values.documents);
const OTHERS = Number(values.others);
const REQUESTS = Number(values.requests);

const WORDS = {
  sq: "strategjia plani veprimit komuniteteve rom ashkali egjiptian arsimi punësimi mirëqenies sociale shëndetësisë strehimit komuna zyra raporti zbatimin masave buxheti treguesit përfshirjen shoqërinë kosovare të drejtat gjuhëve zyrtare institucionet".split(" "),
  sr: "strategija akcioni plan zajednica romske aškalijske egipćanske obrazovanje zapošljavanje socijalne zaštite zdravstvo stanovanje opština kancelarija izveštaj sprovođenju mera budžet pokazatelji uključivanje društvo prava jezika službenih institucije".split(" "),
  en: "strategy action plan communities roma ashkali egyptian education employment social welfare health housing municipality office report implementation measures budget indicators inclusion society rights languages official institutions".split(" "),
};
const KINDS = ["news", "event", "service", "opportunity", "organisation", "project", "measure"];

function text(random: ReturnType<typeof createRandom>, lang: "sq" | "sr" | "en", words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) {
    out.push(random.pick(WORDS[lang]));
    if (i % 12 === 11) out.push(`${random.int(2010, 2026)}.`);
  }
  return out.join(" ");
}

async function generate(db: Parameters<typeof upsertSearchEntries>[0]) {
  const random = createRandom(Number(values.seed));
  await sql`delete from search_entry where ref_id like 'bench-%'`.execute(db);
  const started = performance.now();
  let batch: SearchEntryInput[] = [];
  const flush = async () => {
    await upsertSearchEntries(db, batch);
    batch = [];
  };
  for (let i = 0; i < DOCUMENTS + OTHERS; i += 1) {
    const isDocument = i < DOCUMENTS;
    const lang = random.pick(["sq", "sr", "sr-cyrl", "en"] as const);
    const base = lang === "sr-cyrl" ? "sr" : lang;
    const convert = (t: string) => (lang === "sr-cyrl" ? latinToCyrillic(t) : t);
    const title: TranslatedText = { [base]: convert(text(random, base, random.int(5, 12))) };
    const summary: TranslatedText = { [base]: convert(text(random, base, random.int(20, 40))) };
    // 2 to 8 pages of extracted text (about 300 words a page) for documents; a paragraph or two for others.
    const body = convert(text(random, base, isDocument ? random.int(600, 2400) : random.int(40, 200)));
    batch.push({ kind: isDocument ? "document" : random.pick(KINDS), refId: `bench-${i}`, title, summary, body, path: `bench/${i}`, originalLocale: base, publishedAt: new Date(Date.UTC(2015 + (i % 11), i % 12, 1)), isPublic: i % 20 !== 0 });
    if (batch.length === 500) await flush();
    if (i % 10_000 === 9_999) console.log(`  ${i + 1} entries written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await flush();
  await sql`analyze search_entry`.execute(db);
  console.log(`Generated ${DOCUMENTS} documents and ${OTHERS} other entries in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const handle = process.env.DATABASE_URL ? await openDatabase({ databaseUrl: process.env.DATABASE_URL }) : await openDatabase({ memory: {} });
await migrateToLatest(handle.db);
if (!values["skip-generate"]) await generate(handle.db);
const total = await sql<{ n: string }>`select count(*) as n from search_entry`.execute(handle.db);
console.log(`search_entry rows: ${total.rows[0]?.n} (${handle.kind})`);

const QUERIES = [
  ["common word (Latin)", "/en/search?q=strategy"],
  ["two words", "/en/search?q=strategija%20romske"],
  ["Cyrillic query", "/sr-cyrl/search?q=%D1%81%D1%82%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0%D1%9A%D0%B5"],
  ["diacritics dropped", "/sq/search?q=punesimi%20mireqenies"],
  ["typo", "/en/search?q=implemntation"],
  ["prefix", "/en/search?q=inclu"],
  ["filter by kind, page 3", "/en/search?q=health&kind=document&page=3"],
  ["rare (no hit)", "/en/search?q=zyxwvut"],
] as const;
const rows: string[] = [];
for (const [name, url] of QUERIES) {
  const locale = url.split("/")[1] as "en" | "sq" | "sr-cyrl";
  const times: number[] = [];
  const queries = new Set<number>();
  let found = 0;
  for (let i = 0; i < REQUESTS + 3; i += 1) {
    const started = performance.now();
    const { result, stats } = await withQueryStats(() => loadSearchPage(handle.db, new Request(`http://localhost${url}`), locale, { includePrivate: false }));
    const ms = performance.now() - started;
    if (i >= 3) {
      times.push(ms);
      queries.add(stats.queries);
      found = result.total;
    }
  }
  rows.push(`| ${name} | ${found} | ${[...queries].join("–")} | ${median(times).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
}
console.log(["| query | matches | SQL queries | median ms | p95 ms |", "|---|---|---|---|---|", ...rows].join("\n"));
await handle.close();
