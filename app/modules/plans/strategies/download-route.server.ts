import { data } from "react-router";
import type { z } from "zod";
import { isLocale, type Locale } from "#app/i18n/locales.ts";
import { downloadResponse, type DownloadTable } from "./strategies.downloads.server.ts";
import { DownloadQuerySchema } from "./strategies.schema.ts";

/**
 * What a download route (`GET /:lang/downloads/…?format=csv|xlsx`) answers: 404 for an unknown language, a key
 * that does not parse or a table that is not there (nothing public under that key), 400 for an unknown format,
 * otherwise the table in the format asked for. `key` is the parsed route parameter naming the table.
 */
export async function answerDownload<Key>(
  request: Request,
  lang: string | undefined,
  key: z.ZodSafeParseResult<Key>,
  tableOf: (locale: Locale, key: Key) => Promise<DownloadTable | null>,
): Promise<Response> {
  if (!isLocale(lang) || !key.success) throw data(null, { status: 404 });
  const query = DownloadQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data("Unknown format: use csv or xlsx.", { status: 400 });
  const table = await tableOf(lang, key.data);
  if (!table) throw data(null, { status: 404 });
  return downloadResponse(table, query.data.format);
}
