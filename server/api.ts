import { OpenAPIHono } from "@hono/zod-openapi";
import { apiRegistrationsOf } from "#app/modules.server.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { SERVER_MODULES } from "./modules.ts";

/** Hono variables every API handler can read (the type lives in the shared layer, for the modules). */
export type { ApiEnv };

/**
 * The public JSON API under /api/v1: each module registers its routes (its manifest's `api`, in
 * their positions); the OpenAPI document is generated from the same zod schemas that validate the
 * requests.
 */
export function createApi(): OpenAPIHono<ApiEnv> {
  const api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(
          {
            error: "invalid_request",
            issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
          },
          400,
        );
      }
      return undefined;
    },
  });
  for (const registration of apiRegistrationsOf(SERVER_MODULES)) registration.register(api);
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Community Affairs Platform API",
      version: "1.0.0",
      description:
        "Open data of the Community Affairs Platform: municipalities, census figures by community, sectors and more. All responses are JSON; texts are given in every available language.",
      license: { name: "EUPL-1.2", url: "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12" },
    },
    servers: [{ url: "/api/v1" }],
  });
  api.notFound((c) => c.json({ error: "not_found" }, 404));
  return api;
}
