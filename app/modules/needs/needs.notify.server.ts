import type { Db } from "#app/db/client.server.ts";
import type { NeedStatus } from "#app/db/tables/needs.ts";
import { DEFAULT_LOCALE, isLocale } from "#app/i18n/locales.ts";
import { enqueueMail } from "#app/services/mail.server.ts";
import { formatTrackingCode } from "./public/tracking-code.server.ts";
import { needsTranslator } from "./public/translator.server.ts";

/**
 * What happened to a case that its submitter should hear about. Only the confirmation carries the
 * tracking code: the platform keeps no copy of it, so later messages link to the page where the
 * code is typed in.
 */
export type NeedNotification =
  | { kind: "received"; trackingCode: string; publicUrl: string }
  | { kind: "status_changed"; status: NeedStatus; publicUrl: string }
  | { kind: "public_note"; publicUrl: string };

/**
 * Puts an e-mail to the submitter in the outbox, in the caller's transaction, in the language they
 * submitted in — only when they gave an e-mail address with consent to be contacted and it has not
 * been erased. Returns the outbox id, or null when nobody is to be told. The message names the case
 * by its reference and says nothing of its content (e-mail is not a private channel).
 */
export async function notifySubmitter(trx: Db, caseId: number, event: NeedNotification): Promise<number | null> {
  const row = await trx
    .selectFrom("need_case as c")
    .innerJoin("need_submitter as s", "s.case_id", "c.id")
    .select(["c.reference", "c.submitted_locale", "s.email", "s.contact_consent", "s.erased_at"])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!row || !row.email || !row.contact_consent || row.erased_at !== null) return null;
  const locale = isLocale(row.submitted_locale) ? row.submitted_locale : DEFAULT_LOCALE;
  const t = needsTranslator(locale);
  const base = event.publicUrl.replace(/\/+$/, "");
  const trackPage = `${base}/${locale}/needs/track`;
  const reference = row.reference;
  let subject: string;
  let text: string;
  if (event.kind === "received") {
    const code = formatTrackingCode(event.trackingCode) ?? event.trackingCode;
    subject = t("public.mail.received.subject", { reference });
    text = t("public.mail.received.body", { reference, code, link: `${trackPage}/${code}`, trackPage });
  } else if (event.kind === "status_changed") {
    subject = t("public.mail.statusChanged.subject", { reference });
    text = t("public.mail.statusChanged.body", { reference, status: t(`status.${event.status}`), trackPage });
  } else {
    subject = t("public.mail.publicNote.subject", { reference });
    text = t("public.mail.publicNote.body", { reference, trackPage });
  }
  return enqueueMail(trx, { to: row.email, subject, text: `${text}\n\n${t("public.mail.footer")}` });
}
