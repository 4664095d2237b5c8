import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { OneButtonPage } from "../components/one-button-page.tsx";
import { emailLinkStatus, UnusableLink, unusableLink } from "../components/link-status.tsx";
import { verifyEmail } from "../identity.commands.server.ts";
import { getEmailTokenStatus } from "../identity.queries.server.ts";
import { EmailTokenSchema } from "../identity.schema.ts";
import type { Route } from "./+types/verify-email";
import { localeFromParams } from "#app/i18n/locales.ts";

/**
 * Opening the link only shows a button: mail scanners that follow links must not confirm an
 * address on their own, and no GET changes data.
 */
export async function loader({ params, context }: Route.LoaderArgs) {
  return emailLinkStatus(params.token, (token) => getEmailTokenStatus(context.db, token, "email_verification"));
}

/** Confirms the address, then shows the profile (or the sign-in page) with a confirmation. */
export async function action({ params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const token = EmailTokenSchema.safeParse(params.token);
  if (!token.success) return unusableLink("unknown");
  const result = await verifyEmail(context.db, { token: token.data, requestId: context.requestId });
  if (!result.ok) return unusableLink(result.reason);
  return redirect(
    context.session ? `/${locale}/workspace/profile?notice=verified` : `/${locale}/sign-in?notice=verified`,
  );
}

export default function VerifyEmail({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const linkStatus = actionData?.linkStatus ?? loaderData.linkStatus;
  if (linkStatus !== "valid") return <UnusableLink kind="verify" status={linkStatus} locale={locale} />;
  return <OneButtonPage title={t("verifyEmail.title")} lead={t("verifyEmail.lead")} submit={t("verifyEmail.submit")} />;
}
