import type { i18n } from "i18next";
import type { Db } from "#app/db/client.server.ts";
import type { NeedStatus } from "#app/db/tables/needs.ts";
import { resourcesFor, type Messages } from "#app/i18n/catalog.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { isLocale, type Locale } from "#app/i18n/locales.ts";
import { enqueueMail } from "#app/services/mail.server.ts";
import en from "./locales/en.json" with { type: "json" };
import sq from "./locales/sq.json" with { type: "json" };
import sr from "./locales/sr.json" with { type: "json" };

// Imported directly (not through the Vite glob) so that mails also render in jobs and scripts run by tsx.
const CATALOGS: Record<string, Messages> = {
  "/modules/needs/locales/sq.json": sq,
  "/modules/needs/locales/sr.json": sr,
  "/modules/needs/locales/en.json": en,
};

const instances = new Map<Locale, i18n>();

/** A translator for the needs strings in one locale (Cyrillic derived from Serbian Latin), for e-mails. */
export function needsTranslator(locale: Locale): i18n["t"] {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale, resourcesFor(locale, CATALOGS));
    instances.set(locale, instance);
  }
  return instance.getFixedT(locale, "needs");
}

/** What happened to a case that its submitter should hear about. */
export type HandlingEvent = { kind: "status"; status: NeedStatus } | { kind: "publicNote" };

/**
 * Tells the submitter by e-mail that their case changed (a new status or a public note), in the
 * language they wrote in, when they gave an e-mail address and agreed to be contacted. The mail
 * is queued in the caller's transaction. Returns whether a mail was queued.
 *
 * Local to the handling side; to be unified with the public side's `notifySubmitter` when merged.
 */
export async function notifySubmitterOfChange(trx: Db, caseId: number, event: HandlingEvent): Promise<boolean> {
  const row = await trx
    .selectFrom("need_case as c")
    .innerJoin("need_submitter as s", "s.case_id", "c.id")
    .select(["c.reference", "c.submitted_locale", "s.email", "s.contact_consent", "s.erased_at"])
    .where("c.id", "=", caseId)
    .executeTakeFirst();
  if (!row || !row.email || !row.contact_consent || row.erased_at !== null) return false;
  const locale = isLocale(row.submitted_locale) ? row.submitted_locale : "sq";
  const t = needsTranslator(locale);
  const what = event.kind === "status" ? t("workspace.mail.change.status", { status: t(`status.${event.status}`) }) : t("workspace.mail.change.publicNote");
  await enqueueMail(trx, {
    to: row.email,
    subject: t("workspace.mail.change.subject", { reference: row.reference }),
    text: [t("workspace.mail.change.greeting"), what, t("workspace.mail.change.tracking", { reference: row.reference }), t("workspace.mail.signature")].join("\n\n"),
  });
  return true;
}
