import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { InstitutionFieldValue } from "#app/components/institution-field.tsx";
import * as recommendationsIndex from "#app/modules/clearing-house/events/routes/recommendations-index.tsx";
import * as caseDetail from "#app/modules/needs/workspace/routes/case-detail.tsx";
import * as casesIndex from "#app/modules/needs/workspace/routes/cases-index.tsx";
import { NAME_SEARCH_LIMIT, resolveOrganisation } from "#app/modules/organisations/organisations.queries.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestCase } from "../support/needs-factory.ts";
import { insertTestEvent } from "../support/event-factory.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { createTestUser, formRequest, outcome, workspaceContext } from "../support/workspace-actors.ts";

/*
 * The institution field (decision 056): the needs queue's institution filter and bulk "refer to",
 * a case's "refer to" and the public recommendations page's owner filter no longer list the whole
 * directory; a name, part of one or an acronym is resolved on the server. Checked: what a text
 * resolves to (exact names and acronyms first, several offered with a choice, none, Cyrillic read
 * as Latin, the label as shown, inactive organisations left out, a cap on the choices), that a
 * choice among several holds, that the pages filter and refer by what was resolved and answer 400
 * with the matches when the name is not one institution, and that no page carries the directory.
 */

type SignedIn = Extract<Actor, { kind: "user" }>;
type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

let handle: DatabaseHandle;
let coordinator: SignedIn;
const ids: Record<"health" | "education" | "gjakova" | "closed" | "healthServices", number> = {
  health: 0,
  education: 0,
  gjakova: 0,
  closed: 0,
  healthServices: 0,
};

async function insertOrganisation(
  slug: string,
  name: Record<string, string>,
  acronym: string | null,
  active = true,
): Promise<number> {
  const row = await handle.db
    .insertInto("organisation")
    .values({ slug, name, acronym, type_code: "other", is_active: active })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  ids.health = await insertOrganisation(
    "field-health",
    { en: "Testing Ministry of Health", sq: "Ministria Testuese e Shëndetësisë", sr: "Testno ministarstvo zdravlja" },
    "TMH",
  );
  ids.healthServices = await insertOrganisation(
    "field-health-services",
    { en: "Testing Ministry of Health Services" },
    "TMHS",
  );
  ids.education = await insertOrganisation(
    "field-education",
    { en: "Testing Ministry of Education", sq: "Ministria Testuese e Arsimit", sr: "Testno ministarstvo obrazovanja" },
    "TME",
  );
  ids.gjakova = await insertOrganisation(
    "field-gjakova",
    {
      en: "Testing Municipal Office Gjakova",
      sq: "Zyra Komunale Testuese Gjakovë",
      sr: "Testna opštinska kancelarija Đakovica",
    },
    null,
  );
  ids.closed = await insertOrganisation("field-closed", { en: "Testing Ministry of Closed Affairs" }, "TMC", false);
  for (let i = 1; i <= NAME_SEARCH_LIMIT + 2; i++)
    await insertOrganisation(`field-bulk-${i}`, { en: `Testing Bulk Agency ${String(i).padStart(2, "0")}` }, null);
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
});
afterAll(() => handle.close());

function call(handler: unknown, actor: SignedIn | null, request: Request, params: Record<string, string>) {
  return outcome((handler as Handler)({ request, params, context: workspaceContext(handle.db, actor) }));
}
const get = (handler: unknown, actor: SignedIn | null, urlPath: string, params: Record<string, string>) =>
  call(handler, actor, new Request(`http://localhost${urlPath}`), params);

