import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { ListOrNone } from "#app/components/list-or-none.tsx";
import { Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatDate, isoDate } from "#app/i18n/format.ts";
import { localeFromParams, type Locale } from "#app/i18n/locales.ts";
import { organisationsPolicy } from "#app/modules/organisations/organisations.policy.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { describeGrants, loadGrantNames } from "../user-grants.server.ts";
import { loadWorkspaceTasks } from "../workspace-tasks.server.ts";
import type { Route } from "./+types/dashboard";

/** The look of the dashboard's sections. */
const SECTION = { className: "mb-10 max-w-3xl", headingClassName: "mb-3" };

const SEVERITY_TONE = { urgent: "danger", warning: "warning", info: "info" } as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const grants = actor.grants.map((g, index) => ({ ...g, id: index }));
  const [tasks, names] = await Promise.all([
    loadWorkspaceTasks(context.db, actor, context.workspace.taskProviders),
    loadGrantNames(context.db, locale, grants),
  ]);
  return {
    name: actor.name,
    roles: describeGrants(grants, names).map((g) => ({
      ...g,
      canEditOrganisation:
        g.organisationId !== null &&
        organisationsPolicy.can(actor, "organisation.update", { organisationId: g.organisationId }),
    })),
    tasks,
  };
}

/** Where a role is held, after a dash: linked to the organisation's page when the person may edit it. */
function RoleScope({ role, locale }: { role: Awaited<ReturnType<typeof loader>>["roles"][number]; locale: Locale }) {
  if (!role.scope) return null;
  return (
    <>
      {" – "}
      {role.canEditOrganisation ? (
        <Link to={`/${locale}/workspace/organisations/${role.organisationId}`}>{role.scope}</Link>
      ) : (
        role.scope
      )}
    </>
  );
}

export default function Dashboard({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("workspace");
  const { t: ti } = useTranslation("identity");
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("nav.dashboard")} />
      <PageHeader title={t("nav.dashboard")} lead={t("nav.signedInAs", { name: loaderData.name })} />

      <LabelledSection id="tasks-heading" heading={t("dashboard.tasksHeading")} {...SECTION}>
        <ListOrNone
          items={loaderData.tasks}
          none={t("dashboard.noTasks")}
          className="divide-y divide-slate-200 border-y border-slate-200"
        >
          {(task) => (
            <li key={task.key} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:gap-3">
              <Tag tone={SEVERITY_TONE[task.severity]}>{t(`dashboard.severity.${task.severity}`)}</Tag>
              <Link to={`/${locale}/${task.path}`} className="font-semibold">
                {t(task.titleKey, task.params)}
              </Link>
              {task.dueDate ? (
                <span className="text-sm text-slate-700">
                  {t("dashboard.due")} <time dateTime={isoDate(task.dueDate)}>{formatDate(task.dueDate, locale)}</time>
                </span>
              ) : null}
            </li>
          )}
        </ListOrNone>
      </LabelledSection>

      <LabelledSection id="roles-heading" heading={t("dashboard.rolesHeading")} {...SECTION}>
        <ListOrNone items={loaderData.roles} none={t("dashboard.noRoles")} className="list-disc space-y-1 ps-5">
          {(role) => (
            <li key={role.id}>
              <span className="font-semibold">{ti(`roles.${role.role}`)}</span>
              <RoleScope role={role} locale={locale} />
            </li>
          )}
        </ListOrNone>
      </LabelledSection>
    </>
  );
}
