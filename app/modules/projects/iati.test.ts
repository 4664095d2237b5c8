import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestApp } from "../../../tests/support/test-app.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { applyIatiImport, planIatiImport } from "./iati-import.server.ts";
import { validateProject } from "./projects.commands.server.ts";
import { audit, createFullProject, projectActors, rowCounts } from "./testing/fixtures.ts";
import { validateIatiActivities } from "./testing/iati-schema.ts";
import { organisationIdBySlug } from "../../../tests/support/organisation-ids.ts";
import { auditEntries } from "../../../tests/support/audit-entries.ts";

let source: DatabaseHandle;
let target: DatabaseHandle;
let exported: string;

const exportOf = async (handle: DatabaseHandle, query = "") =>
  createTestApp(handle).fetch(new Request(`http://localhost/api/v1/projects.iati.xml${query}`));
/** The file without the moment it was made (the only thing that differs between two exports of the same data). */
const comparable = (xml: string) => xml.replace(/ generated-datetime="[^"]+"/, "");

async function importer(handle: DatabaseHandle): Promise<Extract<Actor, { kind: "user" }>> {
  const orgs = await handle.db
    .selectFrom("organisation")
    .select("id")
    .where("slug", "in", [
      "kosovo-education-centre",
      "international-organization-for-migration",
      "embassy-of-switzerland-in-kosovo",
    ])
    .execute();
  return createTestUser(
    handle.db,
    orgs.map((o) => ({ role: "donor" as const, organisationId: o.id })),
  );
}

beforeAll(async () => {
  source = await createTestDatabase();
  await seedDemoContent(source.db, { story: false });
  await createFullProject(source.db, await projectActors(source.db));
  exported = await (await exportOf(source)).text();
  target = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await source.close();
  await target.close();
});

describe("IATI export", () => {
  it("is valid against the IATI 2.03 schema (checked by xmllint with the real XSD files)", async () => {
    expect(exported).toContain('<iati-activities version="2.03"');
    expect(await validateIatiActivities(exported)).toEqual([]);
    // The validator does reject a broken file: no reporting organisation.
    const broken = exported.replace(/<reporting-org[\s\S]*?<\/reporting-org>/, "");
    expect((await validateIatiActivities(broken)).length).toBeGreaterThan(0);
  });

  it("carries the registry's fields the IATI way", () => {
    expect(exported).toContain("<iati-identifier>XM-DAC-47066-DEMO-MIGRATION-DIASPORA</iati-identifier>");
    expect(exported).toContain('<reporting-org ref="XM-DAC-47066" type="40">');
    expect(exported).toMatch(/<participating-org ref="XK-CAP-embassy-of-switzerland-in-kosovo" type="10" role="1">/);
    expect(exported).toMatch(/<participating-org ref="XK-CAP-embassy-of-switzerland-in-kosovo" type="10" role="3">/);
    expect(exported).toContain('<recipient-country code="XK" percentage="100">');
    expect(exported).toContain('<location ref="XK-KAS-20">');
    expect(exported).toContain('<activity-date type="2" iso-date="2025-02-01"/>');
    expect(exported).toMatch(
      /<transaction>\s*<transaction-type code="3"\/>\s*<transaction-date iso-date="2025-01-01"\/>\s*<value currency="EUR" value-date="2025-01-01">60000.5<\/value>/,
    );
    expect(exported).toContain('<narrative xml:lang="sr">Ромски медијатори у Призрену</narrative>');
    expect(exported).toContain("&lt;script&gt;");
    expect(exported).not.toContain("777");
    expect(exported).toMatch(/<actual value="6">\s*<dimension name="gender" value="female"\/>/);
  });

  it("answers 400 to a malformed filter and 404 when nothing matches", async () => {
    expect((await exportOf(source, "?year=abc")).status).toBe(400);
    expect((await exportOf(source, "?municipality=01")).status).toBe(404);
    expect((await exportOf(source, "?municipality=20")).status).toBe(200);
  });
});

