import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { planIatiImport } from "#app/modules/projects/iati-import.server.ts";
import { createFullProject, projectActors } from "#app/modules/projects/testing/fixtures.ts";
import * as directoryDetail from "#app/modules/clearing-house/directory/routes/directory-detail.tsx";
import { createTestApp } from "../../../tests/support/test-app.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import type { Actor } from "#app/services/authorization.ts";
import { updateOrganisation } from "./organisations.commands.server.ts";
import { getOrganisation, organisationFormValues } from "./organisations.queries.server.ts";
import { OrganisationUpdateSchema, type OrganisationUpdateInput } from "./organisations.schema.ts";
import { organisationIdBySlug } from "../../../tests/support/organisation-ids.ts";
import { latestAuditEntry } from "../../../tests/support/audit-entries.ts";

let handle: DatabaseHandle;
const audit = (actor: Actor) => ({ actor, requestId: "req-iati" });

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db, { story: false });
}, 60_000);
afterAll(() => handle.close());

/** The organisation's current values as its edit form sends them, with `overrides`. */
async function formOf(id: number, overrides: Record<string, unknown>): Promise<OrganisationUpdateInput> {
  const o = (await getOrganisation(handle.db, id))!;
  return { ...organisationFormValues(o), version: o.version, ...overrides } as OrganisationUpdateInput;
}

const organisationId = (slug: string) => organisationIdBySlug(handle.db, slug);

describe("IATI organisation identifier: the form's rule", () => {
  const parse = (iatiIdentifier: string) =>
    OrganisationUpdateSchema.safeParse({ nameEn: "X", typeCode: "donor", version: 1, iatiIdentifier });
  it("accepts a registration agency prefix and an identifier, writing the prefix in capitals", () => {
    for (const [input, stored] of [
      ["XM-DAC-41114", "XM-DAC-41114"],
      ["GB-COH-123456", "GB-COH-123456"],
      [" xm-dac-47066 ", "XM-DAC-47066"],
      ["XM-DAC-11-1", "XM-DAC-11-1"],
      // Issue 14: every form of the org-id.guide lists and the older DAC bilateral codes.
      ["CH-4", "CH-4"],
      ["ch-4", "CH-4"],
      ["SE-0", "SE-0"],
      ["XI-IATI-EC_NEAR", "XI-IATI-EC_NEAR"],
      ["GB-COH-01234567", "GB-COH-01234567"],
      ["NL-KVK-41198677", "NL-KVK-41198677"],
      ["US-EIN-521232409", "US-EIN-521232409"],
      ["", null],
    ] as const) {
      const parsed = parse(input);
      expect(parsed.success, input).toBe(true);
      expect(parsed.data?.iatiIdentifier).toBe(stored);
    }
  });
  it("refuses what is not an IATI organisation identifier, and the platform's own prefix", () => {
    for (const input of [
      "41114",
      "XM DAC 41114",
      "XM-DAC-",
      "XM-DAC-41 114",
      "XM-DAC-a/b",
      "XMM-DAC-1",
      "XM-DAC-1&2",
      "<script>-X-1",
    ]) {
      const parsed = parse(input);
      expect(parsed.success, input).toBe(false);
      expect(parsed.error?.issues.map((i) => i.message)).toContain("organisations:errors.iatiIdentifierInvalid");
    }
    expect(parse("XK-CAP-some-org").error?.issues.map((i) => i.message)).toContain(
      "organisations:errors.iatiIdentifierReserved",
    );
  });
});

