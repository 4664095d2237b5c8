import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { ActiveStatusSection } from "#app/components/active-status-section.tsx";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatDate } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { listAuditHistory } from "#app/modules/audit/audit.queries.server.ts";
import { auditPolicy } from "#app/modules/audit/audit.policy.ts";
import { RecordHistory } from "#app/modules/audit/record-history.tsx";
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
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { RoleScopeFields } from "../components/role-scope-fields.tsx";
import { describeGrants, loadScopeNames } from "../user-grants.server.ts";
import type { Route } from "./+types/users-detail";
import { submittedForm } from "#app/services/form-body.server.ts";
import { requireParam } from "#app/services/ids.ts";

const SAVED_NOTICES = ["roleAdded", "roleRemoved", "deactivated", "reactivated"] as const;
type SavedNotice = (typeof SAVED_NOTICES)[number];
const ROLE_FIELDS = ["role", "organisationId", "kasCode", "form"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const userId = requireParam(UserIdSchema, params.id);
  const user = await getUserForAdministration(context.db, userId);
  if (!user) throw data(null, { status: 404 });
  authorize(identityPolicy, actor, "user.list", null);
  const [names, history] = await Promise.all([
    loadScopeNames(context.db, locale, user.grants),
    auditPolicy.can(actor, "audit.read", null) ? listAuditHistory(context.db, "user", userId, { limit: 10 }) : null,
  ]);
  const saved = new URL(request.url).searchParams.get("saved");
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
    saved: (SAVED_NOTICES as readonly string[]).includes(saved ?? "") ? (saved as SavedNotice) : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const userId = requireParam(UserIdSchema, params.id);
  const form = await submittedForm(request, context);
  const intent = String(form.get("intent") ?? "");
  const audit = { actor, requestId: context.requestId };
  const here = `/${locale}/workspace/users/${userId}`;
  const refuse = (status: number, errors: Record<string, string>, values: Record<string, string> = formValues(form)) =>
    data({ intent, errors, values }, { status });

  switch (intent) {
    case "addRole": {
      const parsed = parseForm(RoleAssignmentSchema, form);
      authorize(identityPolicy, actor, "user.manage", { userId });
      if (!parsed.ok) return refuse(400, parsed.errors, parsed.values);
      const result = await addRoleAssignment(context.db, audit, userId, parsed.data);
      if (!result.ok) return refuse(result.status, result.errors);
      throw redirect(`${here}?saved=roleAdded`);
    }
    case "removeRole": {
      const parsed = parseForm(RoleRemovalSchema, form);
      authorize(identityPolicy, actor, "user.manage", { userId });
      if (!parsed.ok) return refuse(400, { form: "workspace:errors.notFound" });
      const result = await removeRoleAssignment(context.db, audit, userId, parsed.data);
      if (!result.ok) return refuse(result.status, result.errors);
      throw redirect(`${here}?saved=roleRemoved`);
    }
    case "deactivate":
    case "reactivate": {
      const parsed = parseForm(UserActiveSchema, form);
      authorize(identityPolicy, actor, "user.manage", { userId });
      if (!parsed.ok) return refuse(400, { form: "core:form.invalid" });
      const isActive = intent === "reactivate";
      const result = await setUserActive(context.db, audit, userId, { version: parsed.data.version, isActive });
      if (!result.ok) return refuse(result.status, result.errors);
      throw redirect(`${here}?saved=${isActive ? "reactivated" : "deactivated"}`);
    }
    default:
      return refuse(400, { form: "core:form.invalid" });
  }
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
  const hasErrors = Object.keys(errors).length > 0;
  const roleValues: Record<string, string> = actionData?.intent === "addRole" ? actionData.values : {};
  return (
    <>
      <PageTitle title={user.name} isError={hasErrors} />
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/users`}>{t("users.backToList")}</Link>
      </p>
      <div className="mb-6">
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
        <p className="mt-2 text-sm text-slate-700">{t("users.since", { date: formatDate(user.createdAt, locale) })}</p>
      </div>

      {loaderData.saved && !hasErrors ? (
        <div
          role="status"
          className="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-4 font-semibold text-emerald-900"
        >
          {t(`users.saved.${loaderData.saved}`)}
        </div>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: actionData?.intent === "addRole" ? "role" : "roles-heading" }} />
      {loaderData.canManage ? null : <p className="mb-6 rounded bg-slate-100 p-4">{t("users.cannotManageSelf")}</p>}

      <section aria-labelledby="roles-heading" className="mb-10 max-w-3xl">
        <h2 id="roles-heading" tabIndex={-1} className="mb-4">
          {t("users.rolesHeading")}
        </h2>
        {grants.length === 0 ? (
          <p>{t("users.noRoles")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 border-y border-slate-200">
            {grants.map((g) => (
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
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="intent" value="removeRole" />
                    <input type="hidden" name="assignmentId" value={g.id} />
                    <Button
                      variant="secondary"
                      aria-label={t("users.removeRoleLabel", { role: ti(`roles.${g.role}`), scope: g.scope ?? "" })}
                    >
                      {t("users.removeRole")}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}

        {loaderData.canManage ? (
          <>
            <h3 className="mt-6 mb-3 text-lg">{t("users.addRoleHeading")}</h3>
            <Form method="post" noValidate key={`roles-${grants.length}`}>
              <CsrfField />
              <input type="hidden" name="intent" value="addRole" />
              <RoleScopeFields
                values={roleValues}
                errors={errors}
                organisations={loaderData.organisations}
                municipalities={loaderData.municipalities}
              />
              <Button variant="secondary">{t("users.addRole")}</Button>
            </Form>
          </>
        ) : null}
      </section>

      {loaderData.canManage ? (
        <ActiveStatusSection
          headingId="account-status-heading"
          heading={t("users.statusHeading")}
          help={user.isActive ? t("users.deactivateHelp") : t("users.reactivateHelp")}
          buttonLabel={user.isActive ? t("users.deactivate") : t("users.reactivate")}
          isActive={user.isActive}
          version={user.version}
        />
      ) : null}

      {loaderData.history ? (
        <RecordHistory
          entries={loaderData.history.entries}
          hasMore={loaderData.history.hasMore}
          subjectType="user"
          subjectId={user.id}
        />
      ) : null}
    </>
  );
}
