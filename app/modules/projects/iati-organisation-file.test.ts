import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { createTestApp } from "../../../tests/support/test-app.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { organisationFigures } from "./iati-organisation-file.server.ts";
import { createProject } from "./projects.commands.server.ts";
import { audit, createFullProject, projectActors, projectInputOf } from "./testing/fixtures.ts";
import { validateIatiActivities, validateIatiOrganisations } from "./testing/iati-schema.ts";

/*
 * The IATI organisation file and the public addresses of both IATI files (issue 14 item 8, decision 039).
 * The Swiss embassy gets the identifier the DAC gives Switzerland (CH-4) and reports three validated
 * projects: 2025–2027 in euros with commitments 2025/2026 and a disbursement 2025, one within 2024
 * (budget only), one in Swiss francs with a disbursement in 2025; and one draft that must not count.
 */

let handle: DatabaseHandle;
let app: ReturnType<typeof createTestApp>;
let file: string;
const SWISS = "embassy-of-switzerland-in-kosovo";
const IDLE_PUBLISHER = "XM-DAC-99999-IDLE";
/** An organisation that reports no validated project (given an identifier in the set-up). */
let idleSlug: string;

const get = (path: string, headers: Record<string, string> = {}) =>
  app.fetch(new Request(`http://localhost/api/v1${path}`, { headers }));
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) =>
    ["iati-organisation", "narrative", "total-budget", "total-expenditure", "document-link", "iati-activity"].includes(
      name,
    ),
});
type Node = Record<string, unknown> & { "#text"?: string | number };
const organisationsOf = (xml: string) =>
  (parser.parse(xml) as { "iati-organisations": { "iati-organisation": Node[] } })["iati-organisations"][
    "iati-organisation"
  ];
const identifierOf = (o: Node) => String(o["organisation-identifier"]);
const narrativesOf = (n: unknown) =>
  ((n as { narrative: Node[] }).narrative ?? []).map((x) => [x["@xml:lang"], String(x["#text"])]);
const figuresOf = (o: Node, element: string) =>
  ((o[element] as Node[] | undefined) ?? []).map((b) => {
    const value = b.value as Node;
    return [
      (b["period-start"] as Node)["@iso-date"],
      (b["period-end"] as Node)["@iso-date"],
      Number(value["#text"]),
      value["@currency"],
    ];
  });

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db, { story: false });
  const actors = await projectActors(handle.db);
  await handle.db
    .updateTable("organisation")
    .set({
      iati_identifier: "CH-4",
      name: {
        sq: "Ambasada e Zvicrës në Kosovë",
        sr: "Ambasada Švajcarske na Kosovu",
        en: "Embassy of Switzerland in Kosovo",
      },
    })
    .where("id", "=", actors.donorOrg)
    .execute();
  // An organisation with an identifier that reports no project publishes nothing.
  const idle = await handle.db
    .selectFrom("organisation as o")
    .select(["o.id", "o.slug"])
    .where("o.is_active", "=", true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("project as p")
            .select("p.id")
            .whereRef("p.owner_organisation_id", "=", "o.id")
            .where("p.validation_status", "=", "validated"),
        ),
      ),
    )
    .orderBy("o.id")
    .executeTakeFirstOrThrow();
  idleSlug = idle.slug;
  await handle.db
    .updateTable("organisation")
    .set({ iati_identifier: IDLE_PUBLISHER })
    .where("id", "=", idle.id)
    .execute();
  await createFullProject(handle.db, actors);
  await createFullProject(handle.db, actors, {
    plannedStart: "2024-03-01",
    plannedEnd: "2024-11-30",
    actualStart: null,
    budget: 40000,
    finance: [],
  });
  await createFullProject(handle.db, actors, {
    currency: "CHF",
    budget: 90000,
    plannedStart: "2025-01-01",
    plannedEnd: "2026-06-30",
    actualStart: null,
    finance: [{ year: 2025, kind: "disbursement", amount: 1000 }],
  });
  const draft = await createProject(
    handle.db,
    audit(actors.donor),
    projectInputOf(actors.donorOrg, {
      title: { en: "Draft that must not count" },
      activityStatus: "pipeline",
      plannedStart: "2024-01-01",
      plannedEnd: "2024-12-31",
      budget: 5_000_000,
      municipalities: [{ kasCode: "20", budgetShare: null }],
      finance: [{ year: 2024, kind: "commitment", amount: 5_000_000 }],
    }),
  );
  expect(draft.ok).toBe(true);
  app = createTestApp(handle);
  file = await (await get("/iati/organisations.xml")).text();
}, 90_000);
afterAll(() => handle.close());

