import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ListTable } from "#app/components/list-table.tsx";
import { PageHeader, PageHeaderLink } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { documentScope } from "../library-workspace.server.ts";
import { libraryPolicy } from "../library.policy.ts";
import { listWorkspaceDocuments } from "../library.queries.server.ts";
import { LibraryQuerySchema } from "../library.schema.ts";
import type { Route } from "./+types/workspace-documents";

const PAGE_SIZE = 25;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(libraryPolicy, actor, "document.list", null);
  const { page } = LibraryQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { items, total } = await listWorkspaceDocuments(context.db, documentScope(actor), {
    page,
    pageSize: PAGE_SIZE,
  });
  return {
    page,
    total,
    totalLabel: formatNumber(total, locale),
    items: items.map((d) => ({
      id: d.id,
      title: localize(d.title, locale, d.originalLocale),
      docType: d.docType,
      status: d.status,
      issuer: localize(d.organisationName, locale)?.text ?? "",
      issuedLabel: formatDate(`${d.issuedOn}T12:00:00Z`, locale),
      locales: d.locales,
    })),
  };
}

export default function WorkspaceDocuments({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("library");
  const { t: tc } = useTranslation("core");
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("workspace.title")} />
      <PageHeader title={t("workspace.title")} lead={t("workspace.lead")}>
        <PageHeaderLink to={`/${locale}/workspace/library/new`}>{t("workspace.new")}</PageHeaderLink>
      </PageHeader>
      {loaderData.items.length === 0 ? (
        <p>{t("workspace.empty")}</p>
      ) : (
        <ListTable
          caption={t("workspace.title")}
          className="w-full text-left text-sm"
          headRowClassName="border-b border-slate-300"
          headCellClassName="p-2"
          labels={[
            t("workspace.columns.title"),
            t("workspace.columns.type"),
            t("workspace.columns.organisation"),
            t("workspace.columns.date"),
            t("workspace.columns.status"),
            t("workspace.columns.languages"),
          ]}
        >
          {loaderData.items.map((d) => (
            <tr key={d.id} className="border-b border-slate-200">
              <td className="p-2" lang={d.title?.lang}>
                <Link to={`/${locale}/workspace/library/${d.id}`}>{d.title?.text}</Link>
              </td>
              <td className="p-2">{t(`types.${d.docType}`)}</td>
              <td className="p-2">{d.issuer}</td>
              <td className="p-2">{d.issuedLabel}</td>
              <td className="p-2">
                <Tag tone={d.status === "published" ? "success" : "warning"}>{t(`status.${d.status}`)}</Tag>
              </td>
              <td className="p-2">{d.locales.map((l) => tc(`languageName.${l}`)).join(", ")}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <ListPagination list={loaderData} pageSize={PAGE_SIZE} />
    </>
  );
}
