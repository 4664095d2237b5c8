import { redirect } from "react-router";
import { negotiateLocale } from "#app/i18n/locales.ts";
import type { Route } from "./+types/language-redirect";

/** `/` sends the reader to their language (Accept-Language), Albanian when we have none of theirs. */
export function loader({ request }: Route.LoaderArgs) {
  const locale = negotiateLocale(request.headers.get("accept-language"));
  return redirect(`/${locale}/`, { headers: { Vary: "Accept-Language" } });
}
