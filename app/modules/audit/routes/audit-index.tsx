import { useTranslation } from "react-i18next";
import { data, Link, useLocation } from "react-router";
import { HeadedFilterForm } from "#app/components/filter-form.tsx";
import { Button } from "#app/components/button.tsx";
import { DataTable, type Column } from "#app/components/data-table.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { FormFields, TextField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { historySearch, type AuditEntryView } from "../audit-entry.ts";
import { auditPolicy } from "../audit.policy.ts";
import { listAuditEntries } from "../audit.queries.server.ts";
import { AUDIT_PAGE_SIZE, parseAuditFilter } from "../audit.schema.ts";
import { AuditActor, AuditChangesDisclosure } from "../components/audit-changes.tsx";
import type { Route } from "./+types/audit-index";

/** The audit log: administrators and coordinators browse and filter every recorded change. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const parsed = parseAuditFilter(new URL(request.url).searchParams);
  authorize(auditPolicy, actor, "audit.read", null);
  if (!parsed.ok) {
    return data(
      {
        entries: [] as AuditEntryView[],
        total: 0,
        page: 1,
        values: parsed.values,
        errors: parsed.errors as Record<string, string> | null,
      },
      { status: 400 },
    );
  }
  const { page, ...filter } = parsed.filter;
  const { entries, total } = await listAuditEntries(context.db, filter, { page, pageSize: AUDIT_PAGE_SIZE });
  return data({ entries, total, page, values: parsed.values, errors: null as Record<string, string> | null });
}

/** Examples the hints show; passed as arguments so that the Cyrillic interface keeps them in Latin. */
const HINT_EXAMPLES = { actionExample: "user.invite", actionPrefix: "user.", typeExample: "organisation" };

const TEXT_FIELDS = [
  { name: "q", width: "sm:w-72" },
  { name: "action", width: "sm:w-56" },
  { name: "subjectType", width: "sm:w-56" },
  { name: "subjectId", width: "sm:w-40" },
] as const;

/** The period filters (a day each, from and to). */
const DATE_FIELDS = ["from", "to"] as const;

/** Each filter's element id (`audit-<name>`), where the error summary's links lead. */
const FILTER_IDS = Object.fromEntries(
  [...TEXT_FIELDS.map((field) => field.name), ...DATE_FIELDS, "actor"].map((name) => [name, `audit-${name}`]),
);

export default function AuditIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("audit");
  const location = useLocation();
  const locale = localeFromParams(params);
  const { entries, total, page, values, errors } = loaderData;
  const translatedErrors = Object.fromEntries(Object.entries(errors ?? {}).map(([field, key]) => [field, t(key)]));
  const base = `/${locale}/workspace/audit`;
  const isFiltered = Object.values(values).some((v) => v.trim() !== "");

  const columns: Column<AuditEntryView>[] = [
    {
      key: "time",
      header: t("table.time"),
      rowHeader: true,
      cell: (entry) => (
        <Link to={`${base}/${entry.id}`}>
          <span className="sr-only">{t("table.open", { id: entry.id })}: </span>
          <time dateTime={entry.occurredAt} className="whitespace-nowrap">
            {formatDateTime(entry.occurredAt, locale)}
          </time>
        </Link>
      ),
    },
    {
      key: "actor",
      header: t("table.actor"),
      cell: (entry) =>
        entry.actorUserId ? (
          <Link
            to={`${base}?${new URLSearchParams({ actor: entry.actorUserId })}`}
            className="[overflow-wrap:break-word]"
          >
            <AuditActor label={entry.actorLabel} userId={entry.actorUserId} />
          </Link>
        ) : (
          <AuditActor label={entry.actorLabel} userId={entry.actorUserId} />
        ),
    },
    {
      key: "what",
      header: t("table.what"),
      cell: (entry) => (
        <>
          <code className="block text-xs whitespace-nowrap">{entry.action}</code>
          <Link
            to={`${base}?${historySearch(entry.subjectType, entry.subjectId)}`}
            aria-label={t("subject.historyLink", { type: entry.subjectType, id: entry.subjectId })}
          >
            {t("subject.label", { type: entry.subjectType, id: entry.subjectId })}
          </Link>
        </>
      ),
    },
    { key: "changes", header: t("table.changes"), cell: (entry) => <AuditChangesDisclosure changes={entry.changes} /> },
  ];

  return (
    <>
      <PageTitle title={t("index.title")} isError={errors !== null} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      <ErrorSummary errors={translatedErrors} fieldIds={FILTER_IDS} />

      <FormFields values={values} errors={translatedErrors}>
        <HeadedFilterForm id="audit-filter-heading" heading={t("filter.heading")} action={base} tone="bg-slate-50">
          <div className="flex flex-col gap-x-4 sm:flex-row sm:flex-wrap">
            {TEXT_FIELDS.map(({ name, width }) => (
              <div key={name} className={width}>
                <TextField
                  id={`audit-${name}`}
                  name={name}
                  label={t(`filter.${name}`)}
                  hint={t(`filter.${name}Hint`, HINT_EXAMPLES)}
                  optional
                  maxLength={200}
                  autoComplete="off"
                  spellCheck={false}
                />
              </div>
            ))}
            {DATE_FIELDS.map((name) => (
              <div key={name} className="sm:w-44">
                <TextField
                  id={`audit-${name}`}
                  name={name}
                  label={t(`filter.${name}`)}
                  hint={t("filter.dateHint")}
                  optional
                  type="date"
                />
              </div>
            ))}
          </div>
          {values.actor ? (
            <p id="audit-actor" className="mb-4">
              <input type="hidden" name="actor" value={values.actor} />
              {translatedErrors.actor ? (
                <span className="font-semibold text-red-800">{translatedErrors.actor} </span>
              ) : (
                t("filter.actorOnly")
              )}
            </p>
          ) : null}
          <div className="flex flex-wrap items-center gap-4">
            <Button>{t("filter.submit")}</Button>
            {isFiltered ? <Link to={base}>{t("filter.clear")}</Link> : null}
          </div>
        </HeadedFilterForm>
      </FormFields>

      <DataTable caption={t("table.caption")} columns={columns} rows={entries} />
      <Pagination page={page} pageSize={AUDIT_PAGE_SIZE} total={total} search={location.search} />
      <p className="mt-6 text-sm text-slate-700">{t("index.readOnly")}</p>
    </>
  );
}
