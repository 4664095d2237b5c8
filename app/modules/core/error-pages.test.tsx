import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, data, StaticRouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";
import LocaleLayout, { ErrorBoundary } from "./routes/locale-layout.tsx";

/** Renders /{lang}/boom through the locale layout, whose child loader fails as given. */
async function renderFailure(locale: Locale, failure: () => never): Promise<{ status: number; html: string }> {
  const routes = [
    {
      path: "/:lang",
      Component: LocaleLayout,
      ErrorBoundary,
      loader: () => ({ locale }),
      children: [{ path: "boom", loader: failure, Component: () => null }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost/${locale}/boom`));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(
    <I18nextProvider i18n={createI18n(locale, serverResources(locale))}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </I18nextProvider>,
  );
  return { status: context.statusCode, html };
}

describe("error pages", () => {
  it("show a translated 500 page that never reveals the error", async () => {
    const { status, html } = await renderFailure("sq", () => {
      throw new Error("connection refused at 10.0.0.5:5432 password=hunter2");
    });
    expect(status).toBe(500);
    expect(html).toContain("Diçka shkoi keq");
    expect(html).not.toContain("hunter2");
    expect(html).not.toContain("10.0.0.5");
    expect(html).toContain('href="#main"');
  });

  it("show a translated 404 page in Serbian Cyrillic", async () => {
    const { status, html } = await renderFailure("sr-cyrl", () => {
      throw data(null, { status: 404 });
    });
    expect(status).toBe(404);
    expect(html).toContain("Страница није пронађена");
    expect(html).toContain('href="/sr-cyrl/"');
  });
});
