import { data } from "react-router";
import { isLocale } from "#app/i18n/locales.ts";
import { downloadResponse, measureIndicatorsTable } from "../strategies.downloads.server.ts";
import { DownloadQuerySchema, MeasureIdSchema } from "../strategies.schema.ts";
import type { Route } from "./+types/download-measure-indicators";

/** `GET /:lang/downloads/measures/:id/indicators?format=csv|xlsx`: the indicators of a public measure. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const id = MeasureIdSchema.safeParse(params.id);
  if (!isLocale(params.lang) || !id.success) throw data(null, { status: 404 });
  const query = DownloadQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data("Unknown format: use csv or xlsx.", { status: 400 });
  const table = await measureIndicatorsTable(context.db, params.lang, id.data);
  if (!table) throw data(null, { status: 404 });
  return downloadResponse(table, query.data.format);
}