describe("resolving what was typed", () => {
  const resolve = (text: string, id?: number) => resolveOrganisation(handle.db, "en", { text, id });

  it("finds one institution by its acronym or its whole name before those that merely contain it", async () => {
    expect(await resolve("tmh")).toEqual({ kind: "found", id: ids.health, label: "Testing Ministry of Health (TMH)" });
    expect(await resolve("Testing Ministry of Health")).toMatchObject({ kind: "found", id: ids.health });
    expect(await resolve("  testing   ministry of health services ")).toMatchObject({
      kind: "found",
      id: ids.healthServices,
    });
    // In another language than the reader's, accents and case ignored.
    expect(await resolve("ministria testuese e shendetesise")).toMatchObject({ kind: "found", id: ids.health });
    // The label as the field shows it.
    expect(await resolve("Testing Ministry of Education (TME)")).toMatchObject({ kind: "found", id: ids.education });
  });

  it("reads Cyrillic and đ as the Latin names are written", async () => {
    expect(await resolve("Ђаковица тестна")).toMatchObject({ kind: "found", id: ids.gjakova });
    expect(await resolve("djakovica testna")).toMatchObject({ kind: "found", id: ids.gjakova });
    expect(await resolve("ТЕСТНО министарство здравља")).toMatchObject({ kind: "found", id: ids.health });
  });

  it("offers the matches when several institutions match, and says when none does", async () => {
    const several = await resolve("testing ministry");
    expect(several.kind).toBe("several");
    if (several.kind !== "several") return;
    expect(several.choices.map((c) => c.id).sort((a, b) => a - b)).toEqual(
      [ids.health, ids.healthServices, ids.education].sort((a, b) => a - b),
    );
    expect(several.more).toBe(false);
    // Every word counts, in any order.
    expect(await resolve("education testing ministry")).toMatchObject({ kind: "found", id: ids.education });
    expect(await resolve("no such institution anywhere")).toEqual({
      kind: "none",
      text: "no such institution anywhere",
    });
    // An inactive organisation is not offered.
    expect(await resolve("closed affairs")).toMatchObject({ kind: "none" });
    // NUL bytes and other control characters are spaces, not an error of the database.
    expect((await resolve("tmh\u0000")).kind).toBe("found");
  });

  it("offers at most NAME_SEARCH_LIMIT and says there are more", async () => {
    const bulk = await resolve("testing bulk agency");
    expect(bulk).toMatchObject({ kind: "several", more: true });
    if (bulk.kind === "several") {
      expect(bulk.choices).toHaveLength(NAME_SEARCH_LIMIT);
      expect(bulk.choices[0]!.label).toBe("Testing Bulk Agency 01");
    }
  });

  it("keeps the institution chosen among several, and follows a new text", async () => {
    expect(await resolve("testing ministry", ids.healthServices)).toMatchObject({
      kind: "found",
      id: ids.healthServices,
    });
    expect(await resolve("Testing Ministry of Health (TMH)", ids.health)).toMatchObject({ kind: "found" });
    // The text now names another institution than the id sent before: the text wins.
    expect(await resolve("TME", ids.health)).toMatchObject({ kind: "found", id: ids.education });
    // An id alone is the institution; an unknown id alone is nothing chosen.
    expect(await resolveOrganisation(handle.db, "sq", { id: ids.education })).toEqual({
      kind: "found",
      id: ids.education,
      label: "Ministria Testuese e Arsimit (TME)",
    });
    expect(await resolveOrganisation(handle.db, "en", { id: 2_000_000_000 })).toEqual({ kind: "empty" });
  });
});

