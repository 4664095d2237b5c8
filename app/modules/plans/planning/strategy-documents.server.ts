import { z } from "zod";
import type { Db } from "#app/db/client.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize, localizedString } from "#app/i18n/translated-text.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { ACCEPTED_TYPES, type FileOwner, type FileStore } from "#app/services/files.server.ts";
import { inCommandTransaction, refuse, type CommandResult } from "#app/services/commands.server.ts";
import { FORBIDDEN, lockStrategy, NOT_FOUND } from "../planning.commands.server.ts";
import { planningPolicy } from "../planning.policy.ts";

/*
 * The documents of a strategy (the adopted text, its annexes): coordinators add a file they upload
 * (through the platform's file store) or a language version of a published library document, and
 * remove them; each change is audited in its transaction. The public strategy page lists them.
 */

/** Largest uploaded strategy document. */
export const STRATEGY_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** The add form: a title, the document's language, and either an uploaded file or a library document. */
export const StrategyDocumentSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "planning:documents.errors.titleRequired")
    .max(300, "planning:documents.errors.titleTooLong"),
  locale: z.enum(["sq", "sr", "en"], { message: "planning:documents.errors.locale" }),
  libraryDocumentId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int().positive().nullable()),
});
export type StrategyDocumentData = z.infer<typeof StrategyDocumentSchema>;

/** Adds a document to a strategy: an uploaded file (PDF, Word, Excel) or a published library document's file in `locale`. */
export async function addStrategyDocument(
  db: Db,
  files: FileStore,
  audit: AuditContext,
  strategyId: number,
  data: StrategyDocumentData,
  upload: { bytes: Uint8Array; name: string } | null,
): Promise<CommandResult<{ id: number }>> {
  if (!planningPolicy.can(audit.actor, "strategy.manage", null)) return FORBIDDEN;
  if ((upload === null) === (data.libraryDocumentId === null))
    return { ok: false, status: 400, errors: { file: "planning:documents.errors.fileOrLibrary" } };
  return inCommandTransaction(db, async (trx) => {
    await lockStrategy(trx, strategyId);
    let fileId: string;
    let source: { upload: string } | { libraryDocument: number };
    if (upload) {
      const stored = await files.put(trx, upload.bytes, {
        originalName: upload.name,
        accept: ACCEPTED_TYPES.document,
        maxBytes: STRATEGY_DOCUMENT_MAX_BYTES,
      });
      if (!stored.ok)
        refuse({ ok: false, status: 400, errors: { file: `planning:documents.errors.upload.${stored.error}` } });
      fileId = stored.file.id;
      source = { upload: upload.name };
    } else {
      const version = await trx
        .selectFrom("library_document_file as f")
        .innerJoin("library_document as d", "d.id", "f.document_id")
        .select("f.file_id")
        .where("d.id", "=", data.libraryDocumentId!)
        .where("d.status", "=", "published")
        .orderBy(({ eb }) => eb("f.locale", "=", data.locale), "desc")
        .orderBy("f.id")
        .executeTakeFirst();
      if (!version)
        refuse({ ok: false, status: 400, errors: { libraryDocumentId: "planning:documents.errors.libraryDocument" } });
      fileId = version.file_id;
      source = { libraryDocument: data.libraryDocumentId! };
    }
    const last = await trx
      .selectFrom("strategy_document")
      .select(({ fn }) => fn.max("sort_order").as("max"))
      .where("strategy_id", "=", strategyId)
      .executeTakeFirst();
    const { id } = await trx
      .insertInto("strategy_document")
      .values({
        strategy_id: strategyId,
        title: { [data.locale]: data.title },
        locale: data.locale,
        file_id: fileId,
        url: null,
        sort_order: Number(last?.max ?? -1) + 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: "strategy.document.add",
      subjectType: "strategy",
      subjectId: strategyId,
      before: null,
      after: { document: id, title: data.title, locale: data.locale, file: fileId, ...source },
    });
    return { id };
  });
}

/** Removes a document from a strategy (the stored file stays: a library document may still use it). */
export async function removeStrategyDocument(
  db: Db,
  audit: AuditContext,
  strategyId: number,
  documentId: number,
): Promise<CommandResult> {
  if (!planningPolicy.can(audit.actor, "strategy.manage", null)) return FORBIDDEN;
  return inCommandTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("strategy_document")
      .select(["id", "title", "locale", "file_id", "url"])
      .where("id", "=", documentId)
      .where("strategy_id", "=", strategyId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) refuse(NOT_FOUND);
    await trx.deleteFrom("strategy_document").where("id", "=", documentId).execute();
    await recordAudit(trx, audit, {
      action: "strategy.document.remove",
      subjectType: "strategy",
      subjectId: strategyId,
      before: {
        document: before.id,
        title: before.title,
        locale: before.locale,
        file: before.file_id,
        url: before.url,
      },
      after: null,
    });
    return {};
  });
}

/** The documents of a strategy and the published library documents one can link (most recent 200), for the workspace page. */
export async function loadStrategyDocuments(db: Db, strategyId: number, locale: Locale) {
  const [documents, library] = await Promise.all([
    db
      .selectFrom("strategy_document")
      .select(["id", "title", "locale", "file_id", "url"])
      .where("strategy_id", "=", strategyId)
      .orderBy("sort_order")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("library_document")
      .select(["id", "title", "original_locale", "doc_type"])
      .where("status", "=", "published")
      .orderBy("published_at", "desc")
      .orderBy("id", "desc")
      .limit(200)
      .execute(),
  ]);
  return {
    documents: documents.map((d) => ({
      id: d.id,
      title: localize(d.title, locale),
      locale: d.locale,
      href: d.file_id ? `/files/${d.file_id}` : (d.url ?? ""),
    })),
    libraryChoices: library.map((d) => ({
      value: String(d.id),
      label: localizedString(d.title, locale, d.original_locale),
    })),
  };
}

/**
 * The strategies a stored file is a document of: public while the strategy is adopted or closed
 * (as the public strategy page lists it); a draft's documents only to those who manage
 * strategies. For /files/:id (decision 025).
 */
export async function strategyDocumentOwners(db: Db, fileId: string): Promise<FileOwner[]> {
  const rows = await db
    .selectFrom("strategy_document as d")
    .innerJoin("strategy as s", "s.id", "d.strategy_id")
    .select("s.status")
    .where("d.file_id", "=", fileId)
    .execute();
  return rows.map((row) => ({
    kind: "strategy_document",
    isPublic: row.status === "adopted" || row.status === "closed",
    mayRead: (actor) => planningPolicy.can(actor, "strategy.manage", null),
  }));
}
