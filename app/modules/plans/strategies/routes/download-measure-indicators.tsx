import { answerDownload } from "../download-route.server.ts";
import { measureIndicatorsTable } from "../strategies.downloads.server.ts";
import { MeasureIdSchema } from "../strategies.schema.ts";
import type { Route } from "./+types/download-measure-indicators";

/** `GET /:lang/downloads/measures/:id/indicators?format=csv|xlsx`: the indicators of a public measure. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  return answerDownload(request, params.lang, MeasureIdSchema.safeParse(params.id), (lang, id) =>
    measureIndicatorsTable(context.db, lang, id),
  );
}
