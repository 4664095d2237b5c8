import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ListOrNone } from "#app/components/list-or-none.tsx";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { FormFields } from "#app/components/form-fields.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatDate } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { identityPolicy } from "#app/modules/identity/identity.policy.ts";
import {
  addRoleAssignment,
  removeRoleAssignment,
  setUserActive,
} from "#app/modules/identity/user-administration.commands.server.ts";
import { getUserForAdministration } from "#app/modules/identity/user-administration.queries.server.ts";
import {
  RoleAssignmentSchema,
  RoleRemovalSchema,
  UserActiveSchema,
  UserIdSchema,
} from "#app/modules/identity/user-administration.schema.ts";
import type { Actor } from "#app/services/authorization.ts";
import { authorize } from "#app/services/guards.server.ts";
import { RecordPageFrame } from "../components/record-page.tsx";
import { RoleScopeFields } from "../components/role-scope-fields.tsx";
import { activeStatusIntents, openRecordPage, recordAction, recordIntent, recordPage } from "../record-page.server.ts";
import { describeGrants, loadScopeNames } from "../user-grants.server.ts";
import type { Route } from "./+types/users-detail";

/** Administrators change other users (never themselves: the policy says so). */
const mayManage = (actor: Actor, userId: string) => authorize(identityPolicy, actor, "user.manage", { userId });

const USER_PAGE = recordPage({
  path: "users",
  idSchema: UserIdSchema,
  read: getUserForAdministration,
  authorize: (actor) => authorize(identityPolicy, actor, "user.list", null),
  authorizeChange: mayManage,
  subjectType: "user",
  notices: ["roleAdded", "roleRemoved", "deactivated", "reactivated"],
});

const ROLE_FIELDS = ["role", "organisationId", "kasCode", "form"] as const;

export async function loader(args: Route.LoaderArgs) {
  const {
    actor,
    id: userId,
    record: user,
    extra: names,
    history,
    saved,
  } = await openRecordPage(args, USER_PAGE, (db, locale, { grants }) => loadScopeNames(db, locale, grants));
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      isActive: user.isActive,
      isEmailVerified: user.isEmailVerified,
      hasTwoFactor: user.hasTwoFactor,
      isLocked: user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now(),
      createdAt: user.createdAt.toISOString(),
      version: user.version,
    },
    grants: describeGrants(user.grants, names),
    organisations: names.organisationOptions,
    municipalities: names.municipalityOptions,
    canManage: identityPolicy.can(actor, "user.manage", { userId }),
    history,
    saved,
  };
}

export async function action(args: Route.ActionArgs) {
  return recordAction(args, USER_PAGE, {
    addRole: recordIntent(RoleAssignmentSchema, addRoleAssignment, "roleAdded"),
    removeRole: recordIntent(RoleRemovalSchema, removeRoleAssignment, "roleRemoved", {
      invalid: { form: "workspace:errors.notFound" },
    }),
    ...activeStatusIntents(UserActiveSchema, setUserActive),
  });
}

export default function UserDetailPage({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("workspace");
  const { t: ti } = useTranslation("identity");
  const locale = localeFromParams(params);
  const { user, grants } = loaderData;
  const submitted = actionData?.errors ?? {};
  const errors = Object.fromEntries(
    Object.entries(submitted)
      .filter(([name]) =>
        actionData?.intent === "addRole" ? (ROLE_FIELDS as readonly string[]).includes(name) : name === "form",
      )
      .map(([name, key]) => [name, t(key)]),
  );
  const roleValues: Record<string, string> = actionData?.intent === "addRole" ? actionData.values : {};
  return (
    <RecordPageFrame
      texts={{ namespace: "workspace", prefix: "users" }}
      title={user.name}
      listPath={`/${locale}/workspace/users`}
      head={
        <>
          <h1 className="break-words">{user.name}</h1>
          <p className="mt-1 break-words text-slate-700">{user.email}</p>
          <p className="mt-2 flex flex-wrap gap-1">
            {user.isActive ? (
              <Tag tone="success">{t("users.active")}</Tag>
            ) : (
              <Tag tone="warning">{t("users.inactive")}</Tag>
            )}
            {user.isEmailVerified ? (
              <Tag>{t("users.emailVerified")}</Tag>
            ) : (
              <Tag tone="info">{t("users.emailNotVerified")}</Tag>
            )}
            {user.hasTwoFactor ? <Tag>{t("users.twoFactorOn")}</Tag> : <Tag tone="info">{t("users.twoFactorOff")}</Tag>}
            {user.isLocked ? <Tag tone="danger">{t("users.locked")}</Tag> : null}
          </p>
          <p className="mt-2 text-sm text-slate-700">
            {t("users.since", { date: formatDate(user.createdAt, locale) })}
          </p>
        </>
      }
      saved={loaderData.saved}
      errors={errors}
      fieldIds={{ form: actionData?.intent === "addRole" ? "role" : "roles-heading" }}
      status={loaderData.canManage ? { headingId: "account-status-heading", ...user } : null}
      history={loaderData.history && { ...loaderData.history, subjectType: "user", subjectId: user.id }}
    >
      {loaderData.canManage ? null : <p className="mb-6 rounded bg-slate-100 p-4">{t("users.cannotManageSelf")}</p>}

      <section aria-labelledby="roles-heading" className="mb-10 max-w-3xl">
        <h2 id="roles-heading" tabIndex={-1} className="mb-4">
          {t("users.rolesHeading")}
        </h2>
        <ListOrNone
          items={grants}
          none={t("users.noRoles")}
          className="divide-y divide-slate-200 border-y border-slate-200"
        >
          {(g) => (
            <li key={g.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <span className="min-w-0 break-words">
                <span className="font-semibold">{ti(`roles.${g.role}`)}</span>
                {g.scope ? (
                  <span>
                    {" – "}
                    {g.organisationId !== null ? (
                      <Link to={`/${locale}/workspace/organisations/${g.organisationId}`}>{g.scope}</Link>
                    ) : (
                      g.scope
                    )}
                  </span>
                ) : null}
              </span>
              {loaderData.canManage ? (
                <IntentForm intent="removeRole" values={{ assignmentId: g.id }}>
                  <Button
                    variant="secondary"
                    aria-label={t("users.removeRoleLabel", { role: ti(`roles.${g.role}`), scope: g.scope ?? "" })}
                  >
                    {t("users.removeRole")}
                  </Button>
                </IntentForm>
              ) : null}
            </li>
          )}
        </ListOrNone>

        {loaderData.canManage ? (
          <>
            <h3 className="mt-6 mb-3 text-lg">{t("users.addRoleHeading")}</h3>
            <FormFields values={roleValues} errors={errors}>
              <IntentForm intent="addRole" noValidate key={`roles-${grants.length}`}>
                <RoleScopeFields organisations={loaderData.organisations} municipalities={loaderData.municipalities} />
                <Button variant="secondary">{t("users.addRole")}</Button>
              </IntentForm>
            </FormFields>
          </>
        ) : null}
      </section>
    </RecordPageFrame>
  );
}