describe("IATI organisation identifier: recording it", () => {
  it("is saved by a member of the organisation, audited, unique and version-checked", async () => {
    const swiss = await organisationId("embassy-of-switzerland-in-kosovo");
    const iom = await organisationId("international-organization-for-migration");
    const member = await createTestUser(handle.db, [{ role: "donor", organisationId: swiss }]);
    const outsider = await createTestUser(handle.db, [{ role: "donor", organisationId: iom }]);

    expect(
      await updateOrganisation(
        handle.db,
        audit(outsider),
        swiss,
        await formOf(swiss, { iatiIdentifier: "XM-DAC-11-1" }),
      ),
    ).toMatchObject({ ok: false, status: 403 });
    const saved = await updateOrganisation(
      handle.db,
      audit(member),
      swiss,
      await formOf(swiss, { iatiIdentifier: "xm-dac-11-1" }),
    );
    expect(saved).toMatchObject({ ok: true });
    expect((await getOrganisation(handle.db, swiss))?.iatiIdentifier).toBe("XM-DAC-11-1");
    const entry = await latestAuditEntry(handle.db, { subject_type: "organisation", subject_id: swiss });
    expect(entry.action).toBe("organisation.update");
    expect(entry.diff.iati_identifier).toEqual({ before: null, after: "XM-DAC-11-1" });

    // IOM's identifier (recorded by the migration) cannot be taken by another organisation, whatever the case.
    const before = await getOrganisation(handle.db, swiss);
    const taken = await updateOrganisation(
      handle.db,
      audit(member),
      swiss,
      await formOf(swiss, { iatiIdentifier: "xm-dac-47066" }),
    );
    expect(taken).toMatchObject({
      ok: false,
      status: 400,
      errors: { iatiIdentifier: "organisations:errors.iatiIdentifierTaken" },
    });
    expect(await getOrganisation(handle.db, swiss)).toEqual(before);

    // A form loaded before the save above: 409, nothing overwritten.
    const stale = await updateOrganisation(
      handle.db,
      audit(member),
      swiss,
      await formOf(swiss, { iatiIdentifier: "XM-DAC-11-2", version: before!.version - 1 }),
    );
    expect(stale).toMatchObject({ ok: false, status: 409 });
    expect((await getOrganisation(handle.db, swiss))?.iatiIdentifier).toBe("XM-DAC-11-1");
  });

  // Two forms claiming one identifier at the same moment: only a real PostgreSQL runs two transactions at once.
  it.skipIf(!process.env.DATABASE_URL)(
    "leaves a race to the unique index and answers the loser with the same 400",
    async () => {
      const first = await organisationId("kosovo-education-centre");
      const second = await organisationId("international-organization-for-migration");
      const coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
      let written!: () => void;
      let commit!: () => void;
      const hasWritten = new Promise<void>((resolve) => (written = resolve));
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      const holder = handle.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("organisation")
          .set({ iati_identifier: "XM-DAC-RACE-1" })
          .where("id", "=", first)
          .execute();
        written();
        await mayCommit;
      });
      await hasWritten;
      const contender = updateOrganisation(
        handle.db,
        audit(coordinator),
        second,
        await formOf(second, { iatiIdentifier: "XM-DAC-RACE-1" }),
      );
      // The contender passed its own check (the holder's row is not committed) and now waits on the unique index.
      let contenderWaits = false;
      for (let polls = 0; polls < 500 && !contenderWaits; polls++) {
        const waiting = await sql<{
          n: string;
        }>`select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(
          handle.db,
        );
        contenderWaits = Number(waiting.rows[0]!.n) > 0;
      }
      commit();
      expect(contenderWaits).toBe(true);
      await holder;
      expect(await contender).toMatchObject({
        ok: false,
        status: 400,
        errors: { iatiIdentifier: "organisations:errors.iatiIdentifierTaken" },
      });
      expect((await getOrganisation(handle.db, second))?.iatiIdentifier).toBe("XM-DAC-47066");
    },
  );

  it("is used by the IATI export and read back by the import, and shown on the public profile", async () => {
    const actors = await projectActors(handle.db);
    await createFullProject(handle.db, actors);
    const app = createTestApp(handle);
    const xml = await (await app.fetch(new Request("http://localhost/api/v1/projects.iati.xml"))).text();
    expect(xml).toContain('<reporting-org ref="XM-DAC-11-1"');
    expect(xml).toContain('<participating-org ref="XM-DAC-11-1"');
    expect(xml).not.toContain("XK-CAP-embassy-of-switzerland-in-kosovo");
    const plan = await planIatiImport(
      handle.db,
      actors.donor,
      xml.replace(/<iati-activity [\s\S]*?<\/iati-activity>/g, (activity) =>
        activity.includes('<reporting-org ref="XM-DAC-11-1"') ? activity : "",
      ),
    );
    expect(plan.ok ? [] : plan.errors).toEqual([]);
    expect(plan).toMatchObject({ ok: true });
    const profile = await directoryDetail.loader({
      request: new Request("http://localhost/en/organizations/embassy-of-switzerland-in-kosovo"),
      params: { lang: "en", slug: "embassy-of-switzerland-in-kosovo" },
      context: { db: handle.db },
    } as unknown as Parameters<typeof directoryDetail.loader>[0]);
    expect(profile.iatiIdentifier).toBe("XM-DAC-11-1");
  });
});
