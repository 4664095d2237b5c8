import { useTranslation } from "react-i18next";
import { DEFAULT_LOCALE, isLocale } from "#app/i18n/locales.ts";

/** Footer with what the platform is and the attribution every data source requires. */
export function SiteFooter() {
  const { t, i18n } = useTranslation("core");
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  return (
    <footer className="mt-12 border-t border-slate-200 bg-slate-50 text-sm text-slate-700">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 sm:grid-cols-2">
        <div>
          <p className="font-semibold text-slate-900">{t("platform.name")}</p>
          <p className="mt-2">{t("footer.about")}</p>
          <p className="mt-2">
            <a href="/api/v1/openapi.json">{t("footer.openData")}</a>
          </p>
          <p className="mt-2">{t("footer.licence")}</p>
          <p className="mt-2">
            <a href={`/${locale}/translations`}>{t("footer.translations")}</a>
          </p>
        </div>
        <div>
          <h2 className="text-base">{t("footer.dataHeading")}</h2>
          <ul className="mt-2 space-y-1">
            <li>{t("footer.census")}</li>
            <li>{t("footer.boundaries")}</li>
            <li>{t("footer.settlements")}</li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
