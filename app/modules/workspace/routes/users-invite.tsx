import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { EmailField } from "#app/components/email-field.tsx";
import { BackLink } from "#app/components/back-link.tsx";
import { OptionList } from "#app/components/form.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { FormFields, SelectField, TextField } from "#app/components/form-fields.tsx";
import { LOCALE_AUTONYM, localeFromParams, LOCALES } from "#app/i18n/locales.ts";
import { createInvitation } from "#app/modules/identity/identity.commands.server.ts";
import { identityPolicy } from "#app/modules/identity/identity.policy.ts";
import { InviteUserSchema } from "#app/modules/identity/user-administration.schema.ts";
import { findMunicipalOffice } from "#app/modules/organisations/organisations.queries.server.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { RoleScopeFields } from "../components/role-scope-fields.tsx";
import { loadScopeNames } from "../user-grants.server.ts";
import type { Route } from "./+types/users-invite";
import { submittedForm } from "#app/services/form-body.server.ts";

const FIELD_ORDER = ["email", "name", "role", "organisationId", "kasCode", "locale", "form"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(identityPolicy, actor, "user.list", null);
  const names = await loadScopeNames(context.db, locale, []);
  return { organisations: names.organisationOptions, municipalities: names.municipalityOptions };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const form = await submittedForm(request, context);
  const parsed = parseForm(InviteUserSchema, form);
  if (!parsed.ok) {
    authorize(identityPolicy, actor, "user.list", null);
    return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const input = parsed.data;
  authorize(identityPolicy, actor, "user.invite", { role: input.role, organisationId: input.organisationId });
  const result = await context.db.transaction().execute(async (trx) => {
    // The organisation and municipality must be ones the form offers (a forged id would only fail when the invitation is accepted).
    const scope = await loadScopeNames(trx, locale, []);
    if (
      input.organisationId !== null &&
      !scope.organisationOptions.some((o) => o.value === String(input.organisationId))
    ) {
      return { ok: false as const, errors: { organisationId: "workspace:errors.organisationInvalid" } };
    }
    if (input.kasCode !== null && !scope.municipalities.has(input.kasCode))
      return { ok: false as const, errors: { kasCode: "workspace:errors.municipalityInvalid" } };
    // A municipal officer invited without an organisation joins the municipality's Office for Communities and Returns.
    const organisationId =
      input.role === "municipal_officer" && input.organisationId === null && input.kasCode !== null
        ? ((await findMunicipalOffice(trx, input.kasCode))?.id ?? null)
        : input.organisationId;
    return createInvitation(
      trx,
      { actor, requestId: context.requestId },
      { ...input, organisationId, publicUrl: context.publicUrl },
    );
  });
  if (!result.ok) return data({ errors: result.errors, values: formValues(form) }, { status: 400 });
  throw redirect(`/${locale}/workspace/users?saved=invited`);
}

export default function UsersInvite({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("workspace");
  const locale = localeFromParams(params);
  const values: Record<string, string> = actionData?.values ?? {};
  const submitted = actionData?.errors ?? {};
  const errors = Object.fromEntries(
    FIELD_ORDER.filter((name) => submitted[name]).map((name) => [name, t(submitted[name] ?? "")]),
  );
  // Errors on fields this form does not have (from the invitation command) still reach the reader.
  for (const [name, key] of Object.entries(submitted)) if (!(name in errors)) errors.form ??= t(key);
  return (
    <>
      <FormPageHead title={t("invite.title")} lead={t("invite.lead")} errors={errors} fieldIds={{ form: "email" }}>
        <BackLink to={`/${locale}/workspace/users`}>{t("users.backToList")}</BackLink>
      </FormPageHead>
      <FormFields values={values} errors={errors}>
        <Form method="post" noValidate className="max-w-2xl">
          <CsrfField />
          <EmailField name="email" label={t("invite.email")} />
          <TextField name="name" label={t("invite.name")} maxLength={200} autoComplete="off" />
          <RoleScopeFields organisations={loaderData.organisations} municipalities={loaderData.municipalities} />
          <SelectField
            name="locale"
            label={t("invite.locale")}
            hint={t("invite.localeHint")}
            defaultValue={values.locale ?? locale}
          >
            <OptionList options={LOCALES.map((l) => ({ value: l, label: LOCALE_AUTONYM[l] }))} />
          </SelectField>
          <Button>{t("invite.submit")}</Button>
        </Form>
      </FormFields>
    </>
  );
}
