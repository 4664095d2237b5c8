import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { Database } from "#app/db/schema.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { storeResizedImage, type ImageSize } from "#app/services/images.server.ts";
import type { PublicationStatus, ServiceTable } from "#app/db/tables/clearing-house.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import {
  inTransaction,
  type CommandFailure,
  type CommandResult,
  type SavedRecord,
  type Trx,
} from "#app/services/commands.server.ts";
import { removeSearchEntry, upsertSearchEntry, type SearchEntryInput } from "#app/services/search-index.server.ts";
import { slugFromTitle, uniqueSlug } from "#app/services/slugs.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import { publishingPolicy, type PublishingAction } from "./publishing.policy.ts";

/*
 * The shared core of the clearing house's publishable items (decision 048): news, events, services
 * and opportunities are rows with a slug, an owning organisation, a status (draft | published), a
 * version and translated fields, written by their organisation's members and moderated by
 * coordinators, audited, and in the search index while published. These commands are the one
 * implementation of that life cycle; a kind declares only what differs (`PublishableKind`).
 */

/** The tables of publishable items. Each has id, slug, organisation_id, status, published_at, version and updated_at. */
export type PublishableTable = "news_item" | "event" | "service" | "opportunity";

/** The row of a kind's table. */
export type PublishableRow<T extends PublishableTable> = Selectable<Database[T]>;

/** What the form of a kind carries besides its own fields. */
export interface PublishableInput {
  originalLocale: ContentLocale;
  organisationId: number;
  version?: number | undefined;
}

/** What a kind of publishable item declares: its table, its names and what its form writes. */
export interface PublishableKind<T extends PublishableTable, Input extends PublishableInput> {
  table: T;
  /** The prefix of its audit actions (`service.create`, `service.publish`…); the subject type is the table. */
  auditName: string;
  /** The columns the form writes (create and update) besides the original language and organisation every kind has. */
  values: (input: Input) => Omit<Insertable<Database[T]>, "slug" | "original_locale" | "organisation_id"> & {
    title: TranslatedText;
  };
  /** Columns a new item gets besides the form's (news items are created as drafts explicitly). */
  createDefaults?: Partial<Insertable<Database[T]>>;
  /** The base of a new item's slug (by default from its title). */
  slugBase?: (values: ReturnType<PublishableKind<T, Input>["values"]>) => string;
  /** Refuses a form whose references (organisation, municipality, sector…) do not exist; null when they all do. */
  checkReferences: (trx: Trx, input: Input) => Promise<CommandFailure | null>;
  /** Writes the rows that belong to the item (an event's organisations), after the item itself. */
  writeParts?: (trx: Trx, id: number, input: Input) => Promise<void>;
  /** What the audit records as the new item (by default its row). */
  auditCreated?: (row: PublishableRow<T>, input: Input) => Record<string, unknown>;
  /**
   * The search index entry of a published item: its kind in the index, the folder of its public pages, the text of
   * its body, and what it adds to the title, summary, original language and publication date every entry has
   * (its sectors and municipalities; an event is dated by its start).
   */
  search: {
    kind: string;
    folder: string;
    body: (row: PublishableRow<T>) => string;
    facets?: (row: PublishableRow<T>) => Pick<SearchEntryInput, "sectors" | "municipalities" | "publishedAt">;
  };
}

/** The refusals of the clearing house's commands (its items and, in `events/`, the recommendations). */
export const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "news:form.errors.forbidden" } };
export const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "news:form.errors.notFound" } };
export const CONFLICT: CommandFailure = { ok: false, status: 409, errors: { form: "news:form.errors.conflict" } };

/**
 * The kind's table for Kysely. A query over a union of tables cannot be typed, and every
 * publishable table has the columns the core reads and writes, so the core names the table
 * through one of them (as `uniqueSlug` does).
 */
function tableOf(kind: { table: PublishableTable }): "service" {
  return kind.table as "service";
}

/** The kind's row as the core reads it (see `tableOf`). */
function rowOf<T extends PublishableTable>(row: Selectable<ServiceTable>): PublishableRow<T> {
  return row as unknown as PublishableRow<T>;
}

/** True when the actor may do `action` on an item of the organisation (an item of none: coordinators only). */
export function mayWriteFor(
  actor: Actor,
  action: PublishingAction & `content.${string}`,
  organisationId: number | null,
): boolean {
  if (organisationId === null || action === "content.moderate")
    return publishingPolicy.can(actor, "content.moderate", null);
  return publishingPolicy.can(actor, action, { organisationId });
}

