import { data } from "react-router";
import { isLocale } from "#app/i18n/locales.ts";
import { downloadResponse, planMeasuresTable } from "../strategies.downloads.server.ts";
import { DownloadQuerySchema, PlanCodeSchema } from "../strategies.schema.ts";
import type { Route } from "./+types/download-plan-measures";

/** `GET /:lang/downloads/plans/:code/measures?format=csv|xlsx`: every measure of a public plan. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const code = PlanCodeSchema.safeParse(params.code);
  if (!isLocale(params.lang) || !code.success) throw data(null, { status: 404 });
  const query = DownloadQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data("Unknown format: use csv or xlsx.", { status: 400 });
  const table = await planMeasuresTable(context.db, params.lang, code.data);
  if (!table) throw data(null, { status: 404 });
  return downloadResponse(table, query.data.format);
}
