import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { type CommandFailure, inTransaction, type Trx } from "#app/services/commands.server.ts";
import { lockProjectFor } from "./projects.commands.server.ts";
import { projectsTranslator, textOf } from "./projects.view.server.ts";
import { idSchema } from "#app/services/ids.ts";

/**
 * Library documents linked to projects (decision 022): the project's editors link published
 * library documents to it; the public project page lists them and the library document page lists
 * the validated projects that link it. The library's table is read here, never written: links live
 * in the projects module's own table.
 */

/** A library document as a project lists it. */
export interface LinkedDocument {
  id: number;
  slug: string;
  title: TranslatedText;
  originalLocale: string;
  status: "draft" | "published";
}

/** The link and unlink forms: the document's id. */
export const DocumentLinkSchema = z.object({
  documentId: idSchema("projects:errors.documentRequired"),
});

/** The library documents linked to one project, by title (one query); `publishedOnly` for the public page. */
export async function listLinkedDocuments(
  db: Db,
  projectId: number,
  options: { publishedOnly: boolean },
): Promise<LinkedDocument[]> {
  let query = db
    .selectFrom("project_library_document as l")
    .innerJoin("library_document as d", "d.id", "l.document_id")
    .select(["d.id", "d.slug", "d.title", "d.original_locale", "d.status"])
    .where("l.project_id", "=", projectId);
  if (options.publishedOnly) query = query.where("d.status", "=", "published");
  const rows = await query.orderBy("d.issued_on", "desc").orderBy("d.id").execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    originalLocale: r.original_locale,
    status: r.status as LinkedDocument["status"],
  }));
}

/** The published library documents an editor may link, newest first (one query). */
export async function listLinkableDocuments(
  db: Db,
): Promise<{ id: number; title: TranslatedText; originalLocale: string; issuedOn: string }[]> {
  const rows = await db
    .selectFrom("library_document")
    .select(["id", "title", "original_locale", sql<string>`issued_on::text`.as("issued_on")])
    .where("status", "=", "published")
    .orderBy("issued_on", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, originalLocale: r.original_locale, issuedOn: r.issued_on }));
}

/**
 * The validated projects that link a library document, labelled for the library document page
 * (one query; the heading comes from this module's catalogs so the library page needs none).
 */
export async function linkedProjectsOfDocument(
  db: Db,
  documentId: number,
  locale: Locale,
): Promise<{ heading: string; projects: { id: number; href: string; title: string; lang: string }[] }> {
  const rows = await db
    .selectFrom("project_library_document as l")
    .innerJoin("project as p", "p.id", "l.project_id")
    .select(["p.id", "p.title", "p.original_locale"])
    .where("l.document_id", "=", documentId)
    .where("p.validation_status", "=", "validated")
    .orderBy(sql`coalesce(p.actual_start, p.planned_start)`, "desc")
    .orderBy("p.id", "desc")
    .limit(50)
    .execute();
  const t = projectsTranslator(locale);
  return {
    heading: t("libraryLinks.projects"),
    projects: rows.map((r) => {
      const title = textOf(r.title, locale, r.original_locale);
      return { id: r.id, href: `/${locale}/projects/${r.id}`, title: title.text, lang: title.lang };
    }),
  };
}

/** What a change of a project's document links did: the linked document before and after (null: none), for the audit. */
interface LinkChange {
  before: string | null;
  after: string | null;
}

/**
 * A command that changes a project's document links: the form's document (400 without one), then, in one
 * transaction, the project locked for an actor who may edit it (`lockProjectFor`), then `change`, and the audit
 * entry `action` when `change` says it changed something (null: nothing to record).
 */
function documentLinkCommand(
  action: string,
  change: (trx: Trx, projectId: number, documentId: number) => Promise<LinkChange | null | CommandFailure>,
) {
  return async (
    db: Db,
    audit: AuditContext,
    projectId: number,
    input: unknown,
  ): Promise<{ ok: true } | CommandFailure> => {
    const parsed = DocumentLinkSchema.safeParse(input);
    if (!parsed.success) return { ok: false, status: 400, errors: { documentId: "projects:errors.documentRequired" } };
    const { documentId } = parsed.data;
    return inTransaction(db, async (trx) => {
      const project = await lockProjectFor(trx, audit.actor, projectId, "project.update");
      if ("ok" in project) return project;
      const changed = await change(trx, projectId, documentId);
      if (changed && "ok" in changed) return changed;
      if (changed) {
        await recordAudit(trx, audit, {
          action,
          subjectType: "project",
          subjectId: projectId,
          before: { libraryDocument: changed.before },
          after: { libraryDocument: changed.after },
          organisationId: project.ownerOrganisationId,
        });
      }
      return { ok: true as const };
    });
  };
}

/**
 * Links a published library document to a project (its editors), audited in the same
 * transaction. Linking one already linked changes nothing and records nothing. A link does not
 * send a validated project back to the Office: the document was published through the library's
 * own review, and the link only points at it.
 */
export const linkProjectDocument = documentLinkCommand("project.document.link", async (trx, projectId, documentId) => {
  const document = await trx
    .selectFrom("library_document")
    .select(["id", "slug", "status"])
    .where("id", "=", documentId)
    .executeTakeFirst();
  if (!document || document.status !== "published")
    return { ok: false as const, status: 400 as const, errors: { documentId: "projects:errors.documentUnknown" } };
  const inserted = await trx
    .insertInto("project_library_document")
    .values({ project_id: projectId, document_id: documentId })
    .onConflict((oc) => oc.doNothing())
    .returning("document_id")
    .executeTakeFirst();
  return inserted ? { before: null, after: document.slug } : null;
});

/** Removes a library document's link from a project (its editors), audited; removing one not linked changes nothing. */
export const unlinkProjectDocument = documentLinkCommand(
  "project.document.unlink",
  async (trx, projectId, documentId) => {
    const removed = await trx
      .deleteFrom("project_library_document")
      .where("project_id", "=", projectId)
      .where("document_id", "=", documentId)
      .returning("document_id")
      .executeTakeFirst();
    if (!removed) return null;
    const document = await trx
      .selectFrom("library_document")
      .select("slug")
      .where("id", "=", documentId)
      .executeTakeFirst();
    return { before: document?.slug ?? String(documentId), after: null };
  },
);

/** The linked documents as a page lists them: title, language and the library page's address. */
export function linkedDocumentsView(documents: LinkedDocument[], locale: Locale) {
  return documents.map((d) => {
    const title = textOf(d.title, locale, d.originalLocale);
    return {
      id: d.id,
      href: `/${locale}/library/${d.slug}`,
      title: title.text,
      lang: title.lang,
      isDraft: d.status !== "published",
    };
  });
}
