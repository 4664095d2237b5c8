import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { NEED_CATEGORIES, NEED_STATUSES } from "#app/db/tables/needs.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { getPublicNeedStats } from "./needs.stats.server.ts";
import type { PublishedTable } from "./public/suppression.ts";

const CellSchema = z
  .object({
    code: z.string(),
    count: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The number of cases; null when suppressed (never a number under 5)" }),
    suppressed: z.enum(["fewer_than_5", "withheld"]).nullable().openapi({
      description:
        "Why the count is null: fewer than 5 cases, or withheld so that a small count cannot be worked out from the total",
    }),
  })
  .openapi("NeedStatsCell");

const TableSchema = z.object({
  withheld: z.boolean().openapi({ description: "True when the whole table is withheld" }),
  cells: z.array(CellSchema),
});

const StatsSchema = z
  .object({
    total: z.object({ count: z.number().int().nullable(), suppressed: z.enum(["fewer_than_5"]).nullable() }),
    medianDaysToResolution: z.number().nullable().openapi({
      description: "Median days from submission to resolution; null when fewer than 5 cases were resolved",
    }),
    includesDemoCases: z.boolean().openapi({ description: "True when invented demonstration cases are counted" }),
    byCategory: TableSchema.openapi({ description: `Cases by category (${NEED_CATEGORIES.join(", ")})` }),
    byMunicipality: TableSchema.openapi({ description: "Cases by municipality (KAS code)" }),
    byCommunity: TableSchema.openapi({ description: "Cases by community (community code, or not_stated)" }),
    byStatus: TableSchema.openapi({ description: `Cases by status (${NEED_STATUSES.join(", ")})` }),
  })
  .openapi("NeedStats");

function toTable(table: PublishedTable<string>): z.infer<typeof TableSchema> {
  return {
    withheld: table.isWithheld,
    cells: table.cells.map((cell) => ({
      code: cell.key,
      count: cell.state === "shown" ? cell.count : null,
      suppressed: cell.state === "shown" ? null : cell.state,
    })),
  };
}

/** Registers `/needs/stats`: the public statistics of community needs, with small counts suppressed. */
export function registerNeedsApi(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/needs/stats",
      tags: ["Needs"],
      summary:
        "Community needs and cases: counts by category, municipality, community and status, with every count under 5 suppressed",
      responses: {
        200: {
          description: "The published statistics",
          content: { "application/json": { schema: z.object({ data: StatsSchema }) } },
        },
      },
    }),
    async (c) => {
      const { stats } = await getPublicNeedStats(c.get("ctx").db);
      return c.json(
        {
          data: {
            total: {
              count: stats.total.count,
              suppressed: stats.total.state === "shown" ? null : ("fewer_than_5" as const),
            },
            medianDaysToResolution: stats.medianResolutionDays,
            includesDemoCases: stats.hasDemoCases,
            byCategory: toTable(stats.byCategory),
            byMunicipality: toTable(stats.byMunicipality),
            byCommunity: toTable(stats.byCommunity),
            byStatus: toTable(stats.byStatus),
          },
        },
        200,
      );
    },
  );
}
