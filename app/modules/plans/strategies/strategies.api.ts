import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { wholeListRoute } from "#app/services/api-routes.ts";
import {
  loadApprovedFigures,
  loadStrategyFigures,
  measureStatus,
  planFiguresOf,
  progressOf,
  spentOf,
} from "../progress.server.ts";
import { listPublicStrategies, searchPublicMeasures } from "../strategies.queries.server.ts";

/** Progress of a plan or a measure's status: `not_reported` until a reporting cycle is approved. */
const ProgressSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("not_reported") }),
    z.object({
      kind: z.literal("reported"),
      share: z.number().min(0).max(1).openapi({
        description:
          "Completed measures ÷ measures not cancelled (the headline figure); a national measure is completed when every local measure implementing it is",
      }),
      budgetWeightedShare: z
        .number()
        .min(0)
        .max(1)
        .nullable()
        .openapi({ description: "The same share weighted by planned budget; null without planned budget" }),
      completed: z.number().int(),
      reported: z.number().int().openapi({ description: "Measures with an approved report" }),
      counted: z.number().int().openapi({ description: "Measures not cancelled (the denominator of share)" }),
      missing: z.number().int().openapi({ description: "Measures without an approved report" }),
      cycleLabel: z.string(),
    }),
  ])
  .openapi("Progress", {
    description:
      "Computed only from approved measure reports (decision 018); `not_reported` until one is approved, never an estimate.",
  });

const PlanSummarySchema = z
  .object({
    id: z.number().int(),
    code: z.string().openapi({ example: "RA-2017-2021-PZ" }),
    kind: z.enum(["national", "local"]),
    title: TranslatedTextSchema,
    status: z.enum(["adopted", "closed"]),
    periodStartYear: z.number().int(),
    periodEndYear: z.number().int(),
    kasCode: z
      .string()
      .nullable()
      .openapi({ description: "The municipality of a local plan (KAS code); null for the national plan" }),
    measureCount: z.number().int(),
    plannedBudget: z.number().openapi({ description: "Planned euro over all years and sources" }),
    progress: ProgressSchema,
    isDemo: z.boolean(),
  })
  .openapi("ActionPlanSummary");

const StrategySchema = z
  .object({
    id: z.number().int(),
    slug: z.string().openapi({ example: "roma-ashkali-inclusion-2017-2021" }),
    title: TranslatedTextSchema,
    summary: TranslatedTextSchema,
    originalLocale: z.string(),
    periodStartYear: z.number().int(),
    periodEndYear: z.number().int(),
    status: z.enum(["adopted", "closed"]),
    owner: z.object({ id: z.number().int(), name: TranslatedTextSchema, acronym: z.string().nullable() }),
    plans: z.array(PlanSummarySchema),
    isDemo: z.boolean().openapi({ description: "True for demonstration content that is not official" }),
  })
  .openapi("Strategy");

const MeasureSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    title: TranslatedTextSchema,
    strategySlug: z.string(),
    planCode: z.string(),
    planKind: z.enum(["national", "local"]),
    kasCode: z.string().nullable(),
    sector: z.string().openapi({ example: "education" }),
    responsibleOrganisationId: z.number().int(),
    supportingOrganisationIds: z.array(z.number().int()),
    communities: z.array(z.string()),
    startDate: z.string().openapi({ example: "2017-09-01" }),
    endDate: z.string(),
    implementsMeasureId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "For a local measure: the national measure it implements" }),
    plannedBudget: z.number(),
    status: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("not_reported") }),
      z.object({
        kind: z.literal("reported"),
        status: z.enum(["not_started", "in_progress", "completed", "delayed", "cancelled"]),
        cycleLabel: z.string(),
      }),
    ]),
    spent: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("not_reported") }),
      z.object({ kind: z.literal("reported"), amount: z.number(), cycleLabel: z.string() }),
    ]),
    isDemo: z.boolean(),
  })
  .openapi("Measure");