describe("the needs queue and a case", () => {
  it("filters the queue by a typed name, waits for a choice among several, and never carries the directory", async () => {
    const forHealth = await createTestCase(handle.db, { referredTo: ids.health, description: "field-test health" });
    const forEducation = await createTestCase(handle.db, {
      referredTo: ids.education,
      description: "field-test education",
    });
    const page = await get(casesIndex.loader, coordinator, "/en/workspace/needs?institution=tmh", { lang: "en" });
    expect(page.status).toBe(200);
    const data = page.data as {
      institution: InstitutionFieldValue;
      rows: { id: number }[];
      choices: { organisations: unknown[] };
    };
    expect(data.institution).toMatchObject({ kind: "found", id: String(ids.health) });
    expect(data.rows.map((r) => r.id)).toContain(forHealth.id);
    expect(data.rows.map((r) => r.id)).not.toContain(forEducation.id);
    // The directory is not in the page: not the other ministries, not the 12 agencies.
    expect(data.choices.organisations).toEqual([]);
    expect(JSON.stringify(page.data)).not.toContain("Testing Bulk Agency");

    const several = await get(casesIndex.loader, coordinator, "/en/workspace/needs?institution=testing+ministry", {
      lang: "en",
    });
    const severalData = several.data as { institution: InstitutionFieldValue; rows: unknown[] };
    expect(severalData.institution.kind).toBe("several");
    expect(severalData.institution.choices).toHaveLength(3);
    expect(severalData.rows).toEqual([]);
    // A radio button chosen among them, with the text still "testing ministry".
    const chosen = await get(
      casesIndex.loader,
      coordinator,
      `/en/workspace/needs?institution=testing+ministry&organisation=${ids.education}`,
      { lang: "en" },
    );
    const chosenData = chosen.data as { institution: InstitutionFieldValue; rows: { id: number }[] };
    expect(chosenData.institution).toMatchObject({ kind: "found", id: String(ids.education) });
    expect(chosenData.rows.map((r) => r.id)).toEqual([forEducation.id]);
  });

  it("refers cases in bulk to a typed institution, and refuses a name that is not one institution", async () => {
    const a = await createTestCase(handle.db);
    const b = await createTestCase(handle.db);
    /** The queue's bulk "refer to" of these cases, with the institution's fields. */
    const referInBulk = (cases: { id: number }[], fields: Record<string, string>) =>
      call(
        casesIndex.action,
        coordinator,
        formRequest("/en/workspace/needs", { caseIds: cases.map((c) => String(c.id)), bulkAction: "refer", ...fields }),
        { lang: "en" },
      );
    const refused = await referInBulk([a, b], { bulkInstitution: "testing ministry" });
    expect(refused.status).toBe(400);
    expect((refused.data as { institution: InstitutionFieldValue }).institution.kind).toBe("several");
    const none = await referInBulk([a], { bulkInstitution: "zzzz" });
    expect(none.status).toBe(400);
    expect((none.data as { institution: InstitutionFieldValue }).institution.kind).toBe("none");
    const empty = await referInBulk([a], { bulkInstitution: "" });
    expect(empty.status).toBe(400);
    expect((empty.data as { errors: Record<string, string> }).errors.organisationId).toBe(
      "needs:workspace.errors.organisationRequired",
    );
    expect(
      await handle.db.selectFrom("need_referral").select("id").where("case_id", "in", [a.id, b.id]).execute(),
    ).toEqual([]);

    const done = await referInBulk([a, b], {
      bulkInstitution: "testing ministry",
      organisationId: String(ids.education),
    });
    expect(done.status).toBe(302);
    const referred = await handle.db
      .selectFrom("need_referral")
      .select(["case_id", "organisation_id"])
      .where("case_id", "in", [a.id, b.id])
      .orderBy("case_id")
      .execute();
    expect(referred).toEqual([
      { case_id: a.id, organisation_id: ids.education },
      { case_id: b.id, organisation_id: ids.education },
    ]);
  });

  it("a case offers the routing rules' suggestion by name and refers to a typed institution", async () => {
    await handle.db
      .insertInto("need_routing_rule")
      .values({ category: "housing_property", kas_code: null, organisation_id: ids.gjakova })
      .execute();
    const c = await createTestCase(handle.db, { category: "housing_property" });
    const params = { lang: "en", id: String(c.id) };
    const page = await get(caseDetail.loader, coordinator, `/en/workspace/needs/${c.id}`, params);
    const data = page.data as { referInstitution: InstitutionFieldValue; suggestedLabel: string | null };
    expect(data.referInstitution).toEqual({
      kind: "found",
      text: "Testing Municipal Office Gjakova",
      id: String(ids.gjakova),
      choices: [],
      more: false,
    });
    expect(data.suggestedLabel).toBe("Testing Municipal Office Gjakova");
    expect(JSON.stringify(page.data)).not.toContain("Testing Ministry of Education");

    /** The case's "refer to" form with a typed institution (and the suggestion's id, which the text overrides). */
    const refer = (institution: string) =>
      call(
        caseDetail.action,
        coordinator,
        formRequest(`/en/workspace/needs/${c.id}`, {
          intent: "refer",
          version: "1",
          institution,
          organisationId: String(ids.gjakova),
        }),
        params,
      );
    const several = await refer("testing ministry");
    expect(several.status).toBe(400);
    expect((several.data as { institution: InstitutionFieldValue }).institution).toMatchObject({
      kind: "several",
      text: "testing ministry",
    });
    expect(await handle.db.selectFrom("need_referral").select("id").where("case_id", "=", c.id).execute()).toEqual([]);
    const referred = await refer("Тестно министарство образовања");
    expect(referred.status).toBe(302);
    expect(
      await handle.db.selectFrom("need_referral").select("organisation_id").where("case_id", "=", c.id).execute(),
    ).toEqual([{ organisation_id: ids.education }]);
  });
});

