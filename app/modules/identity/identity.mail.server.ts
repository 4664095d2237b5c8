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

/**
 * A mail carrying a single-use link, in the reader's language: the greeting, what the link is for, the link,
 * how long it works, and the closing lines (ignore it if unexpected, the signature).
 */
function linkMail(
  t: i18n["t"],
  input: { to: string; name: string; link: string },
  words: { subject: string; body: string; expiry: string },
): OutgoingMail {
  return {
    to: input.to,
    subject: words.subject,
    text: [
      t("mail.greeting", { name: input.name }),
      words.body,
      input.link,
      words.expiry,
      t("mail.ignore"),
      t("mail.signature"),
    ].join("\n\n"),
  };
}

/** The invitation to join the platform, with its single-use link. */
export function invitationMail(
  locale: Locale,
  input: { to: string; name: string; role: Role; organisationName: string | null; link: string },
): OutgoingMail {
  const t = translator(locale);
  const role = t(`roles.${input.role}`);
  return linkMail(t, input, {
    subject: t("mail.invitation.subject"),
    body: input.organisationName
      ? t("mail.invitation.bodyWithOrganisation", { role, organisation: input.organisationName })
      : t("mail.invitation.body", { role }),
    expiry: t("mail.invitation.expiry", { days: 7 }),
  });
}

/** The password reset link. */
export function passwordResetMail(locale: Locale, input: { to: string; name: string; link: string }): OutgoingMail {
  const t = translator(locale);
  return linkMail(t, input, {
    subject: t("mail.passwordReset.subject"),
    body: t("mail.passwordReset.body"),
    expiry: t("mail.passwordReset.expiry", { minutes: 60 }),
  });
}

/** The e-mail address verification link. */
export function emailVerificationMail(locale: Locale, input: { to: string; name: string; link: string }): OutgoingMail {
  const t = translator(locale);
  return linkMail(t, input, {
    subject: t("mail.verifyEmail.subject"),
    body: t("mail.verifyEmail.body"),
    expiry: t("mail.verifyEmail.expiry", { hours: 24 }),
  });
}
