import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "#app/i18n/format.ts";
import { isLocale } from "#app/i18n/locales.ts";
import { historySearch, type AuditEntryView } from "./audit-entry.ts";
import { AuditActor, AuditChangesDisclosure } from "./components/audit-changes.tsx";

/**
 * "History of this record", for any record's page: the changes recorded in the audit log for one
 * subject, newest first, each with its before/after table, and a link to the full history in the
 * audit log. Give it what `listAuditHistory` returned (only to readers the audit policy allows).
 */
export function RecordHistory({
  entries,
  hasMore = false,
  subjectType,
  subjectId,
  headingLevel = 2,
}: {
  entries: AuditEntryView[];
  hasMore?: boolean;
  subjectType: string;
  subjectId: string | number;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation("audit");
  const locale = isLocale(i18n.language) ? i18n.language : "sq";
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `record-history-${subjectType}-${subjectId}`.replace(/[^\w-]/g, "-");
  return (
    <section aria-labelledby={headingId} className="mt-8">
      <Heading id={headingId}>{t("history.heading")}</Heading>
      {entries.length === 0 ? (
        <p className="mt-2 text-slate-700">{t("history.empty")}</p>
      ) : (
        <ol className="mt-3 flex flex-col gap-3">
          {entries.map((entry) => (
            <li key={entry.id} className="rounded border border-slate-200 p-3">
              <p className="text-sm">
                <Link to={`/${locale}/workspace/audit/${entry.id}`}>
                  <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale)}</time>
                </Link>{" "}
                · <code className="text-xs">{entry.action}</code> ·{" "}
                <span>
                  <AuditActor label={entry.actorLabel} userId={entry.actorUserId} />
                </span>
              </p>
              <div className="mt-1">
                <AuditChangesDisclosure changes={entry.changes} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {hasMore || entries.length > 0 ? (
        <p className="mt-3">
          <Link to={`/${locale}/workspace/audit?${historySearch(subjectType, String(subjectId))}`}>
            {t("history.more")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
