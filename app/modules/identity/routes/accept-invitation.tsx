import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { Fact } from "#app/components/fact.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { FormFields, TextField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localize } from "#app/i18n/translated-text.ts";
import { parseForm } from "#app/services/forms.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { useFormFeedback } from "../form-feedback.tsx";
import { UnusableLink, unusableLink } from "../components/link-status.tsx";
import { acceptInvitation } from "../identity.commands.server.ts";
import { credentialFailure, formFailure, requestMetaOf, withSessionCookie } from "../identity.http.server.ts";
import { getInvitation } from "../identity.queries.server.ts";
import {
  AcceptInvitationExistingUserSchema,
  AcceptInvitationNewUserSchema,
  EmailTokenSchema,
} from "../identity.schema.ts";
import type { Route } from "./+types/accept-invitation";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { CurrentPasswordField, NewPasswordFields } from "../credential-fields.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";

/** Shows who invites the reader to what; opening the link changes nothing. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const token = EmailTokenSchema.safeParse(params.token);
  if (!token.success) return unusableLink("unknown");
  const invitation = await getInvitation(context.db, token.data);
  if (invitation.status !== "valid") return unusableLink(invitation.status);
  return {
    linkStatus: "valid" as const,
    invitation: {
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      organisation: localize(invitation.organisationName, locale),
      municipality: invitation.municipality ? municipalityName(invitation.municipality, locale) : null,
      hasAccount: invitation.hasAccount,
    },
  };
}

/** Creates the account (or adds the role to the existing one), signs the person in and opens the workspace. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const token = EmailTokenSchema.safeParse(params.token);
  if (!token.success) return unusableLink("unknown");
  const form = await submittedForm(request, context);
  const common = {
    token: token.data,
    previousSessionId: context.session?.sessionId ?? null,
    ...requestMetaOf(request, context),
  };
  let result;
  if (form.get("intent") === "existing") {
    const parsed = parseForm(AcceptInvitationExistingUserSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
    result = await acceptInvitation(context.db, { ...common, kind: "existing", password: parsed.data.password });
  } else {
    const parsed = parseForm(AcceptInvitationNewUserSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
    result = await acceptInvitation(context.db, {
      ...common,
      kind: "new",
      name: parsed.data.name,
      newPassword: parsed.data.newPassword,
    });
  }
  if (result.ok) {
    const workspace = `/${locale}/workspace`;
    const next = result.twoFactorPending
      ? `/${locale}/sign-in/two-factor?returnTo=${encodeURIComponent(workspace)}`
      : workspace;
    return redirect(next, { headers: withSessionCookie(result.token, context) });
  }
  if ("errors" in result) return formFailure(400, result.errors, form);
  if (result.reason === "locked" || result.reason === "invalid") return credentialFailure(result, form, "password");
  return unusableLink(result.reason);
}

export default function AcceptInvitation({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const { failure, errors } = useFormFeedback(actionData);
  const linkStatus = actionData && "linkStatus" in actionData ? actionData.linkStatus : loaderData.linkStatus;
  if (linkStatus !== "valid" || !("invitation" in loaderData)) {
    return <UnusableLink kind="invitation" status={linkStatus === "valid" ? "unknown" : linkStatus} locale={locale} />;
  }
  const { invitation } = loaderData;
  const hasErrors = Object.keys(errors).length > 0;
  const role = t(`roles.${invitation.role}`);
  return (
    <div className="max-w-xl">
      <PageTitle title={t("invitation.title")} isError={hasErrors} />
      <PageHeader title={t("invitation.title")} lead={t("invitation.lead", { role })} />
      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <Fact term={t("invitation.role")}>{role}</Fact>
        {invitation.organisation ? (
          <Fact term={t("invitation.organisation")} lang={invitation.organisation.lang}>
            {invitation.organisation.text}
          </Fact>
        ) : null}
        {invitation.municipality ? <Fact term={t("invitation.municipality")}>{invitation.municipality}</Fact> : null}
        <Fact term={t("fields.email")}>{invitation.email}</Fact>
      </dl>
      <ErrorSummary errors={errors} fieldIds={{ form: invitation.hasAccount ? "password" : "name" }} />
      {invitation.hasAccount ? (
        <IntentForm intent="existing" noValidate>
          <p className="mb-4">{t("invitation.existingLead")}</p>
          <CurrentPasswordField name="password" error={errors.password ?? errors.form} />
          <Button>{t("invitation.submitExisting")}</Button>
        </IntentForm>
      ) : (
        <FormFields
          values={{ name: invitation.name, ...failure?.values }}
          errors={{ ...errors, name: errors.name ?? errors.form }}
        >
          <IntentForm intent="new" noValidate>
            <TextField name="name" label={t("fields.name")} autoComplete="name" required />
            <NewPasswordFields errors={errors} />
            <Button>{t("invitation.submitNew")}</Button>
          </IntentForm>
        </FormFields>
      )}
    </div>
  );
}
