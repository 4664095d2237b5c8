import { beforeAll, describe, expect, it } from "vitest";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import * as detail from "#app/modules/workspace/routes/organisations-detail.tsx";
import * as index from "#app/modules/workspace/routes/organisations-index.tsx";
import * as create from "#app/modules/workspace/routes/organisations-new.tsx";
import type { Actor } from "#app/services/authorization.ts";
import { routeHarness, type RouteHarness, expectFormRefused } from "../../../tests/support/route-harness.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser, municipalityOfficeId } from "../../../tests/support/workspace-actors.ts";
import { insertRows } from "#app/db/insert-rows.server.ts";

type SignedIn = Extract<Actor, { kind: "user" }>;
type Handler = (args: never) => unknown;

const handle = setUpTestDatabase();
let routes: RouteHarness;
let coordinator: SignedIn;
let prizrenOfficeId: number;

beforeAll(async () => {
  routes = routeHarness(handle.db);
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  prizrenOfficeId = await municipalityOfficeId(handle.db, "20");
});

const get = <H extends Handler>(
  handler: H,
  actor: SignedIn | null,
  path: string,
  params: Record<string, string> = { lang: "en" },
) => routes.load(handler, { path, params, as: actor });

/** Posts the new-organisation form as `actor`. */
const postNewOrganisation = (actor: SignedIn, form: Record<string, string | string[]>) =>
  routes.submit(create.action, { path: "/en/workspace/organisations/new", params: { lang: "en" }, form, as: actor });

/** Posts a form of organisation `id`'s workspace page as `actor`. */
const postToOrganisation = (actor: SignedIn, id: number, form: Record<string, string | string[]>) =>
  routes.submit(detail.action, {
    path: `/en/workspace/organisations/${id}`,
    params: { lang: "en", id: String(id) },
    form,
    as: actor,
  });

describe("/workspace/organisations", () => {
  it("sends the public to sign in", async () => {
    const result = await get(index.loader, null, "/en/workspace/organisations");
    expect(result.status).toBe(302);
    expect(result.location).toBe("/en/sign-in?returnTo=%2Fen%2Fworkspace%2Forganisations");
  });

  it("is refused to a CSO member (403)", async () => {
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: prizrenOfficeId }]);
    expect((await get(index.loader, member, "/en/workspace/organisations")).status).toBe(403);
  });

  it("lists, filters by type and municipality, and pages", async () => {
    const all = await get(index.loader, coordinator, "/en/workspace/organisations");
    const page = all.data as Awaited<ReturnType<typeof index.loader>>;
    expect(page.total).toBeGreaterThanOrEqual(38 + 27);
    expect(page.rows).toHaveLength(index.ORGANISATIONS_PAGE_SIZE);
    const offices = (
      await get(index.loader, coordinator, "/en/workspace/organisations?type=municipality_office&municipality=20")
    ).data as typeof page;
    expect(offices.total).toBe(1);
    expect(offices.rows[0]).toMatchObject({
      name: { text: "Municipal Office for Communities and Returns – Prizren" },
      municipality: "Prizren",
      type: "Municipal office for communities and returns",
    });
    const second = (await get(index.loader, coordinator, "/en/workspace/organisations?page=2")).data as typeof page;
    expect(second.rows[0]?.id).not.toBe(page.rows[0]?.id);
  });

  it("finds by name in any language and script, ignoring accents", async () => {
    const search = async (q: string, lang = "en") =>
      (
        (await get(index.loader, coordinator, `/${lang}/workspace/organisations?q=${encodeURIComponent(q)}`, { lang }))
          .data as Awaited<ReturnType<typeof index.loader>>
      ).rows.map((r) => r.acronym);
    expect(await search("iom")).toContain("IOM");
    expect(await search("ceshtje te komuniteteve")).toContain("OCA");
    expect(await search("Канцеларија за добро управљање", "sr-cyrl")).toEqual(["OGG"]);
    const djakovica = (await get(index.loader, coordinator, "/sr/workspace/organisations?q=Djakovica", { lang: "sr" }))
      .data as Awaited<ReturnType<typeof index.loader>>;
    expect(djakovica.rows.map((r) => r.name?.text)).toEqual([
      "Opštinska kancelarija za zajednice i povratak – Đakovica",
    ]);
  });

  it("keeps a constant number of queries as organisations grow", async () => {
    const count = async () =>
      (await withQueryStats(() => get(index.loader, coordinator, "/en/workspace/organisations?status=all"))).stats
        .queries;
    const before = await count();
    const rows = Array.from({ length: 300 }, (_, i) => ({
      slug: `grown-org-${i}`,
      name: { en: `Grown ${i}` },
      type_code: "cso",
      kas_code: "20",
    }));
    const inserted = await handle.db.insertInto("organisation").values(rows).returning("id").execute();
    await insertRows(
      handle.db,
      "organisation_sector",
      inserted.map((r) => ({ organisation_id: r.id, sector_code: "health" })),
    );
    await insertRows(
      handle.db,
      "organisation_contact",
      inserted.map((r) => ({ organisation_id: r.id, name: "Contact" })),
    );
    const after = await count();
    expect(after).toBe(before);
    expect(after).toBeLessThanOrEqual(8);
  });
});

