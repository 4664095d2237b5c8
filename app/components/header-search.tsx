import { useTranslation } from "react-i18next";
import type { Locale } from "#app/i18n/locales.ts";
import { SearchQueryInput } from "./search-query-input.tsx";

/**
 * The small search box of the site header: a plain GET form to the search page (no JavaScript needed).
 * Part of the shared header (which links every public section by hand); its strings are in the search
 * module's catalog, which every page loads.
 */
export function HeaderSearch({ locale }: { locale: Locale }) {
  const { t } = useTranslation("search");
  return (
    <form role="search" method="get" action={`/${locale}/search`} className="flex items-center gap-1">
      <SearchQueryInput
        id="header-search"
        label={t("header.label")}
        labelClassName="sr-only"
        inputClassName="w-32 rounded border border-white bg-white px-2 py-1 text-sm text-slate-900 sm:w-44"
      />
      <button type="submit" className="rounded bg-white px-2 py-1 text-sm font-semibold text-brand-800">
        {t("header.submit")}
      </button>
    </form>
  );
}
