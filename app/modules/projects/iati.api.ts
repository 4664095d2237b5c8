import { createHash } from "node:crypto";
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Db } from "#app/db/client.server.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { buildIatiOrganisations, loadPublishingOrganisations } from "./iati-organisation-file.server.ts";
import { buildIatiActivities } from "./iati.server.ts";
import { loadProjectChoices } from "./projects.queries.server.ts";
import { listAllPublicProjects, loadPublicFrameworks, type PublicProject } from "./public-projects.queries.server.ts";

/*
 * The stable public addresses of the IATI files (issue 14 item 8, decision 039, docs/iati-publishing.md),
 * the ones to register in the IATI Registry: every publishing organisation's activities and organisation
 * file, and the same for one publisher (a Registry dataset belongs to one publisher). Unlike
 * `/projects.iati.xml` they take no filters, so their content only changes when the data does.
 */

const ErrorSchema = z.object({ error: z.string() });
const SlugParam = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,120}$/)
    .openapi({
      example: "international-organization-for-migration",
      description: "The organisation's address on the platform (its public page /{lang}/organizations/{slug})",
    }),
});

/** Browsers and the Registry's crawler may keep a file five minutes; the ETag makes asking again cheap. */
const CACHE_CONTROL = "public, max-age=300";

/** The ETag of a file: its content without the moment it was written (the only part that differs between two writes of the same data). */
function etagOf(xml: string): string {
  return `"${createHash("sha256")
    .update(xml.replace(/ generated-datetime="[^"]*"/, ""))
    .digest("base64url")
    .slice(0, 32)}"`;
}

/** The file, or 304 when the client holds it already. */
function xmlResponse(c: Context<ApiEnv>, xml: string, filename: string, lastModified?: Date): Response {
  const etag = etagOf(xml);
  const headers: Record<string, string> = {
    "content-type": "application/xml; charset=utf-8",
    "content-disposition": `inline; filename="${filename}"`,
    "cache-control": CACHE_CONTROL,
    etag,
  };
  if (lastModified) headers["last-modified"] = lastModified.toUTCString();
  const asked = c.req.header("if-none-match");
  if (asked && asked.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return c.body(null, 304, headers);
  return c.body(xml, 200, headers);
}

const fileResponses = (what: string) => ({
  200: {
    description: `${what}, valid against the IATI 2.03 schema`,
    content: { "application/xml": { schema: z.string() } },
  },
  304: { description: "Not modified (If-None-Match matched the ETag)" },
  404: {
    description: "Nothing to publish (an IATI file holds at least one activity or organisation)",
    content: { "application/json": { schema: ErrorSchema } },
  },
});

/**
 * The IATI activity file of validated projects with their approved results, as every IATI address of the API writes
 * it (`/projects.iati.xml` too).
 */
export async function publicActivitiesXml(
  ctx: { db: Db; publicUrl: string },
  projects: PublicProject[],
): Promise<string> {
  const ids = projects.map((p) => p.id);
  const [frameworks, choices] = await Promise.all([loadPublicFrameworks(ctx.db, ids), loadProjectChoices(ctx.db)]);
  return buildIatiActivities(projects, frameworks, { choices, publicUrl: ctx.publicUrl, generatedAt: new Date() });
}

async function activitiesFile(c: Context<ApiEnv>, ownerSlug: string | null, filename: string): Promise<Response> {
  const ctx = c.get("ctx");
  const all = await listAllPublicProjects(ctx.db, {});
  const projects = ownerSlug === null ? all : all.filter((p) => p.owner.slug === ownerSlug);
  if (projects.length === 0) return c.json({ error: "not_found" }, 404);
  return xmlResponse(c, await publicActivitiesXml(ctx, projects), filename);
}

async function organisationsFile(c: Context<ApiEnv>, slug: string | null, filename: string): Promise<Response> {
  const ctx = c.get("ctx");
  const organisations = await loadPublishingOrganisations(ctx.db, slug === null ? {} : { slug });
  if (organisations.length === 0) return c.json({ error: "not_found" }, 404);
  const lastModified = new Date(Math.max(...organisations.map((o) => o.lastUpdated.getTime())));
  return xmlResponse(
    c,
    buildIatiOrganisations(organisations, { publicUrl: ctx.publicUrl, generatedAt: new Date() }),
    filename,
    lastModified,
  );
}

/** Registers `/iati/activities.xml`, `/iati/organisations.xml` and their per-publisher forms on the API. */
export function registerIatiApi(api: OpenAPIHono<ApiEnv>): void {
  /** Documents and serves one file's address; `{slug}` in it is a publisher's address on the platform (404 when malformed). */
  const serveFile = (
    path: string,
    summary: string,
    what: string,
    serve: (c: Context<ApiEnv>, slug: string) => Promise<Response>,
  ) => {
    const withSlug = path.includes("{slug}");
    api.openAPIRegistry.registerPath({
      method: "get",
      path,
      tags: ["IATI"],
      summary,
      request: withSlug ? { params: SlugParam } : {},
      responses: fileResponses(what),
    });
    api.get(path.replace("{slug}", ":slug"), async (c) => {
      if (!withSlug) return serve(c, "");
      const slug = SlugParam.safeParse({ slug: c.req.param("slug") });
      return slug.success ? serve(c, slug.data.slug) : c.json({ error: "not_found" }, 404);
    });
  };

  serveFile(
    "/iati/activities.xml",
    "Every validated project as one IATI 2.03 activity file (approved results only)",
    "An iati-activities document",
    (c) => activitiesFile(c, null, "activities.xml"),
  );
  serveFile(
    "/iati/organisations.xml",
    "Every organisation publishing through the platform as one IATI 2.03 organisation file",
    "An iati-organisations document",
    (c) => organisationsFile(c, null, "organisations.xml"),
  );
  serveFile(
    "/iati/publishers/{slug}/activities.xml",
    "The validated projects one organisation reports, as an IATI 2.03 activity file (its Registry dataset)",
    "An iati-activities document",
    async (c, slug) => {
      // Only an organisation that publishes (decision 039) has an activity dataset to register.
      if ((await loadPublishingOrganisations(c.get("ctx").db, { slug })).length === 0)
        return c.json({ error: "not_found" }, 404);
      return activitiesFile(c, slug, `${slug}-activities.xml`);
    },
  );
  serveFile(
    "/iati/publishers/{slug}/organisation.xml",
    "One publishing organisation as an IATI 2.03 organisation file (its Registry dataset)",
    "An iati-organisations document",
    (c, slug) => organisationsFile(c, slug, `${slug}-organisation.xml`),
  );
}
