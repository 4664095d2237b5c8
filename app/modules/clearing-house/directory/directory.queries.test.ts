import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createFullProject, projectActors } from "#app/modules/projects/testing/fixtures.ts";
import { createTestDatabase } from "../../../../tests/support/test-database.ts";
import { getOrganisationProfile } from "./directory.queries.server.ts";

let handle: DatabaseHandle;
let actors: Awaited<ReturnType<typeof projectActors>>;
let validatedId: number;
let draftId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  actors = await projectActors(handle.db);
  validatedId = await createFullProject(handle.db, actors);
  const now = new Date();
  const draft = await handle.db
    .insertInto("project")
    .values({
      title: { en: "A draft nobody validated" },
      owner_organisation_id: actors.otherOrg,
      activity_status: "pipeline",
      planned_start: "2026-01-01",
      planned_end: "2026-12-31",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  draftId = draft.id;
  await handle.db
    .insertInto("project_organisation")
    .values({ project_id: draftId, organisation_id: actors.otherOrg, role: "funding" })
    .execute();
  for (const [slug, status, issuedOn] of [
    ["iom-published-guide", "published", "2025-05-01"],
    ["iom-draft-guide", "draft", "2026-05-01"],
  ] as const) {
    await handle.db
      .insertInto("library_document")
      .values({
        slug,
        doc_type: "guideline",
        title: { en: slug },
        original_locale: "en",
        organisation_id: actors.otherOrg,
        issued_on: issuedOn,
        status,
        published_at: status === "published" ? now : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
});
afterAll(() => handle.close());

async function profileOf(organisationId: number) {
  const { slug } = await handle.db
    .selectFrom("organisation")
    .select("slug")
    .where("id", "=", organisationId)
    .executeTakeFirstOrThrow();
  const profile = await getOrganisationProfile(handle.db, slug, "2026-11-23");
  if (!profile) throw new Error("no profile");
  return profile;
}

describe("an organisation's public profile", () => {
  it("lists the validated projects it has a role in, with its roles, and never a draft", async () => {
    const donor = await profileOf(actors.donorOrg);
    const listed = donor.projects.find((p) => p.id === validatedId);
    expect(listed?.roles.toSorted()).toEqual(["extending", "funding"]);
    expect(listed?.plannedStart).toBe("2025-01-01");

    const implementer = await profileOf(actors.otherOrg);
    expect(implementer.projects.find((p) => p.id === validatedId)?.roles).toEqual(["implementing"]);
    expect(implementer.projects.map((p) => p.id)).not.toContain(draftId);
    expect(implementer.projectCount).toBe(implementer.projects.length);
  });

  it("lists the published library documents it issued, not its drafts", async () => {
    const implementer = await profileOf(actors.otherOrg);
    expect(implementer.documents.map((d) => d.slug)).toContain("iom-published-guide");
    expect(implementer.documents.map((d) => d.slug)).not.toContain("iom-draft-guide");
    expect(implementer.documents.find((d) => d.slug === "iom-published-guide")).toMatchObject({
      docType: "guideline",
      issuedOn: "2025-05-01",
    });
    expect(implementer.documentCount).toBe(implementer.documents.length);
  });
});
