/**
 * Search benchmark: fills the one search index with synthetic documents (extracted text of a few
 * pages, mixed Albanian, Serbian Latin, Serbian Cyrillic and English) and other entries, then
 * measures the search page's loader (server time and SQL query count) for typical queries.
 *
 *   DATABASE_URL=postgres://…/scratch npx tsx bench/search.ts --documents 50000 --others 20000
 *
 * Without DATABASE_URL it uses an in-memory PGlite. Prints figures; never passes or fails.
 */
import fs from "node:fs";
import { sql } from "kysely";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import type { Db } from "#app/db/client.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { latinToCyrillic } from "#app/i18n/transliterate.ts";
import { loadSearchPage } from "#app/modules/search/search-page.server.ts";
import { searchIndexText } from "#app/services/search-keys.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { vocabulary } from "./search-vocabulary.ts";
import { median, percentile } from "./stats.ts";

const values = parseBenchArgs({
  defaults: { documents: "50000", others: "20000", requests: "30", seed: "1" },
  flags: ["skip-generate", "generate-only"],
});
const DOCUMENTS = Number(values.documents);
const OTHERS = Number(values.others);
const REQUESTS = Number(values.requests);

const KINDS = ["news", "event", "service", "opportunity", "organisation", "project", "measure", "strategy"];

const VOCABULARY_SIZE = 20_000;

/**
 * Writes the entries with INSERT … SELECT generate_series, 5,000 rows a statement: text is drawn in
 * SQL from the vocabulary (Zipf's law, see bench/search-vocabulary.ts), a quarter each in Albanian,
 * Serbian Latin, Serbian Cyrillic and English. The index's GIN indexes are dropped during the load
 * and rebuilt after it (as any bulk load does); the word table's trigger stays on.
 */
