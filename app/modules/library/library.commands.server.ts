import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { insertRows } from "#app/db/insert-rows.server.ts";
import { slugify } from "#app/db/reference-data.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { DocumentStatus, DocumentType } from "#app/db/tables/library.ts";
import { recordAudit, type AuditContext, type SystemAuditContext } from "#app/services/audit.server.ts";
import { type CommandFailure, inTransaction } from "#app/services/commands.server.ts";
import { organisationsOf, type Actor } from "#app/services/authorization.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { enqueueJob } from "#app/services/jobs.server.ts";
import { removeSearchEntry, upsertSearchEntry } from "#app/services/search-index.server.ts";
import { uniqueSlug } from "#app/services/slugs.server.ts";
import { isMemberOf } from "#app/modules/organisations/organisations.policy.ts";
import { libraryPolicy } from "./library.policy.ts";
import { DOCUMENT_FIELDS } from "./library.queries.server.ts";
import { DOCUMENT_FORM_LOCALES, FILE_FIELDS, type DocumentFormData } from "./library.schema.ts";
import { inspectDocumentUpload, LIBRARY_MEDIA_TYPES } from "./upload-inspection.server.ts";

/** The job kind that extracts a file's text and re-indexes its document. */
export const EXTRACT_TEXT_JOB = "library.extract-text";

const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "library:errors.forbidden" } };
const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "library:errors.notFound" } };
const EDITED_BY_OTHERS: CommandFailure = { ok: false, status: 409, errors: { form: "library:errors.editedByOthers" } };

/** A file chosen in the form for one language version, not yet checked. */
export interface PendingUpload {
  locale: (typeof DOCUMENT_FORM_LOCALES)[number];
  originalName: string;
  bytes: Uint8Array;
}

/** What the commands that store files need. */
export interface UploadOptions {
  files: FileStore;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

function textOf(data: DocumentFormData, field: "title" | "summary"): TranslatedText {
  const out: TranslatedText = {};
  for (const locale of DOCUMENT_FORM_LOCALES) {
    const value = data[`${field}${locale[0]!.toUpperCase()}${locale.slice(1)}` as `${typeof field}Sq`];
    if (value) out[locale] = value;
  }
  return out;
}

function actingOrganisation(actor: Actor, organisationId: number): number | null {
  if (isMemberOf(actor, organisationId)) return organisationId;
  return organisationsOf(actor)[0] ?? null;
}

/** Checks every chosen file by content before anything is written; errors are keyed by the file field. */
async function inspectUploads(uploads: PendingUpload[], maxBytes: number): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const upload of uploads) {
    const verdict = await inspectDocumentUpload(upload.bytes, maxBytes);
    if (!verdict.ok) errors[FILE_FIELDS[upload.locale]] = `library:upload.${verdict.problem}`;
  }
  return errors;
}

/** Checks that the organisation, sectors, communities and measures named in the form exist (one query). */
async function checkReferences(trx: Db, data: DocumentFormData): Promise<Record<string, string>> {
  const row = await trx
    .selectNoFrom([
      sql<number>`(select count(*) from organisation where id = ${data.organisationId} and is_active)::int`.as(
        "organisations",
      ),
      data.sectors.length
        ? sql<number>`(select count(*) from sector where code in (${sql.join(data.sectors)}))::int`.as("sectors")
        : sql<number>`0`.as("sectors"),
      data.communities.length
        ? sql<number>`(select count(*) from community where code in (${sql.join(data.communities)}))::int`.as(
            "communities",
          )
        : sql<number>`0`.as("communities"),
      data.measures.length
        ? sql<number>`(select count(*) from measure where id in (${sql.join(data.measures)}))::int`.as("measures")
        : sql<number>`0`.as("measures"),
    ])
    .executeTakeFirstOrThrow();
  const errors: Record<string, string> = {};
  if (row.organisations !== 1) errors.organisationId = "library:errors.organisation";
  if (row.sectors !== data.sectors.length) errors.sectors = "core:form.invalid";
  if (row.communities !== data.communities.length) errors.communities = "core:form.invalid";
  if (row.measures !== data.measures.length) errors.measures = "core:form.invalid";
  return errors;
}

