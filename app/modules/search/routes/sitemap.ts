import { listPublicPaths } from "../search.queries.server.ts";
import { PUBLIC_SECTION_PATHS, renderSitemap } from "../sitemap.server.ts";
import type { Route } from "./+types/sitemap";

/** /sitemap.xml: the section pages and every public item of the search index, in every locale. */
export async function loader({ context }: Route.LoaderArgs) {
  const items = await listPublicPaths(context.db);
  const body = renderSitemap(context.publicUrl, [...PUBLIC_SECTION_PATHS.map((path) => ({ path })), ...items]);
  return new Response(body, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
