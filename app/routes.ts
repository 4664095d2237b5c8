import { index, route, type RouteConfig } from "@react-router/dev/routes";

/** Every page, listed per module. The locale is the first segment of every public URL. */
export default [
  index("modules/core/routes/language-redirect.tsx"),
  route(":lang", "modules/core/routes/locale-layout.tsx", [
    index("modules/pages/routes/home.tsx"),
    route("about", "modules/pages/routes/about.tsx"),
    route("municipalities", "modules/municipalities/routes/municipalities-index.tsx"),
    route("municipalities/:municipality", "modules/municipalities/routes/municipality-detail.tsx"),
    route("news", "modules/news/routes/news-index.tsx"),
    route("news/:slug", "modules/news/routes/news-detail.tsx"),
    // identity: sign-in and account routes (add below this line)
    route("workspace", "modules/workspace/routes/workspace-layout.tsx", [
      index("modules/workspace/routes/dashboard.tsx"),
      // workspace: profile routes (add below this line)
      // workspace: organisations and users routes (add below this line)
      // workspace: audit and outbox routes (add below this line)
    ]),
    route("*", "modules/core/routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
