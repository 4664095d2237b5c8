import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestApp } from "../../../tests/support/test-app.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { applyIatiImport, planIatiImport, type ImportPlan } from "./iati-import.server.ts";
import { validateProject } from "./projects.commands.server.ts";
import { audit, rowCounts } from "./testing/fixtures.ts";
import { validateIatiActivities } from "./testing/iati-schema.ts";

const corpusDir = path.resolve(import.meta.dirname, "../../../tests/fixtures/iati");
const corpus = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith(".xml"))
  .sort();
const read = (file: string) => fs.readFileSync(path.join(corpusDir, file), "utf8");

let handle: DatabaseHandle;
let coordinator: Extract<Actor, { kind: "user" }>;

beforeAll(async () => {
  handle = await createTestDatabase();
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
}, 60_000);
afterAll(() => handle.close());

/** What a plan says, in words a reader can check against the file. */
async function summary(plan: ImportPlan) {
  const kas = new Map(
    (await handle.db.selectFrom("municipality").select(["kas_code", "name_sq"]).execute()).map((m) => [
      m.kas_code,
      m.name_sq,
    ]),
  );
  const orgs = new Map(
    (await handle.db.selectFrom("organisation").select(["id", "slug"]).execute()).map((o) => [o.id, o.slug]),
  );
  return {
    activities: plan.activities.map((a) => ({
      id: a.identifier,
      action: a.action,
      currency: a.input.currency,
      budget: a.input.budget,
      sectors: a.input.sectors,
      municipalities: a.input.municipalities.map((m) => kas.get(m.kasCode)),
      organisations: a.input.organisations.map(
        (o) =>
          `${o.role}:${orgs.get(o.organisationId) ?? plan.organisations.find((u) => [...a.pendingOrganisations].some(([p, key]) => p === o.organisationId && key === u.key))?.names[0] ?? o.organisationId}`,
      ),
      results: a.framework.map((r) => ({
        kind: r.kind,
        indicators: r.indicators.map((i) => ({
          unit: i.unit,
          periods: i.periods.map((p) => ({
            target: p.target,
            actual: p.actual,
            disaggregation: p.disaggregation.map((d) => `${d.dimension}:${d.category}=${d.value}`),
            kept: (p.dimensionValues ?? []).length,
          })),
        })),
      })),
    })),
    unmatched: plan.organisations.map((o) => `${o.ref ?? "-"}|${o.names[0]}|${o.decision.action}`),
    warnings: plan.warnings.map((w) => `${w.key.replace("import.warnings.", "")}@${w.place?.line}`),
    errors: plan.errors.map((e) => `${e.key}@${e.place?.line}`),
  };
}

/** An indicator of a summary with its one period: unit, target, actual, dimension values kept, disaggregation. */
type IndicatorSummary = [
  unit: string,
  target: number | null,
  actual: number | null,
  kept: number,
  disaggregation: string[],
];

/** The results `summary` gives for a file's first activity: one outcome whose indicators each have one period. */
function oneOutcome(...indicators: IndicatorSummary[]) {
  return [
    {
      kind: "outcome",
      indicators: indicators.map(([unit, target, actual, kept, disaggregation]) => ({
        unit,
        periods: [{ target, actual, disaggregation, kept }],
      })),
    },
  ];
}

/** An activity as `summary` lists it: its identifier, municipalities (by name) and sectors. */
function activity(id: string, municipalities: string[], sectors: string[]) {
  return { id, municipalities, sectors };
}

/** What each file must give: activities (identifier, municipalities, sectors), unmatched organisations, warnings. */
const EXPECTED: Record<
  string,
  {
    activities: { id: string; municipalities: string[]; sectors: string[] }[];
    unmatched: string[];
    warnings: string[];
    results?: unknown[];
  }
