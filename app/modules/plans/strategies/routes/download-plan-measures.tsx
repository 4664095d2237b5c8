import { answerDownload } from "../download-route.server.ts";
import { planMeasuresTable } from "../strategies.downloads.server.ts";
import { PlanCodeSchema } from "../strategies.schema.ts";
import type { Route } from "./+types/download-plan-measures";

/** `GET /:lang/downloads/plans/:code/measures?format=csv|xlsx`: every measure of a public plan. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  return answerDownload(request, params.lang, PlanCodeSchema.safeParse(params.code), (lang, code) =>
    planMeasuresTable(context.db, lang, code),
  );
}
