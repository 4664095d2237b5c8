import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { FormFields } from "#app/components/form-fields.tsx";
import { AccountEmailField, CurrentPasswordField } from "../credential-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { parseForm } from "#app/services/forms.ts";
import { safeReturnTo } from "#app/services/guards.server.ts";
import { Notice, useFormFeedback } from "../form-feedback.tsx";
import { signIn } from "../identity.commands.server.ts";
import { credentialFailure, formFailure, requestMetaOf, withSessionCookie } from "../identity.http.server.ts";
import { SignInSchema } from "../identity.schema.ts";
import type { Route } from "./+types/sign-in";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";

const NOTICES = ["reset", "verified", "twoFactorEnded", "signedOut"] as const;
type SignInNotice = (typeof NOTICES)[number];

/** The sign-in form; someone already signed in goes on to where they were heading. */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const url = new URL(request.url);
  const returnTo = url.searchParams.get("returnTo");
  if (context.actor.kind === "user" && context.session) {
    if (!context.actor.twoFactorVerified && context.session.hasTwoFactor) {
      throw redirect(`/${locale}/sign-in/two-factor${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`);
    }
    throw redirect(safeReturnTo(returnTo, locale));
  }
  const notice = url.searchParams.get("notice");
  return {
    returnTo: returnTo && safeReturnTo(returnTo, locale) === returnTo ? returnTo : "",
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as SignInNotice) : null,
  };
}

/** Checks the e-mail and password; on success starts a new session and goes on (or to the code step). */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const form = await submittedForm(request, context);
  const parsed = parseForm(SignInSchema, form);
  if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
  const result = await signIn(context.db, {
    email: parsed.data.email,
    password: parsed.data.password,
    previousSessionId: context.session?.sessionId ?? null,
    ...requestMetaOf(request, context),
  });
  if (!result.ok) return credentialFailure(result, form);
  const target = safeReturnTo(parsed.data.returnTo, locale);
  const next = result.twoFactorPending
    ? `/${locale}/sign-in/two-factor?returnTo=${encodeURIComponent(target)}`
    : target;
  return redirect(next, { headers: withSessionCookie(result.token, context) });
}

export default function SignIn({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const { failure, errors } = useFormFeedback(actionData);
  const values = failure?.values ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="max-w-xl">
      <PageTitle title={t("signIn.title")} isError={hasErrors} />
      <PageHeader title={t("signIn.title")} lead={t("signIn.lead")} />
      {loaderData.notice && !hasErrors ? <Notice>{t(`signIn.notices.${loaderData.notice}`)}</Notice> : null}
      <ErrorSummary errors={errors} fieldIds={{ form: "email" }} />
      {/* A wrong e-mail address or password is told at the e-mail address. */}
      <FormFields values={values} errors={{ ...errors, email: errors.email ?? errors.form }}>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="returnTo" value={values.returnTo ?? loaderData.returnTo} />
          <AccountEmailField autoComplete="username" />
          <CurrentPasswordField name="password" error={errors.password} />
          <Button>{t("signIn.submit")}</Button>
        </Form>
      </FormFields>
      <p className="mt-6">
        <Link to={`/${locale}/forgot-password`}>{t("signIn.forgotPassword")}</Link>
      </p>
      <p className="mt-2 text-slate-700">{t("signIn.noAccount")}</p>
    </div>
  );
}
