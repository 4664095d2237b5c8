import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { Button } from "#app/components/button.tsx";
import { DataTable } from "#app/components/data-table.tsx";
import { Field, Select, TextInput } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { identityPolicy } from "#app/modules/identity/identity.policy.ts";
import { listUsers } from "#app/modules/identity/user-administration.queries.server.ts";
import { UserListQuerySchema } from "#app/modules/identity/user-administration.schema.ts";
import { ROLES } from "#app/services/authorization.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
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
  const names = await loadScopeNames(context.db, locale, items.flatMap((u) => u.grants));
  const saved = url.searchParams.get("saved");
  return {
    query,
    total,
    canInvite: identityPolicy.can(actor, "user.invite", { role: "cso_member", organisationId: null }),
    organisations: names.organisationOptions,
    saved: (SAVED_NOTICES as readonly string[]).includes(saved ?? "") ? (saved as (typeof SAVED_NOTICES)[number]) : null,
    rows: items.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      isActive: u.isActive,
      isEmailVerified: u.isEmailVerified,
      hasTwoFactor: u.hasTwoFactor,
      grants: describeGrants(u.grants, names),
    })),
  };
}

export default function UsersIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("workspace");
  const { t: ti } = useTranslation("identity");
  const { t: tc } = useTranslation("core");
  const location = useLocation();
  const locale = localeFromParams(params);
  const { query } = loaderData;
  const isFiltered = Boolean(query.q || query.role || query.organisation || query.status !== "all");
  return (
    <>
      <PageTitle title={t("users.title")} />
      <PageHeader title={t("users.title")} lead={t("users.lead")}>
        {loaderData.canInvite ? (
          <p className="mt-4">
            <Link to={`/${locale}/workspace/users/invite`} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white">
              {t("users.invite")}
            </Link>
          </p>
        ) : null}
      </PageHeader>
      {loaderData.saved ? (
        <div role="status" className="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-4 font-semibold text-emerald-900">
          {t(`users.saved.${loaderData.saved}`)}
        </div>
      ) : null}

      <Form method="get" key={location.search} role="search" aria-label={t("users.filters")} className="mb-6 grid gap-x-4 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="q" label={t("users.search")}>
          {(aria) => <TextInput {...aria} type="search" name="q" defaultValue={query.q} maxLength={100} />}
        </Field>
        <Field id="role" label={t("users.role")}>
          {(aria) => (
            <Select {...aria} name="role" defaultValue={query.role ?? ""}>
              <option value="">{t("users.anyRole")}</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ti(`roles.${role}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="organisation" label={t("users.organisation")}>
          {(aria) => (
            <Select {...aria} name="organisation" defaultValue={query.organisation ? String(query.organisation) : ""}>
              <option value="">{t("users.anyOrganisation")}</option>
              {loaderData.organisations.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="status" label={t("users.status")}>
          {(aria) => (
            <Select {...aria} name="status" defaultValue={query.status}>
              {(["all", "active", "inactive"] as const).map((status) => (
                <option key={status} value={status}>
                  {t(`users.statusFilter.${status}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
          <Button>{tc("form.filter")}</Button>
          {isFiltered ? <Link to={`/${locale}/workspace/users`}>{t("users.clearFilters")}</Link> : null}
        </div>
      </Form>

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
                {row.isActive ? <Tag tone="success">{t("users.active")}</Tag> : <Tag tone="warning">{t("users.inactive")}</Tag>}
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
