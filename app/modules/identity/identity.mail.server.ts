import type { i18n } from "i18next";
import { resourcesFor, type Messages } from "#app/i18n/catalog.ts";
import type { Locale } from "#app/i18n/locales.ts";
import type { OutgoingMail } from "#app/services/mail.server.ts";
import type { Role } from "#app/services/authorization.ts";
import en from "./locales/en.json" with { type: "json" };
import sq from "./locales/sq.json" with { type: "json" };
import sr from "./locales/sr.json" with { type: "json" };
import tr from "./locales/tr.json" with { type: "json" };
import bs from "./locales/bs.json" with { type: "json" };
import { serverTranslators } from "#app/i18n/server-translator.server.ts";

// The identity catalogs are imported directly (not through the Vite glob of every module) so that
// the mail texts also work in scripts run by tsx, such as the demo seed.
const CATALOGS: Record<string, Messages> = {
  "/modules/identity/locales/sq.json": sq,
  "/modules/identity/locales/sr.json": sr,
  "/modules/identity/locales/en.json": en,
  "/modules/identity/locales/tr.json": tr,
  "/modules/identity/locales/bs.json": bs,
};

const translators = serverTranslators((locale) => resourcesFor(locale, CATALOGS));

/** A translator for the identity strings in one locale (Cyrillic derived from Serbian Latin). */
function translator(locale: Locale): i18n["t"] {
  return translators(locale, "identity");
}

/** The invitation to join the platform, with its single-use link. */
export function invitationMail(
  locale: Locale,
  input: { to: string; name: string; role: Role; organisationName: string | null; link: string },
): OutgoingMail {
  const t = translator(locale);
  const role = t(`roles.${input.role}`);
  return {
    to: input.to,
    subject: t("mail.invitation.subject"),
    text: [
      t("mail.greeting", { name: input.name }),
      input.organisationName
        ? t("mail.invitation.bodyWithOrganisation", { role, organisation: input.organisationName })
        : t("mail.invitation.body", { role }),
      input.link,
      t("mail.invitation.expiry", { days: 7 }),
      t("mail.ignore"),
      t("mail.signature"),
    ].join("\n\n"),
  };
}

/** The password reset link. */
export function passwordResetMail(locale: Locale, input: { to: string; name: string; link: string }): OutgoingMail {
  const t = translator(locale);
  return {
    to: input.to,
    subject: t("mail.passwordReset.subject"),
    text: [
      t("mail.greeting", { name: input.name }),
      t("mail.passwordReset.body"),
      input.link,
      t("mail.passwordReset.expiry", { minutes: 60 }),
      t("mail.ignore"),
      t("mail.signature"),
    ].join("\n\n"),
  };
}

/** The e-mail address verification link. */
export function emailVerificationMail(locale: Locale, input: { to: string; name: string; link: string }): OutgoingMail {
  const t = translator(locale);
  return {
    to: input.to,
    subject: t("mail.verifyEmail.subject"),
    text: [
      t("mail.greeting", { name: input.name }),
      t("mail.verifyEmail.body"),
      input.link,
      t("mail.verifyEmail.expiry", { hours: 24 }),
      t("mail.ignore"),
      t("mail.signature"),
    ].join("\n\n"),
  };
}
