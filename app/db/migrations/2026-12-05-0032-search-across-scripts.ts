import { sql, type Kysely } from "kysely";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";
import { searchIndexTexts, upsertSearchEntries, type SearchEntryInput } from "#app/services/search-index.server.ts";
import type { Database, TranslatedText } from "../schema.ts";
import { createSearchHeadTrigger } from "./2026-11-23-0010-library.ts";
import { insertSearchWords } from "./2026-11-23-0018-search-speed.ts";

/**
 * Search that ignores language and script (docs/decisions/038-search-across-scripts.md):
 * - `head_text` is now written by the application, like `search_text`, with the words' search forms
 *   (app/services/search-keys.ts: folded spelling and script, plus stems); `head_vector` becomes a
 *   stored generated column of it, and the trigger that filled both from the jsonb through
 *   `cap_search_normalise` goes (SQL could not stem the same way on PGlite and PostgreSQL);
 * - the unused trigram index on `head_text` goes (nothing queries it; it made every write dearer);
 * - every existing entry is written again with the new forms, and the word table is rebuilt from them;
 * - action plans, municipalities and settlements join the index. Plans are indexed by the strategies
 *   module when they are written (a plan written before this migration is indexed here); the reference
 *   data never changes after migration 0002, so its entries are written here, the same entries the
 *   municipalities module writes (`municipalities.search-index.server.ts`; a test compares the two).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const database = db as Kysely<Database>;
  await sql`drop trigger if exists search_entry_head on search_entry`.execute(db);
  await sql`drop function if exists search_entry_set_head()`.execute(db);
  await sql`drop index if exists search_entry_head_trgm_idx`.execute(db);
  await sql`drop index if exists search_entry_head_vector_idx`.execute(db);
  await sql`alter table search_entry drop column head_vector`.execute(db);
  await sql`alter table search_entry add column head_vector tsvector generated always as (to_tsvector('simple'::regconfig, head_text)) stored`.execute(
    db,
  );
  await sql`create index search_entry_head_vector_idx on search_entry using gin (head_vector)`.execute(db);

  await upsertSearchEntries(database, [
    ...(await municipalityEntries(database)),
    ...(await settlementEntries(database)),
    ...(await actionPlanEntries(database)),
  ]);

  // Every entry again, 200 at a time in key order: the forms come from the stored title, summary and body.
  let after: { kind: string; refId: string } | null = null;
  for (;;) {
    const cursor: { kind: string; refId: string } | null = after;
    const rows: { kind: string; ref_id: string; title: TranslatedText; summary: TranslatedText; body: string }[] =
      await database
        .selectFrom("search_entry")
        .select(["kind", "ref_id", "title", "summary", "body"])
        .$if(cursor !== null, (q) =>
          q.where((eb) =>
            eb.or([
              eb("kind", ">", cursor!.kind),
              eb.and([eb("kind", "=", cursor!.kind), eb("ref_id", ">", cursor!.refId)]),
            ]),
          ),
        )
        .orderBy("kind")
        .orderBy("ref_id")
        .limit(200)
        .execute();
    if (rows.length === 0) break;
    const texts = rows.map((r) => searchIndexTexts({ title: r.title, summary: r.summary, body: r.body }));
    await sql`
      update search_entry e set search_text = u.search_text, head_text = u.head_text
      from unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.ref_id)}::text[], ${texts.map((t) => t.searchText)}::text[], ${texts.map((t) => t.headText)}::text[])
        as u(kind, ref_id, search_text, head_text)
      where e.kind = u.kind and e.ref_id = u.ref_id`.execute(db);
    const last: { kind: string; ref_id: string } = rows[rows.length - 1]!;
    after = { kind: last.kind, refId: last.ref_id };
  }
  await sql`delete from search_word`.execute(db);
  await insertSearchWords(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from search_entry where kind in ('action_plan', 'municipality', 'settlement')`.execute(db);
  await sql`drop index if exists search_entry_head_vector_idx`.execute(db);
  await sql`alter table search_entry drop column head_vector`.execute(db);
  await sql`alter table search_entry add column head_vector tsvector not null default ''::tsvector`.execute(db);
  await createSearchHeadTrigger(db);
  await sql`create index search_entry_head_vector_idx on search_entry using gin (head_vector)`.execute(db);
  await sql`create index search_entry_head_trgm_idx on search_entry using gin (head_text gin_trgm_ops)`.execute(db);
}

/** The municipalities' entries (as municipalitySearchEntries in the municipalities module writes them). */
async function municipalityEntries(db: Kysely<Database>): Promise<SearchEntryInput[]> {
  const rows = await db
    .selectFrom("municipality")
    .select(["kas_code", "slug", "name_sq", "name_sr", "name_sr_cyrl", "name_alt"])
    .orderBy("kas_code")
    .execute();
  return rows.map((m) => ({
    kind: "municipality",
    refId: m.kas_code,
    title: { sq: m.name_sq, sr: m.name_sr, en: m.name_sq },
    body: [m.name_sr_cyrl, m.name_alt].filter(Boolean).join("\n"),
    path: `municipalities/${m.kas_code}-${m.slug}`,
    municipalities: [m.kas_code],
  }));
}