describe("IATI organisation file", () => {
  it("is valid against the IATI 2.03 organisation schema (xmllint with the real XSD files), and the validator rejects a broken one", async () => {
    expect(file).toContain('<iati-organisations version="2.03"');
    expect(await validateIatiOrganisations(file)).toEqual([]);
    expect(
      (await validateIatiOrganisations(file.replace(/<reporting-org[\s\S]*?<\/reporting-org>/, ""))).length,
    ).toBeGreaterThan(0);
  });

  it("holds only organisations with their own identifier that report validated projects", async () => {
    const identifiers = organisationsOf(file).map(identifierOf);
    expect(identifiers).toContain("CH-4");
    expect(identifiers).not.toContain(IDLE_PUBLISHER);
    expect(identifiers.every((i) => !i.toUpperCase().startsWith("XK-CAP-"))).toBe(true);
    // Exactly the owners of validated projects that have an identifier, each once.
    const owners = await handle.db
      .selectFrom("project as p")
      .innerJoin("organisation as o", "o.id", "p.owner_organisation_id")
      .select("o.iati_identifier")
      .distinct()
      .where("p.validation_status", "=", "validated")
      .where("o.iati_identifier", "is not", null)
      .where("o.is_active", "=", true)
      .execute();
    expect([...identifiers].sort()).toEqual(owners.map((o) => o.iati_identifier!).sort());
    expect(owners.length).toBeGreaterThan(1);
    // An owner of validated projects without an identifier is not there under any name.
    const anonymous = await handle.db
      .selectFrom("project as p")
      .innerJoin("organisation as o", "o.id", "p.owner_organisation_id")
      .select(["o.slug", "o.name"])
      .where("p.validation_status", "=", "validated")
      .where("o.iati_identifier", "is", null)
      .executeTakeFirst();
    if (anonymous) expect(file).not.toContain(`/organizations/${anonymous.slug}"`);
  });

  it("names the organisation in every language version, reports as itself, and links its public page in every interface language", () => {
    const swiss = organisationsOf(file).find((o) => identifierOf(o) === "CH-4")!;
    const names = [
      ["sq", "Ambasada e Zvicrës në Kosovë"],
      ["sr", "Ambasada Švajcarske na Kosovu"],
      ["en", "Embassy of Switzerland in Kosovo"],
    ];
    expect(narrativesOf(swiss.name)).toEqual(names);
    const reporting = swiss["reporting-org"] as Node;
    expect([reporting["@ref"], narrativesOf(reporting)]).toEqual(["CH-4", names]);
    expect(swiss["@default-currency"]).toBe("EUR");
    const links = (swiss["document-link"] as Node[]).map((l) => [
      l["@url"],
      (l.category as Node)["@code"],
      (l.language as Node)["@code"],
      narrativesOf(l.title)[0]![1],
    ]);
    // Each interface language's public page (its path's locale), in IATI's language code, under category B16.
    const profiles = [
      ["sq", "sq", "Profili i organizatës në Platformën për Çështje të Komuniteteve"],
      ["sr", "sr", "Profil organizacije na Platformi za pitanja zajednica"],
      ["sr-cyrl", "sr", "Профил организације на Платформи за питања заједница"],
      ["en", "en", "Organisation profile on the Community Affairs Platform"],
      ["tr", "tr", "Topluluk İşleri Platformu'ndaki kuruluş profili"],
      ["bs", "bs", "Profil organizacije na Platformi za pitanja zajednica"],
      // Romani has no ISO 639-1 code for IATI's Language codelist ("ro" is Romanian): no link.
    ];
    expect(links).toEqual(
      profiles.map(([locale, language, title]) => [
        `http://localhost:3999/${locale}/organizations/${SWISS}`,
        "B16",
        language,
        title,
      ]),
    );
  });

  it("gives budget and expenditure per year from what is known: commitments, one-year budgets, disbursements; drafts and mixed-currency years left out", () => {
    const swiss = organisationsOf(file).find((o) => identifierOf(o) === "CH-4")!;
    expect(figuresOf(swiss, "total-budget")).toEqual([
      ["2024-01-01", "2024-12-31", 40000, "EUR"],
      ["2025-01-01", "2025-12-31", 150000, "EUR"],
      ["2026-01-01", "2026-12-31", 100000, "EUR"],
    ]);
    // 2025's disbursements are 60,000.50 EUR and 1,000 CHF: no sum without an exchange rate.
    expect(figuresOf(swiss, "total-expenditure")).toEqual([]);
    expect((swiss["total-budget"] as Node[]).every((b) => b["@status"] === "2")).toBe(true);
  });

  it("sums per year and currency by the documented rules (unit)", () => {
    const project = (
      currency: string,
      budget: number | null,
      start: string,
      end: string,
      commitments: [number, number][],
      disbursements: [number, number][],
    ) => ({
      currency,
      budget,
      plannedStart: start,
      plannedEnd: end,
      commitments: new Map(commitments),
      disbursements: new Map(disbursements),
    });
    const figures = organisationFigures([
      project("EUR", 1000, "2023-02-01", "2023-10-31", [], [[2023, 400.25]]),
      project("EUR", 500, "2023-01-01", "2023-12-31", [[2023, 300]], []), // the commitment stands for the year, not the budget too
      project("EUR", 9999, "2023-06-01", "2025-05-31", [], [[2023, 100]]), // a budget over several years is not split
      project("USD", null, "2024-01-01", "2024-12-31", [[2024, 70]], [[2024, 10]]),
    ]);
    expect(figures.totalBudget).toEqual([
      { year: 2023, currency: "EUR", value: 1300 },
      { year: 2024, currency: "USD", value: 70 },
    ]);
    expect(figures.totalExpenditure).toEqual([
      { year: 2023, currency: "EUR", value: 500.25 },
      { year: 2024, currency: "USD", value: 10 },
    ]);
  });
});

