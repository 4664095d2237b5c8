import { data } from "react-router";
import { isLocale } from "#app/i18n/locales.ts";
import { downloadResponse, strategiesTable } from "../strategies.downloads.server.ts";
import { DownloadQuerySchema } from "../strategies.schema.ts";
import type { Route } from "./+types/download-strategies";

/** `GET /:lang/downloads/strategies?format=csv|xlsx`: the public strategy list. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const query = DownloadQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data("Unknown format: use csv or xlsx.", { status: 400 });
  return downloadResponse(await strategiesTable(context.db, params.lang), query.data.format);
}
