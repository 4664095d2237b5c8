import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { SearchField, WorkspaceFilterForm } from "#app/components/filter-form.tsx";
import { OptionList } from "#app/components/form.tsx";
import { SelectField } from "#app/components/form-fields.tsx";
import { PageHeader, PageHeaderButton } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { organisationsPolicy } from "#app/modules/organisations/organisations.policy.ts";
import { listOrganisations, loadOrganisationChoices } from "#app/modules/organisations/organisations.queries.server.ts";
import {
  ORGANISATION_STATUS_FILTERS,
  OrganisationListQuerySchema,
} from "#app/modules/organisations/organisations.schema.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import type { Route } from "./+types/organisations-index";

/** Rows per page of the organisations list. */
export const ORGANISATIONS_PAGE_SIZE = 25;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const query = OrganisationListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  authorize(organisationsPolicy, actor, "organisation.list", null);
  const [{ items, total }, choices] = await Promise.all([
    listOrganisations(context.db, query, ORGANISATIONS_PAGE_SIZE),
    loadOrganisationChoices(context.db, locale),
  ]);
  const typeLabel = new Map(choices.types.map((c) => [c.value, c.label]));
  const sectorLabel = new Map(choices.sectors.map((c) => [c.value, c.label]));
  return {
    query,
    total,
    canCreate: organisationsPolicy.can(actor, "organisation.create", null),
    choices: { types: choices.types, municipalities: choices.municipalities },
    rows: items.map((o) => ({
      id: o.id,
      name: localize(o.name, locale),
      acronym: o.acronym,
      type: typeLabel.get(o.typeCode) ?? o.typeCode,
      municipality: o.municipality ? municipalityName(o.municipality, locale) : null,
      sectors: o.sectors.map((code) => sectorLabel.get(code) ?? code),
      contactCount: o.contactCount,
      userCount: o.userCount,
      isActive: o.isActive,
    })),
  };
}

export default function OrganisationsIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("organisations");
  const locale = localeFromParams(params);
  const { query, choices } = loaderData;
  const isFiltered = Boolean(query.q || query.type || query.municipality || query.status !== "active");
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")}>
        {loaderData.canCreate ? (
          <PageHeaderButton to={`/${locale}/workspace/organisations/new`}>{t("index.create")}</PageHeaderButton>
        ) : null}
      </PageHeader>

      <WorkspaceFilterForm
        label={t("index.filters")}
        clear={isFiltered ? { to: `/${locale}/workspace/organisations`, label: t("index.clearFilters") } : null}
      >
        <SearchField label={t("index.search")} hint={t("index.searchHint")} value={query.q} />
        <SelectField name="type" label={t("index.type")} defaultValue={query.type ?? ""}>
          <option value="">{t("index.anyType")}</option>
          <OptionList options={choices.types} />
        </SelectField>
        <SelectField name="municipality" label={t("index.municipality")} defaultValue={query.municipality ?? ""}>
          <option value="">{t("index.anyMunicipality")}</option>
          <OptionList options={choices.municipalities} />
        </SelectField>
        <SelectField name="status" label={t("index.status")} defaultValue={query.status}>
          <OptionList
            options={ORGANISATION_STATUS_FILTERS.map((status) => ({
              value: status,
              label: t(`index.statusFilter.${status}`),
            }))}
          />
        </SelectField>
      </WorkspaceFilterForm>

      <DataTable
        caption={t("index.caption", { count: loaderData.total })}
        rows={loaderData.rows}
        columns={[
          {
            key: "name",
            header: t("index.columns.name"),
            rowHeader: true,
            cell: (row) => (
              <>
                <Link to={`/${locale}/workspace/organisations/${row.id}`} lang={row.name?.lang}>
                  {row.name?.text ?? t("index.unnamed")}
                </Link>
                {row.acronym ? <span className="ms-1 text-slate-600">({row.acronym})</span> : null}{" "}
                <TranslationNote value={row.name} />
              </>
            ),
          },
          { key: "type", header: t("index.columns.type"), cell: (row) => row.type },
          { key: "municipality", header: t("index.columns.municipality"), cell: (row) => row.municipality ?? "—" },
          {
            key: "sectors",
            header: t("index.columns.sectors"),
            cell: (row) => (row.sectors.length ? row.sectors.join(", ") : "—"),
          },
          { key: "contacts", header: t("index.columns.contacts"), numeric: true, cell: (row) => row.contactCount },
          { key: "users", header: t("index.columns.users"), numeric: true, cell: (row) => row.userCount },
          {
            key: "status",
            header: t("index.columns.status"),
            cell: (row) =>
              row.isActive ? (
                <Tag tone="success">{t("status.active")}</Tag>
              ) : (
                <Tag tone="warning">{t("status.inactive")}</Tag>
              ),
          },
        ]}
      />
      <ListPagination list={{ page: query.page, total: loaderData.total }} pageSize={ORGANISATIONS_PAGE_SIZE} />
    </>
  );
}
