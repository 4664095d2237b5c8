import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerContext } from "#app/context.ts";
import { createDocument, setDocumentStatus } from "#app/modules/library/library.commands.server.ts";
import {
  documentFormData,
  makePdf,
  openLibraryFixture,
  type LibraryTestFixture,
} from "#app/modules/library/library.test-support.ts";
import * as detailRoute from "#app/modules/library/routes/library-detail.tsx";
import * as fileRoute from "#app/modules/library/routes/workspace-document-file.tsx";
import { createTestApp } from "../support/test-app.ts";
import { createTestUser, outcome } from "../support/workspace-actors.ts";

const MAX = 20 * 1024 * 1024;

describe("library draft files", () => {
  let fixture: LibraryTestFixture;
  beforeAll(async () => {
    fixture = await openLibraryFixture("cap-library-draft-files-", MAX);
  });
  afterAll(() => fixture.close());

  const download = (actor: ServerContext["actor"], id: number, locale = "sr") =>
    outcome(
      fileRoute.loader({
        request: new Request(`http://localhost/en/workspace/library/${id}/files/${locale}`),
        params: { lang: "en", id: String(id), locale },
        context: fixture.context(actor),
      } as never),
    );

  /** The links to a document's files on its public page, as `actor` sees them. */
  const fileLinksOnPage = async (actor: ServerContext["actor"], slug: string) => {
    const page = await outcome(
      detailRoute.loader({
        request: new Request("http://localhost/en/library/x"),
        params: { lang: "en", slug },
        context: fixture.context(actor),
      } as never),
    );
    return (page.data as { files: { href: string }[] }).files.map((f) => f.href);
  };

  it("refuses a draft's file at /files/:id, serves it to the document's editors, and publicly once published", async () => {
    const { handle, root, files, orgId, otherOrgId } = fixture;
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: orgId }]);
    const outsider = await createTestUser(handle.db, [{ role: "cso_member", organisationId: otherOrgId }]);
    const coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
    const pdf = await makePdf(["Nacrt dokumenta za proveru pristupa"]);
    const created = await createDocument(
      handle.db,
      { actor: member, requestId: "draft-1" },
      documentFormData(orgId, { titleSr: "Nacrt", sectors: [], communities: [] }),
      [{ locale: "sr", originalName: "nacrt.pdf", bytes: pdf }],
      { files, maxBytes: MAX },
    );
    if (!created.ok) throw new Error(`not created: ${JSON.stringify(created)}`);
    const stored = await handle.db
      .selectFrom("library_document_file")
      .select("file_id")
      .where("document_id", "=", created.id)
      .executeTakeFirstOrThrow();
    const app = createTestApp(handle, root);

    const refused = await app.fetch(new Request(`http://localhost:3999/files/${stored.file_id}`));
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("%PDF");

    // The document's own member and a coordinator download it through the checked route; the page links there.
    for (const actor of [member, coordinator]) {
      const served = await download(actor, created.id);
      expect(served.status).toBe(200);
      const response = served.data as Response;
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    }
    expect(await fileLinksOnPage(member, created.slug)).toEqual([`/en/workspace/library/${created.id}/files/sr`]);

    // Another organisation's member, an unknown language version and an unknown document: 404; anonymous readers are sent to sign in.
    expect((await download(outsider, created.id)).status).toBe(404);
    expect((await download(member, created.id, "en")).status).toBe(404);
    expect((await download(member, 987654)).status).toBe(404);
    expect([302, 303]).toContain((await download({ kind: "anonymous" }, created.id)).status);

    // Published: the public route serves it and the page links there.
    expect(
      await setDocumentStatus(handle.db, { actor: coordinator, requestId: "draft-2" }, created.id, {
        intent: "publish",
        version: 1,
      }),
    ).toMatchObject({ ok: true, status: "published" });
    const served = await app.fetch(new Request(`http://localhost:3999/files/${stored.file_id}`));
    expect(served.status).toBe(200);
    expect(await fileLinksOnPage({ kind: "anonymous" }, created.slug)).toEqual([`/files/${stored.file_id}`]);

    // Taken back to draft: refused again.
    expect(
      await setDocumentStatus(handle.db, { actor: coordinator, requestId: "draft-3" }, created.id, {
        intent: "unpublish",
        version: 2,
      }),
    ).toMatchObject({ ok: true, status: "draft" });
    expect((await app.fetch(new Request(`http://localhost:3999/files/${stored.file_id}`))).status).toBe(404);
  });
});
