import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "#app/modules.server.ts";
import * as opportunitiesIndex from "#app/modules/clearing-house/opportunities/routes/opportunities-index.tsx";
import * as opportunityEdit from "#app/modules/clearing-house/opportunities/routes/workspace-opportunity-edit.tsx";
import * as serviceEdit from "#app/modules/clearing-house/services/routes/workspace-service-edit.tsx";
import { setUpTestDatabase } from "../../../../tests/support/test-database.ts";
import { setUpTestFileStore } from "../../../../tests/support/test-file-store.ts";
import {
  createTestUser,
  formRequest,
  organisationIdBySlug,
  workspaceContext,
} from "../../../../tests/support/workspace-actors.ts";
import * as newsDetail from "./routes/news-detail.tsx";
import * as newsEdit from "./routes/workspace-news-edit.tsx";
import * as publishing from "../publishable/routes/workspace-publishing.tsx";
import { expectFormRefused } from "../../../../tests/support/route-harness.ts";
import { callRoute } from "../../../../tests/support/route-call.ts";

/** Calls a route's loader for `path` (after the origin) with its params, as `context`'s visitor. */
const load = (loader: unknown, path: string, params: Record<string, string>, context: unknown) =>
  callRoute(loader, new Request(`http://localhost${path}`), params, context);
/** Posts a form to a route's action at `path` with its params, as `context`'s user. */
const submit = (
  action: unknown,
  path: string,
  params: Record<string, string>,
  context: unknown,
  fields: Record<string, string>,
) => callRoute(action, formRequest(path, fields), params, context);
/** Publishes an item of a kind or takes it back to draft from the publishing list, as `context`'s user. */
const setStatus = (kind: string, id: number, status: "published" | "draft", context: unknown) =>
  submit(publishing.action, "/en/workspace/publishing", { lang: "en" }, context, { kind, id: String(id), status });
/** Saves a new item of a kind from its editor's form, as `context`'s user. */
const saveNew = (editor: { action: unknown }, kind: string, context: unknown, fields: Record<string, string>) =>
  submit(editor.action, `/en/workspace/publishing/${kind}/new`, { lang: "en", id: "new" }, context, fields);
/** Loads the workspace editor of item `id` of `kind` ("new": a blank one), as `context`'s user. */
const loadEditor = (editor: { loader: unknown }, kind: string, id: string, context: unknown, query = "") =>
  load(editor.loader, `/en/workspace/publishing/${kind}/${id}${query}`, { lang: "en", id }, context);

const handle = setUpTestDatabase();
const files = setUpTestFileStore(handle, "cap-publishing-", 20 * 1024 * 1024);
let csoId: number;
beforeAll(async () => {
  await seedDemoContent(handle.db, { story: false });
  csoId = await organisationIdBySlug(handle.db, "balkan-sunflowers-kosova");
});

function contextFor(actor: Parameters<typeof workspaceContext>[1]) {
  return {
    ...workspaceContext(handle.db, actor),
    files,
  };
}