describe("the recommendations page's owner filter", () => {
  it("resolves a name among the owners of published recommendations only, and lists no owners", async () => {
    const eventId = await insertTestEvent(handle.db, {
      slug: "institution-field-meeting",
      kind: "sector_meeting",
      title: "Field meeting",
      startsAt: new Date("2026-03-10T09:00:00Z"),
      organisationId: ids.health,
      status: "published",
    });
    for (const owner of [ids.health, ids.education, ids.education])
      await handle.db
        .insertInto("recommendation")
        .values({
          event_id: eventId,
          text: { en: `Field recommendation for ${owner}` },
          original_locale: "en",
          owner_organisation_id: owner,
          due_date: "2026-09-01",
          status: "open",
        })
        .execute();
    const params = { lang: "en" };
    const byName = await get(recommendationsIndex.loader, null, "/en/recommendations?ownerName=TME", params);
    const data = byName.data as { owner: InstitutionFieldValue; total: number; items: { owner: { slug: string } }[] };
    expect(data.owner).toMatchObject({ kind: "found", id: String(ids.education) });
    expect(data.total).toBe(2);
    expect(data.items.map((i) => i.owner.slug)).toEqual(["field-education", "field-education"]);
    // The page names no owner it does not show (the old select listed every owner).
    expect(JSON.stringify(byName.data)).not.toContain("Testing Ministry of Health");

    // "testing ministry" matches three active organisations, two of which own recommendations.
    const several = await get(
      recommendationsIndex.loader,
      null,
      "/en/recommendations?ownerName=testing+ministry",
      params,
    );
    const severalData = several.data as { owner: InstitutionFieldValue; ownerUnresolved: boolean; items: unknown[] };
    expect(severalData.owner.kind).toBe("several");
    expect(severalData.owner.choices.map((c) => Number(c.value)).sort((a, b) => a - b)).toEqual(
      [ids.health, ids.education].sort((a, b) => a - b),
    );
    expect(severalData.ownerUnresolved).toBe(true);
    expect(severalData.items).toEqual([]);
    // Health Services owns none: not an owner, so none matches.
    const notOwner = await get(recommendationsIndex.loader, null, "/en/recommendations?ownerName=TMHS", params);
    expect((notOwner.data as { owner: InstitutionFieldValue }).owner.kind).toBe("none");
    // An id alone (an old link) still filters.
    const byId = await get(recommendationsIndex.loader, null, `/en/recommendations?owner=${ids.health}`, params);
    expect((byId.data as { total: number; owner: InstitutionFieldValue }).owner).toMatchObject({
      kind: "found",
      text: "Testing Ministry of Health (TMH)",
    });
  });
});
