import { useTranslation } from "react-i18next";
import { Form, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { useFormFeedback } from "#app/modules/identity/form-feedback.tsx";
import { changePassword } from "#app/modules/identity/identity.commands.server.ts";
import {
  auditContextOf,
  credentialFailure,
  formFailure,
  requestMetaOf,
} from "#app/modules/identity/identity.http.server.ts";
import { identityPolicy } from "#app/modules/identity/identity.policy.ts";
import { ChangePasswordSchema } from "#app/modules/identity/identity.schema.ts";
import { parseForm } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { ProfilePageHead } from "../components/profile-page-head.tsx";
import type { Route } from "./+types/profile-password";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { CurrentPasswordField, NewPasswordFields } from "#app/modules/identity/credential-fields.tsx";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const actor = requireUser(context, request, localeFromParams(params));
  authorize(identityPolicy, actor, "profile.update", { userId: actor.userId });
  return null;
}

/** Changes the password (the current one first) and signs out every other session. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(identityPolicy, actor, "profile.update", { userId: actor.userId });
  const form = await submittedForm(request, context);
  const parsed = parseForm(ChangePasswordSchema, form);
  if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
  const result = await changePassword(context.db, auditContextOf(context), {
    userId: actor.userId,
    sessionId: context.session?.sessionId ?? "",
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.newPassword,
    ...requestMetaOf(request, context),
  });
  if (result.ok) return redirect(`/${locale}/workspace/profile?notice=passwordChanged`);
  if ("errors" in result) return formFailure(400, result.errors, form);
  return credentialFailure(result, form, "currentPassword");
}

export default function ProfilePassword({ actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const { errors, hasErrors } = useFormFeedback(actionData);
  return (
    <div className="max-w-xl">
      <ProfilePageHead
        locale={locale}
        title={t("changePassword.title")}
        lead={t("changePassword.lead")}
        isError={hasErrors}
      />
      <ErrorSummary errors={errors} fieldIds={{ form: "currentPassword" }} />
      <Form method="post" noValidate>
        <CsrfField />
        <CurrentPasswordField name="currentPassword" error={errors.currentPassword ?? errors.form} />
        <NewPasswordFields errors={errors} />
        <Button>{t("changePassword.submit")}</Button>
      </Form>
    </div>
  );
}