describe("IATI files at their public addresses", () => {
  it("serves both files to anyone, as XML, with cache headers and a working ETag", async () => {
    for (const path of [
      "/iati/organisations.xml",
      "/iati/activities.xml",
      `/iati/publishers/${SWISS}/organisation.xml`,
      `/iati/publishers/${SWISS}/activities.xml`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toBe("application/xml; charset=utf-8");
      expect(response.headers.get("cache-control"), path).toBe("public, max-age=300");
      const etag = response.headers.get("etag");
      expect(etag, path).toMatch(/^"[\w-]{20,}"$/);
      const again = await get(path, { "if-none-match": etag! });
      expect(again.status, path).toBe(304);
      expect(await again.text(), path).toBe("");
      expect((await get(path, { "if-none-match": '"something-else"' })).status, path).toBe(200);
    }
    const organisations = await get("/iati/organisations.xml");
    expect(new Date(organisations.headers.get("last-modified")!).getTime()).not.toBeNaN();
  });

  it("gives each publisher its own datasets: its organisation only, the activities it reports only", async () => {
    const own = await (await get(`/iati/publishers/${SWISS}/organisation.xml`)).text();
    expect(await validateIatiOrganisations(own)).toEqual([]);
    expect(organisationsOf(own).map(identifierOf)).toEqual(["CH-4"]);
    const activities = await (await get(`/iati/publishers/${SWISS}/activities.xml`)).text();
    expect(await validateIatiActivities(activities)).toEqual([]);
    const reporting = [...activities.matchAll(/<reporting-org ref="([^"]+)"/g)].map((m) => m[1]);
    expect(reporting.length).toBe(3);
    expect(new Set(reporting)).toEqual(new Set(["CH-4"]));
    expect(activities).not.toContain("Draft that must not count");
    const all = await (await get("/iati/activities.xml")).text();
    expect(await validateIatiActivities(all)).toEqual([]);
    expect(new Set([...all.matchAll(/<reporting-org ref="([^"]+)"/g)].map((m) => m[1])).size).toBeGreaterThan(1);
  });

  it("answers 404 for an organisation that does not publish, an unknown one and a malformed address", async () => {
    for (const path of [
      `/iati/publishers/${idleSlug}/organisation.xml`,
      `/iati/publishers/${idleSlug}/activities.xml`,
      "/iati/publishers/no-such-organisation/organisation.xml",
      "/iati/publishers/NOT_A_SLUG/activities.xml",
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.json(), path).toEqual({ error: "not_found" });
    }
  });

  it("lists the four addresses in the OpenAPI document", async () => {
    const doc = (await (await get("/openapi.json")).json()) as {
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    };
    for (const path of [
      "/iati/activities.xml",
      "/iati/organisations.xml",
      "/iati/publishers/{slug}/activities.xml",
      "/iati/publishers/{slug}/organisation.xml",
    ]) {
      expect(Object.keys(doc.paths[path]?.get?.responses ?? {}), path).toEqual(["200", "304", "404"]);
    }
  });
});
