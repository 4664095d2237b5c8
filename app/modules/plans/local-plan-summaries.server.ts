import type { Db } from "#app/db/client.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { KeptPerGeneration } from "#app/services/kept-per-generation.server.ts";
import type { LocalPlansSectionView } from "#app/services/page-sections.ts";
import { municipalityPlansSection } from "./strategies/strategies.pages.server.ts";
import { strategyFiguresGeneration } from "#app/modules/reporting/rollup.server.ts";

/*
 * The local action plans section of a municipality page, kept per generation of the strategy
 * figures (issue 18, decision 058). Everything the section shows — the plans, their strategies,
 * measures, the national measures they implement, planned budgets and approved progress — comes
 * from the tables whose every write bumps `strategy_figures_generation` in the writing transaction
 * (decision 044: statement-level triggers; reports and spending only when an approved report is
 * concerned). So a request reads that one number (one small statement) and reuses the view this
 * process built at that generation for that municipality and language; the first request after a
 * write builds it again (one more statement). The generation is in the database: a write through
 * another instance is seen at the next request. Kept per database handle (a `WeakMap`), so test
 * processes with many databases never mix them.
 */

/** At most 400 views per database handle (38 municipalities × 7 languages fit); the oldest leaves first. */
const kept = new KeptPerGeneration<LocalPlansSectionView>(400);

/**
 * The municipality page's local plans section (decision 049's slot), read from the view kept at the
 * current generation: 1 statement, 2 after a write to the plans or to an approved report. The
 * returned view is shared between requests: read only.
 */
export async function keptMunicipalityPlansSection(
  db: Db,
  locale: Locale,
  kasCode: string,
): Promise<LocalPlansSectionView> {
  const generation = await strategyFiguresGeneration(db);
  return kept.get(db, `${locale}|${kasCode}`, generation, () => municipalityPlansSection(db, locale, kasCode));
}
