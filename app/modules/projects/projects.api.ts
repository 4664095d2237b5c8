import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { KeptAnswers } from "#app/services/kept-per-generation.server.ts";
import { toCsv } from "#app/services/downloads.server.ts";
import { projectsTable, resultsTable, toXlsx } from "./exports.server.ts";
import { frameworkOf } from "./framework.server.ts";
import { publicActivitiesXml } from "./iati.api.ts";
import { loadProjectChoices } from "./projects.queries.server.ts";
import { ACTIVITY_STATUSES, INDICATOR_UNITS, ORGANISATION_ROLES } from "./projects.schema.ts";
import { DOWNLOAD_LOCALES, downloadTranslator } from "./projects.labels.server.ts";
import {
  listAllPublicProjects,
  listPublicProjects,
  loadPublicFrameworks,
  loadPublicProjects,
  publicProjectsGeneration,
  type PublicProject,
} from "./public-projects.queries.server.ts";

/** A filter by a code of a reference list (a sector, a community), as the API documents it. */
function codeFilter(example: string, description: string) {
  return z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .openapi({ example, description });
}

/** The filters of the API and the downloads: the public list's, but a malformed value is a 400, not ignored. */
export const ApiProjectFilterSchema = z.object({
  sector: codeFilter("education", "Sector code (see /sectors)"),
  municipality: z
    .string()
    .regex(/^(0[1-9]|[12][0-9]|3[0-8])$/)
    .optional()
    .openapi({ example: "20", description: "Municipality KAS code" }),
  community: codeFilter("roma", "Community code (see /communities)"),
  donor: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: "Platform id of a funding organisation" }),
  year: z.coerce
    .number()
    .int()
    .min(1990)
    .max(2100)
    .optional()
    .openapi({ example: 2024, description: "Projects under way in this year" }),
  status: z.enum(ACTIVITY_STATUSES).optional(),
});

const PageSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const DownloadQuerySchema = ApiProjectFilterSchema.extend({
  lang: z.enum(DOWNLOAD_LOCALES).default("en").openapi({ description: "Language of the headers and names" }),
});

const ProjectSchema = z
  .object({
    id: z.number().int(),
    iatiIdentifier: z.string().nullable(),
    title: TranslatedTextSchema,
    description: TranslatedTextSchema,
    originalLocale: z.string(),
    activityStatus: z.enum(ACTIVITY_STATUSES),
    plannedStart: z.string().openapi({ format: "date" }),
    plannedEnd: z.string().openapi({ format: "date" }),
    actualStart: z.string().nullable().openapi({ format: "date" }),
    actualEnd: z.string().nullable().openapi({ format: "date" }),
    budget: z.number().nullable(),
    currency: z.string().openapi({ example: "EUR" }),
    reportingOrganisation: z.object({ id: z.number().int(), name: TranslatedTextSchema }),
    organisations: z.array(
      z.object({
        id: z.number().int(),
        name: TranslatedTextSchema,
        acronym: z.string().nullable(),
        role: z.enum(ORGANISATION_ROLES),
      }),
    ),
    sectors: z.array(z.string()),
    communities: z.array(z.string()),
    municipalities: z.array(
      z.object({
        kasCode: z.string(),
        budgetShare: z.number().nullable().openapi({ description: "Percent of the budget, when the donor gave it" }),
      }),
    ),
    finance: z.array(
      z.object({ year: z.number().int(), kind: z.enum(["commitment", "disbursement"]), amount: z.number() }),
    ),
    measureIds: z.array(z.number().int()),
    contacts: z.array(
      z.object({
        name: z.string(),
        organisationName: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
      }),
    ),
    documents: z.array(z.object({ kind: z.enum(["document", "photo"]), title: z.string(), url: z.string() })),
  })
  .openapi("Project");

const PeriodSchema = z.object({
  periodStart: z.string().openapi({ format: "date" }),
  periodEnd: z.string().openapi({ format: "date" }),
  target: z.number().nullable(),
  actual: z.number().nullable(),
  narrative: TranslatedTextSchema,
  disaggregation: z.array(
    z.object({
      dimension: z.enum(["community", "gender", "beneficiary_type"]),
      category: z.string(),
      value: z.number(),
    }),
  ),
});