> = {
  "01-sdc-bilateral.xml": {
    activities: [
      activity(
        "CH-4-2019003421",
        ["Gjakovë", "Fushë Kosovë", "Prizren", "Ferizaj"],
        ["education", "employment_social_welfare", "other"],
      ),
      activity("CH-4-2021007788", ["Obiliq", "Shtime"], ["employment_social_welfare"]),
    ],
    unmatched: [
      "CH-4|Swiss Agency for Development and Cooperation (SDC)|create",
      "-|Roma Versitas Kosovo|create",
      "-|Voice of Roma, Ashkali and Egyptians (VoRAE)|create",
      "-|Ministry of Education, Science, Technology and Innovation (MESTI)|link",
      "-|Pedagogical Institute of Kosovo|create",
      "-|Helvetas Swiss Intercooperation|create",
    ],
    warnings: ["languagesSkipped", "sectorUnmapped"],
    results: oneOutcome(["count", 1500, 3030, 2, ["gender:female=1620", "gender:male=1410"]]),
  },
  "02-eu-ipa.xml": {
    activities: [
      activity("XI-IATI-EC_NEAR-IPA.2021.043-118", ["Istog", "Pejë", "Skënderaj"], ["housing", "return_reintegration"]),
    ],
    unmatched: [
      "XI-IATI-EC_NEAR|European Commission - Directorate-General for Neighbourhood and Enlargement Negotiations|create",
      "-|Ministry of Communities and Returns|create",
    ],
    warnings: [],
  },
  "03-undp-un-agency.xml": {
    activities: [
      activity(
        "XM-DAC-41114-OUTPUT-00124567",
        ["Zveçan", "Mitrovicë e Veriut"],
        ["employment_social_welfare", "other", "security"],
      ),
    ],
    unmatched: [
      "XM-DAC-41114|UNDP|create",
      "SE-0|Sweden|create",
      "NO-01|Norway|create",
      "GB-GOV-1|UK - Foreign, Commonwealth Development Office (FCDO)|create",
      "-|Community Building Mitrovica (CBM)|create",
    ],
    warnings: [
      "dimensionsKept",
      "locationSkipped",
      "sectorNotDac",
      "transactionSkipped",
      "transactionSkipped",
      "transactionSkipped",
    ],
    results: oneOutcome(
      [
        "count",
        null,
        455,
        4,
        ["community:albanian=148", "community:bosniak=95", "community:serb=212", "gender:female=360", "gender:male=95"],
      ],
      ["percent", 50, 47.3, 0, []],
    ),
  },
  "04-world-bank.xml": {
    activities: [
      activity("44000-P167932", ["Gjilan", "Prishtinë"], ["employment_social_welfare", "other"]),
      activity("44000-P176450", [], ["education"]),
    ],
    unmatched: [
      "44000|International Bank for Reconstruction and Development|create",
      "-|Ministry of Finance, Labour and Transfers|create",
      "-|Ministry of Education, Science, Technology and Innovation|link",
    ],
    warnings: ["noEndDate", "sectorUnmapped"],
  },
  "05-small-ngo.xml": {
    activities: [activity("XK-BRN-5100123-2025-01", ["Fushë Kosovë", "Obiliq"], ["education"])],
    unmatched: [],
    warnings: ["noTotalActual", "transactionSkipped"],
    results: oneOutcome([
      "count",
      180,
      null,
      3,
      ["community:ashkali=58", "community:egyptian=21", "community:roma=64", "gender:female=64", "gender:male=58"],
    ]),
  },
  "06-implementer-on-behalf.xml": {
    activities: [
      activity("GB-GOV-1-301234-101", ["Fushë Kosovë", "Lipjan", "Graçanicë"], ["housing", "return_reintegration"]),
    ],
    unmatched: [
      "GB-GOV-1|UK - Foreign, Commonwealth Development Office|create",
      "-|Ministry for Communities and Returns (MCR)|create",
    ],
    warnings: ["dimensionsKept", "locationAmbiguous", "noTotalActual", "transactionSkipped", "transactionSkipped"],
    results: oneOutcome(["count", 40, null, 2, ["beneficiary_type:displaced=9", "beneficiary_type:returnee=17"]]),
  },
  "07-bmz-giz.xml": {
    activities: [
      activity(
        "DE-1-201922345",
        ["Gjilan", "Ferizaj", "Graçanicë"],
        ["economic_development", "education", "employment_social_welfare"],
      ),
    ],
    unmatched: [
      "DE-1|Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung (BMZ)|create",
      "XM-DAC-5-7|Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH|create",
    ],
    warnings: ["dimensionsKept", "languagesSkipped", "noTotalActual"],
    results: oneOutcome(["count", null, null, 4, ["gender:female=131", "gender:male=162"]]),
  },
  "08-usaid.xml": {
    activities: [
      activity(
        "US-GOV-1-72016721CA00003",
        ["Novobërdë", "Pejë", "Mitrovicë e Veriut"],
        ["economic_development", "participation"],
      ),
    ],
    unmatched: [
      "US-GOV-1|U.S. Agency for International Development|create",
      "US-EIN-521232409|Chemonics International Inc.|create",
    ],
    warnings: ["transactionSkipped"],
    results: oneOutcome([
      "count",
      5000,
      4800,
      4,
      ["community:albanian=2350", "community:gorani=40", "community:roma=310", "community:serb=2100"],
    ]),
  },
  "09-czech-development-agency.xml": {
    activities: [activity("CZ-ICO-75123924-KOS-2024-003", ["Gjakovë", "Mitrovicë"], ["housing", "other"])],
    unmatched: [],
    warnings: ["languagesSkipped", "otherCurrency", "sectorUnmapped"],
  },
  "10-unicef.xml": {
    activities: [
      activity("XM-DAC-41122-XK-2026/WBS-3670/A0/05/001/001", ["Obiliq", "Pejë", "Prizren"], ["education", "health"]),
    ],
    unmatched: [
      "XM-DAC-41122|UNICEF|create",
      "XI-IATI-EC_ECHO|European Commission - Humanitarian Aid & Civil Protection|create",
    ],
    warnings: ["dimensionsKept", "transactionSkipped"],
  },
  "11-jica.xml": {
    activities: [activity("XM-DAC-701-8-1900555", ["Deçan", "Junik"], ["economic_development", "other"])],
    unmatched: [
      "XM-DAC-701-8|Japan International Cooperation Agency|create",
      "-|Ministry of Agriculture, Forestry and Rural Development|create",
    ],
    warnings: ["sectorUnmapped"],
  },
  "12-save-the-children.xml": {
    activities: [
      activity("GB-CHC-213890-KOS-0042", ["Gjakovë", "Lipjan"], ["employment_social_welfare", "non_discrimination"]),
      activity("GB-CHC-213890-KOS-0043", ["Shtime"], ["education"]),
    ],
    unmatched: [
      "GB-CHC-213890|Save the Children UK|create",
      "NL-KVK-41198677|Stichting Terre des Hommes Nederland|create",
      "GB-COH-00178159|The Save the Children Fund|create",
    ],
    warnings: ["dimensionsKept", "locationSkipped", "noEndDate"],
  },
};

