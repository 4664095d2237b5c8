import { beforeAll, describe, expect, it } from "vitest";
import { strategyPage } from "#app/modules/plans/strategies/strategies.pages.server.ts";
import { createPlanTree, type BuiltPlan } from "../../../../tests/support/plan-factory.ts";
import { setUpTestDatabase } from "../../../../tests/support/test-database.ts";
import { setUpTestFileStore } from "../../../../tests/support/test-file-store.ts";
import { createTestUser, workspaceContext } from "../../../../tests/support/workspace-actors.ts";
import * as route from "./routes/strategy-detail.tsx";
import type { SignedInActor } from "../../../../tests/support/signed-in-actor.ts";
import { callRoute } from "../../../../tests/support/route-call.ts";

/*
 * Coordinators manage a strategy's documents in the workspace with plain multipart forms (no
 * JavaScript): upload a file or link a published library document, remove one; every change is
 * audited, bad input is a 400 with a message and nothing written, and the public strategy page
 * lists the documents.
 */

const handle = setUpTestDatabase();
const files = setUpTestFileStore(handle, "cap-strategy-docs-");
let plan: BuiltPlan;
let coordinator: SignedInActor;
let focal: SignedInActor;
let slug = "";
const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

function post(
  actor: SignedInActor,
  fields: Record<string, string>,
  file?: { bytes: Uint8Array; name: string; type: string },
) {
  const body = new FormData();
  body.set("csrf", "test-token");
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  body.set(
    "file",
    file
      ? new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type })
      : new File([], "", { type: "application/octet-stream" }),
  );
  const request = new Request(`http://localhost/en/workspace/plans/strategies/${plan.strategyId}`, {
    method: "POST",
    body,
  });
  return callRoute(
    route.action,
    request,
    { lang: "en", strategyId: String(plan.strategyId) },
    { ...workspaceContext(handle.db, actor), files },
  );
}
const documents = () =>
  handle.db
    .selectFrom("strategy_document")
    .select(["id", "title", "locale", "file_id", "url"])
    .where("strategy_id", "=", plan.strategyId)
    .orderBy("id")
    .execute();
const audits = () =>
  handle.db
    .selectFrom("audit_log")
    .select(["action", "subject_id"])
    .where("action", "like", "strategy.document.%")
    .orderBy("id")
    .execute();

beforeAll(async () => {
  plan = await createPlanTree(handle.db, { national: { measures: [{ code: "N-1" }] } });
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: plan.ministryId }]);
  slug = plan.slug;
  await handle.db.updateTable("strategy").set({ status: "adopted" }).where("id", "=", plan.strategyId).execute();
});

