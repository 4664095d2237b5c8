import type { Db } from "#app/db/client.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import type { LocalizedText } from "#app/i18n/translated-text.ts";

/*
 * Sections one module adds to another module's page (decision 049). The page's module declares the
 * slot (its arguments and the views it can render); a module that has something to show there
 * declares a provider in its server manifest (`pageSections`); the composition root collects them
 * and the host hands them to the page in the request context (`ServerContext.pageSections`), as it
 * hands the workspace its sections. So the page's module never imports the module that fills its
 * slot (module order, decision 035), and the filling module keeps its tables and queries to itself:
 * what crosses is a view of texts already translated, rendered by a shared component.
 */

/** A progress bar as the shared component draws it: the words already in the page's language. */
export type ProgressBarView =
  | { kind: "not_reported"; text: string }
  | { kind: "reported"; percent: number; valueText: string; text: string; budgetText: string | null };

interface SectionLink {
  href: string;
  code: string;
  title: LocalizedText | null;
}

/** The local action plans of a municipality, each local measure under the national measure it implements. */
export interface LocalPlansSectionView {
  kind: "local-plans";
  heading: string;
  /** The lead above the plans, or the words for none. */
  intro: { kind: "lead" | "none"; text: string };
  progressLabel: string;
  plans: {
    id: number;
    href: string;
    title: LocalizedText | null;
    strategy: { href: string; title: LocalizedText | null };
    period: string;
    isDemo: boolean;
    summary: string;
    progress: ProgressBarView;
    groups: { heading: string; national: SectionLink | null; measures: (SectionLink & { plannedLabel: string })[] }[];
  }[];
}

/** What the municipality page can show of other modules (one kind today). */
export type MunicipalitySectionView = LocalPlansSectionView;

/** A module's section of the municipality page: loaded with the page, in a constant number of queries. */
export interface MunicipalitySection {
  /** Stable identifier (`module.what`). */
  key: string;
  /** Place on the page among the other modules' sections (ascending). */
  position: number;
  load: (db: Db, page: { locale: Locale; kasCode: string }) => Promise<MunicipalitySectionView>;
}

/** The other modules' sections of each page that has a slot, as the host hands them to the pages. */
export interface PageSectionRegistry {
  /** By ascending position. */
  municipality: readonly MunicipalitySection[];
}

/** The views of a municipality's sections, in page order (the loads run at once). */
export function loadMunicipalitySections(
  registry: PageSectionRegistry,
  db: Db,
  page: { locale: Locale; kasCode: string },
): Promise<MunicipalitySectionView[]> {
  return Promise.all(registry.municipality.map((section) => section.load(db, page)));
}
