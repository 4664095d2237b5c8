import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { pageI18n } from "#app/i18n/catalogs.server.ts";
import type { Locale } from "#app/i18n/locales.ts";

/** How many rendered parts a process keeps (most recently used); a 3W part is 10–40 KB of HTML. */
const KEPT_PARTS = 96;

const kept = new Map<string, string>();

/**
 * The static HTML of a page part, rendered once per content and kept (decision 057). `props` are
 * everything the part shows, already formatted by the loader: the key is their JSON with the locale
 * and the part's name, so the part is rendered again exactly when what it shows changes — after a
 * write through any path or instance (the figures are read per request from the generation-keyed
 * cache of decision 022), in another language, for another filter. Nothing to invalidate.
 * `identifierPrefix` keeps the `useId` values of separately rendered parts apart.
 */
export function keptMarkup<P extends object>(
  part: string,
  locale: Locale,
  props: P,
  Part: FunctionComponent<P>,
): string {
  const key = `${part}\u0000${locale}\u0000${JSON.stringify(props)}`;
  const hit = kept.get(key);
  if (hit !== undefined) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={pageI18n(locale)}>{createElement(Part, props)}</I18nextProvider>,
    {
      identifierPrefix: `${part}-`,
    },
  );
  kept.set(key, html);
  if (kept.size > KEPT_PARTS) kept.delete(kept.keys().next().value as string);
  return html;
}

/** How many parts are kept, for tests. */
export function keptMarkupSize(): number {
  return kept.size;
}
