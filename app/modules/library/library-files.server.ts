import type { Db } from "#app/db/client.server.ts";
import type { FileOwner } from "#app/services/files.server.ts";

/**
 * Whether a stored file belongs to a library document that is not published (a draft, or one taken
 * back to draft): then the public /files/:id must not serve it (server/private-files.ts), and only
 * the document's permission-checked workspace route does. A file also used by a published document
 * stays public.
 */
export async function isDraftLibraryFile(db: Db, fileId: string): Promise<boolean> {
  const rows = await db
    .selectFrom("library_document_file as f")
    .innerJoin("library_document as d", "d.id", "f.document_id")
    .select((eb) => [
      eb.fn.countAll<string>().as("all"),
      eb.fn.countAll<string>().filterWhere("d.status", "=", "published").as("published"),
    ])
    .where("f.file_id", "=", fileId)
    .executeTakeFirst();
  return Number(rows?.all ?? 0) > 0 && Number(rows?.published ?? 0) === 0;
}

/** Where a document's file is downloaded: the public file route once published, the checked workspace route before. */
export function libraryFileHref(
  locale: string,
  doc: { id: number; status: string },
  file: { fileId: string; locale: string },
): string {
  return doc.status === "published"
    ? `/files/${file.fileId}`
    : `/${locale}/workspace/library/${doc.id}/files/${file.locale}`;
}

/**
 * The library documents a stored file belongs to: public once the document is published; a
 * draft's file is never served by /files/:id, only by the document's checked workspace route.
 * A compiled annual report becomes public this way when it is published to the library.
 */
export async function libraryFileOwners(db: Db, fileId: string): Promise<FileOwner[]> {
  const rows = await db
    .selectFrom("library_document_file as f")
    .innerJoin("library_document as d", "d.id", "f.document_id")
    .select("d.status")
    .where("f.file_id", "=", fileId)
    .execute();
  return rows.map((row) => ({
    kind: "library_document_file",
    isPublic: row.status === "published",
    mayRead: () => false,
  }));
}