/** A document's slug from its title, not yet used by another document. */
function documentSlug(trx: Db, title: string, excludeId?: number): Promise<string> {
  return uniqueSlug(trx, "library_document", slugify(title).slice(0, 80).replace(/-+$/, "") || "document", excludeId);
}

/** Records `action` on a document: its fields `before` (null for a new one) and as they are now, read back. */
async function recordDocumentChange(
  trx: Db,
  context: AuditContext | SystemAuditContext,
  id: number,
  action: string,
  before: Awaited<ReturnType<typeof snapshot>> | null,
  organisationId: number | null,
): Promise<void> {
  await recordAudit(trx, context, {
    action,
    subjectType: "library_document",
    subjectId: id,
    before,
    after: (await snapshot(trx, id)) ?? null,
    organisationId,
  });
}

/** The fields of a document as the audit log records them. */
async function snapshot(trx: Db, id: number, lock = false) {
  const row = await trx
    .selectFrom("library_document as d")
    .select([...DOCUMENT_FIELDS, "d.version"])
    .select([
      sql<
        string[]
      >`array(select s.sector_code from library_document_sector s where s.document_id = d.id order by 1)`.as("sectors"),
      sql<
        string[]
      >`array(select c.community_code from library_document_community c where c.document_id = d.id order by 1)`.as(
        "communities",
      ),
      sql<
        number[]
      >`array(select m.measure_id from library_document_measure m where m.document_id = d.id order by 1)`.as(
        "measures",
      ),
      sql<
        Record<string, string>
      >`coalesce((select jsonb_object_agg(f.locale, f.file_id) from library_document_file f where f.document_id = d.id), '{}'::jsonb)`.as(
        "files",
      ),
    ])
    .where("d.id", "=", id)
    .$if(lock, (q) => q.forUpdate("d"))
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    issued_on: typeof row.issued_on === "string" ? row.issued_on : (row.issued_on as Date).toISOString().slice(0, 10),
    measures: row.measures.map(Number),
  };
}

async function writeLinks(trx: Db, id: number, data: DocumentFormData): Promise<void> {
  await trx.deleteFrom("library_document_sector").where("document_id", "=", id).execute();
  await trx.deleteFrom("library_document_community").where("document_id", "=", id).execute();
  await trx.deleteFrom("library_document_measure").where("document_id", "=", id).execute();
  await insertRows(
    trx,
    "library_document_sector",
    data.sectors.map((code) => ({ document_id: id, sector_code: code })),
  );
  await insertRows(
    trx,
    "library_document_community",
    data.communities.map((code) => ({ document_id: id, community_code: code })),
  );
  await insertRows(
    trx,
    "library_document_measure",
    data.measures.map((measure) => ({ document_id: id, measure_id: measure })),
  );
}

