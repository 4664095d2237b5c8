import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { DIRECTORY_ORGANISATIONS, loadDirectoryOrganisations } from "./organisations.ts";
import { organisationIdBySlug } from "../../../tests/support/organisation-ids.ts";
import { auditEntry } from "../../../tests/support/audit-entries.ts";
import { columnValues } from "../../../tests/support/table-rows.ts";

const handle = setUpTestDatabase();

describe("the directory's organisations (data migration 0005)", () => {
  it("are in every migrated database: the named organisations and one office per municipality", async () => {
    const rows = await handle.db.selectFrom("organisation").select(["slug", "type_code", "kas_code", "name"]).execute();
    const offices = rows.filter((r) => r.type_code === "municipality_office");
    expect(offices).toHaveLength(38);
    expect(new Set(offices.map((o) => o.kas_code)).size).toBe(38);
    for (const o of DIRECTORY_ORGANISATIONS) expect(rows.map((r) => r.slug)).toContain(o.slug);
    const prizren = offices.find((o) => o.kas_code === "20");
    expect(prizren?.name).toEqual({
      sq: "Zyra Komunale për Komunitete dhe Kthim – Prizren",
      sr: "Opštinska kancelarija za zajednice i povratak – Prizren",
      en: "Municipal Office for Communities and Returns – Prizren",
    });
    const gjakova = offices.find((o) => o.kas_code === "02");
    expect(gjakova?.name.sr).toBe("Opštinska kancelarija za zajednice i povratak – Đakovica");
  });

  it("names the six ministries of the 2018 report and the organisations of the KOSINT 2020 project", async () => {
    const bySlug = new Map(
      (await handle.db.selectFrom("organisation").select(["slug", "name", "type_code"]).execute()).map((r) => [
        r.slug,
        r,
      ]),
    );
    const ministries = [...bySlug.values()].filter((r) => r.type_code === "ministry").map((r) => r.name.en);
    expect(ministries.sort()).toEqual([
      "Ministry of Education, Science and Technology",
      "Ministry of Environment and Spatial Planning",
      "Ministry of Health",
      "Ministry of Internal Affairs",
      "Ministry of Labour and Social Welfare",
      "Ministry of Local Government Administration",
    ]);
    expect(bySlug.get("office-for-good-governance")?.name.sr).toBe("Kancelarija za dobro upravljanje");
    expect(bySlug.get("kosovo-education-centre")?.name.sr).toBe("Kosovski centar za obrazovanje");
    for (const slug of [
      "balkan-sunflowers-kosova",
      "roma-and-ashkali-documentation-centre",
      "syri-i-vizionit",
      "roma-initiatives-office-open-society-foundations",
    ]) {
      expect(bySlug.has(slug), slug).toBe(true);
    }
  });

  it("have sectors and communities where the sources say so, and a creation record in the audit log", async () => {
    const ogg = await organisationIdBySlug(handle.db, "office-for-good-governance");
    expect(await columnValues(handle.db, "organisation_sector", "sector_code", { organisation_id: ogg })).toEqual([
      "education",
      "employment_social_welfare",
      "health",
      "housing",
    ]);
    const record = await auditEntry(handle.db, { subject_type: "organisation", subject_id: ogg });
    expect(record).toMatchObject({
      action: "organisation.create",
      actor_user_id: null,
      actor_label: "system: migration 2026-11-23-0005-organisations",
    });
  });

  it("are loaded only once: running the loader again adds nothing", async () => {
    expect(await loadDirectoryOrganisations(handle.db, "test")).toBe(0);
  });

  it("each have a name in at least one language and a URL-safe slug", () => {
    for (const o of DIRECTORY_ORGANISATIONS) {
      expect(o.name.sq || o.name.en || o.name.sr, o.slug).toBeTruthy();
      expect(o.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});
