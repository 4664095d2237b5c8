import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { loadPlanTree, toCanonicalTree } from "../plan-tree.server.ts";
import { BUDGET_SOURCES, INDICATOR_DIRECTIONS, INDICATOR_UNITS } from "../planning.schema.ts";

const Decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .openapi({ description: "Decimal number as a string, without trailing zeros", example: "1500.5" });

const TargetSchema = z.object({ year: z.number().int(), value: Decimal }).openapi("IndicatorTarget");
const IndicatorSchema = z
  .object({
    code: z.string(),
    name: TranslatedTextSchema,
    unit: z.enum(INDICATOR_UNITS),
    direction: z.enum(INDICATOR_DIRECTIONS),
    baselineValue: Decimal.nullable(),
    baselineYear: z.number().int().nullable(),
    byCommunity: z.boolean().openapi({ description: "Values are reported by community" }),
    byGender: z.boolean().openapi({ description: "Values are reported by gender" }),
    targets: z.array(TargetSchema),
  })
  .openapi("PlanIndicator");
const MeasureSchema = z
  .object({
    code: z.string().openapi({ example: "1.1.1" }),
    title: TranslatedTextSchema,
    description: TranslatedTextSchema,
    responsible: z
      .string()
      .openapi({ description: "Slug of the responsible institution (see the organisation directory)" }),
    supporting: z.array(z.string()).openapi({ description: "Slugs of the supporting institutions" }),
    startDate: z.string().openapi({ example: "2022-01-01" }),
    endDate: z.string().openapi({ example: "2024-12-31" }),
    communities: z.array(z.string()).openapi({ description: "Community codes (see /communities)" }),
    implements: z
      .string()
      .nullable()
      .openapi({ description: "For a local measure: the code of the national measure it implements" }),
    sector: z.string().optional().openapi({
      description:
        "The measure's own sector code, present only when it differs from its objective's sector (an objective spanning sectors)",
    }),
    budget: z.array(
      z.object({
        year: z.number().int(),
        source: z.enum(BUDGET_SOURCES),
        amount: Decimal.openapi({ description: "Planned euro" }),
      }),
    ),
    indicators: z.array(IndicatorSchema),
  })
  .openapi("PlanMeasure");
const ObjectiveSchema = z
  .object({
    code: z.string(),
    title: TranslatedTextSchema,
    description: TranslatedTextSchema,
    measures: z.array(MeasureSchema),
  })
  .openapi("PlanObjective");
const SectorSchema = z
  .object({
    sectorCode: z.string().openapi({ description: "Sector code (see /sectors)" }),
    objectives: z.array(ObjectiveSchema),
  })
  .openapi("PlanSector");

/** The whole plan: the same canonical tree as the XLSX export and the revision snapshots. */
const ActionPlanTreeSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(["adopted", "closed"]),
    revision: z.number().int().openapi({ description: "Number of the latest revision" }),
    strategy: z.object({ id: z.number().int(), slug: z.string(), title: TranslatedTextSchema }),
    plan: z.object({
      code: z.string(),
      kind: z.enum(["national", "local"]),
      kasCode: z.string().nullable().openapi({ description: "The municipality of a local plan" }),
      title: TranslatedTextSchema,
      periodStartYear: z.number().int(),
      periodEndYear: z.number().int(),
    }),
    sectors: z.array(SectorSchema),
  })
  .openapi("ActionPlanTree");

const ErrorSchema = z.object({ error: z.string() });

/** Registers `/action-plans/{id}`: the full tree of an adopted or closed plan (drafts are not public). */
export function registerPlanningApi(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/action-plans/{id}",
      tags: ["Strategies"],
      summary:
        "One action plan with its whole tree: sectors, objectives, measures (budget, communities, institutions), indicators and targets",
      request: {
        params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ example: 1 }) }),
      },
      responses: {
        200: {
          description: "The plan (adopted or closed)",
          content: { "application/json": { schema: z.object({ data: ActionPlanTreeSchema }) } },
        },
        404: {
          description: "No such plan, or the plan is still a draft",
          content: { "application/json": { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => {
      const tree = await loadPlanTree(c.get("ctx").db, c.req.valid("param").id);
      if (!tree || tree.plan.status === "draft") return c.json({ error: "not_found" }, 404);
      const canonical = toCanonicalTree(tree);
      return c.json(
        {
          data: {
            id: tree.plan.id,
            status: tree.plan.status as "adopted" | "closed",
            revision: tree.plan.revision,
            strategy: { id: tree.plan.strategyId, slug: tree.plan.strategySlug, title: tree.plan.strategyTitle },
            plan: canonical.plan,
            sectors: canonical.sectors,
          },
        },
        200,
      );
    },
  );
}