/** Filters of `/measures`; a malformed value is a 400 (never silently ignored). */
export const MeasuresQuerySchema = z.object({
  sector: z
    .string()
    .regex(/^[a-z][a-z_]*$/)
    .max(64)
    .optional()
    .openapi({ example: "education", description: "Sector code (see /sectors)" }),
  municipality: z
    .string()
    .regex(/^(0[1-9]|[12][0-9]|3[0-8])$/)
    .optional()
    .openapi({ example: "20", description: "KAS code: measures of that municipality's local plans" }),
  institution: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional()
    .openapi({ example: 3, description: "Organisation id: measures it is responsible for or supports" }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

/** Registers `/strategies` and `/measures` on the API. */
export function registerStrategiesApi(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(
    wholeListRoute({
      path: "/strategies",
      tag: "Strategies",
      summary: "Adopted and closed strategies with a summary of their public action plans",
      description: "Every public strategy",
      item: StrategySchema,
    }),
    async (c) => {
      const db = c.get("ctx").db;
      const strategies = await listPublicStrategies(db);
      const planIds = strategies.flatMap((s) => s.plans.map((p) => p.id));
      // The plans' measures, counts and budgets come with the figures (kept until a write, decision 044): no query over them per request.
      const kept = await loadStrategyFigures(db, planIds);
      const data = strategies.map((s) => ({
        id: s.id,
        slug: s.slug,
        title: s.title,
        summary: s.summary,
        originalLocale: s.originalLocale,
        periodStartYear: s.periodStartYear,
        periodEndYear: s.periodEndYear,
        status: s.status as "adopted" | "closed",
        owner: { id: s.owner.id, name: s.owner.name, acronym: s.owner.acronym },
        isDemo: s.isDemo,
        plans: s.plans.map((p) => ({
          id: p.id,
          code: p.code,
          kind: p.kind,
          title: p.title,
          status: p.status as "adopted" | "closed",
          periodStartYear: p.periodStartYear,
          periodEndYear: p.periodEndYear,
          kasCode: p.municipality?.kasCode ?? null,
          measureCount: planFiguresOf(kept, p.id).measureCount,
          plannedBudget: planFiguresOf(kept, p.id).planned,
          progress: progressOf(kept.figures, planFiguresOf(kept, p.id).measures),
          isDemo: p.isDemo,
        })),
      }));
      return c.json({ data }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/measures",
      tags: ["Strategies"],
      summary: "Measures of public action plans, filtered by sector, municipality and institution, a page at a time",
      request: { query: MeasuresQuerySchema },
      responses: {
        200: {
          description: "One page of measures, in id order",
          content: {
            "application/json": {
              schema: z.object({
                data: z.array(MeasureSchema),
                page: z.number().int(),
                pageSize: z.number().int(),
                total: z.number().int(),
              }),
            },
          },
        },
      },
    }),
    async (c) => {
      const db = c.get("ctx").db;
      const query = c.req.valid("query");
      const { rows, total } = await searchPublicMeasures(db, query);
      const figures = await loadApprovedFigures(db, [...new Set(rows.map((m) => m.actionPlanId))]);
      const data = rows.map((m) => ({
        id: m.id,
        code: m.code,
        title: m.title,
        strategySlug: m.strategySlug,
        planCode: m.planCode,
        planKind: m.planKind,
        kasCode: m.kasCode,
        sector: m.sectorCode,
        responsibleOrganisationId: m.responsibleOrganisationId,
        supportingOrganisationIds: m.supportingOrganisationIds,
        communities: m.communities,
        startDate: m.startDate,
        endDate: m.endDate,
        implementsMeasureId: m.implementsMeasureId,
        plannedBudget: m.planned,
        status: measureStatus(figures, m.id),
        spent: spentOf(figures, [m.id]),
        isDemo: m.isDemo,
      }));
      return c.json({ data, page: query.page, pageSize: query.pageSize, total }, 200);
    },
  );
}