describe("members write, publish and moderate news (forms without JavaScript)", () => {
  it("refuses a news item without its title in the original language (400, values kept), then saves a draft, publishes it into search, and lets a coordinator unpublish it", async () => {
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: csoId }]);
    const context = contextFor(member);
    const fields = {
      organisationId: String(csoId),
      originalLocale: "sr",
      title_sq: "Titull shqip",
      body_sr: "Tekst **podebljan**",
    };
    const invalid = await saveNew(newsEdit, "news", context, fields);
    expectFormRefused(invalid, {
      errors: { title_sr: "news:form.errors.requiredInOriginal" },
      values: { title_sq: "Titull shqip" },
    });
    expect(
      await handle.db
        .selectFrom("news_item")
        .select("id")
        .where("title", "@>", { sq: "Titull shqip" } as never)
        .execute(),
    ).toEqual([]);

    const created = await saveNew(newsEdit, "news", context, { ...fields, title_sr: "Vest <b>udruženja</b>" });
    expect(created.status).toBe(302);
    const id = Number(/news\/(\d+)\?saved=saved$/.exec(created.location ?? "")?.[1]);
    const draft = await handle.db.selectFrom("news_item").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ status: "draft", published_at: null, organisation_id: csoId });
    const publicPage = () =>
      load(newsDetail.loader, `/en/news/${draft.slug}`, { lang: "en", slug: draft.slug }, contextFor(null));
    const searchEntry = () =>
      handle.db
        .selectFrom("search_entry")
        .select("path")
        .where("kind", "=", "news")
        .where("ref_id", "=", String(id))
        .executeTakeFirst();
    expect(await publicPage()).toMatchObject({ status: 404 });

    const published = await setStatus("news", id, "published", context);
    expect(published).toMatchObject({ status: 302, location: "/en/workspace/publishing?saved=published" });
    const page = await publicPage();
    expect(page.status).toBe(200);
    expect(await searchEntry()).toEqual({ path: `news/${draft.slug}` });

    const outsider = await createTestUser(handle.db, [
      {
        role: "donor",
        organisationId: await organisationIdBySlug(handle.db, "british-embassy-pristina"),
      },
    ]);
    expect(await setStatus("news", id, "draft", contextFor(outsider))).toMatchObject({ status: 403 });
    expect(await loadEditor(newsEdit, "news", String(id), contextFor(outsider))).toMatchObject({ status: 404 });

    const coordinator = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
    expect(await setStatus("news", id, "draft", contextFor(coordinator))).toMatchObject({ status: 302 });
    expect(await searchEntry()).toBeUndefined();
    const actions = await handle.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("subject_type", "=", "news_item")
      .where("subject_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(actions).toEqual([
      { action: "news.create", actor_user_id: member.userId },
      { action: "news.publish", actor_user_id: member.userId },
      { action: "news.unpublish", actor_user_id: coordinator.userId },
    ]);
  });

  it("requires alt text for an image, refuses a renamed executable, and stores a clean resized copy", async () => {
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: csoId }]);
    const context = contextFor(member);
    const item = await handle.db
      .insertInto("news_item")
      .values({
        slug: "image-test",
        original_locale: "en",
        title: { en: "Images" },
        body: { en: "Body" },
        organisation_id: csoId,
        status: "draft",
        published_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const upload = async (bytes: Uint8Array, name: string, alt: string) => {
      const form = new FormData();
      form.set("intent", "image");
      form.set("alt_en", alt);
      form.set("image", new File([Buffer.from(bytes)], name));
      return callRoute(
        newsEdit.action,
        new Request(`http://localhost/en/workspace/publishing/news/${item.id}`, { method: "POST", body: form }),
        { lang: "en", id: String(item.id) },
        context,
      );
    };
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#aa3366" } })
      .png()
      .toBuffer();
    expect(await upload(photo, "photo.png", "")).toMatchObject({
      status: 400,
      data: { errors: { alt_sq: "news:form.errors.altRequired" } },
    });
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, ...new Array(200).fill(0)]);
    const refused = await upload(exe, "photo.jpg", "A photo");
    expect(refused.status).toBe(400);
    expect((refused.data as { errors: Record<string, string> }).errors.image).toMatch(
      /^news:form\.upload\.(unknown_type|type_not_allowed)$/,
    );
    expect(await upload(photo, "photo.png", "People at the meeting")).toMatchObject({ status: 302 });
    const image = await handle.db
      .selectFrom("news_image")
      .selectAll()
      .where("news_item_id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect([image.width, image.height, image.alt]).toEqual([1600, 1067, { en: "People at the meeting" }]);
    const stored = await handle.db
      .selectFrom("stored_file")
      .select(["media_type"])
      .where("id", "in", [image.large_file_id, image.thumb_file_id])
      .execute();
    expect(stored.map((s) => s.media_type)).toEqual(["image/jpeg", "image/jpeg"]);
  });
});

