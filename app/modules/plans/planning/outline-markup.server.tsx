import type { Locale } from "#app/i18n/locales.ts";
import { createKeptMarkup } from "#app/services/kept-markup.server.tsx";
import { OutlineSector, type OutlineSectorProps } from "./components/outline-sector.tsx";

/**
 * The plan editor's sectors (decision 071): at most 256 (a page's sectors, a few KB to ~100 KB each).
 * Kept by their whole content, so a write through any path or instance shows at the next request (the
 * outline is read per request) and there is nothing to invalidate.
 */
const outlineSectors = createKeptMarkup(256);

/** One sector of the plan editor's outline as static HTML, rendered once per content and locale. */
export function outlineSectorMarkup(locale: Locale, props: OutlineSectorProps): string {
  return outlineSectors.markup("plan-outline-sector", locale, props, OutlineSector);
}

/** How many sectors are kept, for tests. */
export function outlineSectorMarkupSize(): number {
  return outlineSectors.size();
}
