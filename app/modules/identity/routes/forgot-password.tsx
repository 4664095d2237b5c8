import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { FormFields } from "#app/components/form-fields.tsx";
import { AccountEmailField } from "../credential-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { parseForm } from "#app/services/forms.ts";
import { Notice, useFormFeedback } from "../form-feedback.tsx";
import { requestPasswordReset } from "../identity.commands.server.ts";
import { formFailure, requestMetaOf } from "../identity.http.server.ts";
import { ForgotPasswordSchema } from "../identity.schema.ts";
import type { Route } from "./+types/forgot-password";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";

export function loader({ request }: Route.LoaderArgs) {
  return { isSent: new URL(request.url).searchParams.get("sent") === "1" };
}

/**
 * Sends a reset link when the address has an account. The answer is the same confirmation
 * either way, so the page cannot be used to find out who has an account.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const form = await submittedForm(request, context);
  const parsed = parseForm(ForgotPasswordSchema, form);
  if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
  await requestPasswordReset(context.db, {
    email: parsed.data.email,
    locale,
    publicUrl: context.publicUrl,
    ...requestMetaOf(request, context),
  });
  return redirect(`/${locale}/forgot-password?sent=1`);
}

export default function ForgotPassword({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const { failure, errors } = useFormFeedback(actionData);
  if (loaderData.isSent && !failure) {
    return (
      <div className="max-w-xl">
        <PageTitle title={t("forgotPassword.sentTitle")} />
        <PageHeader title={t("forgotPassword.sentTitle")} />
        <Notice>{t("forgotPassword.sent")}</Notice>
        <p>{t("forgotPassword.checkSpam")}</p>
        <p className="mt-6">
          <Link to={`/${locale}/sign-in`}>{t("forgotPassword.backToSignIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl">
      <FormPageHead title={t("forgotPassword.title")} lead={t("forgotPassword.lead")} errors={errors} />
      <FormFields values={failure?.values ?? {}} errors={errors}>
        <Form method="post" noValidate>
          <CsrfField />
          <AccountEmailField autoComplete="email" />
          <Button>{t("forgotPassword.submit")}</Button>
        </Form>
      </FormFields>
      <p className="mt-6">
        <Link to={`/${locale}/sign-in`}>{t("forgotPassword.backToSignIn")}</Link>
      </p>
    </div>
  );
}
