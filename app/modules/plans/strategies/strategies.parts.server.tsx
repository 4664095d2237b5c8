import { data } from "react-router";
import type { Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import { localeFromParams, type Locale } from "#app/i18n/locales.ts";
import { requireSlugParam } from "#app/services/ids.ts";
import { createKeptMarkup } from "#app/services/kept-markup.server.tsx";
import { LocalPlansPart, MeasuresTablePart, ObjectivesPart, SectorsPart } from "./components/plan-sections.tsx";
import { planPage, strategyPage } from "./strategies.pages.server.ts";
import { MeasureTableQuerySchema, PlanCodeSchema } from "./strategies.schema.ts";

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

/** What the strategy page's component receives: the view model with its long parts as kept HTML. */
export function strategyDocument(page: Awaited<ReturnType<typeof strategyView>>, locale: Locale) {
  const { sectors, objectives, objectivesChoice, measures, localPlans, ...rest } = page;
  return {
    ...rest,
    measures: measuresSummary(measures),
    parts: {
      sectors: parts.markup("sectors", locale, { sectors }, SectorsPart),
      objectives: parts.markup(
        "strategy-objectives",
        locale,
        { objectives, objectivesChoice, sectorFilter: page.sectorFilter },
        ObjectivesPart,
      ),
      measures: parts.markup("measures", locale, { rows: measures.rows, showImplements: false }, MeasuresTablePart),
      localPlans: parts.markup("local-plans", locale, { localPlans }, LocalPlansPart),
    },
  };
}

/** What the plan page's component receives: the view model with its long parts as kept HTML. */
export function planDocument(page: Awaited<ReturnType<typeof planView>>, locale: Locale) {
  const { sectors, measures, ...rest } = page;
  return {
    ...rest,
    measures: measuresSummary(measures),
    parts: {
      sectors: parts.markup("sectors", locale, { sectors }, SectorsPart),
      measures: parts.markup(
        "measures",
        locale,
        { rows: measures.rows, showImplements: page.kind === "local" },
        MeasuresTablePart,
      ),
    },
  };
}
