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
    route("strategies", "modules/strategies/routes/strategies-index.tsx"),
    route("strategies/:slug", "modules/strategies/routes/strategy-detail.tsx"),
    route("strategies/:slug/plans/:code", "modules/strategies/routes/plan-detail.tsx"),
    route("measures/:id", "modules/strategies/routes/measure-detail.tsx"),
    route("downloads/strategies", "modules/strategies/routes/download-strategies.tsx"),
    route("downloads/plans/:code/measures", "modules/strategies/routes/download-plan-measures.tsx"),
    route("downloads/measures/:id/indicators", "modules/strategies/routes/download-measure-indicators.tsx"),
    // projects: public routes (add below this line)
    route("projects", "modules/projects/routes/projects-index.tsx"),
    route("projects/3w", "modules/projects/routes/projects-3w.tsx"),
    route("projects/:id", "modules/projects/routes/project-detail.tsx"),
    // needs: public routes (add below this line)
    route("needs", "modules/needs/public/routes/needs-stats.tsx"),
    route("needs/statistics.csv", "modules/needs/public/routes/needs-stats-csv.ts"),
    route("needs/new", "modules/needs/public/routes/needs-new.tsx"),
    route("needs/track", "modules/needs/public/routes/needs-track.tsx"),
    route("needs/track/:code", "modules/needs/public/routes/needs-track-case.tsx"),
    // library and search: public routes (add below this line)
    route("library", "modules/library/routes/library-index.tsx"),
    route("library/know-your-rights", "modules/library/routes/library-know-your-rights.tsx"),
    route("library/:slug", "modules/library/routes/library-detail.tsx"),
    route("search", "modules/search/routes/search.tsx"),
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
      route("plans", "modules/planning/routes/plans-index.tsx"),
      route("plans/my-measures", "modules/planning/routes/my-measures.tsx"),
      route("plans/strategies/new", "modules/planning/routes/strategy-new.tsx"),
      route("plans/strategies/:strategyId", "modules/planning/routes/strategy-detail.tsx"),
      route("plans/imports/:jobId", "modules/planning/routes/import-progress.tsx"),
      route("plans/:planId", "modules/planning/routes/plan-detail.tsx"),
      route("plans/:planId/export.xlsx", "modules/planning/routes/plan-export.tsx"),
      route("plans/:planId/revisions", "modules/planning/routes/plan-revisions.tsx"),
      route("plans/:planId/revisions/:revision", "modules/planning/routes/plan-revision.tsx"),
      route("plans/:planId/objectives/:objectiveId", "modules/planning/routes/objective-detail.tsx"),
      route("plans/:planId/measures/new", "modules/planning/routes/measure-new.tsx"),
      route("plans/:planId/measures/:measureId", "modules/planning/routes/measure-detail.tsx"),
      route("plans/:planId/measures/:measureId/indicators/new", "modules/planning/routes/indicator-new.tsx"),
      route("plans/:planId/indicators/:indicatorId", "modules/planning/routes/indicator-detail.tsx"),
      // projects: workspace routes (add below this line)
      route("projects", "modules/projects/routes/workspace-projects.tsx"),
      route("projects/new", "modules/projects/routes/workspace-project-new.tsx"),
      route("projects/:id", "modules/projects/routes/workspace-project.tsx"),
      route("projects/:id/results", "modules/projects/routes/workspace-project-results.tsx"),
      // needs: workspace routes (add below this line)
      route("needs", "modules/needs/workspace/routes/cases-index.tsx"),
      route("needs/briefing", "modules/needs/workspace/routes/briefing.tsx"),
      route("needs/routing", "modules/needs/workspace/routes/routing-rules.tsx"),
      route("needs/:id", "modules/needs/workspace/routes/case-detail.tsx"),
      route("needs/:id/attachments/:attachmentId", "modules/needs/workspace/routes/case-attachment.tsx"),
      // library: workspace routes (add below this line)
      route("library", "modules/library/routes/workspace-documents.tsx"),
      route("library/new", "modules/library/routes/workspace-document-new.tsx"),
      route("library/:id", "modules/library/routes/workspace-document-edit.tsx"),
      // clearing house: workspace routes (add below this line)
      // reporting: workspace routes (add below this line)
      route("reporting", "modules/reporting/routes/reporting-index.tsx"),
      route("reporting/cycles/new", "modules/reporting/routes/cycle-new.tsx"),
      route("reporting/cycles/:cycleId", "modules/reporting/routes/cycle-board.tsx"),
      route("reporting/cycles/:cycleId/observations", "modules/reporting/routes/observations.tsx"),
      route("reporting/tasks/:taskId", "modules/reporting/routes/task.tsx"),
      route("reporting/reports/:reportId", "modules/reporting/routes/measure-report.tsx"),
      route("reporting/compiled/:reportId", "modules/reporting/routes/compiled-report.tsx"),
      // workspace: audit and outbox routes (add below this line)
      route("audit", "modules/audit/routes/audit-index.tsx"),
      route("audit/:id", "modules/audit/routes/audit-entry.tsx"),
      route("outbox", "modules/mail/routes/outbox-index.tsx"),
      route("outbox/:id", "modules/mail/routes/outbox-message.tsx"),
    ]),
    route("*", "modules/core/routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
