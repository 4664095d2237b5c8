import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "#app/db/client.server.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { listCommunities, listOrganisationTypes, listSectors } from "./reference.queries.server.ts";
import { CommunitySchema, ReferenceEntrySchema } from "./reference.schema.ts";

/** One reference list on the API: `GET path` answers `{ data: [...] }` with every entry. */
interface ReferenceList {
  path: string;
  summary: string;
  description: string;
  item: z.ZodTypeAny;
  list: (db: Db) => Promise<unknown[]>;
}

function registerReferenceList(api: OpenAPIHono<ApiEnv>, { path, summary, description, item, list }: ReferenceList) {
  // The response's schema, typed by what the handler can know of a list's entries (the document is written from the schema itself).
  const schema: z.ZodType<{ data: unknown[] }> = z.object({ data: z.array(item) });
  api.openapi(
    createRoute({
      method: "get",
      path,
      tags: ["Reference"],
      summary,
      responses: { 200: { description, content: { "application/json": { schema } } } },
    }),
    async (c) => c.json({ data: await list(c.get("ctx").db) }, 200),
  );
}

/** Registers the reference lists (communities, sectors, organisation types) on the API. */
export function registerReferenceApi(api: OpenAPIHono<ApiEnv>): void {
  registerReferenceList(api, {
    path: "/communities",
    summary: "Communities counted by the 2024 census",
    description: "Every community",
    item: CommunitySchema,
    list: listCommunities,
  });
  registerReferenceList(api, {
    path: "/sectors",
    summary: "Sectors used by strategies, projects, cases and documents",
    description: "Every sector",
    item: ReferenceEntrySchema,
    list: listSectors,
  });
  registerReferenceList(api, {
    path: "/organisation-types",
    summary: "Kinds of organisation in the actor directory",
    description: "Every organisation type",
    item: ReferenceEntrySchema,
    list: listOrganisationTypes,
  });
}
