import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { createTestDatabase } from "../../../../tests/support/test-database.ts";
import {
  createTestUser,
  organisationIdBySlug,
  outcome,
  workspaceContext,
} from "../../../../tests/support/workspace-actors.ts";
import * as eventEdit from "./routes/workspace-event-edit.tsx";
import { formDataOf } from "../../../../tests/support/form-data.ts";

/*
 * The event editor's forms, each posted with its intent (the event's own, a document, a photo, a recommendation):
 * a refused one answers with its status, its intent, its errors and the values sent, so the page shows them at
 * that form; an accepted one goes back to the editor saying what was saved (post/redirect/get).
 */

const PDF = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

let handle: DatabaseHandle;
let root: string;
let eventId: number;
let post: (fields: Record<string, string>, file?: { field: string; name: string }) => ReturnType<typeof outcome>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db, { story: false });
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cap-event-editor-"));
  const event = await handle.db
    .selectFrom("event")
    .select("id")
    .where("slug", "=", "third-regional-informative-session-prizren-2025-01-29")
    .executeTakeFirstOrThrow();
  eventId = event.id;
  const member = await createTestUser(handle.db, [
    { role: "cso_member", organisationId: await organisationIdBySlug(handle.db, "office-for-community-affairs") },
  ]);
  const context = {
    ...workspaceContext(handle.db, member),
    files: createFileStore({ db: handle.db, root, maxBytes: 20 * 1024 * 1024 }),
  };
  post = (fields, file) => {
    const form = formDataOf(fields);
    if (file) form.set(file.field, new File([PDF], file.name));
    const request = new Request(`http://localhost/en/workspace/publishing/events/${eventId}`, {
      method: "POST",
      body: form,
    });
    return outcome(eventEdit.action({ request, params: { lang: "en", id: String(eventId) }, context } as never));
  };
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("the event editor's forms", () => {
  it("adds a document: refused without a title, then without a file, then saved and back at the editor", async () => {
    const pdf = { field: "document", name: "agenda.pdf" };
    expect(await post({ intent: "document", doc_en: "" }, pdf)).toMatchObject({
      status: 400,
      data: { intent: "document", errors: { doc_sq: "events:form.errors.documentTitle" } },
    });
    expect(await post({ intent: "document", doc_en: "Agenda" })).toMatchObject({
      status: 400,
      data: { intent: "document", errors: { document: "news:form.upload.empty" }, values: { doc_en: "Agenda" } },
    });
    expect(await post({ intent: "document", doc_en: "Agenda" }, pdf)).toMatchObject({
      status: 302,
      location: `/en/workspace/publishing/events/${eventId}?saved=document`,
    });
    const documents = await handle.db
      .selectFrom("event_document")
      .select("title")
      .where("event_id", "=", eventId)
      .execute();
    expect(documents.map((d) => d.title)).toContainEqual({ en: "Agenda" });
  });

  it("adds a photo only with its alt text and a file", async () => {
    expect(await post({ intent: "photo", alt_en: "" })).toMatchObject({
      status: 400,
      data: { intent: "photo", errors: { alt_sq: "news:form.errors.altRequired" } },
    });
    expect(await post({ intent: "photo", alt_en: "People at the session" })).toMatchObject({
      status: 400,
      data: {
        intent: "photo",
        errors: { photo: "news:form.upload.empty" },
        values: { alt_en: "People at the session" },
      },
    });
  });

  it("adds a recommendation: refused without its text in the original language, then saved", async () => {
    const fields = {
      intent: "recommendation",
      originalLocale: "en",
      ownerOrganisationId: String(await organisationIdBySlug(handle.db, "ministry-of-health")),
      dueDate: "2027-01-29",
    };
    expect(await post(fields)).toMatchObject({
      status: 400,
      data: { intent: "recommendation", errors: { text_en: "news:form.errors.requiredInOriginal" } },
    });
    expect(await post({ ...fields, text_en: "Publish the health services in Romani." })).toMatchObject({
      status: 302,
      location: `/en/workspace/publishing/events/${eventId}?saved=recommendation`,
    });
  });

  it("saves the event's own form: refused at that form, then saved through the event's commands", async () => {
    const fields = {
      intent: "save",
      kind: "other",
      originalLocale: "en",
      organisationId: String(await organisationIdBySlug(handle.db, "office-for-community-affairs")),
      startsAt: "2025-01-29T10:00",
    };
    expect(await post({ ...fields, title_en: "" })).toMatchObject({
      status: 400,
      data: { intent: "save", errors: { title_en: "news:form.errors.requiredInOriginal" }, values: { kind: "other" } },
    });
    expect(await post({ ...fields, title_en: "The third regional session" })).toMatchObject({
      status: 302,
      location: `/en/workspace/publishing/events/${eventId}?saved=saved`,
    });
  });
});
