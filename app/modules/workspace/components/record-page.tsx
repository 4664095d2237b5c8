import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BackLink } from "#app/components/back-link.tsx";
import { ActiveStatusSection } from "#app/components/active-status-section.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { SavedNotice } from "#app/components/saved-notice.tsx";
import type { AuditEntryView } from "#app/modules/audit/audit-entry.ts";
import { RecordHistory } from "#app/modules/audit/record-history.tsx";

/**
 * The frame of a workspace record page (a user, an organisation; its loader and action are in
 * record-page.server.ts): the document title ("Error:" after a refused form), the way back to the list,
 * the record's head, the saved notice (not beside errors), the error summary, the page's own sections
 * (`children`), then the section that deactivates or reactivates the record (`status`, for those who
 * may) and its history (`history`, for readers of the audit log).
 *
 * Its words are the page's, under one key prefix of the page's namespace (`texts`): `backToList`,
 * `saved.<notice>`, `statusHeading`, `deactivate`, `deactivateHelp`, `reactivate`, `reactivateHelp`.
 */
export function RecordPageFrame({
  texts,
  title,
  listPath,
  head,
  saved,
  errors,
  fieldIds,
  status,
  history,
  children,
}: {
  texts: { namespace: string; prefix: string };
  title: string;
  /** The list the page goes back to, or null when the reader may not see it. */
  listPath: string | null;
  /** The record's heading and what is said under it. */
  head: ReactNode;
  saved: string | null;
  /** The refused form's errors (translated) and the fields the summary links them to. */
  errors: Record<string, string>;
  fieldIds: Record<string, string>;
  status: { headingId: string; isActive: boolean; version: number } | null;
  history: { entries: AuditEntryView[]; hasMore: boolean; subjectType: string; subjectId: string | number } | null;
  children: ReactNode;
}) {
  const { t } = useTranslation(texts.namespace, { keyPrefix: texts.prefix });
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <PageTitle title={title} isError={hasErrors} />
      {listPath ? <BackLink to={listPath}>{t("backToList")}</BackLink> : null}
      <div className="mb-6">{head}</div>
      {saved && !hasErrors ? <SavedNotice as="div">{t(`saved.${saved}`)}</SavedNotice> : null}
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      {children}
      {status ? (
        <ActiveStatusSection
          headingId={status.headingId}
          heading={t("statusHeading")}
          help={status.isActive ? t("deactivateHelp") : t("reactivateHelp")}
          buttonLabel={status.isActive ? t("deactivate") : t("reactivate")}
          isActive={status.isActive}
          version={status.version}
        />
      ) : null}
      {history ? <RecordHistory {...history} /> : null}
    </>
  );
}