/** Words of a translated text written by people (machine translations left out), for the search index's body. */
export function writtenTexts(value: Record<string, unknown>): string[] {
  return Object.entries(value)
    .filter(([key, text]) => key !== "machine" && typeof text === "string")
    .map(([, text]) => text as string);
}

/** Writes (or removes) an item's search index entry to match its state: published items are indexed, drafts are not. */
export async function indexPublishable<T extends PublishableTable>(
  kind: PublishableKind<T, never>,
  trx: Db,
  id: number,
): Promise<void> {
  const row = await trx.selectFrom(tableOf(kind)).selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || row.status !== "published") {
    await removeSearchEntry(trx, kind.search.kind, id);
    return;
  }
  await upsertSearchEntry(trx, {
    kind: kind.search.kind,
    refId: row.id,
    title: row.title,
    summary: row.summary,
    body: kind.search.body(rowOf<T>(row)),
    path: `${kind.search.folder}/${row.slug}`,
    originalLocale: row.original_locale,
    publishedAt: row.published_at,
    ...kind.search.facets?.(rowOf<T>(row)),
  });
}

/** The municipality of an item with a place (none: offered everywhere), as its search entry's facet. */
export function placeFacet(row: { kas_code: string | null }): { municipalities: string[] } {
  return { municipalities: row.kas_code ? [row.kas_code] : [] };
}

/**
 * A kind's commands, each over the core: its search index entry (`index`), `create`, `update` (a
 * stale version is a 409) and `setStatus` (publish or take back to draft). A kind exports them as one
 * object (`serviceCommands.create`, `eventCommands.setStatus`…).
 */
export function publishableCommands<T extends PublishableTable, Input extends PublishableInput>(
  kind: PublishableKind<T, Input>,
) {
  return {
    index: (trx: Db, id: number): Promise<void> => indexPublishable(kind, trx, id),
    create: (db: Db, audit: AuditContext, input: Input): Promise<CommandResult<SavedRecord>> =>
      createPublishable(kind, db, audit, input),
    update: (db: Db, audit: AuditContext, id: number, input: Input): Promise<CommandResult<SavedRecord>> =>
      updatePublishable(kind, db, audit, id, input),
    setStatus: (
      db: Db,
      audit: AuditContext,
      id: number,
      status: PublicationStatus,
    ): Promise<CommandResult<SavedRecord>> => setPublishableStatus(kind, db, audit, id, status),
  };
}

/** What adding a part to an item stored: the part's id and what the audit records as added. */
export interface AddedPart {
  id: number;
  after: Record<string, unknown>;
}

/**
 * Adds a part to an item (a news image, an event photo or document) in one transaction: the item
 * must exist (404) and be one the actor may update (403); `add` stores the part, or refuses it, and
 * the audit records `action` on the item.
 */
export function addPublishablePart(
  db: Db,
  audit: AuditContext,
  table: "news_item" | "event",
  id: number,
  action: string,
  add: (trx: Trx) => Promise<AddedPart | CommandFailure>,
): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const item = await trx
      .selectFrom(tableOf({ table }))
      .select(["id", "organisation_id"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!item) return NOT_FOUND;
    if (!mayWriteFor(audit.actor, "content.update", item.organisation_id)) return FORBIDDEN;
    const added = await add(trx);
    if ("ok" in added) return added;
    await recordAudit(trx, audit, {
      action,
      subjectType: table,
      subjectId: id,
      after: added.after,
      organisationId: item.organisation_id,
    });
    return { ok: true, id: added.id };
  });
}

/** The columns an item's form writes: the kind's own, its original language and its organisation. */
function columnsOf<T extends PublishableTable, Input extends PublishableInput>(
  kind: PublishableKind<T, Input>,
  input: Input,
) {
  return { ...kind.values(input), original_locale: input.originalLocale, organisation_id: input.organisationId };
}

