import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "#app/modules.server.ts";
import { taskProviders } from "#app/modules.server.ts";
import { loadWorkspaceTasks } from "#app/modules/workspace/workspace-tasks.server.ts";
import { setUpTestDatabase } from "../../../../tests/support/test-database.ts";
import { setUpTestFileStore } from "../../../../tests/support/test-file-store.ts";
import { createTestUser } from "../../../../tests/support/workspace-actors.ts";
import {
  addEventDocument,
  addEventPhoto,
  addRecommendation,
  changeRecommendationStatus,
  eventCommands,
} from "./events.commands.server.ts";
import { getEvent, listRecommendations } from "./events.queries.server.ts";
import { EventFormSchema, RecommendationStatusSchema } from "./events.schema.ts";
import { organisationIdBySlug } from "../../../../tests/support/organisation-ids.ts";
import { auditActions, auditEntries, auditEntry } from "../../../../tests/support/audit-entries.ts";
import { countRows } from "../../../../tests/support/row-count.ts";

const handle = setUpTestDatabase();
const files = setUpTestFileStore(handle, "cap-events-", 20 * 1024 * 1024);
beforeAll(async () => {
  await seedDemoContent(handle.db, { story: false });
});

const orgId = (slug: string) => organisationIdBySlug(handle.db, slug);

describe("demo content", () => {
  it("holds the sector meetings of seed 001, the Prizren session of seed 000 and the KOSINT launch, all searchable", async () => {
    const events = await handle.db.selectFrom("event").select(["slug", "kind"]).orderBy("starts_at").execute();
    expect(events.map((e) => e.slug)).toEqual([
      "kosint-2020-launch-2017-03-09",
      "sector-meeting-employment-and-social-welfare-2019-03",
      "sector-meeting-health-2019-03",
      "sector-meeting-housing-2019-03",
      "third-regional-informative-session-prizren-2025-01-29",
    ]);
    const kinds = await handle.db
      .selectFrom("search_entry")
      .select(["kind", "path"])
      .where("kind", "in", ["news", "event", "service", "opportunity", "organisation"])
      .execute();
    const paths = new Set(kinds.map((k) => k.path));
    expect(paths.has("events/sector-meeting-health-2019-03")).toBe(true);
    expect(paths.has("news/kosint-2020-project-launch")).toBe(true);
    expect(paths.has("services/online-diploma-verification")).toBe(true);
    expect(paths.has("organizations/ministry-of-labour-and-social-welfare")).toBe(true);
    expect(kinds.filter((k) => k.kind === "organisation").length).toBeGreaterThan(38);
  });
});

describe("recommendations", () => {
  it("reach the owning organisation's members as tasks, and each status change is audited", async () => {
    const ministry = await orgId("ministry-of-labour-and-social-welfare");
    const focalPoint = await createTestUser(handle.db, [{ role: "focal_point", organisationId: ministry }]);
    const tasks = await loadWorkspaceTasks(handle.db, focalPoint, await taskProviders());
    const task = tasks.find((t) => t.key.startsWith("events.recommendation:"));
    expect(task).toMatchObject({ titleKey: "events:tasks.recommendation", severity: "warning" });
    const id = Number(task!.key.split(":")[1]);

    const audit = { actor: focalPoint, requestId: "test" };
    const rejected = RecommendationStatusSchema.safeParse({
      recommendationId: String(id),
      status: "rejected",
      note: "",
      version: "1",
    });
    expect(rejected.success).toBe(false);
    const done = await handle.db
      .transaction()
      .execute((trx) =>
        changeRecommendationStatus(trx, audit, { recommendationId: id, status: "done", note: null, version: 1 }),
      );
    expect(done).toEqual({ ok: true, id });
    const stale = await handle.db
      .transaction()
      .execute((trx) =>
        changeRecommendationStatus(trx, audit, { recommendationId: id, status: "open", note: null, version: 1 }),
      );
    expect(stale).toMatchObject({ ok: false, status: 409 });
    const record = await auditEntry(handle.db, { subject_type: "recommendation", subject_id: id });
    expect(record).toMatchObject({
      action: "recommendation.status",
      actor_user_id: focalPoint.userId,
      diff: { status: { before: "open", after: "done" } },
    });
    expect(
      (await loadWorkspaceTasks(handle.db, focalPoint, await taskProviders())).some(
        (t) => t.key === `events.recommendation:${id}`,
      ),
    ).toBe(false);
    const { items } = await listRecommendations(handle.db, { status: "done", page: 1, pageSize: 10 }, "2026-01-01");
    expect(items.map((i) => i.id)).toContain(id);
  });

  it("refuses a status change by another organisation and a rejection without a reason", async () => {
    const cso = await createTestUser(handle.db, [
      { role: "cso_member", organisationId: await orgId("balkan-sunflowers-kosova") },
    ]);
    const rec = await handle.db
      .selectFrom("recommendation")
      .select(["id", "version"])
      .where("status", "=", "in_progress")
      .executeTakeFirstOrThrow();
    // The recommendation's status, changed by an actor in a transaction of its own (no reason given).
    const change = (actor: typeof cso, status: "done" | "rejected") =>
      handle.db
        .transaction()
        .execute((trx) =>
          changeRecommendationStatus(
            trx,
            { actor, requestId: "t" },
            { recommendationId: rec.id, status, note: null, version: rec.version },
          ),
        );
    expect(await change(cso, "done")).toMatchObject({ ok: false, status: 403 });
    const coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
    const noReason = await change(coordinator, "rejected");
    expect(noReason).toMatchObject({
      ok: false,
      status: 400,
      errors: { note: "events:recommendations.errors.reasonRequired" },
    });
  });
});

