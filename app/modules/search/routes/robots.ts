import { renderRobots } from "../sitemap.server.ts";
import type { Route } from "./+types/robots";

/** /robots.txt: what crawlers may read, and where the sitemap is. */
export function loader({ context }: Route.LoaderArgs) {
  return new Response(renderRobots(context.publicUrl), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
