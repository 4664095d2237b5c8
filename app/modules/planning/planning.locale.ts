import { isLocale, type Locale } from "#app/i18n/locales.ts";

/** The page's locale (the `:lang` segment), for loaders and components alike. */
export function localeOf(params: { lang?: string }): Locale {
  return isLocale(params.lang) ? params.lang : "sq";
}

/** The tone of a plan or strategy status tag. */
export function statusTone(status: string): "neutral" | "success" | "warning" {
  return status === "adopted" ? "success" : status === "closed" ? "neutral" : "warning";
}