const ResultSchema = z
  .object({
    ref: z.string().openapi({ description: "Reference of the result in this framework" }),
    kind: z.enum(["outcome", "output"]),
    parentRef: z.string().nullable().openapi({ description: "The outcome an output contributes to" }),
    title: TranslatedTextSchema,
    description: TranslatedTextSchema,
    indicators: z.array(
      z.object({
        name: TranslatedTextSchema,
        unit: z.enum(INDICATOR_UNITS),
        baselineValue: z.number().nullable(),
        baselineYear: z.number().int().nullable(),
        disaggregations: z.array(z.enum(["community", "gender", "beneficiary_type"])),
        periods: z.array(PeriodSchema).openapi({ description: "Approved values only" }),
      }),
    ),
  })
  .openapi("ProjectResult");

const ErrorSchema = z.object({ error: z.string() });

/** The list's kept answers: a few dozen queries (a page of 100 projects is about 0.5 MB of text). */
const keptPages = new KeptAnswers(32);

type ProjectResource = z.infer<typeof ProjectSchema>;

/** The resource's fields in the schema's order, the order of the JSON answer. */
const RESOURCE_FIELDS = Object.keys(ProjectSchema.shape) as (keyof ProjectResource)[];

/** A project as the API gives it: its organisations by id and name, every other field as the project has it. */
function toResource(p: PublicProject): ProjectResource {
  const mapped: Pick<ProjectResource, "reportingOrganisation" | "organisations"> = {
    reportingOrganisation: { id: p.owner.id, name: p.owner.name },
    organisations: p.organisations.map((o) => ({
      id: o.organisationId,
      name: o.name,
      acronym: o.acronym,
      role: o.role,
    })),
  };
  const own = p as unknown as Record<string, unknown>;
  return Object.fromEntries(
    RESOURCE_FIELDS.map((field) => [field, field in mapped ? mapped[field as keyof typeof mapped] : own[field]]),
  ) as ProjectResource;
}

const DOWNLOADS = [
  { path: "/projects.csv", table: "projects", format: "csv", summary: "Validated projects as CSV" },
  {
    path: "/projects.xlsx",
    table: "projects",
    format: "xlsx",
    summary: "Validated projects and their approved results as an Excel workbook",
  },
  {
    path: "/project-results.csv",
    table: "results",
    format: "csv",
    summary: "Approved indicator values of validated projects as CSV",
  },
  {
    path: "/project-results.xlsx",
    table: "results",
    format: "xlsx",
    summary: "Approved indicator values of validated projects as an Excel workbook",
  },
] as const;

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** A request's query parameters by name, for the API's schemas to parse. */
function queryOf(c: Context<ApiEnv>): Record<string, string> {
  return Object.fromEntries(new URL(c.req.url).searchParams);
}

/** The API's 400 for a malformed query: each issue with the path of its field. */
function invalidRequest(
  c: Context<ApiEnv>,
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
) {
  const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  return c.json({ error: "invalid_request", issues }, 400);
}