describe("events written by members", () => {
  it("creates a draft, publishes it into the search index, records recommendations and stores photos without metadata", async () => {
    const cso = await orgId("balkan-sunflowers-kosova");
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: cso }]);
    const audit = { actor: member, requestId: "t" };
    const input = EventFormSchema.parse({
      kind: "training",
      originalLocale: "sr",
      title_sr: "Obuka <script>alert(1)</script> Ђаковица",
      startsAt: "2027-05-10T10:00",
      endsAt: "2027-05-10T12:00",
      kasCode: "20",
      address: "Rruga e Shadërvanit 1",
      organisationId: String(cso),
      participants: [String(await orgId("ministry-of-health"))],
    });
    const created = await handle.db.transaction().execute((trx) => eventCommands.create(trx, audit, input));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(await getEvent(handle.db, { id: created.id })).toBeNull();
    expect(await countRows(handle.db, "search_entry", { kind: "event", ref_id: String(created.id) })).toBe(0);
    await handle.db.transaction().execute((trx) => eventCommands.setStatus(trx, audit, created.id, "published"));
    const entry = await handle.db
      .selectFrom("search_entry")
      .select(["path", "search_text"])
      .where("kind", "=", "event")
      .where("ref_id", "=", String(created.id))
      .executeTakeFirstOrThrow();
    expect(entry.path).toBe(`events/${created.slug}`);
    expect(entry.search_text).toContain("djakovica");

    const photo = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: "#3366aa" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "secret-owner", ImageDescription: "GPS secret" } })
      .toBuffer();
    const added = await handle.db
      .transaction()
      .execute((trx) =>
        addEventPhoto(trx, audit, files, created.id, { bytes: photo, name: "photo.jpg" }, { sr: "Učesnici obuke" }),
      );
    expect(added.ok).toBe(true);
    const event = await getEvent(handle.db, { id: created.id });
    expect(event?.photos).toHaveLength(1);
    const stored = event!.photos[0]!;
    expect([stored.width, stored.height]).toEqual([1600, 800]);
    for (const id of [stored.largeFileId, stored.mediumFileId, stored.thumbFileId]) {
      const file = await files.get(id);
      const bytes = Buffer.from(await new Response(file!.body).arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from("secret-owner"))).toBe(false);
    }
    const renamed = await handle.db
      .transaction()
      .execute((trx) =>
        addEventPhoto(
          trx,
          audit,
          files,
          created.id,
          { bytes: new TextEncoder().encode("MZ not an image"), name: "x.jpg" },
          { sr: "x" },
        ),
      );
    expect(renamed).toMatchObject({ ok: false, status: 400 });

    const rec = await handle.db.transaction().execute((trx) =>
      addRecommendation(trx, audit, created.id, {
        originalLocale: "sr",
        text_sr: "Preporuka",
        text_sq: "",
        text_en: "",
        ownerOrganisationId: cso,
        dueDate: "2027-06-01",
        measureId: undefined,
      }),
    );
    expect(rec.ok).toBe(true);
    const other = await createTestUser(handle.db, [
      { role: "donor", organisationId: await orgId("british-embassy-pristina") },
    ]);
    const forbidden = await handle.db
      .transaction()
      .execute((trx) => eventCommands.setStatus(trx, { actor: other, requestId: "t" }, created.id, "draft"));
    expect(forbidden).toMatchObject({ ok: false, status: 403 });
    expect(await auditActions(handle.db, { subject_type: "event", subject_id: created.id })).toEqual([
      "event.create",
      "event.publish",
      "event.photo.add",
    ]);
  });

  it("adds a document to its own organisation's event only: 404 for no event, 403 for another organisation, audited on the event", async () => {
    const cso = await orgId("balkan-sunflowers-kosova");
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: cso }]);
    const audit = { actor: member, requestId: "t-document" };
    const created = await handle.db.transaction().execute((trx) =>
      eventCommands.create(
        trx,
        audit,
        EventFormSchema.parse({
          kind: "training",
          originalLocale: "sq",
          title_sq: "Trajnim me dokument",
          startsAt: "2027-06-10T10:00",
          endsAt: "2027-06-10T12:00",
          organisationId: String(cso),
        }),
      ),
    );
    if (!created.ok) throw new Error("the event was not created");
    const pdf = {
      bytes: new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
      name: "a.pdf",
    };
    const missing = await addEventDocument(handle.db, audit, files, 999_999, pdf, { sq: "Axhenda" });
    expect(missing).toMatchObject({ ok: false, status: 404 });
    const outsider = await createTestUser(handle.db, [
      { role: "cso_member", organisationId: await orgId("ministry-of-health") },
    ]);
    const refused = await addEventDocument(
      handle.db,
      { actor: outsider, requestId: "t-document" },
      files,
      created.id,
      pdf,
      { sq: "Axhenda" },
    );
    expect(refused).toMatchObject({ ok: false, status: 403 });
    const added = await addEventDocument(handle.db, audit, files, created.id, pdf, { sq: "Axhenda" });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const audited = await auditEntries(handle.db, { request_id: "t-document" });
    expect(audited.map((a) => a.action)).toEqual(["event.create", "event.document.add"]);
    expect(audited[1]).toMatchObject({ subject_type: "event", subject_id: String(created.id), organisation_id: cso });
    const documents = await handle.db
      .selectFrom("event_document")
      .select("id")
      .where("event_id", "=", created.id)
      .execute();
    expect(documents.map((d) => d.id)).toEqual([added.id]);
  });
});
