import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { DetailRows, type DetailRow } from "#app/components/detail-rows.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { OutboxStatusTag } from "../components/outbox-status-tag.tsx";
import { getOutboxMessage } from "../mail.queries.server.ts";
import { OutboxIdSchema } from "../mail.schema.ts";
import { requireOutboxReader } from "../outbox-access.server.ts";
import type { Route } from "./+types/outbox-message";

/** One outbox message in full, so a developer can follow the links it carries. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  requireOutboxReader(context, request, locale);
  const id = OutboxIdSchema.safeParse(params.id);
  const message = id.success ? await getOutboxMessage(context.db, id.data) : null;
  if (!message) throw data(null, { status: 404 });
  return { message };
}

/** The text with its web addresses as links (only http and https), so e-mailed links can be followed. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)])/g);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

export default function OutboxMessagePage({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("mail");
  const locale = localeFromParams(params);
  const { message } = loaderData;
  const title = message.subject || t("message.noSubject");
  const rows: DetailRow[] = [
    { key: "to", term: t("message.to"), value: <span className="break-all">{message.to}</span> },
    {
      key: "created",
      term: t("message.created"),
      value: <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, locale)}</time>,
    },
    { key: "status", term: t("message.status"), value: <OutboxStatusTag status={message.status} /> },
    { key: "attempts", term: t("message.attempts"), value: message.attempts },
  ];
  if (message.sentAt)
    rows.push({
      key: "sent",
      term: t("message.sentAt"),
      value: <time dateTime={message.sentAt}>{formatDateTime(message.sentAt, locale)}</time>,
    });
  if (message.lastError)
    rows.push({
      key: "error",
      term: t("message.lastError"),
      value: <code className="text-xs break-all">{message.lastError}</code>,
    });
  return (
    <>
      <PageTitle title={title} />
      <p className="mb-2">
        <Link to={`/${locale}/workspace/outbox`}>{t("message.back")}</Link>
      </p>
      <PageHeader title={title} />
      <DetailRows rows={rows} />
      <LabelledSection id="outbox-text-heading" heading={t("message.text")} className="mt-8">
        <pre
          className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white p-4 font-mono text-sm break-words whitespace-pre-wrap"
          tabIndex={0}
        >
          <LinkedText text={message.text} />
        </pre>
      </LabelledSection>
    </>
  );
}