/** Stores the checked files and (re)points the document's language versions at them; queues text extraction. */
async function storeUploads(
  trx: Db,
  id: number,
  uploads: PendingUpload[],
  options: UploadOptions,
): Promise<Record<string, string> | null> {
  for (const upload of uploads) {
    const stored = await options.files.put(trx, upload.bytes, {
      originalName: upload.originalName,
      accept: LIBRARY_MEDIA_TYPES,
      maxBytes: options.maxBytes,
    });
    if (!stored.ok) return { [FILE_FIELDS[upload.locale]]: `library:upload.${stored.error}` };
    const row = await trx
      .insertInto("library_document_file")
      .values({
        document_id: id,
        locale: upload.locale,
        file_id: stored.file.id,
        extraction_status: "pending",
        extracted_text: "",
        extracted_at: null,
      })
      .onConflict((oc) =>
        oc.columns(["document_id", "locale"]).doUpdateSet({
          file_id: stored.file.id,
          extraction_status: "pending",
          extracted_text: "",
          extracted_at: null,
        }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueJob(trx, EXTRACT_TEXT_JOB, { documentFileId: row.id, fileId: stored.file.id }, { maxAttempts: 3 });
  }
  return null;
}

/**
 * Puts a document into the search index when it is published (title, summary and the text of
 * every language version, original language first), and takes it out otherwise.
 */
export async function reindexDocument(trx: Db, id: number): Promise<void> {
  const row = await trx
    .selectFrom("library_document as d")
    .select([
      "d.id",
      "d.slug",
      "d.title",
      "d.summary",
      "d.original_locale",
      "d.status",
      "d.published_at",
      "d.issued_on",
    ])
    .select([
      sql<string[]>`array(select s.sector_code from library_document_sector s where s.document_id = d.id)`.as(
        "sectors",
      ),
      sql<string[]>`array(select c.community_code from library_document_community c where c.document_id = d.id)`.as(
        "communities",
      ),
      sql<string>`coalesce((select string_agg(f.extracted_text, E'\n\n' order by f.locale = d.original_locale desc, f.locale) from library_document_file f where f.document_id = d.id and f.extracted_text <> ''), '')`.as(
        "body",
      ),
    ])
    .where("d.id", "=", id)
    .executeTakeFirst();
  if (!row || row.status !== "published") {
    await removeSearchEntry(trx, "document", id);
    return;
  }
  await upsertSearchEntry(trx, {
    kind: "document",
    refId: row.id,
    title: row.title,
    summary: row.summary,
    body: row.body,
    path: `library/${row.slug}`,
    originalLocale: row.original_locale,
    sectors: row.sectors,
    communities: row.communities,
    publishedAt: row.published_at ?? row.issued_on,
    isPublic: true,
  });
}

/** The columns of a document's metadata, from its form or from a document another module stored. */
function metadataColumns(
  document: Pick<StoredDocument, "docType" | "title" | "summary" | "originalLocale" | "organisationId" | "issuedOn">,
) {
  return {
    doc_type: document.docType,
    title: document.title,
    summary: document.summary,
    original_locale: document.originalLocale,
    organisation_id: document.organisationId,
    issued_on: document.issuedOn,
  };
}

/** The columns the document form writes (create and update). */
function formColumns(data: DocumentFormData) {
  return {
    ...metadataColumns({ ...data, title: textOf(data, "title"), summary: textOf(data, "summary") }),
    is_know_your_rights: data.isKnowYourRights,
  };
}

/** Writes a document's links and stores its uploads; a file the store refuses after all rolls the transaction back. */
async function writeLinksAndUploads(
  trx: Db,
  id: number,
  data: DocumentFormData,
  uploads: PendingUpload[],
  options: UploadOptions,
): Promise<void> {
  await writeLinks(trx, id, data);
  const storeErrors = await storeUploads(trx, id, uploads, options);
  if (storeErrors) throw new UploadRefused(storeErrors);
}

/** Adds a document (a draft) with its metadata and any files; audited. */
export async function createDocument(
  db: Db,
  context: AuditContext,
  data: DocumentFormData,
  uploads: PendingUpload[],
  options: UploadOptions,
): Promise<{ ok: true; id: number; slug: string } | CommandFailure> {
  if (!libraryPolicy.can(context.actor, "document.create", { organisationId: data.organisationId })) return FORBIDDEN;
  const uploadErrors = await inspectUploads(uploads, options.maxBytes);
  if (Object.keys(uploadErrors).length) return { ok: false, status: 400, errors: uploadErrors };
  return inTransaction(db, async (trx): Promise<{ ok: true; id: number; slug: string } | CommandFailure> => {
    const referenceErrors = await checkReferences(trx, data);
    if (Object.keys(referenceErrors).length) return { ok: false, status: 400, errors: referenceErrors };
    const columns = formColumns(data);
    const slug = await documentSlug(trx, columns.title[data.originalLocale] ?? "");
    const { id } = await trx
      .insertInto("library_document")
      .values({ slug, ...columns })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeLinksAndUploads(trx, id, data, uploads, options);
    await recordDocumentChange(
      trx,
      context,
      id,
      "document.create",
      null,
      actingOrganisation(context.actor, data.organisationId),
    );
    return { ok: true as const, id, slug };
  }).catch(refusedUpload);
}

/** Thrown inside a transaction to roll it back when the store refuses a file after all. */
class UploadRefused extends Error {
  constructor(readonly errors: Record<string, string>) {
    super("upload refused");
  }
}

function refusedUpload(error: unknown): CommandFailure {
  if (error instanceof UploadRefused) return { ok: false, status: 400, errors: error.errors };
  throw error;
}

/** Changes a document's metadata and replaces the files chosen; refuses a stale version (409); audited. */
export async function updateDocument(
  db: Db,
  context: AuditContext,
  id: number,
  data: DocumentFormData & { version: number },
  uploads: PendingUpload[],
  options: UploadOptions,
): Promise<{ ok: true; slug: string } | CommandFailure> {
  const uploadErrors = await inspectUploads(uploads, options.maxBytes);
  return inTransaction(db, async (trx) => {
    const before = await snapshot(trx, id, true);
    if (!before) return NOT_FOUND;
    // Both the organisation it belongs to and the one it is moved to must be the editor's.
    if (!libraryPolicy.can(context.actor, "document.update", { organisationId: before.organisation_id }))
      return FORBIDDEN;
    if (!libraryPolicy.can(context.actor, "document.update", { organisationId: data.organisationId })) return FORBIDDEN;
    if (Object.keys(uploadErrors).length) return { ok: false as const, status: 400 as const, errors: uploadErrors };
    if (before.version !== data.version) return EDITED_BY_OTHERS;
    const referenceErrors = await checkReferences(trx, data);
    if (Object.keys(referenceErrors).length)
      return { ok: false as const, status: 400 as const, errors: referenceErrors };
    await trx
      .updateTable("library_document")
      .set({ ...formColumns(data), version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where("id", "=", id)
      .execute();
    await writeLinksAndUploads(trx, id, data, uploads, options);
    await reindexDocument(trx, id);
    await recordDocumentChange(
      trx,
      context,
      id,
      "document.update",
      before,
      actingOrganisation(context.actor, data.organisationId),
    );
    return { ok: true as const, slug: before.slug };
  }).catch(refusedUpload);
}

/** Publishes a draft or takes a published document back to draft (moderation); updates the index; audited. */
export async function setDocumentStatus(
  db: Db,
  context: AuditContext,
  id: number,
  { intent, version }: { intent: "publish" | "unpublish"; version: number },
): Promise<{ ok: true; status: DocumentStatus } | CommandFailure> {
  return inTransaction(db, async (trx) => {
    const before = await snapshot(trx, id, true);
    if (!before) return NOT_FOUND;
    if (
      !libraryPolicy.can(context.actor, intent === "publish" ? "document.publish" : "document.unpublish", {
        organisationId: before.organisation_id,
      })
    )
      return FORBIDDEN;
    if (before.version !== version) return EDITED_BY_OTHERS;
    const status: DocumentStatus = intent === "publish" ? "published" : "draft";
    await trx
      .updateTable("library_document")
      .set({
        status,
        published_at: intent === "publish" ? sql<Date>`coalesce(published_at, now())` : null,
        version: sql<number>`version + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", id)
      .execute();
    await reindexDocument(trx, id);
    await recordAudit(trx, context, {
      action: `document.${intent}`,
      subjectType: "library_document",
      subjectId: id,
      before: { status: before.status },
      after: { status },
      organisationId: actingOrganisation(context.actor, before.organisation_id),
    });
    return { ok: true as const, status };
  });
}

/** The outcome of one extraction run. */
export type ExtractionOutcome = "done" | "failed" | "not_supported" | "superseded";

/**
 * Extracts the text of one language version (the background job) and re-indexes its document in
 * one transaction. A file replaced since the job was queued is left alone ("superseded").
 */
export async function extractDocumentFileText(
  db: Db,
  files: FileStore,
  { documentFileId, fileId }: { documentFileId: number; fileId: string },
  extract: (bytes: Uint8Array, mediaType: string) => Promise<string | null>,
): Promise<ExtractionOutcome> {
  const row = await db
    .selectFrom("library_document_file")
    .select(["id", "document_id", "file_id"])
    .where("id", "=", documentFileId)
    .executeTakeFirst();
  if (!row || row.file_id !== fileId) return "superseded";
  const found = await files.get(fileId);
  if (!found) return "superseded";
  const bytes = new Uint8Array(await new Response(found.body).arrayBuffer());
  let text: string | null;
  let outcome: ExtractionOutcome;
  try {
    text = await extract(bytes, found.file.media_type);
    outcome = text === null ? "not_supported" : "done";
  } catch {
    text = null;
    outcome = "failed";
  }
  return db.transaction().execute(async (trx) => {
    const { numUpdatedRows } = await trx
      .updateTable("library_document_file")
      .set({
        extraction_status: outcome as "done" | "failed" | "not_supported",
        extracted_text: text ?? "",
        extracted_at: sql<Date>`now()`,
      })
      .where("id", "=", documentFileId)
      .where("file_id", "=", fileId)
      .executeTakeFirst();
    if (numUpdatedRows === 0n) return "superseded" as const;
    await reindexDocument(trx, row.document_id);
    return outcome;
  });
}

/** A document another module publishes from files it already stored (e.g. the annual implementation report). */
export interface StoredDocument {
  docType: DocumentType;
  title: TranslatedText;
  summary: TranslatedText;
  originalLocale: (typeof DOCUMENT_FORM_LOCALES)[number];
  organisationId: number;
  /** yyyy-mm-dd */
  issuedOn: string;
  /** The language versions: files already in the file store. */
  files: { locale: (typeof DOCUMENT_FORM_LOCALES)[number]; fileId: string }[];
  sectors: string[];
  measures: number[];
  /** Invented demonstration content (the demo seed): shown with the "demo" mark. */
  isDemo?: boolean;
}

/**
 * Creates a published document from files already stored, linked to sectors and measures: indexes it
 * for search, queues text extraction of each file and audits it — inside the caller's transaction
 * when given one. Checks `document.publish` for the issuing organisation; the system actor (server
 * code such as the demo seed, never a request) publishes without a person's role.
 */
export async function publishStoredDocument(
  db: Db,
  context: AuditContext | SystemAuditContext,
  document: StoredDocument,
): Promise<{ ok: true; id: number; slug: string } | CommandFailure> {
  const actor = context.actor;
  if (
    actor.kind !== "system" &&
    !libraryPolicy.can(actor, "document.publish", { organisationId: document.organisationId })
  )
    return FORBIDDEN;
  return inTransaction(db, async (trx) => {
    const slug = await documentSlug(trx, document.title[document.originalLocale] ?? "");
    const { id } = await trx
      .insertInto("library_document")
      .values({
        slug,
        ...metadataColumns(document),
        status: "published",
        published_at: sql<Date>`now()`,
        is_demo: document.isDemo ?? false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertRows(
      trx,
      "library_document_sector",
      [...new Set(document.sectors)].map((code) => ({ document_id: id, sector_code: code })),
    );
    await insertRows(
      trx,
      "library_document_measure",
      [...new Set(document.measures)].map((measure) => ({ document_id: id, measure_id: measure })),
    );
    for (const file of document.files) {
      const row = await trx
        .insertInto("library_document_file")
        .values({
          document_id: id,
          locale: file.locale,
          file_id: file.fileId,
          extraction_status: "pending",
          extracted_text: "",
          extracted_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await enqueueJob(trx, EXTRACT_TEXT_JOB, { documentFileId: row.id, fileId: file.fileId }, { maxAttempts: 3 });
    }
    await reindexDocument(trx, id);
    const organisationId = actor.kind === "system" ? null : actingOrganisation(actor, document.organisationId);
    await recordDocumentChange(trx, context, id, "document.publish", null, organisationId);
    return { ok: true as const, id, slug };
  });
}