describe("/workspace/organisations/new", () => {
  it("answers 400 with the values and field errors, and writes nothing", async () => {
    const result = await postNewOrganisation(coordinator, {
      _csrf: "x",
      intent: "create",
      nameEn: "",
      typeCode: "",
      website: "nope",
      acronym: "<b>X</b>",
    });
    expectFormRefused(result, {
      errors: {
        nameSq: "organisations:errors.nameRequired",
        typeCode: "organisations:errors.typeRequired",
        website: "organisations:errors.websiteInvalid",
      },
      values: { acronym: "<b>X</b>", website: "nope" },
    });
    expect((result.data as { values: Record<string, string> }).values).not.toHaveProperty("_csrf");
  });

  it("creates and redirects to the new organisation (post/redirect/get)", async () => {
    const result = await postNewOrganisation(coordinator, {
      intent: "create",
      nameSq: "Rrjeti i Grave Rome",
      nameEn: "Roma Women's Network",
      typeCode: "cso",
      sectors: ["education", "health"],
      communities: ["roma"],
    });
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/en\/workspace\/organisations\/\d+\?saved=created$/);
    const id = Number(/organisations\/(\d+)/.exec(result.location ?? "")?.[1]);
    const page = (
      await get(detail.loader, coordinator, `/en/workspace/organisations/${id}?saved=created`, {
        lang: "en",
        id: String(id),
      })
    ).data as Awaited<ReturnType<typeof detail.loader>>;
    expect(page).toMatchObject({
      saved: "created",
      values: { nameEn: "Roma Women's Network", sectors: ["education", "health"], communities: ["roma"] },
      version: 1,
    });
  });

  it("is refused to a focal point (403) even when posting directly", async () => {
    const focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: prizrenOfficeId }]);
    expect((await get(create.loader, focal, "/en/workspace/organisations/new")).status).toBe(403);
    const result = await postNewOrganisation(focal, { nameEn: "Sneaky", typeCode: "cso" });
    expect(result.status).toBe(403);
    expect(
      await handle.db.selectFrom("organisation").select("id").where("slug", "=", "sneaky").executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe("/workspace/organisations/:id", () => {
  const path = () => `/en/workspace/organisations/${prizrenOfficeId}`;
  const params = () => ({ lang: "en", id: String(prizrenOfficeId) });

  it("is open to the office's municipal officer, without changing the type and municipality", async () => {
    const officer = await createTestUser(handle.db, [
      { role: "municipal_officer", organisationId: prizrenOfficeId, kasCode: "20" },
    ]);
    const page = (await get(detail.loader, officer, path(), params())).data as Awaited<
      ReturnType<typeof detail.loader>
    >;
    expect(page).toMatchObject({
      canChangeClassification: false,
      canDeactivate: false,
      canList: false,
      municipality: "Prizren",
    });
    const otherOffice = await municipalityOfficeId(handle.db, "01");
    expect(
      (
        await get(detail.loader, officer, `/en/workspace/organisations/${otherOffice}`, {
          lang: "en",
          id: String(otherOffice),
        })
      ).status,
    ).toBe(403);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    expect(
      (await get(detail.loader, coordinator, "/en/workspace/organisations/99999", { lang: "en", id: "99999" })).status,
    ).toBe(404);
    expect(
      (await get(detail.loader, coordinator, "/en/workspace/organisations/abc", { lang: "en", id: "abc" })).status,
    ).toBe(404);
  });

  it("saves an edit, then refuses a stale one with 409, keeping what the reader typed", async () => {
    const page = (await get(detail.loader, coordinator, path(), params())).data as Awaited<
      ReturnType<typeof detail.loader>
    >;
    const fields = { ...page.values, intent: "update", version: String(page.version) } as Record<
      string,
      string | string[]
    >;
    const saved = await postToOrganisation(coordinator, prizrenOfficeId, { ...fields, phone: "+383 29 000 000" });
    expect(saved).toMatchObject({ status: 302, location: `${path()}?saved=updated` });
    const stale = await postToOrganisation(coordinator, prizrenOfficeId, { ...fields, phone: "+383 29 111 111" });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({
      intent: "update",
      errors: { form: "organisations:errors.editedByOthers" },
      values: { phone: "+383 29 111 111", version: String(page.version + 1) },
    });
    const after = (await get(detail.loader, coordinator, path(), params())).data as typeof page;
    expect(after.values.phone).toBe("+383 29 000 000");
  });

  it("adds and removes a contact, and answers 400 for a contact without a name", async () => {
    const invalid = await postToOrganisation(coordinator, prizrenOfficeId, {
      intent: "addContact",
      contactName: "",
      contactEmail: "x",
    });
    expect(invalid).toMatchObject({
      status: 400,
      data: { intent: "addContact", errors: { contactName: "organisations:errors.contactNameRequired" } },
    });
    const added = await postToOrganisation(coordinator, prizrenOfficeId, {
      intent: "addContact",
      contactName: "Besa Gashi",
      contactFocalPoint: "on",
    });
    expect(added).toMatchObject({ status: 302, location: `${path()}?saved=contactAdded#contacts` });
    const page = (await get(detail.loader, coordinator, path(), params())).data as Awaited<
      ReturnType<typeof detail.loader>
    >;
    const contact = page.contacts.find((c) => c.name === "Besa Gashi");
    expect(contact?.isFocalPoint).toBe(true);
    const removed = await postToOrganisation(coordinator, prizrenOfficeId, {
      intent: "removeContact",
      contactId: String(contact?.id),
    });
    expect(removed.status).toBe(302);
  });

  it("deactivates (coordinators only) and refuses unknown intents", async () => {
    const created = await handle.db
      .insertInto("organisation")
      .values({ slug: "to-deactivate", name: { en: "To deactivate" }, type_code: "other" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const member = await createTestUser(handle.db, [{ role: "donor", organisationId: created.id }]);
    expect((await postToOrganisation(member, created.id, { intent: "deactivate", version: "1" })).status).toBe(403);
    expect((await postToOrganisation(coordinator, created.id, { intent: "deactivate", version: "1" })).status).toBe(
      302,
    );
    expect((await postToOrganisation(coordinator, created.id, { intent: "drop-table" })).status).toBe(400);
    const row = await handle.db
      .selectFrom("organisation")
      .select("is_active")
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row.is_active).toBe(false);
  });
});
