import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { parseForm } from "#app/services/forms.ts";
import { safeReturnTo } from "#app/services/guards.server.ts";
import { useFormFeedback } from "../form-feedback.tsx";
import { completeTwoFactorSignIn } from "../identity.commands.server.ts";
import { formFailure, requestMetaOf, withoutSessionCookie, withSessionCookie } from "../identity.http.server.ts";
import { TwoFactorSignInSchema } from "../identity.schema.ts";
import type { Route } from "./+types/sign-in-two-factor";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { TwoFactorCodeField } from "../credential-fields.tsx";

/** Only a session that has passed the password step but still needs its code may be here. */
function pendingSession(context: Route.LoaderArgs["context"]) {
  const session = context.session;
  if (!session || context.actor.kind !== "user" || context.actor.twoFactorVerified || !session.hasTwoFactor)
    return null;
  return { session, userId: context.actor.userId };
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const returnTo = new URL(request.url).searchParams.get("returnTo");
  if (!context.session) throw redirect(`/${locale}/sign-in`);
  if (!pendingSession(context)) throw redirect(safeReturnTo(returnTo, locale));
  return { returnTo: safeReturnTo(returnTo, locale) };
}

/** Checks the code; a right one replaces the session with a verified one, too many wrong ones end it. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const pending = pendingSession(context);
  if (!pending) throw redirect(`/${locale}/sign-in`);
  const form = await submittedForm(request, context);
  const parsed = parseForm(TwoFactorSignInSchema, form);
  if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
  const result = await completeTwoFactorSignIn(context.db, {
    sessionId: pending.session.sessionId,
    userId: pending.userId,
    code: parsed.data.code,
    ...requestMetaOf(request, context),
  });
  if (result.ok)
    return redirect(safeReturnTo(parsed.data.returnTo, locale), { headers: withSessionCookie(result.token, context) });
  if (result.reason === "ended")
    return redirect(`/${locale}/sign-in?notice=twoFactorEnded`, { headers: withoutSessionCookie(context) });
  if (result.reason === "locked")
    return formFailure(
      429,
      { code: "identity:errors.locked" },
      form,
      { minutes: result.minutes },
      withoutSessionCookie(context),
    );
  return formFailure(400, { code: "identity:errors.codeWrongAttempts" }, form, { attempts: result.attemptsLeft });
}

export default function SignInTwoFactor({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const { failure, errors } = useFormFeedback(actionData);
  const isLocked = failure?.errors.code === "identity:errors.locked";
  return (
    <div className="max-w-xl">
      <FormPageHead title={t("twoFactorSignIn.title")} lead={t("twoFactorSignIn.lead")} errors={errors} />
      {isLocked ? (
        <p>
          <Link to={`/${locale}/sign-in`}>{t("twoFactorSignIn.signInAgain")}</Link>
        </p>
      ) : (
        <>
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="returnTo" value={loaderData.returnTo} />
            <TwoFactorCodeField error={errors.code} />
            <Button>{t("twoFactorSignIn.submit")}</Button>
          </Form>
          <Form method="post" action={`/${locale}/sign-out`} className="mt-6">
            <CsrfField />
            <Button variant="secondary">{t("twoFactorSignIn.cancel")}</Button>
          </Form>
        </>
      )}
    </div>
  );
}
