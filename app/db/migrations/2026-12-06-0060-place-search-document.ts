import { sql, type Kysely } from "kysely";

/**
 * The search document of a municipality and of a settlement (decision 038; issue 13, decision 050):
 * the view `place_search_document` is what the search index holds for each place — its title, the
 * snippet's body, the path of its page and its municipality. A settlement's Serbian title is its
 * Cyrillic name (`name_cyrl`) in Latin letters, which the module adds: the transliteration is the
 * application's (app/i18n/transliterate.ts). The municipalities module builds its entries from it
 * (`municipalities.search-index.server.ts`), in one function for both kinds; migration 0032 wrote
 * the same entries once (a test compares them). A plain view: it holds no data of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create view place_search_document as
    select 'municipality'::text as kind, m.kas_code as ref_id, m.kas_code,
      jsonb_build_object('sq', m.name_sq, 'sr', m.name_sr, 'en', m.name_sq) as title, null::text as name_cyrl,
      concat_ws(chr(10), nullif(m.name_sr_cyrl, ''), nullif(m.name_alt, '')) as body,
      'municipalities/' || m.kas_code || '-' || m.slug as path, null::text as original_locale
    from municipality m
    union all
    select 'settlement', s.id::text, s.kas_code, jsonb_build_object('sq', s.name), s.name_cyrl,
      concat_ws(chr(10),
        nullif(case when m.name_sq = m.name_sr then m.name_sq else m.name_sq || ' / ' || m.name_sr end, ''),
        nullif(s.name_cyrl, ''), nullif(s.name_ascii, ''), nullif(replace(s.alternate_names, ',', ', '), '')),
      'municipalities/' || s.kas_code || '-' || m.slug || '#settlements-heading', 'sq'
    from settlement s
    join municipality m on m.kas_code = s.kas_code`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view place_search_document`.execute(db);
}
