import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DEFAULT_LOCALE, isLocale } from "#app/i18n/locales.ts";

/** Translated 404 / 500 content. It never shows the error's internals. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation("core");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  const isNotFound = status === 404;
  return (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-10">
      <p className="text-sm font-semibold text-slate-600">{t("errors.status", { status })}</p>
      <h1 className="mt-1">{isNotFound ? t("errors.notFound.title") : t("errors.server.title")}</h1>
      <p className="mt-4 text-lg">{isNotFound ? t("errors.notFound.body") : t("errors.server.body")}</p>
      <p className="mt-6">
        <a href={`/${locale}/`}>{t("errors.notFound.home")}</a>
      </p>
    </main>
  );
}
