import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { localeFromParams } from "#app/i18n/locales.ts";
import { requireUser } from "#app/services/guards.server.ts";
import type { DocumentHandle } from "#app/components/document-handle.ts";
import type { Route } from "./+types/workspace-layout";

/** The workspace keeps full React in the browser (decision 031). */
export const handle: DocumentHandle = { hydrate: true };

/** Every workspace page requires a signed-in user (and two-factor for the roles that need it). */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const isDevelopmentMail = context.mailMode === "outbox";
  return {
    user: { name: actor.name, email: actor.email },
    sections: context.workspace.sections
      .filter((s) => s.isVisible(actor, { isDevelopmentMail }))
      .map((s) => ({ key: s.key, path: s.path })),
  };
}

export default function WorkspaceLayout({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("workspace");
  const locale = localeFromParams(params);
  return (
    <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
      <nav aria-label={t("nav.label")} className="md:border-e md:border-slate-200 md:pe-4">
        <p className="text-sm text-slate-600">{t("nav.signedInAs", { name: loaderData.user.name })}</p>
        <ul className="mt-3 flex flex-wrap gap-1 md:flex-col">
          {loaderData.sections.map((section) => (
            <li key={section.key}>
              <NavLink
                to={`/${locale}/workspace${section.path ? `/${section.path}` : ""}`}
                end={section.path === ""}
                className={({ isActive }) =>
                  `block rounded px-3 py-2 no-underline ${isActive ? "bg-brand-700 text-white hover:text-white" : "text-brand-800 hover:bg-brand-50"}`
                }
              >
                {t(`nav.${section.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  );
}
