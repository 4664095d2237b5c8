import { answerDownload } from "../download-route.server.ts";
import { strategiesTable } from "../strategies.downloads.server.ts";
import type { Route } from "./+types/download-strategies";

/** `GET /:lang/downloads/strategies?format=csv|xlsx`: the public strategy list. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  return answerDownload(request, params.lang, { success: true, data: null }, (lang) =>
    strategiesTable(context.db, lang),
  );
}