/** An item's row locked until the transaction ends, or undefined when there is none: what a change reads first. */
function lockItem(kind: { table: PublishableTable }, trx: Trx, id: number) {
  return trx.selectFrom(tableOf(kind)).selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

/** Runs a change of an item in a transaction, with the item's row as it was (locked: `lockItem`); no item is a 404. */
function changeItem(
  kind: { table: PublishableTable },
  db: Db,
  id: number,
  change: (trx: Trx, before: NonNullable<Awaited<ReturnType<typeof lockItem>>>) => Promise<CommandResult<SavedRecord>>,
): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    const before = await lockItem(kind, trx, id);
    return before ? change(trx, before) : NOT_FOUND;
  });
}

/** Writes `changes` to an item's row with one more version and the time of the change; returns the row as it is now. */
function writeItem(kind: { table: PublishableTable }, trx: Trx, id: number, changes: Record<string, unknown>) {
  return trx
    .updateTable(tableOf(kind))
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` } as unknown as Updateable<ServiceTable>)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records `<kind>.<action>` on an item (the subject type is its table), for the organisation it belongs to. */
function recordItemAudit(
  kind: { table: PublishableTable; auditName: string },
  trx: Trx,
  audit: AuditContext,
  action: string,
  id: number,
  change: { before?: Record<string, unknown>; after: Record<string, unknown>; organisationId: number | null },
) {
  return recordAudit(trx, audit, {
    action: `${kind.auditName}.${action}`,
    subjectType: kind.table,
    subjectId: id,
    ...change,
  });
}

/** Creates an item as a draft of the chosen organisation (its members, or a coordinator). */
export function createPublishable<T extends PublishableTable, Input extends PublishableInput>(
  kind: PublishableKind<T, Input>,
  db: Db,
  audit: AuditContext,
  input: Input,
): Promise<CommandResult<SavedRecord>> {
  return inTransaction(db, async (trx): Promise<CommandResult<SavedRecord>> => {
    if (!publishingPolicy.can(audit.actor, "content.create", { organisationId: input.organisationId }))
      return FORBIDDEN;
    const refused = await kind.checkReferences(trx, input);
    if (refused) return refused;
    const values = columnsOf(kind, input);
    const slug = await uniqueSlug(trx, kind.table, kind.slugBase ? kind.slugBase(values) : slugFromTitle(values.title));
    const inserted = { ...values, ...kind.createDefaults, slug } as unknown as Insertable<ServiceTable>;
    const row = await trx.insertInto(tableOf(kind)).values(inserted).returningAll().executeTakeFirstOrThrow();
    await kind.writeParts?.(trx, row.id, input);
    const after = kind.auditCreated ? kind.auditCreated(rowOf<T>(row), input) : row;
    await recordItemAudit(kind, trx, audit, "create", row.id, { after, organisationId: input.organisationId });
    return { ok: true, id: row.id, slug };
  });
}

/** Changes an item (its organisation's members or a coordinator), moving it to another organisation they write for; a stale version is a 409. */
export function updatePublishable<T extends PublishableTable, Input extends PublishableInput>(
  kind: PublishableKind<T, Input>,
  db: Db,
  audit: AuditContext,
  id: number,
  input: Input,
): Promise<CommandResult<SavedRecord>> {
  return changeItem(kind, db, id, async (trx, before) => {
    const owner: number | null = before.organisation_id;
    if (!mayWriteFor(audit.actor, "content.update", owner)) return FORBIDDEN;
    if (
      input.organisationId !== owner &&
      !publishingPolicy.can(audit.actor, "content.create", { organisationId: input.organisationId })
    )
      return FORBIDDEN;
    if (input.version !== undefined && input.version !== before.version) return CONFLICT;
    const refused = await kind.checkReferences(trx, input);
    if (refused) return refused;
    const after = await writeItem(kind, trx, id, columnsOf(kind, input));
    await kind.writeParts?.(trx, id, input);
    await indexPublishable(kind as PublishableKind<T, never>, trx, id);
    await recordItemAudit(kind, trx, audit, "update", id, { before, after, organisationId: after.organisation_id });
    return { ok: true, id, slug: after.slug };
  });
}

/** Publishes an item (dated now, the first time) or takes it back to draft; the search index follows. */
export function setPublishableStatus<T extends PublishableTable>(
  kind: PublishableKind<T, never>,
  db: Db,
  audit: AuditContext,
  id: number,
  status: PublicationStatus,
): Promise<CommandResult<SavedRecord>> {
  return changeItem(kind, db, id, async (trx, before) => {
    if (
      !mayWriteFor(
        audit.actor,
        status === "published" ? "content.publish" : "content.unpublish",
        before.organisation_id,
      )
    )
      return FORBIDDEN;
    const after = await writeItem(kind, trx, id, {
      status,
      published_at: status === "published" ? (before.published_at ?? new Date()) : before.published_at,
    });
    await indexPublishable(kind, trx, id);
    await recordItemAudit(kind, trx, audit, status === "published" ? "publish" : "unpublish", id, {
      before: { status: before.status },
      after: { status: after.status },
      organisationId: after.organisation_id,
    });
    return { ok: true, id, slug: after.slug };
  });
}

/**
 * Writes a published demonstration item of a kind unless an item with its slug exists (the demo seed runs on
 * every start): its id, or null when it was there already. Its search entry is the caller's to write.
 */
export async function insertDemoItem<T extends PublishableTable>(
  trx: Db,
  table: T,
  values: Omit<Insertable<Database[T]>, "status" | "is_demo">,
): Promise<number | null> {
  const row = await trx
    .insertInto(tableOf({ table }))
    .values({ ...values, status: "published", is_demo: true } as unknown as Insertable<ServiceTable>)
    .onConflict((oc) => oc.column("slug").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The organisation and, when given, the municipality of a form exist: the references every kind checks (one or two queries at once). */
export async function checkOrganisationAndPlace(
  trx: Trx,
  input: { organisationId: number; kasCode?: string | null },
): Promise<CommandFailure | null> {
  const [organisation, municipality] = await Promise.all([
    trx.selectFrom("organisation").select("id").where("id", "=", input.organisationId).executeTakeFirst(),
    input.kasCode
      ? trx.selectFrom("municipality").select("kas_code").where("kas_code", "=", input.kasCode).executeTakeFirst()
      : Promise.resolve(true),
  ]);
  if (!organisation) return { ok: false, status: 400, errors: { organisationId: "news:form.errors.organisation" } };
  if (!municipality) return { ok: false, status: 400, errors: { kasCode: "news:form.errors.municipality" } };
  return null;
}

/** An uploaded file as a part command receives it: its bytes and the name it was sent with. */
export interface PartUpload {
  bytes: Uint8Array;
  name: string;
}

/** An image part's columns: its file in each size (`large_file_id`…), its size in pixels and its alt text. */
export type ImagePartColumns<S extends ImageSize> = Record<`${S}_file_id`, string> & {
  width: number;
  height: number;
  alt: Record<string, string>;
};

/**
 * Adds an image part to an item (a news image, an event photo): the upload checked by content and stored in
 * `sizes` without its metadata (refused: a 400 on `field`), then the part's row written by `insert` with those
 * columns; the audit records the part under `field` with its alt text.
 */
export async function addImagePart<S extends ImageSize>(
  trx: Trx,
  files: FileStore,
  upload: PartUpload,
  alt: Record<string, string>,
  part: { sizes: readonly S[]; field: string },
  insert: (columns: ImagePartColumns<S>) => Promise<{ id: number }>,
): Promise<AddedPart | CommandFailure> {
  const stored = await storeResizedImage(files, trx, upload.bytes, upload.name, part.sizes);
  if (!stored.ok) return { ok: false, status: 400, errors: { [part.field]: `news:form.upload.${stored.error}` } };
  const fileColumns = Object.fromEntries(part.sizes.map((size) => [`${size}_file_id`, stored.fileIds[size]])) as Record<
    `${S}_file_id`,
    string
  >;
  const row = await insert({ ...fileColumns, width: stored.width, height: stored.height, alt });
  return { id: row.id, after: { [part.field]: row.id, alt } };
}

/**
 * The command adding one kind of part to an item (a news image, an event photo or document), called with the
 * file store, the item's id, the upload and the part's translated text (alt text, title): `add` stores the file
 * and writes the part's row inside `addPublishablePart` (404, 403 and the audit record `action` on the item).
 */
export function publishablePart(
  table: "news_item" | "event",
  action: string,
  add: (
    trx: Trx,
    files: FileStore,
    id: number,
    upload: PartUpload,
    text: Record<string, string>,
  ) => Promise<AddedPart | CommandFailure>,
) {
  return (
    db: Db,
    audit: AuditContext,
    files: FileStore,
    id: number,
    upload: PartUpload,
    text: Record<string, string>,
  ): Promise<CommandResult<SavedRecord>> =>
    addPublishablePart(db, audit, table, id, action, (trx) => add(trx, files, id, upload, text));
}
