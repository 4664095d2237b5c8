import SwaggerParser from "@apidevtools/swagger-parser";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { createTestApp } from "../../../tests/support/test-app.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createProject } from "./projects.commands.server.ts";
import { loader as projectsIndexLoader } from "./routes/projects-index.tsx";
import { audit, createFullProject, projectActors } from "./testing/fixtures.ts";
import { expectInvalidRequests } from "../../../tests/support/api-requests.ts";

let handle: DatabaseHandle;
let app: ReturnType<typeof createTestApp>;
let fullId: number;
let draftId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db, { story: false });
  const actors = await projectActors(handle.db);
  fullId = await createFullProject(handle.db, actors);
  const draft = await createProject(handle.db, audit(actors.donor), {
    ...(await import("./projects.queries.server.ts").then((m) => m.loadProjectInput(handle.db, fullId)))!,
    iatiIdentifier: null,
    title: { en: "A draft nobody validated" },
  });
  if (!draft.ok) throw new Error("draft");
  draftId = draft.id;
  app = createTestApp(handle);
});
afterAll(() => handle.close());

const get = (path: string) => app.fetch(new Request(`http://localhost${path}`));

type ProjectJson = {
  id: number;
  title: { en?: string };
  sectors: string[];
  finance: unknown[];
  organisations: { role: string }[];
};

