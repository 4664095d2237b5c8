import { data } from "react-router";
import { isLocale } from "#app/i18n/locales.ts";
import { getPublicNeedStats } from "../../needs.stats.server.ts";
import { statsCsv, statsRows } from "../needs-stats-view.server.ts";
import type { Route } from "./+types/needs-stats-csv";

/** The published statistics as CSV, with the same suppression as the page (a resource route: no page around it). */
export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const { stats, layout } = await getPublicNeedStats(context.db);
  return new Response(statsCsv(statsRows(stats, layout, params.lang)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="needs-statistics-${params.lang}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
