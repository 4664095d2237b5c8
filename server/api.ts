import { OpenAPIHono } from "@hono/zod-openapi";
import type { ServerContext } from "#app/context.ts";
import { registerMunicipalitiesApi } from "#app/modules/municipalities/municipalities.api.ts";
import { registerReferenceApi } from "#app/modules/reference/reference.api.ts";
import { registerSearchApi } from "#app/modules/search/search.api.ts";
import { registerClearingHouseApi } from "#app/modules/events/clearing-house.api.ts";
import { registerPlanningApi } from "#app/modules/planning/planning.api.ts";
import { registerNeedsApi } from "#app/modules/needs/needs.api.ts";
import { registerStrategiesApi } from "#app/modules/strategies/strategies.api.ts";
import { registerProjectsApi } from "#app/modules/projects/projects.api.ts";

/** Hono variables every API handler can read. */
export interface ApiEnv {
  Variables: { ctx: ServerContext };
}

/**
 * The public JSON API under /api/v1: each module registers its routes; the OpenAPI document is
 * generated from the same zod schemas that validate the requests.
 */
export function createApi(): OpenAPIHono<ApiEnv> {
  const api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json({ error: "invalid_request", issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) }, 400);
      }
      return undefined;
    },
  });
  registerMunicipalitiesApi(api);
  registerReferenceApi(api);
  // later modules: register their API below this line
  registerClearingHouseApi(api);
  registerSearchApi(api);
  registerPlanningApi(api);
  registerNeedsApi(api);
  registerStrategiesApi(api);
  registerProjectsApi(api);
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Community Affairs Platform API",
      version: "1.0.0",
      description: "Open data of the Community Affairs Platform: municipalities, census figures by community, sectors and more. All responses are JSON; texts are given in every available language.",
      license: { name: "EUPL-1.2", url: "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12" },
    },
    servers: [{ url: "/api/v1" }],
  });
  api.notFound((c) => c.json({ error: "not_found" }, 404));
  return api;
}
