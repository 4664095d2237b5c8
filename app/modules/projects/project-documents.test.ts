import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import * as libraryDetail from "#app/modules/library/routes/library-detail.tsx";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { type Asker, expectFormRefused, routeHarness } from "../../../tests/support/route-harness.ts";
import { linkProjectDocument, listLinkedDocuments, unlinkProjectDocument } from "./project-documents.server.ts";
import { loadProjectInput } from "./projects.queries.server.ts";
import * as projectDetail from "./routes/project-detail.tsx";
import * as editProject from "./routes/workspace-project.tsx";
import { audit, createFullProject, projectActors, projectAuditTrail } from "./testing/fixtures.ts";

let handle: DatabaseHandle;
let actors: Awaited<ReturnType<typeof projectActors>>;
let projectId: number;
let published: { id: number; slug: string };
let draftId: number;

/** The audit entries of the project's document links, in order. */
async function linkAudits() {
  return (await projectAuditTrail(handle.db, projectId))
    .filter((a) => a.action.startsWith("project.document."))
    .map(({ action, diff }) => ({ action, diff }));
}

/** The project's edit page form, posted by `actor` as a browser without JavaScript does. */
function postEditForm(actor: Asker, form: Record<string, string>) {
  const params = { lang: "en", id: String(projectId) };
  return routeHarness(handle.db).submit(editProject.action, {
    path: `/en/workspace/projects/${projectId}`,
    params,
    as: actor,
    form,
  });
}

/** The public library page of the published document. */
function publicLibraryPage() {
  const params = { lang: "en", slug: published.slug };
  return routeHarness(handle.db).load(libraryDetail.loader, {
    path: `/en/library/${published.slug}`,
    params,
    as: null,
  });
}

/** Sets the project's validation status directly (a step of the test, not a command). */
async function setValidationStatus(status: "submitted" | "validated") {
  await handle.db.updateTable("project").set({ validation_status: status }).where("id", "=", projectId).execute();
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db, { story: false });
  actors = await projectActors(handle.db);
  projectId = await createFullProject(handle.db, actors);
  published = await handle.db
    .selectFrom("library_document")
    .select(["id", "slug"])
    .where("status", "=", "published")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const draft = await handle.db
    .insertInto("library_document")
    .values({
      slug: "draft-for-links",
      doc_type: "report",
      title: JSON.stringify({ en: "Draft <b>report</b>" }) as never,
      original_locale: "en",
      organisation_id: actors.donorOrg,
      issued_on: "2025-01-01",
      status: "draft",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  draftId = draft.id;
}, 60_000);
afterAll(() => handle.close());

describe("library documents linked to a project", () => {
  it("are linked and unlinked by the project's editors through the plain form, audited once", async () => {
    const link = await postEditForm(actors.donor, { intent: "linkDocument", documentId: String(published.id) });
    expect(link.status).toBe(302);
    expect(link.location).toBe(`/en/workspace/projects/${projectId}?saved=linkDocument`);
    expect((await listLinkedDocuments(handle.db, projectId, { publishedOnly: true })).map((d) => d.id)).toEqual([
      published.id,
    ]);
    // Linking again changes nothing and records nothing more.
    expect(await linkProjectDocument(handle.db, audit(actors.donor), projectId, { documentId: published.id })).toEqual({
      ok: true,
    });
    expect(await linkAudits()).toEqual([
      { action: "project.document.link", diff: { libraryDocument: { before: null, after: published.slug } } },
    ]);

    const page = await routeHarness(handle.db).load(editProject.loader, {
      path: `/en/workspace/projects/${projectId}`,
      params: { lang: "en", id: String(projectId) },
      as: actors.donor,
    });
    const data = page.data as { linkedDocuments: { id: number; href: string }[]; linkableDocuments: { id: number }[] };
    expect(data.linkedDocuments).toMatchObject([{ id: published.id, href: `/en/library/${published.slug}` }]);
    expect(data.linkableDocuments.some((d) => d.id === published.id)).toBe(false);
    expect(data.linkableDocuments.some((d) => d.id === draftId)).toBe(false);

    const unlink = await postEditForm(actors.donor, { intent: "unlinkDocument", documentId: String(published.id) });
    expect(unlink.status).toBe(302);
    expect(await listLinkedDocuments(handle.db, projectId, { publishedOnly: false })).toEqual([]);
    expect((await linkAudits()).map((a) => a.action)).toEqual(["project.document.link", "project.document.unlink"]);
    // The project stays validated: a link is not an edit of the project's own fields.
    expect((await loadProjectInput(handle.db, projectId))?.validationStatus).toBe("validated");
  });

  it("refuses other organisations, drafts, unknown documents and nonsense, writing nothing", async () => {
    const before = (await linkAudits()).length;
    const denied = await postEditForm(actors.other, { intent: "linkDocument", documentId: String(published.id) });
    expect(denied.status).toBe(403);
    expect(
      await linkProjectDocument(handle.db, audit({ kind: "anonymous" }), projectId, { documentId: published.id }),
    ).toMatchObject({ ok: false, status: 403 });
    expect(await linkProjectDocument(handle.db, audit(actors.donor), projectId, { documentId: draftId })).toMatchObject(
      { ok: false, status: 400, errors: { documentId: "projects:errors.documentUnknown" } },
    );
    expect(await linkProjectDocument(handle.db, audit(actors.donor), projectId, { documentId: 999_999 })).toMatchObject(
      { ok: false, status: 400, errors: { documentId: "projects:errors.documentUnknown" } },
    );
    const empty = await postEditForm(actors.donor, { intent: "linkDocument", documentId: "" });
    expectFormRefused(empty, { errors: { documentId: "projects:errors.documentRequired" } });
    expect(
      await unlinkProjectDocument(handle.db, audit(actors.donor), 999_999, { documentId: published.id }),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await listLinkedDocuments(handle.db, projectId, { publishedOnly: false })).toEqual([]);
    expect((await linkAudits()).length).toBe(before);
  });

  it("show on the public project page and the library document page (validated projects, published documents)", async () => {
    expect(await linkProjectDocument(handle.db, audit(actors.donor), projectId, { documentId: published.id })).toEqual({
      ok: true,
    });
    const project = await routeHarness(handle.db).load(projectDetail.loader, {
      path: `/en/projects/${projectId}`,
      params: { lang: "en", id: String(projectId) },
      as: null,
    });
    expect((project.data as { libraryDocuments: { href: string }[] }).libraryDocuments).toMatchObject([
      { href: `/en/library/${published.slug}` },
    ]);
    const document = await publicLibraryPage();
    const linked = (document.data as { linkedProjects: { heading: string; projects: { id: number; href: string }[] } })
      .linkedProjects;
    expect(linked.heading).toBe("Linked projects");
    expect(linked.projects).toMatchObject([{ id: projectId, href: `/en/projects/${projectId}` }]);
    // A project sent back to the Office leaves the library page.
    await setValidationStatus("submitted");
    const again = await publicLibraryPage();
    expect((again.data as { linkedProjects: { projects: unknown[] } }).linkedProjects.projects).toEqual([]);
    await setValidationStatus("validated");
  });
});