async function generate(db: Db) {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
  await sql`delete from search_entry where ref_id like 'bench-%'`.execute(db);
  await sql`drop table if exists bench_word`.execute(db);
  await sql`create table bench_word (lang text not null, rank int not null, word text not null, norm text not null, primary key (lang, rank))`.execute(
    db,
  );
  for (const lang of ["sq", "sr", "sr-cyrl", "en"] as const) {
    const latin = vocabulary(lang === "sr-cyrl" ? "sr" : lang, VOCABULARY_SIZE);
    const words = lang === "sr-cyrl" ? latin.map((w) => latinToCyrillic(w)) : latin;
    await sql`
      insert into bench_word (lang, rank, word, norm)
      select ${lang}, r, w, n from unnest(${words}::text[], ${words.map((w) => searchIndexText(w))}::text[]) with ordinality as u(w, n, r)`.execute(
      db,
    );
  }
  await sql`analyze bench_word`.execute(db);
  await sql`select setseed(${(Number(values.seed) % 1000) / 1000})`.execute(db);
  const dropped = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where tablename = 'search_entry' and indexdef ilike '%using gin%'`.execute(
    db,
  );
  for (const index of dropped.rows) await sql.raw(`drop index ${index.indexname}`).execute(db);
  const total = DOCUMENTS + OTHERS;
  const kinds = KINDS.map((k) => `'${k}'`).join(", ");
  for (let from = 0; from < total; from += 5_000) {
    const to = Math.min(total, from + 5_000) - 1;
    // Every word is one row (entry, part, position, Zipf rank), joined to the vocabulary and put together again.
    await sql`
      with entry as materialized (
        select i, lang, case when lang = 'sr-cyrl' then 'sr' else lang end as base,
          5 + floor(random() * 8)::int as n_title, 20 + floor(random() * 21)::int as n_summary,
          case when i < ${DOCUMENTS} then 300 + floor(random() * 1201)::int else 40 + floor(random() * 161)::int end as n_body
        from generate_series(${from}::int, ${to}::int) as i
        cross join lateral (select (array['sq', 'sr', 'sr-cyrl', 'en'])[1 + floor(random() * 4)::int + i * 0] as lang) l
      ), token as materialized (
        select e.i, e.lang, p.part, g.pos, least(${VOCABULARY_SIZE}, floor(exp(random() * ln(${VOCABULARY_SIZE + 1})))::int) as rank
        from entry e
        cross join lateral (values (1, e.n_title), (2, e.n_summary), (3, e.n_body)) as p(part, n)
        cross join lateral generate_series(1, p.n) as g(pos)
      ), text_part as (
        select t.i, t.part, string_agg(w.word, ' ' order by t.pos) as txt, string_agg(w.norm, ' ' order by t.pos) as norm
        from token t join bench_word w on w.lang = t.lang and w.rank = t.rank
        group by t.i, t.part
      )
      insert into search_entry (kind, ref_id, title, summary, body, path, original_locale, search_text, head_text, published_at, is_public)
      select case when e.i < ${DOCUMENTS} then 'document' else (array[${sql.raw(kinds)}])[1 + e.i % ${KINDS.length}] end,
        'bench-' || e.i, jsonb_build_object(e.base, t.txt), jsonb_build_object(e.base, s.txt), b.txt, 'bench/' || e.i, e.base,
        t.norm || ' ' || s.norm || ' ' || b.norm, t.norm || ' ' || s.norm,
        make_timestamptz(2015 + e.i % 11, 1 + e.i % 12, 1, 0, 0, 0, 'UTC'), e.i % 20 <> 0
      from entry e
      join text_part t on t.i = e.i and t.part = 1
      join text_part s on s.i = e.i and s.part = 2
      join text_part b on b.i = e.i and b.part = 3`.execute(db);
    console.log(`  ${to + 1} entries written (${seconds()} s)`);
  }
  for (const index of dropped.rows) await sql.raw(index.indexdef).execute(db);
  console.log(`  GIN indexes rebuilt (${seconds()} s)`);
  await sql`vacuum analyze search_entry`.execute(db);
  await sql`analyze search_word`.execute(db);
  console.log(`Generated ${DOCUMENTS} documents and ${OTHERS} other entries in ${seconds()} s`);
}

const handle = process.env.DATABASE_URL
  ? await openDatabase({ databaseUrl: process.env.DATABASE_URL })
  : await openDatabase({ memory: {} });
await migrateToLatest(handle.db);
if (!values["skip-generate"]) await generate(handle.db);
const total = await sql<{ n: string }>`select count(*) as n from search_entry`.execute(handle.db);
console.log(`search_entry rows: ${total.rows[0]?.n} (${handle.kind})`);
if (values["generate-only"]) {
  await handle.close();
  process.exit(0);
}

// A word of middling frequency and a rare one, from the Albanian vocabulary's Zipf ranks 3,000 and 15,000.
const sqWords = vocabulary("sq", VOCABULARY_SIZE);
const mid = sqWords[2_999]!;
const rare = sqWords[14_999]!;
const QUERIES: [string, string][] = [
  ["very common word (i, sq+sr)", "/sr/search?q=i"],
  ["common word (the)", "/en/search?q=the"],
  ["common word (zajednice)", "/sr/search?q=zajednice"],
  [`mid-frequency word (${mid})`, `/sq/search?q=${encodeURIComponent(mid)}`],
  [`rare word (${rare})`, `/sq/search?q=${encodeURIComponent(rare)}`],
  ["two words (akcioni plan)", "/sr/search?q=akcioni%20plan"],
  ["prefix while typing (inclu)", "/en/search?q=inclu"],
  ["Cyrillic query (становање)", "/sr-cyrl/search?q=%D1%81%D1%82%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0%D1%9A%D0%B5"],
  ["diacritics dropped (punesimi mireqenies)", "/sq/search?q=punesimi%20mireqenies"],
  ["typo (implemntation)", "/en/search?q=implemntation"],
  ["kind filter, page 3 (health, documents)", "/en/search?q=health&kind=document&page=3"],
  ["small kind filter (the, news)", "/en/search?q=the&kind=news"],
  ["no hit (zyxwvut)", "/en/search?q=zyxwvut"],
];
const rows: string[] = [];
console.log(`load average before measuring: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
for (const [name, url] of QUERIES) {
  const locale = url.split("/")[1] as Locale;
  const times: number[] = [];
  const queries = new Set<number>();
  let found = 0;
  let capped = false;
  let corrected: string | null = null;
  for (let i = 0; i < REQUESTS + 3; i += 1) {
    const started = performance.now();
    const { result, stats } = await withQueryStats(() =>
      loadSearchPage(handle.db, new Request(`http://localhost${url}`), locale, { includePrivate: false }),
    );
    const ms = performance.now() - started;
    if (i >= 3) {
      times.push(ms);
      queries.add(stats.queries);
      found = result.total;
      capped = result.totalCapped;
      corrected = result.correctedQuery;
    }
  }
  rows.push(
    `| ${name} | ${capped ? "> " : ""}${found}${corrected ? ` (as "${corrected}")` : ""} | ${[...queries].join("–")} | ${median(times).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`,
  );
}
console.log(`load average after measuring: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
console.log(["| query | matches | SQL queries | median ms | p95 ms |", "|---|---|---|---|---|", ...rows].join("\n"));
await handle.close();
