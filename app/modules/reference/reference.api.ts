import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { listCommunities, listOrganisationTypes, listSectors } from "./reference.queries.server.ts";
import { CommunitySchema, ReferenceEntrySchema } from "./reference.schema.ts";

const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

/** Registers the reference lists (communities, sectors, organisation types) on the API. */
export function registerReferenceApi(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/communities",
      tags: ["Reference"],
      summary: "Communities counted by the 2024 census",
      responses: { 200: { description: "Every community", content: { "application/json": { schema: listOf(CommunitySchema) } } } },
    }),
    async (c) => c.json({ data: await listCommunities(c.get("ctx").db) }, 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/sectors",
      tags: ["Reference"],
      summary: "Sectors used by strategies, projects, cases and documents",
      responses: { 200: { description: "Every sector", content: { "application/json": { schema: listOf(ReferenceEntrySchema) } } } },
    }),
    async (c) => c.json({ data: await listSectors(c.get("ctx").db) }, 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/organisation-types",
      tags: ["Reference"],
      summary: "Kinds of organisation in the actor directory",
      responses: { 200: { description: "Every organisation type", content: { "application/json": { schema: listOf(ReferenceEntrySchema) } } } },
    }),
    async (c) => c.json({ data: await listOrganisationTypes(c.get("ctx").db) }, 200),
  );
}
