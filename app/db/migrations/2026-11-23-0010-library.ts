import { sql, type Kysely } from "kysely";
import { createCodeLinkTable } from "./shared/code-link-table.ts";
import { createIdentityTable } from "./shared/identity-table.ts";
import { createIndexes } from "./shared/indexes.ts";
import { addEditedRecordColumns, addPublicationColumns, oneOfStates } from "./shared/record-columns.ts";

/**
 * The library of documents (issue 8): documents with their metadata, their links to sectors,
 * communities and action-plan measures, and one file per language version with the text extracted
 * from it. Also the search index's ranking columns: `head_text` / `head_vector` hold the normalised
 * title and summary only, kept by a trigger from the jsonb texts, so ranking and typo matching read
 * a few words per row instead of whole documents (see docs/decisions/013-library-and-search.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createIdentityTable(db, "library_document")
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("doc_type", "text", (c) =>
      c.notNull().check(sql`doc_type in ('law', 'strategy', 'action_plan', 'report', 'guideline', 'research', 'form')`),
    )
    .addColumn("is_know_your_rights", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("summary", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("original_locale", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("issued_on", "date", (c) => c.notNull())
    .$call(addPublicationColumns)
    .$call(addEditedRecordColumns)
    .execute();
  await createIndexes(db, "library_document", {
    library_document_list_idx: ["status", "issued_on"],
    library_document_org_idx: ["organisation_id"],
  });

  await createCodeLinkTable(db, "library_document_sector", "document_id", "library_document.id", "sector");
  await createIndexes(db, "library_document_sector", { library_document_sector_code_idx: ["sector_code"] });
  await createCodeLinkTable(db, "library_document_community", "document_id", "library_document.id", "community");
  await createIndexes(db, "library_document_community", { library_document_community_code_idx: ["community_code"] });
  await db.schema
    .createTable("library_document_measure")
    .addColumn("document_id", "integer", (c) => c.notNull().references("library_document.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("library_document_measure_pk", ["document_id", "measure_id"])
    .execute();
  await createIndexes(db, "library_document_measure", { library_document_measure_idx: ["measure_id"] });

  await createIdentityTable(db, "library_document_file")
    .addColumn("document_id", "integer", (c) => c.notNull().references("library_document.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(sql`locale in ('sq', 'sr', 'en', 'tr', 'bs', 'rom')`))
    .addColumn("file_id", "text", (c) => c.notNull().references("stored_file.id"))
    .addColumn(
      "extraction_status",
      "text",
      oneOfStates("extraction_status", ["pending", "done", "failed", "not_supported"]),
    )
    .addColumn("extracted_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("extracted_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("library_document_file_locale_unique", ["document_id", "locale"])
    .execute();

  // Search ranking: the normalised title and summary of every entry, kept by a trigger.
  await sql`
    create function cap_search_normalise(input text) returns text language sql stable parallel safe as $$
      select lower(unaccent(replace(replace(translate(
        replace(replace(replace(replace(replace(replace(replace(replace(input,
          'Љ', 'Lj'), 'љ', 'lj'), 'Њ', 'Nj'), 'њ', 'nj'), 'Џ', 'Dž'), 'џ', 'dž'), 'Ђ', 'Dj'), 'ђ', 'dj'),
        'АБВГДЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдежзијклмнопрстћуфхцчш',
        'ABVGDEŽZIJKLMNOPRSTĆUFHCČŠabvgdežzijklmnoprstćufhcčš'), 'Đ', 'Dj'), 'đ', 'dj')))
    $$`.execute(db);
  await sql`alter table search_entry add column head_text text not null default ''`.execute(db);
  await sql`alter table search_entry add column head_vector tsvector not null default ''::tsvector`.execute(db);
  await createSearchHeadTrigger(db);
  await sql`create index search_entry_head_trgm_idx on search_entry using gin (head_text gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists search_entry_head on search_entry`.execute(db);
  await sql`drop function if exists search_entry_set_head()`.execute(db);
  await sql`alter table search_entry drop column if exists head_vector, drop column if exists head_text`.execute(db);
  await sql`drop function if exists cap_search_normalise(text)`.execute(db);
  for (const table of [
    "library_document_file",
    "library_document_measure",
    "library_document_community",
    "library_document_sector",
    "library_document",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

/**
 * The trigger that keeps `head_text` and `head_vector` from the jsonb title and summary, and both
 * filled for every existing entry. Migration 0032 replaced it; its `down` puts it back with this.
 */
export async function createSearchHeadTrigger(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function search_entry_set_head() returns trigger language plpgsql as $$
    begin
      new.head_text := cap_search_normalise(concat_ws(' ',
        (select string_agg(value, ' ') from jsonb_each_text(new.title - 'machine')),
        (select string_agg(value, ' ') from jsonb_each_text(coalesce(new.title -> 'machine', '{}'::jsonb))),
        (select string_agg(value, ' ') from jsonb_each_text(new.summary - 'machine')),
        (select string_agg(value, ' ') from jsonb_each_text(coalesce(new.summary -> 'machine', '{}'::jsonb)))));
      new.head_vector := to_tsvector('simple'::regconfig, new.head_text);
      return new;
    end
    $$`.execute(db);
  await sql`create trigger search_entry_head before insert or update of title, summary on search_entry for each row execute function search_entry_set_head()`.execute(
    db,
  );
  await sql`update search_entry set title = title`.execute(db);
}
