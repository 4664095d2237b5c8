import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { LOCALES, type Locale } from "#app/i18n/locales.ts";
import MunicipalityDetail, {
  loader as municipalityLoader,
} from "#app/modules/municipalities/routes/municipality-detail.tsx";
import { PAGE_SECTIONS } from "../../../../server/modules.ts";
import { renderRoute } from "../../../../tests/support/render-route.tsx";
import { createTestDatabase } from "../../../../tests/support/test-database.ts";
import MeasureDetail, { loader as measureLoader } from "./routes/measure-detail.tsx";
import PlanDetail, { loader as planLoader } from "./routes/plan-detail.tsx";
import StrategiesIndex, { loader as indexLoader } from "./routes/strategies-index.tsx";
import StrategyDetail, { loader as strategyLoader } from "./routes/strategy-detail.tsx";
import { seedStrategiesDemo } from "../strategies.seed.server.ts";
import { strategiesTranslator } from "./strategies.translator.server.ts";

const SLUG = "roma-ashkali-inclusion-2017-2021";
let handle: DatabaseHandle;
let measureId: number;
beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.transaction().execute((trx) => seedStrategiesDemo(trx));
  measureId = (await handle.db.selectFrom("measure").select("id").where("code", "=", "1.1.1").executeTakeFirstOrThrow())
    .id;
});
afterAll(() => handle.close());

type AnyLoader = (args: never) => Promise<unknown>;

/**
 * Runs the loader, then renders the route component with its data, as the server does, at the path
 * `routePath` gives with `locale` and `params` in it.
 */
async function render(
  locale: Locale,
  routePath: string,
  params: Record<string, string>,
  Component: unknown,
  loader: unknown,
): Promise<string> {
  const path = routePath.replace(/:(\w+)/g, (_, name: string) => (name === "lang" ? locale : (params[name] ?? "")));
  const loaderData = await (loader as AnyLoader)({
    request: new Request(`http://localhost${path}`),
    params: { lang: locale, ...params },
    context: { db: handle.db, pageSections: PAGE_SECTIONS },
  } as never);
  return renderRoute(locale, path, routePath, Component as ComponentType, loaderData);
}

describe.each(LOCALES)("strategy pages in %s", (locale) => {
  const notReported = strategiesTranslator(locale)("progress.notReported");

  it("render the list, the strategy, a local plan and a measure with 'not yet reported' and no raw keys", async () => {
    const pages = [
      await render(locale, "/:lang/strategies", {}, StrategiesIndex, indexLoader),
      await render(locale, "/:lang/strategies/:slug", { slug: SLUG }, StrategyDetail, strategyLoader),
      await render(
        locale,
        "/:lang/strategies/:slug/plans/:code",
        { slug: SLUG, code: "RA-2017-2021-GJ" },
        PlanDetail,
        planLoader,
      ),
      await render(locale, "/:lang/measures/:id", { id: String(measureId) }, MeasureDetail, measureLoader),
    ];
    for (const html of pages) {
      expect(html).toContain(notReported);
      expect(html).not.toMatch(/\b(columns|progress|indicators|measures|sectors|planStatus|detail)\.[a-zA-Z]+/);
      expect(html).not.toContain('role="progressbar"');
    }
    const [, strategy, plan, measure] = pages;
    expect(strategy).toContain('role="img"');
    expect(strategy).toContain(`/${locale}/strategies/${SLUG}/plans/RA-2017-2021-PZ`);
    expect(plan).toContain(`/${locale}/measures/`);
    expect(measure).toContain(`/${locale}/downloads/measures/${measureId}/indicators?format=xlsx`);
  });

  it("render the municipality page with its local action plan", async () => {
    const html = await render(
      locale,
      "/:lang/municipalities/:municipality",
      { municipality: "09-fushe-kosove" },
      MunicipalityDetail,
      municipalityLoader,
    );
    expect(html).toContain('id="local-action-plans-heading"');
    expect(html).toContain(`/${locale}/strategies/${SLUG}/plans/RA-2017-2021-FK`);
  });
});