describe("services and opportunities", () => {
  it("a service needs an address or an online link; an opportunity leaves the list the day after its deadline", async () => {
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: csoId }]);
    const context = contextFor(member);
    const noPlace = await saveNew(serviceEdit, "services", context, {
      organisationId: String(csoId),
      originalLocale: "sq",
      title_sq: "Këshillim juridik",
      summary_sq: "Këshilla falas",
    });
    expect(noPlace).toMatchObject({ status: 400, data: { errors: { address: "services:form.errors.placeRequired" } } });

    const created = await saveNew(opportunityEdit, "opportunities", context, {
      organisationId: String(csoId),
      kind: "training",
      originalLocale: "en",
      title_en: "Closing today",
      summary_en: "Training",
      deadline: "2030-06-15",
    });
    expect(created.status).toBe(302);
    const id = Number(/opportunities\/(\d+)\?/.exec(created.location ?? "")?.[1]);
    await setStatus("opportunities", id, "published", context);
    const { listOpportunities } =
      await import("#app/modules/clearing-house/opportunities/opportunities.queries.server.ts");
    expect(
      (await listOpportunities(handle.db, { page: 1, pageSize: 100 }, "2030-06-15")).items.map((o) => o.id),
    ).toContain(id);
    expect(
      (await listOpportunities(handle.db, { page: 1, pageSize: 100 }, "2030-06-16")).items.map((o) => o.id),
    ).not.toContain(id);
    expect(
      (await listOpportunities(handle.db, { expired: true, page: 1, pageSize: 100 }, "2030-06-16")).items.map(
        (o) => o.id,
      ),
    ).toContain(id);
    const page = await load(
      opportunitiesIndex.loader,
      "/en/opportunities?kind=training",
      { lang: "en" },
      contextFor(null),
    );
    expect((page.data as { items: { slug: string }[] }).items.map((i) => i.slug)).toContain("closing-today");
  });

  it("open the editor of a new item with its defaults and of a saved one with its values; 404 for none and, as if there were none, for another organisation's writer", async () => {
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: csoId }]);
    const context = contextFor(member);
    const blank = await loadEditor(opportunityEdit, "opportunities", "new", context);
    expect(blank.status).toBe(200);
    expect(blank.data).toMatchObject({
      id: null,
      status: null,
      version: 1,
      saved: false,
      values: { originalLocale: "sq", organisationId: String(csoId), kind: "job" },
    });
    expect(blank.data).not.toHaveProperty("sectors");

    const created = await saveNew(serviceEdit, "services", context, {
      organisationId: String(csoId),
      originalLocale: "sq",
      title_sq: "Këshillim juridik në zyrë",
      summary_sq: "Këshilla falas",
      address: "Rruga e Agimit 4",
    });
    expect(created.status).toBe(302);
    const id = /services\/(\d+)\?/.exec(created.location ?? "")?.[1] ?? "";
    const saved = await loadEditor(serviceEdit, "services", id, context, "?saved=saved");
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({
      id: Number(id),
      status: "draft",
      saved: true,
      values: {
        originalLocale: "sq",
        organisationId: String(csoId),
        kasCode: "",
        address: "Rruga e Agimit 4",
        onlineUrl: "",
        title_sq: "Këshillim juridik në zyrë",
      },
    });
    expect(saved.data).toHaveProperty("sectors");

    const missing = await loadEditor(serviceEdit, "services", "999999", context);
    expect(missing.status).toBe(404);
    const otherOrganisation = (
      await handle.db
        .selectFrom("organisation")
        .select("id")
        .where("id", "!=", csoId)
        .where("type_code", "not in", ["municipality_office", "ministry"])
        .orderBy("id")
        .executeTakeFirstOrThrow()
    ).id;
    const outsider = await createTestUser(handle.db, [{ role: "cso_member", organisationId: otherOrganisation }]);
    const refused = await loadEditor(serviceEdit, "services", id, contextFor(outsider));
    expect(refused.status).toBe(404);
  });
});