describe("IATI import", () => {
  it("refuses a file that is not XML, not IATI, of another version or naming unknown codes, and writes nothing", async () => {
    const actor = await importer(target);
    const before = await rowCounts(target.db);
    const cases: [string, string][] = [
      ["<iati-activities version='2.03'><iati-activity>", "import.errors.notXml"],
      ["<organisations/>", "import.errors.notIati"],
      [exported.replace('version="2.03"', 'version="1.05"'), "import.errors.version1"],
      [exported.replace('version="2.03"', 'version="3.01"'), "import.errors.version"],
      [exported.replace('<activity-status code="2"/>', '<activity-status code="9"/>'), "import.errors.unknownStatus"],
      ['<!DOCTYPE x [<!ENTITY a "aaaa">]><iati-activities version="2.03"/>', "import.errors.doctype"],
    ];
    for (const [xml, key] of cases) {
      const result = await applyIatiImport(target.db, audit(actor), xml);
      expect(result.ok, key).toBe(false);
      if (!result.ok)
        expect(
          result.errors.map((e) => e.key),
          key,
        ).toContain(key);
    }
    expect(await rowCounts(target.db)).toEqual(before);
  });

  it("lists unknown organisations for a decision, and files unknown sectors and places as warnings instead of refusing (issue 14)", async () => {
    const actor = await importer(target);
    const unknownOrg = await planIatiImport(
      target.db,
      actor,
      exported.replace(/XK-CAP-germin/g, "XM-OCHA-UNKNOWN-1").replace(/>GERMIN</g, ">Gérmin Network Kosovo<"),
    );
    expect(unknownOrg.errors).toEqual([]);
    expect(unknownOrg.organisations.map((o) => [o.ref, o.names, o.decision.action])).toEqual([
      ["XM-OCHA-UNKNOWN-1", ["Gérmin Network Kosovo"], "create"],
    ]);
    const byName = await planIatiImport(target.db, actor, exported.replace(/XK-CAP-germin/g, "XM-OCHA-UNKNOWN-1"));
    expect(byName.organisations).toEqual([]);
    const odd = await planIatiImport(
      target.db,
      actor,
      exported
        .replace('code="education"', 'code="astrology"')
        .replace('<location ref="XK-KAS-20">', '<location ref="XK-KAS-99">'),
    );
    expect(odd.errors).toEqual([]);
    expect(odd.warnings.map((w) => w.key)).toEqual(expect.arrayContaining(["import.warnings.sectorNotDac"]));
  });

  it("refuses activities reported by an organisation the user does not act for, writing nothing", async () => {
    const swiss = await organisationIdBySlug(target.db, "embassy-of-switzerland-in-kosovo");
    const swissOnly = await createTestUser(target.db, [{ role: "donor", organisationId: swiss }]);
    const before = await rowCounts(target.db);
    const result = await applyIatiImport(target.db, audit(swissOnly), exported);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.key)).toContain("import.errors.notYourOrganisation");
    expect(await rowCounts(target.db)).toEqual(before);
  });

  it("round trip: export → import into an empty database → export gives the same file", async () => {
    const actor = await importer(target);
    const plan = await planIatiImport(target.db, actor, exported);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.activities.map((a) => a.action)).toEqual(["create", "create", "create"]);
    const imported = await applyIatiImport(target.db, audit(actor), exported);
    expect(imported).toMatchObject({ ok: true, created: 3, updated: 0 });
    if (!imported.ok) return;
    // Imported projects wait for the Office: nothing is public before it validates them.
    expect((await exportOf(target)).status).toBe(404);
    const coordinator = await createTestUser(target.db, [{ role: "coordinator" }]);
    for (const id of imported.projectIds)
      expect(await validateProject(target.db, audit(coordinator), id, "validate", null)).toEqual({ ok: true });
    const again = await (await exportOf(target)).text();
    expect(comparable(again)).toBe(comparable(exported));

    // Importing the same file again changes nothing (issue 14: "unchanged"); a changed file updates
    // by identifier, and validated projects that changed go back to the Office.
    const second = await applyIatiImport(target.db, audit(actor), exported);
    expect(second).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
    const changed = exported
      .replace(/<\/iati-activities>/, "</iati-activities>")
      .replace(/(<title>\s*<narrative xml:lang="[a-z]+">)/g, "$1Phase 2: ");
    const third = await applyIatiImport(target.db, audit(actor), changed);
    expect(third).toMatchObject({ ok: true, created: 0, updated: 3, unchanged: 0 });
    const statuses = await target.db
      .selectFrom("project")
      .select("validation_status")
      .where("id", "in", imported.projectIds)
      .execute();
    expect(statuses.map((s) => s.validation_status)).toEqual(["submitted", "submitted", "submitted"]);
    const actions = await auditEntries(target.db, { subject_type: "project", action: "project.import" });
    expect(actions).toHaveLength(6);
  });

  it("reads a donor's file without the platform's extensions (DAC sectors, names, outputs under outcomes)", async () => {
    const actor = await importer(target);
    const xml = `<?xml version="1.0"?>
<iati-activities version="2.02">
  <iati-activity default-currency="EUR" xml:lang="en">
    <iati-identifier>XM-DAC-47066-KS-0042</iati-identifier>
    <reporting-org ref="XM-DAC-47066" type="40"><narrative>International Organization for Migration</narrative></reporting-org>
    <title><narrative>Reintegration of returnees</narrative><narrative xml:lang="fr">Réintégration</narrative></title>
    <description><narrative>Support to returnees.</narrative></description>
    <participating-org role="1" ref="XM-DAC-47066"><narrative>IOM</narrative></participating-org>
    <participating-org role="4"><narrative>GERMIN</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2025-01-01"/>
    <activity-date type="3" iso-date="2026-12-31"/>
    <recipient-country code="XK"/>
    <location><name><narrative>Prizren</narrative></name></location>
    <location><name><narrative>Somewhere else</narrative></name></location>
    <sector vocabulary="1" code="15190"/>
    <sector vocabulary="1" code="11220"/>
    <transaction><transaction-type code="2"/><transaction-date iso-date="2025-03-01"/><value value-date="2025-03-01">1000</value></transaction>
    <transaction><transaction-type code="2"/><transaction-date iso-date="2025-09-01"/><value value-date="2025-09-01">500</value></transaction>
    <transaction><transaction-type code="4"/><transaction-date iso-date="2025-09-01"/><value value-date="2025-09-01">20</value></transaction>
    <result type="2"><title><narrative>Returnees settle</narrative></title>
      <indicator measure="1"><title><narrative>Families settled</narrative></title><period><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/><target value="40"/><actual value="31"/></period></indicator></result>
    <result type="1"><title><narrative>Grants given</narrative></title>
      <indicator measure="2"><title><narrative>Share of grants used</narrative></title><period><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/><actual value="87.5"/></period></indicator></result>
  </iati-activity>
</iati-activities>`;
    const plan = await planIatiImport(target.db, actor, xml);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const [activity] = plan.activities;
    expect(activity!.input).toMatchObject({
      sectors: ["education", "return_reintegration"],
      municipalities: [{ kasCode: "20", budgetShare: null }],
      finance: [{ year: 2025, kind: "commitment", amount: 1500 }],
      title: { en: "Reintegration of returnees" },
    });
    expect(activity!.framework.map((r) => [r.kind, r.parentRef])).toEqual([
      ["outcome", null],
      ["output", "x1"],
    ]);
    expect(activity!.framework[1]!.indicators[0]!.unit).toBe("percent");
    expect(plan.warnings.map((w) => w.key).sort()).toEqual([
      "import.warnings.languagesSkipped",
      "import.warnings.locationSkipped",
      "import.warnings.transactionSkipped",
    ]);
  });
  it("keeps a sector code given twice once, with its shares added, so that importing the file again changes nothing", async () => {
    const office = await createTestUser(target.db, [{ role: "coordinator" }]);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
  <iati-activity default-currency="EUR" xml:lang="en">
    <iati-identifier>XM-DAC-47066-KS-DUPLICATE-SECTOR</iati-identifier>
    <reporting-org ref="XM-DAC-47066" type="40"><narrative>International Organization for Migration</narrative></reporting-org>
    <title><narrative>Water for returnee villages</narrative></title>
    <participating-org role="1" ref="XM-DAC-47066"><narrative>IOM</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2025-01-01"/>
    <activity-date type="3" iso-date="2026-12-31"/>
    <recipient-country code="XK"/>
    <location><name><narrative>Prizren</narrative></name></location>
    <sector vocabulary="2" code="140" percentage="35"/>
    <sector vocabulary="2" code="140" percentage="15"/>
    <sector vocabulary="1" code="16010" percentage="50"/>
  </iati-activity>
</iati-activities>`;
    const plan = await planIatiImport(target.db, office, xml);
    expect(plan.errors).toEqual([]);
    expect(plan.activities[0]!.iatiSectors).toEqual([
      { vocabulary: "2", code: "140", percentage: 50 },
      { vocabulary: "1", code: "16010", percentage: 50 },
    ]);
    const first = await applyIatiImport(target.db, audit(office), xml);
    expect(first).toMatchObject({ ok: true, created: 1 });
    const stored = await target.db
      .selectFrom("project_iati_sector as s")
      .innerJoin("project as p", "p.id", "s.project_id")
      .select(["s.code", "s.percentage"])
      .where("p.iati_identifier", "=", "XM-DAC-47066-KS-DUPLICATE-SECTOR")
      .orderBy("s.sort_order")
      .execute();
    expect(stored.map((r) => [r.code, Number(r.percentage)])).toEqual([
      ["140", 50],
      ["16010", 50],
    ]);
    const again = await planIatiImport(target.db, office, xml);
    expect(again.activities.map((a) => a.action)).toEqual(["unchanged"]);
  });
});