/** Registers `/projects`, `/projects/{id}` and the downloads of validated projects on the API. */
export function registerProjectsApi(api: OpenAPIHono<ApiEnv>): void {
  for (const download of DOWNLOADS) {
    api.openAPIRegistry.registerPath({
      method: "get",
      path: download.path,
      tags: ["Projects"],
      summary: download.summary,
      request: { query: DownloadQuerySchema },
      responses: {
        200: {
          description: "The file",
          content: {
            [CONTENT_TYPES[download.format].split(";")[0]!]: {
              schema: z.string().openapi({ format: download.format === "xlsx" ? "binary" : undefined }),
            },
          },
        },
        400: { description: "A malformed filter", content: { "application/json": { schema: ErrorSchema } } },
      },
    });
    api.get(download.path, async (c) => {
      const query = DownloadQuerySchema.safeParse(queryOf(c));
      if (!query.success) return invalidRequest(c, query.error);
      const { lang: locale, ...filter } = query.data;
      const ctx = c.get("ctx");
      const projects = await listAllPublicProjects(ctx.db, filter);
      const choices = await loadProjectChoices(ctx.db);
      const frameworks =
        download.table === "results" || download.format === "xlsx"
          ? await loadPublicFrameworks(
              ctx.db,
              projects.map((p) => p.id),
            )
          : new Map();
      const t = downloadTranslator(locale);
      const name = download.path.slice(1);
      const headers = {
        "content-type": CONTENT_TYPES[download.format],
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      };
      if (download.format === "csv") {
        const table =
          download.table === "projects"
            ? projectsTable(projects, choices, locale, ctx.publicUrl)
            : resultsTable(projects, frameworks, locale);
        return c.body(toCsv(table), 200, headers);
      }
      const sheets = [
        { name: t("export.sheetProjects"), table: projectsTable(projects, choices, locale, ctx.publicUrl) },
        { name: t("export.sheetResults"), table: resultsTable(projects, frameworks, locale) },
      ];
      if (download.table === "results") sheets.reverse();
      return c.body(new Uint8Array(await toXlsx(sheets)), 200, headers);
    });
  }

  api.openAPIRegistry.registerPath({
    method: "get",
    path: "/projects.iati.xml",
    tags: ["Projects"],
    summary: "Validated projects as an IATI 2.03 activity file (approved results only)",
    request: { query: ApiProjectFilterSchema },
    responses: {
      200: {
        description: "An iati-activities document, valid against the IATI 2.03 schema",
        content: { "application/xml": { schema: z.string() } },
      },
      400: { description: "A malformed filter", content: { "application/json": { schema: ErrorSchema } } },
      404: {
        description: "No validated project matches (an IATI file holds at least one activity)",
        content: { "application/json": { schema: ErrorSchema } },
      },
    },
  });
  api.get("/projects.iati.xml", async (c) => {
    const query = ApiProjectFilterSchema.safeParse(queryOf(c));
    if (!query.success) return invalidRequest(c, query.error);
    const ctx = c.get("ctx");
    const projects = await listAllPublicProjects(ctx.db, query.data);
    if (projects.length === 0) return c.json({ error: "not_found" }, 404);
    const xml = await publicActivitiesXml(ctx, projects);
    return c.body(xml, 200, {
      "content-type": "application/xml; charset=utf-8",
      "content-disposition": 'inline; filename="projects.iati.xml"',
    });
  });

  api.openapi(
    createRoute({
      method: "get",
      path: "/projects",
      tags: ["Projects"],
      summary: "Validated donor projects, filtered and paged",
      request: { query: ApiProjectFilterSchema.merge(PageSchema) },
      responses: {
        200: {
          description: "A page of projects, newest first",
          content: {
            "application/json": {
              schema: z.object({
                data: z.array(ProjectSchema),
                meta: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
              }),
            },
          },
        },
        400: { description: "A malformed filter", content: { "application/json": { schema: ErrorSchema } } },
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const { page, pageSize, ...filter } = query;
      const db = c.get("ctx").db;
      // Kept per query while no project or organisation is written (decision 079); the JSON compression sends
      // the kept text as it is.
      const text = await keptPages.answer(db, query, await publicProjectsGeneration(db), async () => {
        const { total, projects } = await listPublicProjects(db, filter, {
          limit: pageSize,
          offset: (page - 1) * pageSize,
        });
        return { data: projects.map(toResource), meta: { total, page, pageSize } };
      });
      return c.json(
        text as unknown as { data: ProjectResource[]; meta: { total: number; page: number; pageSize: number } },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/projects/{id}",
      tags: ["Projects"],
      summary: "One validated project with its results framework (approved values only)",
      request: {
        params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ example: 1 }) }),
      },
      responses: {
        200: {
          description: "The project",
          content: {
            "application/json": {
              schema: z.object({ data: ProjectSchema.extend({ results: z.array(ResultSchema) }) }),
            },
          },
        },
        404: {
          description: "No validated project with this id",
          content: { "application/json": { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => {
      const db = c.get("ctx").db;
      const id = c.req.valid("param").id;
      const [project] = await loadPublicProjects(db, [id]);
      if (!project) return c.json({ error: "not_found" }, 404);
      const frameworks = await loadPublicFrameworks(db, [id]);
      return c.json(
        {
          data: {
            ...toResource(project),
            results: frameworkOf(frameworks.get(id) ?? []).map(
              ({ ref, kind, parentRef, title, description, indicators }) => ({
                ref,
                kind,
                parentRef,
                title,
                description,
                indicators: indicators.map(({ periods, ...i }) => ({
                  ...i,
                  periods: periods.map(({ status: _status, ...p }) => p),
                })),
              }),
            ),
          },
        },
        200,
      );
    },
  );
}