describe("IATI corpus of real publishers' habits", () => {
  it("has at least twelve files, each valid against the IATI 2.03 schema", async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(EXPECTED).sort()).toEqual(corpus);
    for (const file of corpus) expect(await validateIatiActivities(read(file)), file).toEqual([]);
  });

  it.each(corpus)(
    "%s: planned without refusal — projects, organisations, municipalities, results and warnings",
    async (file) => {
      const plan = await planIatiImport(handle.db, coordinator, read(file));
      const got = await summary(plan);
      const expected = EXPECTED[file]!;
      expect(got.errors).toEqual([]);
      expect(got.activities.map((a) => ({ id: a.id, municipalities: a.municipalities, sectors: a.sectors }))).toEqual(
        expected.activities,
      );
      expect(got.activities.every((a) => a.action === "create")).toBe(true);
      expect(got.unmatched).toEqual(expected.unmatched);
      expect(got.warnings.map((w) => w.split("@")[0]).sort()).toEqual(expected.warnings);
      // Every warning says where it is.
      expect(plan.warnings.every((w) => w.place && w.place.line > 0 && w.place.element)).toBe(true);
      if (expected.results) expect(got.activities[0]!.results).toEqual(expected.results);
    },
  );
});

const brokenDir = path.join(corpusDir, "broken");
/** The file without the moment it was made, participating organisations in a fixed order (the two databases number organisations differently). */
const comparable = (xml: string) =>
  xml
    .replace(/ generated-datetime="[^"]+"/, "")
    .replace(/(?:[ ]*<participating-org[\s\S]*?<\/participating-org>\n)+/g, (block) =>
      (block.match(/[ ]*<participating-org[\s\S]*?<\/participating-org>\n/g) ?? []).sort().join(""),
    );

