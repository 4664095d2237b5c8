import { data } from "react-router";
import type { Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import { localeFromParams, type Locale } from "#app/i18n/locales.ts";
import { requireSlugParam } from "#app/services/ids.ts";
import { createKeptMarkup } from "#app/services/kept-markup.server.tsx";
import { createKeptPages } from "#app/services/kept-pages.server.ts";
import { LocalPlansPart, MeasuresTablePart, ObjectivesPart, SectorsPart } from "./components/plan-sections.tsx";
import { measurePage, planPage, strategyPage } from "./strategies.pages.server.ts";
import { MeasureIdSchema, MeasureTableQuerySchema, PlanCodeSchema } from "./strategies.schema.ts";
import { readStrategyPageGenerations } from "./strategy-pages.queries.server.ts";

/*
 * The strategy and plan pages' loaders (decision 063). The view model of a page (strategies.pages.server.ts)
 * is read per request — the figures from the generation-keyed cache (decision 044), the page of measures
 * by one query — and the parts that show many rows (the sectors section, the objectives, the page of
 * measures, the local plans) are rendered to static HTML once per content and language and kept by their
 * whole input: the key is the part's name, the language and the JSON of everything it shows, so a part is
 * rendered again exactly when what it shows changes, whichever path or instance wrote, with nothing to
 * invalidate. The loader sends the HTML instead of the rows, so React renders, and React Router encodes,
 * only the rest of the page.
 */

/** Rendered parts kept per process (most recently used): a page of measures is 20–45 KB, the others less. */
const STRATEGY_PARTS = 160;
const parts = createKeptMarkup(STRATEGY_PARTS);

/** How many rendered parts of the strategy pages are kept, for tests. */
export function keptStrategyPartsSize(): number {
  return parts.size();
}

/**
 * Whole pages' loader data kept per database handle at the generations of everything they show
 * (decision 070): a strategy or plan page per language, page of measures and sector (at ×10 about
 * 40–100 KB each), a measure page per language (about 25 KB).
 */
const strategyPages = createKeptPages(96);
const measurePages = createKeptPages(256);

/** How many strategy and plan pages, and measure pages, are kept for `db`, for tests. */
export function keptStrategyPagesSize(db: Kysely<Database>): { pages: number; measures: number } {
  return { pages: strategyPages.size(db), measures: measurePages.size(db) };
}

interface PageArgs {
  request: Request;
  params: { lang?: string; slug?: string; code?: string };
  context: { db: Kysely<Database> };
}

/** A strategy page's view model (404 when no public strategy has the slug): what the loader renders from. */
export async function strategyView({ request, params, context }: PageArgs) {
  const locale = localeFromParams(params);
  const slug = requireSlugParam(params.slug);
  const query = MeasureTableQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await strategyPage(context.db, locale, slug, query);
  if (!page) throw data(null, { status: 404 });
  return page;
}

/** A plan page's view model (404 when no public plan has the code): what the loader renders from. */
export async function planView({ request, params, context }: PageArgs) {
  const locale = localeFromParams(params);
  const slug = requireSlugParam(params.slug);
  const code = PlanCodeSchema.safeParse(params.code);
  if (!code.success) throw data(null, { status: 404 });
  const query = MeasureTableQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await planPage(context.db, locale, slug, code.data, query);
  if (!page) throw data(null, { status: 404 });
  return page;
}

type MeasuresView = Awaited<ReturnType<typeof strategyView>>["measures"];

/** The page of measures without its rows (they are in the kept table). */
function measuresSummary({ rows: _rows, ...summary }: MeasuresView) {
  return summary;
}

/** What a strategy's or a plan's page component receives: the rest of its view model, its page of measures without the rows, its parts as kept HTML. */
function keptDocument<Rest extends object, Parts extends Record<string, string>>(
  rest: Rest,
  measures: MeasuresView,
  parts: Parts,
) {
  return { ...rest, measures: measuresSummary(measures), parts };
}

/** What the strategy page's component receives: the view model with its long parts as kept HTML. */
export function strategyDocument(page: Awaited<ReturnType<typeof strategyView>>, locale: Locale) {
  const { sectors, objectives, objectivesChoice, measures, localPlans, ...rest } = page;
  return keptDocument(rest, measures, {
    sectors: parts.markup("sectors", locale, { sectors }, SectorsPart),
    objectives: parts.markup(
      "strategy-objectives",
      locale,
      { objectives, objectivesChoice, sectorFilter: page.sectorFilter },
      ObjectivesPart,
    ),
    measures: parts.markup("measures", locale, { rows: measures.rows, showImplements: false }, MeasuresTablePart),
    localPlans: parts.markup("local-plans", locale, { localPlans }, LocalPlansPart),
  });
}

/** What the plan page's component receives: the view model with its long parts as kept HTML. */
export function planDocument(page: Awaited<ReturnType<typeof planView>>, locale: Locale) {
  const { sectors, measures, ...rest } = page;
  return keptDocument(rest, measures, {
    sectors: parts.markup("sectors", locale, { sectors }, SectorsPart),
    measures: parts.markup(
      "measures",
      locale,
      { rows: measures.rows, showImplements: page.kind === "local" },
      MeasuresTablePart,
    ),
  });
}

/** The measures table's query as a key part: the parsed page and sector, so equivalent addresses share one page. */
function tableKey(request: Request): string {
  const query = MeasureTableQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return `${query.page}|${query.sector ?? ""}`;
}

/**
 * The strategy page's loader data, kept while the generations of what it shows are unchanged
 * (decision 070): one statement per request while nothing changes; built (the view model, its parts
 * as kept HTML) after a write, or for a language, sector or page not kept.
 */
export async function strategyLoader(args: PageArgs) {
  const locale = localeFromParams(args.params);
  const slug = requireSlugParam(args.params.slug);
  const generations = await readStrategyPageGenerations(args.context.db);
  return strategyPages.get(
    args.context.db,
    generations,
    `strategy|${locale}|${slug}|${tableKey(args.request)}`,
    async () => strategyDocument(await strategyView(args), locale),
  );
}

/** The plan page's loader data, kept like the strategy page's (decision 070). */
export async function planLoader(args: PageArgs) {
  const locale = localeFromParams(args.params);
  const slug = requireSlugParam(args.params.slug);
  const code = PlanCodeSchema.safeParse(args.params.code);
  if (!code.success) throw data(null, { status: 404 });
  const generations = await readStrategyPageGenerations(args.context.db);
  return strategyPages.get(
    args.context.db,
    generations,
    `plan|${locale}|${slug}|${code.data}|${tableKey(args.request)}`,
    async () => planDocument(await planView(args), locale),
  );
}

/** A measure page's view model (404 when no public measure has the id): what the loader keeps. */
export async function measureView({
  params,
  context,
}: Pick<PageArgs, "context"> & { params: { lang?: string; id?: string } }) {
  const id = MeasureIdSchema.safeParse(params.id);
  if (!id.success) throw data(null, { status: 404 });
  const page = await measurePage(context.db, localeFromParams(params), id.data);
  if (!page) throw data(null, { status: 404 });
  return page;
}

/** The measure page's loader data, kept like the strategy page's (decision 070). */
export async function measureLoader(args: Pick<PageArgs, "context"> & { params: { lang?: string; id?: string } }) {
  const locale = localeFromParams(args.params);
  const id = MeasureIdSchema.safeParse(args.params.id);
  if (!id.success) throw data(null, { status: 404 });
  const generations = await readStrategyPageGenerations(args.context.db);
  return measurePages.get(args.context.db, generations, `measure|${locale}|${id.data}`, () => measureView(args));
}
