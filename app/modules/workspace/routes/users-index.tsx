import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { SearchField, WorkspaceFilterForm } from "#app/components/filter-form.tsx";
import { OptionList } from "#app/components/form.tsx";
import { SelectField } from "#app/components/form-fields.tsx";
import { PageHeader, PageHeaderButton } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { identityPolicy } from "#app/modules/identity/identity.policy.ts";
import { listUsers } from "#app/modules/identity/user-administration.queries.server.ts";
import { UserListQuerySchema } from "#app/modules/identity/user-administration.schema.ts";
import { ROLES } from "#app/services/authorization.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { savedNoticeOf } from "#app/services/saved-notice.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";
import { describeGrants, loadScopeNames } from "../user-grants.server.ts";
import type { Route } from "./+types/users-index";

/** Rows per page of the users list. */
export const USERS_PAGE_SIZE = 25;

const SAVED_NOTICES = ["invited"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const url = new URL(request.url);
  const query = UserListQuerySchema.parse(Object.fromEntries(url.searchParams));
  authorize(identityPolicy, actor, "user.list", null);
  const { items, total } = await listUsers(context.db, query, USERS_PAGE_SIZE);
  const names = await loadScopeNames(
    context.db,
    locale,
    items.flatMap((u) => u.grants),
  );
  return {
    query,
    total,
    canInvite: identityPolicy.can(actor, "user.invite", { role: "cso_member", organisationId: null }),
    organisations: names.organisationOptions,
    saved: savedNoticeOf(url, SAVED_NOTICES),
    rows: items.map((u) => ({ ...u, grants: describeGrants(u.grants, names) })),
  };
}

export default function UsersIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("workspace");
  const { t: ti } = useTranslation("identity");
  const location = useLocation();
  const locale = localeFromParams(params);
  const { query } = loaderData;
  const isFiltered = Boolean(query.q || query.role || query.organisation || query.status !== "all");
  return (
    <>
      <PageTitle title={t("users.title")} />
      <PageHeader title={t("users.title")} lead={t("users.lead")}>
        {loaderData.canInvite ? (
          <PageHeaderButton to={`/${locale}/workspace/users/invite`}>{t("users.invite")}</PageHeaderButton>
        ) : null}
      </PageHeader>
      {loaderData.saved ? <SavedNotice as="div">{t(`users.saved.${loaderData.saved}`)}</SavedNotice> : null}

      <WorkspaceFilterForm
        label={t("users.filters")}
        clear={isFiltered ? { to: `/${locale}/workspace/users`, label: t("users.clearFilters") } : null}
      >
        <SearchField label={t("users.search")} value={query.q} />
        <SelectField name="role" label={t("users.role")} defaultValue={query.role ?? ""}>
          <option value="">{t("users.anyRole")}</option>
          <OptionList options={ROLES.map((role) => ({ value: role, label: ti(`roles.${role}`) }))} />
        </SelectField>
        <SelectField
          name="organisation"
          label={t("users.organisation")}
          defaultValue={query.organisation ? String(query.organisation) : ""}
        >
          <option value="">{t("users.anyOrganisation")}</option>
          <OptionList options={loaderData.organisations} />
        </SelectField>
        <SelectField name="status" label={t("users.status")} defaultValue={query.status}>
          <OptionList
            options={(["all", "active", "inactive"] as const).map((status) => ({
              value: status,
              label: t(`users.statusFilter.${status}`),
            }))}
          />
        </SelectField>
      </WorkspaceFilterForm>

      <DataTable
        caption={t("users.caption", { count: loaderData.total })}
        rows={loaderData.rows}
        rowKey={(row) => row.id}
        columns={[
          {
            key: "name",
            header: t("users.columns.name"),
            rowHeader: true,
            cell: (row) => (
              <span className="break-words">
                <Link to={`/${locale}/workspace/users/${row.id}`}>{row.name}</Link>
                <span className="block text-slate-600">{row.email}</span>
              </span>
            ),
          },
          {
            key: "roles",
            header: t("users.columns.roles"),
            cell: (row) =>
              row.grants.length === 0 ? (
                t("users.noRoles")
              ) : (
                <ul>
                  {row.grants.map((g) => (
                    <li key={g.id}>
                      {ti(`roles.${g.role}`)}
                      {g.scope ? <span className="text-slate-700"> – {g.scope}</span> : null}
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            key: "status",
            header: t("users.columns.status"),
            cell: (row) => (
              <span className="flex flex-wrap gap-1">
                {row.isActive ? (
                  <Tag tone="success">{t("users.active")}</Tag>
                ) : (
                  <Tag tone="warning">{t("users.inactive")}</Tag>
                )}
                {row.isEmailVerified ? null : <Tag tone="info">{t("users.emailNotVerified")}</Tag>}
                {row.hasTwoFactor ? <Tag>{t("users.twoFactorOn")}</Tag> : null}
              </span>
            ),
          },
        ]}
      />
      <Pagination page={query.page} pageSize={USERS_PAGE_SIZE} total={loaderData.total} search={location.search} />
    </>
  );
}
