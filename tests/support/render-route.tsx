import type { ComponentType, ReactNode } from "react";
import { renderToStaticMarkup, renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createRoutesStub } from "react-router";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";

/**
 * Renders a route component on the server in `locale` with the data its loader (and action) returned,
 * as the real server would: the route stub (`routePath`) at `path`, the server's catalogs of that locale.
 */
export function renderRoute(
  locale: Locale,
  path: string,
  routePath: string,
  Component: ComponentType,
  loaderData: unknown,
  actionData?: unknown,
): string {
  const Stub = createRoutesStub([{ id: "page", path: routePath, Component }]);
  return renderToString(
    <I18nextProvider i18n={createI18n(locale, serverResources(locale))}>
      <Stub
        initialEntries={[path]}
        hydrationData={{
          loaderData: { page: loaderData },
          actionData: actionData === undefined ? undefined : { page: actionData },
        }}
      />
    </I18nextProvider>,
  );
}

/** The static markup of a component (no route around it) rendered with the server's English catalogs. */
export function renderInEnglish(node: ReactNode): string {
  return renderToStaticMarkup(<I18nextProvider i18n={createI18n("en", serverResources("en"))}>{node}</I18nextProvider>);
}
