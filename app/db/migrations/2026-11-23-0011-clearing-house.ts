import { sql, type CreateTableBuilder, type Kysely } from "kysely";
import { createIdentityTable } from "./shared/identity-table.ts";
import { createIndexes } from "./shared/indexes.ts";
import { addEditedRecordColumns, addPublicationColumns, oneOfStates } from "./shared/record-columns.ts";

/**
 * The clearing house: news gains draft → published, an author organisation and an edit version;
 * news images; events with organisers and participants, photos and documents; recommendations
 * made at meetings; services; opportunities.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table news_item alter column published_at drop not null`.execute(db);
  await db.schema
    .alterTable("news_item")
    .addColumn("status", "text", oneOfStates("status", ["draft", "published"], "published"))
    .execute();
  await db.schema
    .alterTable("news_item")
    .addColumn("organisation_id", "integer", (c) => c.references("organisation.id"))
    .execute();
  await db.schema
    .alterTable("news_item")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("news_item")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`alter table news_item add constraint news_item_published_has_date check (status = 'draft' or published_at is not null)`.execute(
    db,
  );

  await createPictureTable(db, "news_image", "news_item_id", "news_item.id", ["large", "thumb"], "news_image_item_idx");

  await createIdentityTable(db, "event")
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('informative_session', 'sector_meeting', 'training', 'other')`),
    )
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("summary", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("agenda", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("minutes", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("original_locale", "text", (c) => c.notNull())
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz")
    .addColumn("kas_code", "text", (c) => c.references("municipality.kas_code"))
    .addColumn("address", "text")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .$call(addPublicationColumns)
    .addColumn("source_note", "text")
    .$call(addEditedRecordColumns)
    .addCheckConstraint("event_original_present", sql`title ? original_locale`)
    .addCheckConstraint("event_period", sql`ends_at is null or ends_at >= starts_at`)
    .execute();
  await createIndexes(db, "event", { event_public_idx: ["status", "starts_at"] });

  await db.schema
    .createTable("event_organisation")
    .addColumn("event_id", "integer", (c) => c.notNull().references("event.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('organiser', 'participant')`))
    .addPrimaryKeyConstraint("event_organisation_pk", ["event_id", "organisation_id"])
    .execute();
  await createIndexes(db, "event_organisation", { event_organisation_org_idx: ["organisation_id"] });

  await createPictureTable(
    db,
    "event_photo",
    "event_id",
    "event.id",
    ["large", "medium", "thumb"],
    "event_photo_event_idx",
  );

  await createIdentityTable(db, "event_document")
    .addColumn("event_id", "integer", (c) => c.notNull().references("event.id").onDelete("cascade"))
    .addColumn("file_id", "text", (c) => c.notNull().references("stored_file.id"))
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await createIndexes(db, "event_document", { event_document_event_idx: ["event_id"] });

  await createIdentityTable(db, "recommendation")
    .addColumn("event_id", "integer", (c) => c.notNull().references("event.id").onDelete("cascade"))
    .addColumn("text", "jsonb", (c) => c.notNull())
    .addColumn("original_locale", "text", (c) => c.notNull())
    .addColumn("owner_organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("due_date", "date", (c) => c.notNull())
    .addColumn("measure_id", "integer", (c) => c.references("measure.id"))
    .addColumn("status", "text", oneOfStates("status", ["open", "in_progress", "done", "rejected"]))
    .addColumn("status_note", "text")
    .addColumn("status_changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .$call(addEditedRecordColumns)
    .addCheckConstraint("recommendation_original_present", sql`text ? original_locale`)
    .addCheckConstraint(
      "recommendation_rejected_has_reason",
      sql`status <> 'rejected' or length(trim(coalesce(status_note, ''))) > 0`,
    )
    .execute();
  await createIndexes(db, "recommendation", {
    recommendation_event_idx: ["event_id"],
    recommendation_owner_idx: ["owner_organisation_id", "status", "due_date"],
  });

  await createIdentityTable(db, "service")
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("summary", "jsonb", (c) => c.notNull())
    .addColumn("eligibility", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("requirements", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("hours", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("original_locale", "text", (c) => c.notNull())
    .addColumn("kas_code", "text", (c) => c.references("municipality.kas_code"))
    .addColumn("address", "text")
    .addColumn("online_url", "text")
    .addColumn("sector_code", "text", (c) => c.references("sector.code"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .$call(addPublicationColumns)
    .$call(addEditedRecordColumns)
    .addCheckConstraint("service_original_present", sql`title ? original_locale and summary ? original_locale`)
    .addCheckConstraint("service_has_place", sql`online_url is not null or address is not null`)
    .execute();

  await createIdentityTable(db, "opportunity")
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('job', 'internship', 'training', 'scholarship', 'grant')`),
    )
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("summary", "jsonb", (c) => c.notNull())
    .addColumn("eligibility", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("original_locale", "text", (c) => c.notNull())
    .addColumn("kas_code", "text", (c) => c.references("municipality.kas_code"))
    .addColumn("url", "text")
    .addColumn("deadline", "date", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .$call(addPublicationColumns)
    .$call(addEditedRecordColumns)
    .addCheckConstraint("opportunity_original_present", sql`title ? original_locale and summary ? original_locale`)
    .execute();
  await createIndexes(db, "opportunity", { opportunity_public_idx: ["status", "deadline"] });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "opportunity",
    "service",
    "recommendation",
    "event_document",
    "event_photo",
    "event_organisation",
    "event",
    "news_image",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`alter table news_item drop constraint news_item_published_has_date`.execute(db);
  for (const column of ["status", "organisation_id", "version", "updated_at"])
    await db.schema.alterTable("news_item").dropColumn(column).execute();
}

/**
 * The columns an image of the clearing house ends with, after its files: its size in pixels, its
 * alternative text per locale (required: each table checks it is a non-empty object), its place in
 * the order and when it was added.
 */
function addImageColumns<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) {
  return table
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("alt", "jsonb", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`));
}

/**
 * Creates the table of an item's pictures: `id`, the item (`itemColumn` referencing `itemKey`, deleted
 * with it), a stored file per size (`<size>_file_id`, in the order given), the image columns, the check
 * `<table>_alt_present`, and the index `indexName` on the item.
 */
async function createPictureTable(
  db: Kysely<unknown>,
  table: string,
  itemColumn: string,
  itemKey: string,
  sizes: readonly string[],
  indexName: string,
): Promise<void> {
  let builder: CreateTableBuilder<string, string> = createIdentityTable(db, table).addColumn(
    itemColumn,
    "integer",
    (c) => c.notNull().references(itemKey).onDelete("cascade"),
  );
  for (const size of sizes)
    builder = builder.addColumn(`${size}_file_id`, "text", (c) => c.notNull().references("stored_file.id"));
  await builder
    .$call(addImageColumns)
    .addCheckConstraint(`${table}_alt_present`, sql`jsonb_typeof(alt) = 'object' and alt <> '{}'::jsonb`)
    .execute();
  await createIndexes(db, table, { [indexName]: [itemColumn] });
}