describe("strategy documents in the workspace", () => {
  it("refuses anyone but a coordinator", async () => {
    expect(
      (
        await post(
          focal,
          { intent: "addDocument", title: "Strategy", locale: "en" },
          { bytes: PDF, name: "s.pdf", type: "application/pdf" },
        )
      ).status,
    ).toBe(403);
    expect(await documents()).toEqual([]);
  });

  it("refuses a form without a file or library document, a missing title, and a file of the wrong kind, keeping the values and writing nothing", async () => {
    const neither = await post(coordinator, { intent: "addDocument", title: "Strategjia 2017–2021", locale: "sq" });
    expect(neither).toMatchObject({
      status: 400,
      data: {
        errors: { file: "planning:documents.errors.fileOrLibrary" },
        values: { title: "Strategjia 2017–2021", locale: "sq" },
      },
    });
    const untitled = await post(
      coordinator,
      { intent: "addDocument", title: " ", locale: "sq" },
      { bytes: PDF, name: "s.pdf", type: "application/pdf" },
    );
    expect(untitled).toMatchObject({
      status: 400,
      data: { errors: { title: "planning:documents.errors.titleRequired" } },
    });
    const text = await post(
      coordinator,
      { intent: "addDocument", title: "Notes", locale: "en" },
      { bytes: new TextEncoder().encode("just text"), name: "notes.pdf", type: "application/pdf" },
    );
    expect(text.status).toBe(400);
    expect((text.data as { errors: Record<string, string> }).errors.file).toMatch(
      /^planning:documents\.errors\.upload\./,
    );
    expect(await documents()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it("adds an uploaded PDF and a published library document, audited, and the public strategy page lists both", async () => {
    const added = await post(
      coordinator,
      { intent: "addDocument", title: "Strategjia për përfshirjen e komuniteteve rom dhe ashkali", locale: "sq" },
      { bytes: PDF, name: "strategjia.pdf", type: "application/pdf" },
    );
    expect(added).toMatchObject({ status: 302, location: expect.stringContaining(`?saved=documentAdded`) });

    const stored = await files.put(handle.db, PDF, {
      originalName: "action-plan-en.pdf",
      accept: ["application/pdf"],
      maxBytes: 1024 * 1024,
    });
    if (!stored.ok) throw new Error("not stored");
    const library = await handle.db
      .insertInto("library_document")
      .values({
        slug: "action-plan-roma-ashkali",
        doc_type: "action_plan",
        title: { en: "Action plan" },
        original_locale: "en",
        organisation_id: plan.ministryId,
        issued_on: "2017-05-01",
        status: "published",
        published_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto("library_document_file")
      .values({ document_id: library.id, locale: "en", file_id: stored.file.id })
      .execute();
    expect(
      await post(coordinator, {
        intent: "addDocument",
        title: "Action plan (library)",
        locale: "en",
        libraryDocumentId: String(library.id),
      }),
    ).toMatchObject({ status: 302 });

    const rows = await documents();
    expect(rows).toEqual([
      {
        id: expect.any(Number),
        title: { sq: "Strategjia për përfshirjen e komuniteteve rom dhe ashkali" },
        locale: "sq",
        file_id: expect.any(String),
        url: null,
      },
      {
        id: expect.any(Number),
        title: { en: "Action plan (library)" },
        locale: "en",
        file_id: stored.file.id,
        url: null,
      },
    ]);
    expect((await audits()).map((a) => a.action)).toEqual(["strategy.document.add", "strategy.document.add"]);

    const page = await strategyPage(handle.db, "en", slug, { page: 1 });
    expect(page?.documents).toEqual([
      expect.objectContaining({
        href: `/files/${rows[0]!.file_id}`,
        languageTag: "sq",
        title: expect.objectContaining({ text: "Strategjia për përfshirjen e komuniteteve rom dhe ashkali" }),
      }),
      expect.objectContaining({ href: `/files/${stored.file.id}`, languageTag: "en" }),
    ]);
    const workspace = await callRoute(
      route.loader,
      new Request(`http://localhost/en/workspace/plans/strategies/${plan.strategyId}`),
      { lang: "en", strategyId: String(plan.strategyId) },
      { ...workspaceContext(handle.db, coordinator), files },
    );
    expect((workspace.data as { documents: unknown[]; libraryChoices: { value: string }[] }).documents).toHaveLength(2);
    expect((workspace.data as { libraryChoices: { value: string }[] }).libraryChoices).toContainEqual(
      expect.objectContaining({ value: String(library.id) }),
    );
  });

  it("refuses an unpublished or unknown library document", async () => {
    expect(
      await post(coordinator, { intent: "addDocument", title: "Ghost", locale: "en", libraryDocumentId: "999999" }),
    ).toMatchObject({
      status: 400,
      data: { errors: { libraryDocumentId: "planning:documents.errors.libraryDocument" } },
    });
    expect(await documents()).toHaveLength(2);
  });

  it("removes a document, audited, and the public page no longer lists it", async () => {
    const [first] = await documents();
    expect(await post(focal, { intent: "removeDocument", documentId: String(first!.id) })).toMatchObject({
      status: 403,
    });
    expect(await post(coordinator, { intent: "removeDocument", documentId: String(first!.id) })).toMatchObject({
      status: 302,
      location: expect.stringContaining("saved=documentRemoved"),
    });
    expect(await documents()).toHaveLength(1);
    expect((await audits()).map((a) => a.action)).toEqual([
      "strategy.document.add",
      "strategy.document.add",
      "strategy.document.remove",
    ]);
    expect((await strategyPage(handle.db, "en", slug, { page: 1 }))?.documents).toHaveLength(1);
    expect(await post(coordinator, { intent: "removeDocument", documentId: String(first!.id) })).toMatchObject({
      status: 404,
    });
  });
});