describe("/api/v1/projects", () => {
  it("lists validated projects only, with filters, pages and 400 on a malformed filter", async () => {
    const all = (await (await get("/api/v1/projects")).json()) as { data: ProjectJson[]; meta: { total: number } };
    expect(all.meta.total).toBe(3);
    expect(all.data.map((p) => p.id)).toContain(fullId);
    expect(all.data.map((p) => p.id)).not.toContain(draftId);
    const full = all.data.find((p) => p.id === fullId)!;
    expect(full.finance).toHaveLength(3);
    expect(full.organisations.map((o) => o.role).sort()).toEqual(["extending", "funding", "implementing"]);

    const inPrizren = (await (
      await get("/api/v1/projects?municipality=20&sector=education&community=roma&year=2026&status=implementation")
    ).json()) as { data: ProjectJson[] };
    expect(inPrizren.data.map((p) => p.id)).toEqual([fullId]);
    expect(((await (await get("/api/v1/projects?municipality=01")).json()) as { data: unknown[] }).data).toEqual([]);
    const paged = (await (await get("/api/v1/projects?pageSize=1&page=2")).json()) as {
      data: unknown[];
      meta: { total: number; page: number };
    };
    expect(paged.data).toHaveLength(1);
    expect(paged.meta).toMatchObject({ total: 3, page: 2 });
    const beyond = (await (await get("/api/v1/projects?pageSize=1&page=9")).json()) as {
      data: unknown[];
      meta: { total: number };
    };
    expect(beyond).toMatchObject({ data: [], meta: { total: 3 } });

    await expectInvalidRequests(get, "/api/v1/projects", [
      "municipality=99",
      "sector=DROP%20TABLE",
      "year=20x6",
      "status=done",
      "donor=-1",
      "pageSize=1000",
      "page=0",
    ]);
  });

  it("returns one validated project with approved values only; 404 for a draft and for an unknown id", async () => {
    const response = await get(`/api/v1/projects/${fullId}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: { results: { kind: string; parentRef: string | null; indicators: { periods: { actual: number }[] }[] }[] };
    };
    expect(body.data.results.map((r) => r.kind)).toEqual(["outcome", "output"]);
    expect(body.data.results[1]!.parentRef).toBe("r1");
    const actuals = body.data.results.flatMap((r) => r.indicators.flatMap((i) => i.periods.map((p) => p.actual)));
    expect(actuals.sort()).toEqual([80.25, 9]);
    expect((await get(`/api/v1/projects/${draftId}`)).status).toBe(404);
    expect((await get("/api/v1/projects/abc")).status).toBe(400);
    // An id no project has is a 404 too (it was a 500: the organisations were read with an empty `in ()`).
    const unknown = await get("/api/v1/projects/2147483647");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "not_found" });
  });
});

describe("downloads", () => {
  it("CSV of projects parses back, with formulas neutralised and validated projects only", async () => {
    const response = await get("/api/v1/projects.csv?lang=sq");
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const text = await response.text();
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows[0]![0]).toBe("Id në platformë");
    expect(rows).toHaveLength(4);
    const full = rows.find((r) => r[0] === String(fullId))!;
    expect(full[4]!.startsWith("'=HYPERLINK")).toBe(true);
    expect(full[3]).toBe("Ромски медијатори у Призрену");
    expect(full[10]).toBe("250000");
    expect(full[12]).toBe("250000");
    expect(full[13]).toBe("60000.5");
    expect(full[18]).toContain("Prizren");
    expect(rows.flat().some((cell) => /^[=+@]/.test(cell))).toBe(false);
    expect(rows.some((r) => r[4] === "A draft nobody validated")).toBe(false);
  });

  it("CSV of results lists approved values only", async () => {
    const rows = parse(await (await get(`/api/v1/project-results.csv?municipality=20`)).text(), {
      bom: true,
    }) as string[][];
    const body = rows.slice(1);
    expect(body.every((r) => r[0] === String(fullId))).toBe(true);
    expect(body.map((r) => r[11]).sort()).toEqual(["80.25", "9"]);
    expect(body.find((r) => r[11] === "9")![12]).toBe("gender:female=6; gender:male=3");
  });

  it("XLSX has a projects sheet and a results sheet that read back", async () => {
    const response = await get("/api/v1/projects.xlsx?lang=en");
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Projects", "Results"]);
    const projects = workbook.getWorksheet("Projects")!;
    expect(projects.rowCount).toBe(4);
    const fullRow = projects.getRows(2, 3)!.find((r) => r.getCell(1).value === fullId)!;
    expect(fullRow.getCell(5).value).toBe('=HYPERLINK("http://evil.example") <script>alert(1)</script> Roma mediators');
    expect(fullRow.getCell(11).value).toBe(250000);
    const results = workbook.getWorksheet("Results")!;
    const actuals = results
      .getRows(2, results.rowCount - 1)!
      .filter((r) => r.getCell(1).value === fullId)
      .map((r) => r.getCell(12).value);
    expect(actuals.sort()).toEqual([80.25, 9]);
    expect((await get("/api/v1/project-results.xlsx?year=abc")).status).toBe(400);
  });
});

describe("downloads in every page language", () => {
  const headerOfId = {
    sq: "Id në platformë",
    sr: "Id na platformi",
    "sr-cyrl": "Ид на платформи",
    en: "Platform id",
  } as const;
  for (const locale of ["sq", "sr", "sr-cyrl", "en"] as const) {
    it(`every download linked from the ${locale} projects page answers, with headers in that language and script`, async () => {
      const view = await projectsIndexLoader({
        request: new Request(`http://localhost/${locale}/projects?municipality=20`),
        params: { lang: locale },
        context: { db: handle.db },
      } as unknown as Parameters<typeof projectsIndexLoader>[0]);
      expect(new URLSearchParams(view.downloadQuery).get("lang")).toBe(locale);
      for (const path of [
        "projects.csv",
        "project-results.csv",
        "projects.xlsx",
        "project-results.xlsx",
        "projects.iati.xml",
      ]) {
        expect((await get(`/api/v1/${path}?${view.downloadQuery}`)).status, path).toBe(200);
      }
      const rows = parse(await (await get(`/api/v1/projects.csv?${view.downloadQuery}`)).text(), {
        bom: true,
      }) as string[][];
      expect(rows[0]![0]).toBe(headerOfId[locale]);
      const full = rows.find((r) => r[0] === String(fullId))!;
      expect(full[20]).toMatch(new RegExp(`/${locale}/projects/${fullId}$`));
      if (locale === "sr-cyrl") {
        // Every header is Cyrillic; the one Latin word is the acronym IATI, which Serbian Cyrillic keeps (decision 037).
        expect(rows[0]!.join(" ").replaceAll("IATI", "")).not.toMatch(/[A-Za-zčćšžđ]/);
        expect(rows[0]!.join(" ")).toContain("IATI идентификатор");
        expect(full[5]).toBe("У реализацији");
        expect(full[18]).toBe("Драгаш; Призрен");
      }
    });
  }
});

describe("OpenAPI", () => {
  it("stays valid and documents the project endpoints", async () => {
    const document = (await (await get("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/projects",
        "/projects/{id}",
        "/projects.csv",
        "/projects.xlsx",
        "/project-results.csv",
        "/project-results.xlsx",
      ]),
    );
  });
});
