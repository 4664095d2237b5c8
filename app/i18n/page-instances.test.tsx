import { renderToString } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { Messages } from "./catalog.ts";
import { pageI18n, serverResources } from "./catalogs.server.ts";
import { LOCALES } from "./locales.ts";

function SkipLink() {
  const { t, i18n } = useTranslation("core");
  return (
    <a lang={i18n.language} href="#main">
      {t("skipLink")}
    </a>
  );
}

describe("the page instances (pageI18n)", () => {
  it("render every locale's strings through react-i18next, one object per locale with no properties of its own to copy", () => {
    for (const locale of LOCALES) {
      const i18n = pageI18n(locale);
      expect(pageI18n(locale)).toBe(i18n);
      // useTranslation copies the own properties of this object for every component it renders (decision 044).
      expect(Object.getOwnPropertyNames(i18n).length).toBeLessThanOrEqual(1);
      const expected = (serverResources(locale).core as Messages).skipLink as string;
      expect(expected).toBeTruthy();
      expect(
        renderToString(
          <I18nextProvider i18n={i18n}>
            <SkipLink />
          </I18nextProvider>,
        ),
      ).toBe(`<a lang="${locale}" href="#main">${expected}</a>`);
      expect(i18n.t("core:skipLink")).toBe(expected);
    }
  });
});
