import "#app/zod-config.ts";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { loadClientResources } from "#app/i18n/catalogs.client.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { DEFAULT_LOCALE, isLocale } from "#app/i18n/locales.ts";

async function hydrate() {
  const segment = window.location.pathname.split("/")[1];
  const locale = isLocale(segment) ? segment : DEFAULT_LOCALE;
  const i18n = createI18n(locale, await loadClientResources(locale));
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <HydratedRouter />
        </I18nextProvider>
      </StrictMode>,
    );
  });
}

void hydrate();
