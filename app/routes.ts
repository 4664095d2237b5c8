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
    // strategies: public routes (add below this line)
    // projects: public routes (add below this line)
    route("projects", "modules/projects/routes/projects-index.tsx"),
    route("projects/3w", "modules/projects/routes/projects-3w.tsx"),
    route("projects/:id", "modules/projects/routes/project-detail.tsx"),
    // needs: public routes (add below this line)
    // library and search: public routes (add below this line)
    // clearing house (events, recommendations, services, opportunities, directory, feeds): public routes (add below this line)
    // identity: sign-in and account routes (add below this line)
    route("sign-in", "modules/identity/routes/sign-in.tsx"),
    route("sign-in/two-factor", "modules/identity/routes/sign-in-two-factor.tsx"),
    route("sign-out", "modules/identity/routes/sign-out.tsx"),
    route("forgot-password", "modules/identity/routes/forgot-password.tsx"),
    route("reset-password/:token", "modules/identity/routes/reset-password.tsx"),
    route("verify-email/:token", "modules/identity/routes/verify-email.tsx"),
    route("accept-invitation/:token", "modules/identity/routes/accept-invitation.tsx"),
    route("workspace", "modules/workspace/routes/workspace-layout.tsx", [
      index("modules/workspace/routes/dashboard.tsx"),
      // workspace: profile routes (add below this line)
      route("profile", "modules/workspace/routes/profile.tsx"),
      route("profile/password", "modules/workspace/routes/profile-password.tsx"),
      route("profile/two-factor", "modules/workspace/routes/profile-two-factor.tsx"),
      route("profile/sessions", "modules/workspace/routes/profile-sessions.tsx"),
      // workspace: organisations and users routes (add below this line)
      route("organisations", "modules/workspace/routes/organisations-index.tsx"),
      route("organisations/new", "modules/workspace/routes/organisations-new.tsx"),
      route("organisations/:id", "modules/workspace/routes/organisations-detail.tsx"),
      route("users", "modules/workspace/routes/users-index.tsx"),
      route("users/invite", "modules/workspace/routes/users-invite.tsx"),
      route("users/:id", "modules/workspace/routes/users-detail.tsx"),
      // strategies: workspace routes (add below this line)
      // projects: workspace routes (add below this line)
      route("projects", "modules/projects/routes/workspace-projects.tsx"),
      route("projects/new", "modules/projects/routes/workspace-project-new.tsx"),
      route("projects/import", "modules/projects/routes/workspace-project-import.tsx"),
      route("projects/:id", "modules/projects/routes/workspace-project.tsx"),
      route("projects/:id/results", "modules/projects/routes/workspace-project-results.tsx"),
      // needs: workspace routes (add below this line)
      route("needs", "modules/needs/workspace/routes/cases-index.tsx"),
      route("needs/briefing", "modules/needs/workspace/routes/briefing.tsx"),
      route("needs/routing", "modules/needs/workspace/routes/routing-rules.tsx"),
      route("needs/:id", "modules/needs/workspace/routes/case-detail.tsx"),
      route("needs/:id/attachments/:attachmentId", "modules/needs/workspace/routes/case-attachment.tsx"),
      // library: workspace routes (add below this line)
      // clearing house: workspace routes (add below this line)
      // workspace: audit and outbox routes (add below this line)
      route("audit", "modules/audit/routes/audit-index.tsx"),
      route("audit/:id", "modules/audit/routes/audit-entry.tsx"),
      route("outbox", "modules/mail/routes/outbox-index.tsx"),
      route("outbox/:id", "modules/mail/routes/outbox-message.tsx"),
    ]),
    route("*", "modules/core/routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
