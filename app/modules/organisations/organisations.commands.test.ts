import { describe, expect, it } from "vitest";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import {
  addOrganisationContact,
  createOrganisation,
  organisationSlugBase,
  removeOrganisationContact,
  setOrganisationActive,
} from "./organisations.commands.server.ts";
import { searchEntries } from "#app/modules/search/search.queries.server.ts";
import { getOrganisation } from "./organisations.queries.server.ts";
import { setUpOrganisationCommandTests } from "./organisations.test-fixtures.ts";
import { countRows } from "../../../tests/support/row-count.ts";

const setUp = setUpOrganisationCommandTests("req-test", {
  nameSq: "Shoqata <b>Test</b>",
  nameEn: "Test Association",
  nameSr: "",
  typeCode: "cso",
  kasCode: "",
  sectors: ["health", "education"],
  communities: "roma",
  website: "https://example.org/",
  email: "info@example.org",
  phone: "+383 38 000 000",
});
const { handle, coordinator, form, audit, createAsCoordinator, updateAs, auditOf } = setUp;

describe("createOrganisation", () => {
  it("writes the organisation, its sectors and communities, and an audit entry with the diff", async () => {
    const result = await createAsCoordinator();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.slug).toBe("test-association");
    const saved = await getOrganisation(handle.db, result.id);
    expect(saved).toMatchObject({
      name: { sq: "Shoqata <b>Test</b>", en: "Test Association" },
      typeCode: "cso",
      sectors: ["education", "health"],
      communities: ["roma"],
      version: 1,
    });
    const entries = await auditOf(result.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "organisation.create",
      actor_user_id: coordinator().userId,
      request_id: "req-test",
    });
    expect(entries[0]?.diff.name).toEqual({
      before: null,
      after: { en: "Test Association", sq: "Shoqata <b>Test</b>" },
    });
    expect(entries[0]?.diff.sectors).toEqual({ before: null, after: ["education", "health"] });
  });

  it("makes the slug unique with -2, -3", async () => {
    const first = await createAsCoordinator({ nameEn: "Twin Organisation" });
    const second = await createAsCoordinator({ nameEn: "Twin Organisation" });
    const third = await createAsCoordinator({ nameEn: "Twin Organisation" });
    expect([first, second, third].map((r) => (r.ok ? r.slug : null))).toEqual([
      "twin-organisation",
      "twin-organisation-2",
      "twin-organisation-3",
    ]);
  });

  it("takes the slug from the Albanian name when there is no English one", () => {
    expect(organisationSlugBase({ sq: "Zyra për Çështje të Komuniteteve" })).toBe("zyra-per-ceshtje-te-komuniteteve");
    expect(organisationSlugBase({ sr: "Ђаковица" })).toBe("organisation");
  });

  it("refuses invalid input with field errors and writes nothing", async () => {
    const before = await countRows(handle.db, "organisation");
    const result = await createAsCoordinator({
      nameSq: "",
      nameEn: " ",
      typeCode: "municipality_office",
      website: "javascript:alert(1)",
      sectors: ["nonsense"],
    });
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      nameSq: "organisations:errors.nameRequired",
      kasCode: "organisations:errors.municipalityRequired",
      website: "organisations:errors.websiteInvalid",
    });
    const invalidSector = await createAsCoordinator({ sectors: ["no_such_sector"] });
    expect(invalidSector).toMatchObject({ ok: false, errors: { sectors: "core:form.invalid" } });
    expect(await countRows(handle.db, "organisation")).toBe(before);
  });

  it("is refused to a focal point and to the public", async () => {
    const focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: 1 }]);
    expect(await createOrganisation(handle.db, audit(focal), form())).toMatchObject({ ok: false, status: 403 });
    expect(await createOrganisation(handle.db, audit({ kind: "anonymous" }), form())).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("leaves neither data nor an audit record when the transaction fails after the write", async () => {
    const auditBefore = await countRows(handle.db, "audit_log");
    let createdId: number | null = null;
    await expect(
      handle.db.transaction().execute(async (trx) => {
        const result = await createOrganisation(trx, audit(coordinator()), form({ nameEn: "Doomed Organisation" }));
        if (result.ok) createdId = result.id;
        // A unique violation later in the same transaction (the slug is taken by the row just written).
        await trx
          .insertInto("organisation")
          .values({ slug: "doomed-organisation", name: { en: "Clash" }, type_code: "cso" })
          .execute();
      }),
    ).rejects.toThrow();
    expect(createdId).not.toBeNull();
    expect(await getOrganisation(handle.db, createdId ?? 0)).toBeNull();
    expect(await countRows(handle.db, "audit_log")).toBe(auditBefore);
  });
});

