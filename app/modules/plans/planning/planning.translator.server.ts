import { serverTranslator } from "#app/i18n/catalogs.server.ts";
import type { Locale } from "#app/i18n/locales.ts";

/**
 * The UI strings in one locale for text the server writes itself (the XLSX template's
 * instructions and the import errors of a background job).
 */
export function planningTranslator(locale: Locale): (key: string, params?: Record<string, string | number>) => string {
  const t = serverTranslator(locale, "core");
  return (key, params) => String(t(key, params ?? {}));
}
