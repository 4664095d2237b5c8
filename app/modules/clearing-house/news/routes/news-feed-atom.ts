import { data } from "react-router";
import { isLocale } from "#app/i18n/locales.ts";
import { buildNewsFeed } from "../news-feed.server.ts";
import type { Route } from "./+types/news-feed-atom";

/** `/{lang}/news/feed.atom`: Atom 1.0 of the latest news in the reader's language. */
export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const feed = await buildNewsFeed(context.db, params.lang, context.publicUrl, "atom");
  return new Response(feed.atom1(), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