describe("a broken file", () => {
  it("reports every planted error with its activity, element and line, and writes nothing", async () => {
    const before = await rowCounts(handle.db);
    const xml = fs.readFileSync(path.join(brokenDir, "planted-errors.xml"), "utf8");
    const result = await applyIatiImport(handle.db, audit(coordinator), xml);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.errors.map(
      (e) =>
        `${e.key.replace("import.errors.", "")}|${e.place?.identifier ?? "-"}|${e.place?.element}|${e.place?.line}`,
    );
    expect(found.sort()).toEqual(
      [
        "noIdentifier|-|iati-identifier|18",
        "datesOutOfOrder|XI-IATI-EC_NEAR-BROKEN-3|activity-date|34",
        "badAmount|XI-IATI-EC_NEAR-BROKEN-3|budget/value|38",
        "datesOutOfOrder|XI-IATI-EC_NEAR-BROKEN-3|budget/period-end|42",
        "unknownCurrency|XI-IATI-EC_NEAR-BROKEN-3|budget/value|43",
        "badAmount|XI-IATI-EC_NEAR-BROKEN-3|transaction/value|48",
        "badAmount|XI-IATI-EC_NEAR-BROKEN-3|period/actual|57",
      ].sort(),
    );
    expect(await rowCounts(handle.db)).toEqual(before);
  });

  it("refuses version 1 with the version named, DOCTYPE/entities, too many activities and too large a file, before parsing", async () => {
    const keyOf = async (xml: string) =>
      (await planIatiImport(handle.db, coordinator, xml)).errors.map((e) => [e.key, e.values]);
    expect(await keyOf(fs.readFileSync(path.join(brokenDir, "version-1.05.xml"), "utf8"))).toEqual([
      ["import.errors.version1", { version: "1.05" }],
    ]);
    expect(await keyOf(fs.readFileSync(path.join(brokenDir, "entity-expansion.xml"), "utf8"))).toEqual([
      ["import.errors.doctype", undefined],
    ]);
    const many = `<iati-activities version="2.03">${"<iati-activity/>".repeat(41_000)}</iati-activities>`;
    const started = performance.now();
    expect(await keyOf(many)).toEqual([["import.errors.tooManyActivities", { count: 41_000, max: 2_000 }]]);
    expect(performance.now() - started).toBeLessThan(2_000);
    const huge = `<iati-activities version="2.03"><!--${"x".repeat(5 * 1024 * 1024)}--></iati-activities>`;
    expect(await keyOf(huge)).toEqual([["import.errors.tooLarge", { size: 5 }]]);
  });
});

/** The API's IATI file of a database's validated projects. */
async function iatiExportOf(database: DatabaseHandle): Promise<string> {
  return (await createTestApp(database).fetch(new Request("http://localhost/api/v1/projects.iati.xml"))).text();
}

