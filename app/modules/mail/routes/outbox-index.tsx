import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { Button } from "#app/components/button.tsx";
import { DataTable, type Column } from "#app/components/data-table.tsx";
import { OptionList } from "#app/components/form.tsx";
import { SelectField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { OutboxStatusTag } from "../components/outbox-status-tag.tsx";
import { listOutboxMessages, type OutboxMessageSummary } from "../mail.queries.server.ts";
import { OUTBOX_PAGE_SIZE, OUTBOX_STATUSES, OutboxListQuerySchema } from "../mail.schema.ts";
import { requireOutboxReader } from "../outbox-access.server.ts";
import type { Route } from "./+types/outbox-index";

/** The mail outbox (development only): every message the platform wrote, newest first. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  requireOutboxReader(context, request, locale);
  const { status, page } = OutboxListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { messages, total } = await listOutboxMessages(context.db, { status, page, pageSize: OUTBOX_PAGE_SIZE });
  return { messages, total, page, status: status ?? "" };
}

export default function OutboxIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("mail");
  const location = useLocation();
  const locale = localeFromParams(params);
  const base = `/${locale}/workspace/outbox`;
  const columns: Column<OutboxMessageSummary>[] = [
    {
      key: "created",
      header: t("table.created"),
      cell: (m) => <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, locale)}</time>,
    },
    { key: "to", header: t("table.to"), cell: (m) => <span className="break-all">{m.to}</span> },
    {
      key: "subject",
      header: t("table.subject"),
      rowHeader: true,
      cell: (m) => <Link to={`${base}/${m.id}`}>{m.subject || t("message.noSubject")}</Link>,
    },
    { key: "status", header: t("table.status"), cell: (m) => <OutboxStatusTag status={m.status} /> },
    { key: "attempts", header: t("table.attempts"), numeric: true, cell: (m) => m.attempts },
  ];
  return (
    <>
      <PageTitle title={t("outbox.title")} />
      <PageHeader title={t("outbox.title")} lead={t("outbox.lead")} />
      <Form
        method="get"
        action={base}
        key={loaderData.status}
        className="mb-6 flex flex-col gap-x-4 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:flex-row sm:items-end"
      >
        <div className="sm:w-64">
          <SelectField id="outbox-status" name="status" label={t("filter.status")} defaultValue={loaderData.status}>
            <option value="">{t("filter.all")}</option>
            <OptionList options={OUTBOX_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))} />
          </SelectField>
        </div>
        <Button className="mb-5 self-start sm:self-end">{t("filter.submit")}</Button>
      </Form>
      <DataTable caption={t("table.caption")} columns={columns} rows={loaderData.messages} />
      <Pagination
        page={loaderData.page}
        pageSize={OUTBOX_PAGE_SIZE}
        total={loaderData.total}
        search={location.search}
      />
    </>
  );
}
