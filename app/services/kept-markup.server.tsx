import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { pageI18n } from "#app/i18n/catalogs.server.ts";
import type { Locale } from "#app/i18n/locales.ts";

/** A store of rendered page parts, most recently used first, holding at most `capacity` parts. */
export interface KeptMarkup {
  /**
   * The static HTML of a page part, rendered once per content and kept (decisions 057, 063). `props`
   * are everything the part shows, already formatted by the loader: the key is their JSON with the
   * locale and the part's name, so the part is rendered again exactly when what it shows changes —
   * after a write through any path or instance (the figures are read per request from a
   * generation-keyed cache), in another language, for another filter. Nothing to invalidate.
   * `identifierPrefix` keeps the `useId` values of separately rendered parts apart.
   */
  markup<P extends object>(part: string, locale: Locale, props: P, Part: FunctionComponent<P>): string;
  /** How many parts are kept, for tests. */
  size(): number;
}

/** A bounded store of kept parts (each page family its own, so one's parts cannot push out another's). */
export function createKeptMarkup(capacity: number): KeptMarkup {
  const kept = new Map<string, string>();
  return {
    markup(part, locale, props, Part) {
      const key = `${part}\u0000${locale}\u0000${JSON.stringify(props)}`;
      const hit = kept.get(key);
      if (hit !== undefined) {
        kept.delete(key);
        kept.set(key, hit);
        return hit;
      }
      const html = renderToStaticMarkup(
        <I18nextProvider i18n={pageI18n(locale)}>{createElement(Part, props)}</I18nextProvider>,
        { identifierPrefix: `${part}-` },
      );
      kept.set(key, html);
      if (kept.size > capacity) kept.delete(kept.keys().next().value as string);
      return html;
    },
    size: () => kept.size,
  };
}

/** The 3W page's parts (decision 057): at most 96 (10–40 KB each). */
const threeW = createKeptMarkup(96);

/** A 3W part's static HTML, kept by its whole input (see `KeptMarkup.markup`). */
export function keptMarkup<P extends object>(
  part: string,
  locale: Locale,
  props: P,
  Part: FunctionComponent<P>,
): string {
  return threeW.markup(part, locale, props, Part);
}

/** How many 3W parts are kept, for tests. */
export function keptMarkupSize(): number {
  return threeW.size();
}
