import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { TermList, type TermRow } from "#app/components/term-list.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { historySearch } from "../audit-entry.ts";
import { auditPolicy } from "../audit.policy.ts";
import { getAuditEntry } from "../audit.queries.server.ts";
import { AuditIdSchema } from "../audit.schema.ts";
import { AuditActor, AuditChangesTable } from "../components/audit-changes.tsx";
import type { Route } from "./+types/audit-entry";

/** One audit record in full: who, when, on whose behalf, what, and every changed field. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = AuditIdSchema.safeParse(params.id);
  authorize(auditPolicy, actor, "audit.read", null);
  const entry = id.success ? await getAuditEntry(context.db, id.data) : null;
  if (!entry) throw data(null, { status: 404 });
  return { entry };
}

export default function AuditEntryPage({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("audit");
  const locale = localeFromParams(params);
  const { entry } = loaderData;
  const base = `/${locale}/workspace/audit`;
  const title = t("entry.title", { id: entry.id });
  const rows: TermRow[] = [
    {
      key: "time",
      term: t("entry.time"),
      value: <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale)}</time>,
    },
    { key: "actor", term: t("entry.actor"), value: <AuditActor label={entry.actorLabel} userId={entry.actorUserId} /> },
    {
      key: "organisation",
      term: t("entry.organisation"),
      value: entry.organisationId === null ? t("entry.none") : t("entry.organisationId", { id: entry.organisationId }),
    },
    { key: "action", term: t("entry.action"), value: <code>{entry.action}</code> },
    {
      key: "subject",
      term: t("entry.subject"),
      value: (
        <Link to={`${base}?${historySearch(entry.subjectType, entry.subjectId)}`}>
          {t("subject.label", { type: entry.subjectType, id: entry.subjectId })}
        </Link>
      ),
    },
    {
      key: "request",
      term: t("entry.requestId"),
      value: entry.requestId ? <code className="text-xs break-all">{entry.requestId}</code> : t("entry.none"),
    },
  ];
  return (
    <>
      <PageTitle title={title} />
      <p className="mb-2">
        <Link to={base}>{t("entry.back")}</Link>
      </p>
      <PageHeader title={title} lead={t("index.readOnly")} />
      <TermList rows={rows} valueClassName="min-w-0 break-words" />
      <LabelledSection id="audit-changes-heading" heading={t("changes.caption")} className="mt-8">
        {entry.changes.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("changes.summary", { count: 0 })}</p>
        ) : (
          <div className="overflow-x-auto" role="region" aria-labelledby="audit-changes-heading" tabIndex={0}>
            <AuditChangesTable changes={entry.changes} caption={t("changes.caption")} />
          </div>
        )}
      </LabelledSection>
      <p className="mt-6">
        <Link to={`${base}?${historySearch(entry.subjectType, entry.subjectId)}`}>{t("entry.history")}</Link>
      </p>
    </>
  );
}