describe("updateOrganisation", () => {
  it("saves the change, bumps the version and audits only what changed", async () => {
    const created = await createAsCoordinator({ nameEn: "Editable Organisation" });
    if (!created.ok) throw new Error("setup failed");
    const result = await updateAs(coordinator(), created.id, { nameEn: "Edited Organisation", sectors: ["health"] }, 1);
    expect(result).toEqual({ ok: true, version: 2 });
    const saved = await getOrganisation(handle.db, created.id);
    expect(saved).toMatchObject({
      slug: "editable-organisation",
      name: { en: "Edited Organisation" },
      sectors: ["health"],
      version: 2,
    });
    const entries = await auditOf(created.id);
    expect(entries.map((e) => e.action)).toEqual(["organisation.create", "organisation.update"]);
    expect(Object.keys(entries[1]?.diff ?? {}).sort()).toEqual(["name", "sectors"]);
    expect(entries[1]?.diff.sectors).toEqual({ before: ["education", "health"], after: ["health"] });
  });

  it("refuses a stale version with 409 and overwrites nothing", async () => {
    const created = await createAsCoordinator({ nameEn: "Contested Organisation" });
    if (!created.ok) throw new Error("setup failed");
    const first = await updateAs(coordinator(), created.id, { nameEn: "First Editor's Name" }, 1);
    expect(first.ok).toBe(true);
    const second = await updateAs(coordinator(), created.id, { nameEn: "Second Editor's Name" }, 1);
    expect(second).toMatchObject({
      ok: false,
      status: 409,
      errors: { form: "organisations:errors.editedByOthers" },
      currentVersion: 2,
    });
    const saved = await getOrganisation(handle.db, created.id);
    expect(saved?.name.en).toBe("First Editor's Name");
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual(["organisation.create", "organisation.update"]);
  });

  it("keeps Turkish text and other languages' machine translations, and drops a machine translation a person replaced", async () => {
    const { id } = await handle.db
      .insertInto("organisation")
      .values({
        slug: "multilingual-org",
        name: { en: "Multilingual", tr: "Çok dilli", machine: { sq: "Shumëgjuhëshe", sr: "Višejezična" } },
        type_code: "other",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const result = await updateAs(
      coordinator(),
      id,
      { nameEn: "Multilingual", nameSq: "Shumëgjuhësore", sectors: [], communities: [], typeCode: "other" },
      1,
    );
    expect(result.ok).toBe(true);
    expect((await getOrganisation(handle.db, id))?.name).toEqual({
      en: "Multilingual",
      sq: "Shumëgjuhësore",
      tr: "Çok dilli",
      machine: { sr: "Višejezična" },
    });
  });

  it("lets a member edit their own organisation but not its type, and not someone else's", async () => {
    const own = await createAsCoordinator({ nameEn: "Member's Own" });
    const other = await createAsCoordinator({ nameEn: "Somebody Else's" });
    if (!own.ok || !other.ok) throw new Error("setup failed");
    const member = await createTestUser(handle.db, [{ role: "cso_member", organisationId: own.id }]);
    expect(await updateAs(member, own.id, { nameEn: "Member's Own, renamed" }, 1)).toEqual({ ok: true, version: 2 });
    expect(await updateAs(member, own.id, { typeCode: "donor" }, 2)).toMatchObject({ ok: false, status: 403 });
    expect(await updateAs(member, other.id, {}, 1)).toMatchObject({
      ok: false,
      status: 403,
    });
    const entries = await auditOf(own.id);
    expect(entries.at(-1)).toMatchObject({
      action: "organisation.update",
      actor_user_id: member.userId,
      organisation_id: own.id,
    });
  });

  it("answers 404 for an organisation that does not exist", async () => {
    expect(await updateAs(coordinator(), 987654, {}, 1)).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});

describe("deactivating and contacts", () => {
  it("deactivates and reactivates with a version check, audited", async () => {
    const created = await createAsCoordinator({ nameEn: "Short-lived" });
    if (!created.ok) throw new Error("setup failed");
    expect(
      await setOrganisationActive(handle.db, audit(coordinator()), created.id, { version: 1, isActive: false }),
    ).toEqual({ ok: true, version: 2 });
    expect(
      await setOrganisationActive(handle.db, audit(coordinator()), created.id, { version: 1, isActive: true }),
    ).toMatchObject({ ok: false, status: 409 });
    expect((await getOrganisation(handle.db, created.id))?.isActive).toBe(false);
    expect(
      await setOrganisationActive(handle.db, audit(coordinator()), created.id, { version: 2, isActive: true }),
    ).toEqual({ ok: true, version: 3 });
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual([
      "organisation.create",
      "organisation.deactivate",
      "organisation.reactivate",
    ]);
    const member = await createTestUser(handle.db, [{ role: "donor", organisationId: created.id }]);
    expect(
      await setOrganisationActive(handle.db, audit(member), created.id, { version: 3, isActive: false }),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it("adds and removes contacts, each audited, and never another organisation's contact", async () => {
    const created = await createAsCoordinator({ nameEn: "With Contacts" });
    const other = await createAsCoordinator({ nameEn: "Without Contacts" });
    if (!created.ok || !other.ok) throw new Error("setup failed");
    const missingName = await addOrganisationContact(handle.db, audit(coordinator()), created.id, {
      contactName: "  ",
      contactEmail: "not an address",
    });
    expect(missingName).toMatchObject({
      ok: false,
      status: 400,
      errors: {
        contactName: "organisations:errors.contactNameRequired",
        contactEmail: "organisations:errors.emailInvalid",
      },
    });
    const added = await addOrganisationContact(handle.db, audit(coordinator()), created.id, {
      contactName: "Arta Krasniqi",
      contactPosition: "Focal point",
      contactEmail: "arta@example.org",
      contactFocalPoint: "on",
    });
    if (!added.ok) throw new Error("add failed");
    expect((await getOrganisation(handle.db, created.id))?.contacts).toEqual([
      {
        id: added.contactId,
        name: "Arta Krasniqi",
        position: "Focal point",
        email: "arta@example.org",
        phone: null,
        isFocalPoint: true,
      },
    ]);
    expect(
      await removeOrganisationContact(handle.db, audit(coordinator()), other.id, { contactId: added.contactId }),
    ).toMatchObject({ ok: false, status: 404 });
    expect(
      await removeOrganisationContact(handle.db, audit(coordinator()), created.id, { contactId: added.contactId }),
    ).toEqual({ ok: true });
    expect((await getOrganisation(handle.db, created.id))?.contacts).toEqual([]);
    const entries = await auditOf(created.id);
    expect(entries.map((e) => e.action)).toEqual([
      "organisation.create",
      "organisation.contact.add",
      "organisation.contact.remove",
    ]);
    expect(entries[1]?.diff.contact).toMatchObject({
      before: null,
      after: { name: "Arta Krasniqi", is_focal_point: true },
    });
  });
});

describe("the search index", () => {
  const find = (query: string) =>
    searchEntries(handle.db, { query, kind: "organisation", page: 1, pageSize: 10, includePrivate: false });

  it("finds a created organisation, follows a rename, and drops it when deactivated (same transaction)", async () => {
    const created = await createAsCoordinator({ nameEn: "Zephyrine Youth Network", nameSq: "Rrjeti Rinor Zefirina" });
    if (!created.ok) throw new Error("not created");
    expect((await find("zephyrine")).items.map((i) => i.refId)).toEqual([String(created.id)]);
    expect((await find("Зефирина")).items.map((i) => i.refId)).toEqual([String(created.id)]);

    const renamed = await updateAs(
      coordinator(),
      created.id,
      { nameEn: "Quillfeather Youth Network", nameSq: "Rrjeti Rinor Pendëpulë" },
      1,
    );
    expect(renamed).toEqual({ ok: true, version: 2 });
    expect((await find("quillfeather")).items.map((i) => i.path)).toEqual([`organizations/${created.slug}`]);
    expect((await find("zephyrine")).items).toEqual([]);

    expect(
      await setOrganisationActive(handle.db, audit(coordinator()), created.id, { version: 2, isActive: false }),
    ).toEqual({ ok: true, version: 3 });
    expect((await find("quillfeather")).total).toBe(0);
    expect(
      await setOrganisationActive(handle.db, audit(coordinator()), created.id, { version: 3, isActive: true }),
    ).toEqual({ ok: true, version: 4 });
    expect((await find("quillfeather")).total).toBe(1);
  });

  it("leaves no index entry when the transaction that created the organisation fails", async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        const result = await createOrganisation(
          trx,
          audit(coordinator()),
          form({ nameEn: "Vanishing Heronry Collective" }),
        );
        expect(result.ok).toBe(true);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect((await find("heronry")).total).toBe(0);
  });
});
