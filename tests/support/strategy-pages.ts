import type { Db } from "#app/db/client.server.ts";
import { loader as measureLoader } from "#app/modules/plans/strategies/routes/measure-detail.tsx";
import { loader as planLoader } from "#app/modules/plans/strategies/routes/plan-detail.tsx";
import { loader as strategyLoader } from "#app/modules/plans/strategies/routes/strategy-detail.tsx";
import { planView, strategyView } from "#app/modules/plans/strategies/strategies.parts.server.tsx";

/*
 * The public strategy, plan and measure pages asked for on one database handle (one application instance,
 * which keeps its own figures and pages), as React Router calls a page's loader for a visitor's request: what
 * the tests of the kept strategy figures, views, parts and pages (decisions 044, 054, 063, 070) read. A page
 * has two readers: its route's loader (what is sent, the long parts as kept HTML) and, for the strategy and
 * plan pages, its view model (`…View`, what the parts are rendered from).
 */

/** A page's language (default English) and its query string (`?sector=health`, `?page=2`). */
export interface PageAddress {
  lang?: string;
  search?: string;
}

type PageReader = (args: never) => Promise<unknown>;

/** Calls `reader` as the loader of `path` with the route's `params`, on `db`. */
function ask<R extends PageReader>(reader: R, db: Db, path: string, params: Record<string, string>): ReturnType<R> {
  return reader({ request: new Request(`http://localhost${path}`), params, context: { db } } as never) as ReturnType<R>;
}

/** The strategy page `/<lang>/strategies/<slug><search>`: the loader's data. */
export function strategyPage(db: Db, slug: string, { lang = "en", search = "" }: PageAddress = {}) {
  return ask(strategyLoader, db, `/${lang}/strategies/${slug}${search}`, { lang, slug });
}

/** The strategy page's view model (the figures, sectors and measures its parts show). */
export function strategyPageView(db: Db, slug: string, { lang = "en", search = "" }: PageAddress = {}) {
  return ask(strategyView, db, `/${lang}/strategies/${slug}${search}`, { lang, slug });
}

/** An action plan's page `/<lang>/strategies/<slug>/plans/<code>`: the loader's data. */
export function planPage(db: Db, slug: string, code: string, { lang = "en", search = "" }: PageAddress = {}) {
  return ask(planLoader, db, `/${lang}/strategies/${slug}/plans/${code}${search}`, { lang, slug, code });
}

/** An action plan's page's view model. */
export function planPageView(db: Db, slug: string, code: string, { lang = "en", search = "" }: PageAddress = {}) {
  return ask(planView, db, `/${lang}/strategies/${slug}/plans/${code}${search}`, { lang, slug, code });
}

/** A measure's page `/<lang>/measures/<id>`: the loader's data. */
export function measurePage(db: Db, id: number, { lang = "en" }: PageAddress = {}) {
  return ask(measureLoader, db, `/${lang}/measures/${id}`, { lang, id: String(id) });
}