describe("importing the corpus", () => {
  it("writes each file in one transaction; organisations keep their identifiers and IATI types; re-importing changes nothing", async () => {
    const before = await rowCounts(handle.db);
    for (const file of corpus) {
      const result = await applyIatiImport(handle.db, audit(coordinator), read(file));
      expect(result.ok ? [] : result.errors, file).toEqual([]);
    }
    const after = await rowCounts(handle.db);
    expect(after.projects - before.projects).toBe(15);
    const sdc = await handle.db
      .selectFrom("organisation")
      .select(["iati_identifier", "iati_type_code", "type_code", "name", "acronym"])
      .where("iati_identifier", "=", "CH-4")
      .executeTakeFirstOrThrow();
    expect(sdc).toEqual({
      iati_identifier: "CH-4",
      iati_type_code: "10",
      type_code: "donor",
      name: { en: "Swiss Agency for Development and Cooperation" },
      acronym: "SDC",
    });
    const versitas = await handle.db
      .selectFrom("organisation")
      .select(["iati_identifier", "iati_type_code", "type_code"])
      .where("slug", "=", "roma-versitas-kosovo")
      .executeTakeFirstOrThrow();
    expect(versitas).toEqual({ iati_identifier: null, iati_type_code: "22", type_code: "cso" });
    const project = await handle.db
      .selectFrom("project")
      .select("id")
      .where("iati_identifier", "=", "CH-4-2019003421")
      .executeTakeFirstOrThrow();
    const codes = await handle.db
      .selectFrom("project_iati_sector")
      .select(["vocabulary", "code", "percentage"])
      .where("project_id", "=", project.id)
      .orderBy("sort_order")
      .execute();
    expect(codes.map((c) => `${c.vocabulary}:${c.code}:${Number(c.percentage)}`)).toEqual([
      "1:11220:70",
      "1:15112:10",
      "1:16010:20",
    ]);
    const undp = await handle.db
      .selectFrom("project_indicator_period as p")
      .innerJoin("project_indicator as i", "i.id", "p.indicator_id")
      .innerJoin("project_result as r", "r.id", "i.result_id")
      .innerJoin("project", "project.id", "r.project_id")
      .select("p.dimension_values")
      .where("project.iati_identifier", "=", "XM-DAC-41114-OUTPUT-00124567")
      .execute();
    expect(
      undp
        .flatMap((p) => p.dimension_values)
        .find(
          (v) =>
            v.dimensions.some((d) => d.name === "age" && d.value === "15-19") &&
            v.dimensions.some((d) => d.value === "Serb"),
        ),
    ).toEqual({
      kind: "actual",
      value: 212,
      dimensions: [
        { name: "sex", value: "female" },
        { name: "age", value: "15-19" },
        { name: "community", value: "Serb" },
      ],
    });

    const again = await planIatiImport(handle.db, coordinator, read("01-sdc-bilateral.xml"));
    expect(again.activities.map((a) => a.action)).toEqual(["unchanged", "unchanged"]);
    expect(again.organisations).toEqual([
      expect.objectContaining({ names: ["Ministry of Education, Science, Technology and Innovation (MESTI)"] }),
    ]);
  });

  it("round trip: the export of every imported project is valid against the 2.03 XSD, and importing it into an empty database gives the same projects", async () => {
    const ids = (await handle.db.selectFrom("project").select("id").execute()).map((p) => p.id);
    for (const id of ids)
      expect(await validateProject(handle.db, audit(coordinator), id, "validate", null)).toEqual({ ok: true });
    const exported = await iatiExportOf(handle);
    expect(await validateIatiActivities(exported)).toEqual([]);
    expect(exported).toContain('<reporting-org ref="CH-4" type="10">');
    expect(exported).toContain('<sector vocabulary="1" code="15112" percentage="10"/>');
    expect(exported).toContain('<dimension name="age" value="15-19"/>');

    const target = await createTestDatabase();
    try {
      const office = await createTestUser(target.db, [{ role: "coordinator" }]);
      const imported = await applyIatiImport(target.db, audit(office), exported);
      expect(imported.ok ? [] : imported.errors).toEqual([]);
      if (!imported.ok) return;
      expect(imported.created).toBe(15);
      for (const id of imported.projectIds) await validateProject(target.db, audit(office), id, "validate", null);
      const again = await iatiExportOf(target);
      expect(comparable(again)).toBe(comparable(exported));
    } finally {
      await target.close();
    }
  });
});
