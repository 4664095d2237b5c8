import { useTranslation } from "react-i18next";
import { Form, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { parseForm } from "#app/services/forms.ts";
import { useFormFeedback } from "../form-feedback.tsx";
import { emailLinkStatus, UnusableLink, unusableLink } from "../components/link-status.tsx";
import { resetPassword } from "../identity.commands.server.ts";
import { formFailure } from "../identity.http.server.ts";
import { getEmailTokenStatus } from "../identity.queries.server.ts";
import { EmailTokenSchema, NewPasswordSchema } from "../identity.schema.ts";
import type { Route } from "./+types/reset-password";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { NewPasswordFields } from "../credential-fields.tsx";

/** Shows the new-password form if the link still works (opening it changes nothing). */
export async function loader({ params, context }: Route.LoaderArgs) {
  return emailLinkStatus(params.token, (token) => getEmailTokenStatus(context.db, token, "password_reset"));
}

/** Sets the new password, ends every session of the account and sends the reader to sign in. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const token = EmailTokenSchema.safeParse(params.token);
  if (!token.success) return unusableLink("unknown");
  const form = await submittedForm(request, context);
  const parsed = parseForm(NewPasswordSchema, form);
  if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
  const result = await resetPassword(context.db, {
    token: token.data,
    newPassword: parsed.data.newPassword,
    requestId: context.requestId,
  });
  if (result.ok) return redirect(`/${locale}/sign-in?notice=reset`);
  if ("reason" in result) return unusableLink(result.reason);
  return formFailure(400, result.errors, form);
}

export default function ResetPassword({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const { errors } = useFormFeedback(actionData);
  const linkStatus = actionData && "linkStatus" in actionData ? actionData.linkStatus : loaderData.linkStatus;
  if (linkStatus !== "valid") return <UnusableLink kind="reset" status={linkStatus} locale={locale} />;
  return (
    <div className="max-w-xl">
      <FormPageHead title={t("resetPassword.title")} lead={t("resetPassword.lead")} errors={errors} />
      <Form method="post" noValidate>
        <CsrfField />
        <NewPasswordFields errors={errors} />
        <Button>{t("resetPassword.submit")}</Button>
      </Form>
    </div>
  );
}
