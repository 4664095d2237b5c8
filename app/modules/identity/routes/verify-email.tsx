import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { UnusableLink } from "../components/link-status.tsx";
import { verifyEmail } from "../identity.commands.server.ts";
import { getEmailTokenStatus } from "../identity.queries.server.ts";
import { EmailTokenSchema } from "../identity.schema.ts";
import type { Route } from "./+types/verify-email";
import { localeFromParams } from "#app/i18n/locales.ts";

function unusable(status: "gone" | "unknown") {
  return data({ linkStatus: status }, { status: status === "gone" ? 410 : 404 });
}

/**
 * Opening the link only shows a button: mail scanners that follow links must not confirm an
 * address on their own, and no GET changes data.
 */
export async function loader({ params, context }: Route.LoaderArgs) {
  const token = EmailTokenSchema.safeParse(params.token);
  if (!token.success) return unusable("unknown");
  const status = await getEmailTokenStatus(context.db, token.data, "email_verification");
  if (status !== "valid") return unusable(status);
  return { linkStatus: "valid" as const };
}

/** Confirms the address, then shows the profile (or the sign-in page) with a confirmation. */
export async function action({ params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const token = EmailTokenSchema.safeParse(params.token);
  if (!token.success) return unusable("unknown");
  const result = await verifyEmail(context.db, { token: token.data, requestId: context.requestId });
  if (!result.ok) return unusable(result.reason);
  return redirect(
    context.session ? `/${locale}/workspace/profile?notice=verified` : `/${locale}/sign-in?notice=verified`,
  );
}

export default function VerifyEmail({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const linkStatus = actionData?.linkStatus ?? loaderData.linkStatus;
  if (linkStatus !== "valid") return <UnusableLink kind="verify" status={linkStatus} locale={locale} />;
  return (
    <div className="max-w-xl">
      <PageTitle title={t("verifyEmail.title")} />
      <PageHeader title={t("verifyEmail.title")} lead={t("verifyEmail.lead")} />
      <Form method="post">
        <CsrfField />
        <Button>{t("verifyEmail.submit")}</Button>
      </Form>
    </div>
  );
}