/** The settlements' entries (as settlementSearchEntries in the municipalities module writes them). */
async function settlementEntries(db: Kysely<Database>): Promise<SearchEntryInput[]> {
  const rows = await db
    .selectFrom("settlement as s")
    .innerJoin("municipality as m", "m.kas_code", "s.kas_code")
    .select([
      "s.id",
      "s.name",
      "s.name_ascii",
      "s.name_cyrl",
      "s.alternate_names",
      "s.kas_code",
      "m.slug",
      "m.name_sq",
      "m.name_sr",
    ])
    .orderBy("s.id")
    .execute();
  return rows.map((s) => {
    const title: TranslatedText = s.name_cyrl ? { sq: s.name, sr: cyrillicToLatin(s.name_cyrl) } : { sq: s.name };
    return {
      kind: "settlement",
      refId: s.id,
      title,
      // The municipality's name leads the body (shown as the snippet), not the summary: a search for a
      // municipality ranks its own entry first, not its hundred settlements.
      body: [
        s.name_sq === s.name_sr ? s.name_sq : `${s.name_sq} / ${s.name_sr}`,
        s.name_cyrl,
        s.name_ascii,
        s.alternate_names.replaceAll(",", ", "),
      ]
        .filter(Boolean)
        .join("\n"),
      path: `municipalities/${s.kas_code}-${s.slug}#settlements-heading`,
      originalLocale: "sq",
      municipalities: [s.kas_code],
    };
  });
}

/** The action plans' entries (as indexActionPlans in the strategies module writes them). */
async function actionPlanEntries(db: Kysely<Database>): Promise<SearchEntryInput[]> {
  const rows = await db
    .selectFrom("action_plan as p")
    .innerJoin("strategy as s", "s.id", "p.strategy_id")
    .select([
      "p.id",
      "p.code",
      "p.title",
      "p.original_locale",
      "p.kas_code",
      "p.status",
      "p.adopted_at",
      "p.period_start_year",
      "p.period_end_year",
      "s.slug",
      "s.title as strategy_title",
      "s.status as strategy_status",
    ])
    .select(
      sql<
        string[]
      >`array(select ps.sector_code from plan_sector ps where ps.action_plan_id = p.id order by ps.sector_code)`.as(
        "sectors",
      ),
    )
    .orderBy("p.id")
    .execute();
  return rows.map((p) => ({
    kind: "action_plan",
    refId: p.id,
    title: p.title,
    summary: p.strategy_title,
    body: `${p.code} ${p.period_start_year}–${p.period_end_year}`,
    path: `strategies/${p.slug}/plans/${encodeURIComponent(p.code)}`,
    originalLocale: p.original_locale,
    sectors: p.sectors,
    municipalities: p.kas_code ? [p.kas_code] : [],
    publishedAt: p.adopted_at,
    isPublic: p.status !== "draft" && p.strategy_status !== "draft",
  }));
}
