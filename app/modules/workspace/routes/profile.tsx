import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { ListOrNone } from "#app/components/list-or-none.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { FormFields, SelectField, TextField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { formatDate } from "#app/i18n/format.ts";
import { LANGUAGE_TAG, LOCALE_AUTONYM, localeFromParams, LOCALES } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { Notice, useFormFeedback } from "#app/modules/identity/form-feedback.tsx";
import { sendVerificationEmail, updateProfile } from "#app/modules/identity/identity.commands.server.ts";
import { auditContextOf, formFailure } from "#app/modules/identity/identity.http.server.ts";
import { identityPolicy } from "#app/modules/identity/identity.policy.ts";
import { getProfile } from "#app/modules/identity/identity.queries.server.ts";
import { ProfileDetailsSchema, SPOKEN_LANGUAGES } from "#app/modules/identity/identity.schema.ts";
import { parseForm } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import type { Route } from "./+types/profile";
import { submittedForm } from "#app/services/form-body.server.ts";
import { IntentForm } from "#app/components/intent-form.tsx";

const NOTICES = [
  "saved",
  "verified",
  "verificationSent",
  "passwordChanged",
  "twoFactorOn",
  "twoFactorOff",
  "sessionsEnded",
] as const;
type ProfileNotice = (typeof NOTICES)[number];

/** The signed-in user's own profile: details, e-mail status, security and roles. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(identityPolicy, actor, "profile.update", { userId: actor.userId });
  const profile = await getProfile(context.db, actor.userId);
  if (!profile) throw data(null, { status: 404 });
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as ProfileNotice) : null,
    profile: {
      name: profile.name,
      email: profile.email,
      preferredLocale: profile.preferredLocale,
      languages: profile.languages,
      version: profile.version,
      emailVerifiedAt: profile.emailVerifiedAt?.toISOString() ?? null,
      twoFactorEnabledAt: profile.twoFactorEnabledAt?.toISOString() ?? null,
      roles: profile.roles.map((r) => ({
        role: r.role,
        organisation: localize(r.organisationName, locale),
        kasCode: r.kasCode,
      })),
    },
  };
}

/** Two forms on the page, told apart by `intent`: the details, and "send the verification e-mail again". */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(identityPolicy, actor, "profile.update", { userId: actor.userId });
  const form = await submittedForm(request, context);
  const audit = auditContextOf(context);
  if (form.get("intent") === "resend-verification") {
    const result = await sendVerificationEmail(context.db, audit, {
      userId: actor.userId,
      locale,
      publicUrl: context.publicUrl,
    });
    if (!result.ok) return formFailure(400, result.errors, form);
    return redirect(`/${locale}/workspace/profile?notice=verificationSent`);
  }
  const parsed = parseForm(ProfileDetailsSchema, form);
  if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
  const result = await updateProfile(context.db, audit, { userId: actor.userId, ...parsed.data });
  if (result.ok) return redirect(`/${locale}/workspace/profile?notice=saved`);
  if ("reason" in result) return formFailure(409, { form: "identity:errors.conflict" }, form);
  return formFailure(400, result.errors, form);
}

/** The look of the profile's sections (the first has more room under its heading, the last none under itself). */
const SECTION = { className: "mb-10 max-w-xl", headingClassName: "mb-2 text-xl" };

export default function Profile({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const { t: tc } = useTranslation("core");
  const locale = localeFromParams(params);
  const { profile } = loaderData;
  const { failure, errors, hasErrors } = useFormFeedback(actionData);
  const isDetailsFailure = failure !== undefined && failure.values.intent !== "resend-verification";
  const isConflict = failure?.errors.form === "identity:errors.conflict";
  // After a conflict the form shows what is saved now, so the other change is seen before it is replaced.
  const values = isDetailsFailure && !isConflict ? failure.values : {};
  // A failure of the whole details form (someone else saved first) is shown at its first field.
  const detailsErrors = { ...errors, name: errors.name ?? (isDetailsFailure ? errors.form : undefined) };
  const languages =
    isDetailsFailure && !isConflict ? (values.languages ?? "").split(",").filter(Boolean) : profile.languages;
  return (
    <>
      <PageTitle title={t("profile.title")} isError={hasErrors} />
      <PageHeader title={t("profile.title")} lead={t("profile.lead")} />
      {loaderData.notice && !hasErrors ? <Notice>{t(`profile.notices.${loaderData.notice}`)}</Notice> : null}
      <ErrorSummary
        errors={errors}
        fieldIds={{
          form: isDetailsFailure ? "name" : "resend-verification",
          languages: `languages-${SPOKEN_LANGUAGES[0]}`,
        }}
      />

      <LabelledSection
        id="details-heading"
        heading={t("profile.details.heading")}
        {...SECTION}
        headingClassName="mb-4 text-xl"
      >
        <FormFields
          values={{ name: profile.name, preferredLocale: profile.preferredLocale, ...values }}
          errors={detailsErrors}
        >
          <IntentForm intent="details" noValidate>
            <input type="hidden" name="version" value={profile.version} />
            <TextField name="name" label={t("fields.name")} autoComplete="name" required />
            <SelectField
              name="preferredLocale"
              label={t("profile.details.preferredLocale")}
              hint={t("profile.details.preferredLocaleHint")}
            >
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={LANGUAGE_TAG[l]}>
                  {LOCALE_AUTONYM[l]}
                </option>
              ))}
            </SelectField>
            <fieldset
              className={`mb-5 ${errors.languages ? "border-s-4 border-red-700 ps-3" : ""}`}
              aria-describedby={errors.languages ? "languages-error" : undefined}
            >
              <legend className="font-semibold">{t("profile.details.languages")}</legend>
              {errors.languages ? (
                <p id="languages-error" className="font-semibold text-red-800">
                  {errors.languages}
                </p>
              ) : null}
              <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
                {SPOKEN_LANGUAGES.map((code) => (
                  <label key={code} htmlFor={`languages-${code}`} className="flex min-h-11 items-center gap-2">
                    <input
                      id={`languages-${code}`}
                      type="checkbox"
                      name="languages"
                      value={code}
                      defaultChecked={languages.includes(code)}
                      className="size-5"
                    />
                    {tc(`languageName.${code}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <Button>{t("profile.details.submit")}</Button>
          </IntentForm>
        </FormFields>
      </LabelledSection>

      <LabelledSection id="email-heading" heading={t("profile.email.heading")} {...SECTION}>
        <p>
          {profile.email}{" "}
          {profile.emailVerifiedAt ? (
            <Tag tone="success">{t("profile.email.verified")}</Tag>
          ) : (
            <Tag tone="warning">{t("profile.email.unverified")}</Tag>
          )}
        </p>
        {profile.emailVerifiedAt ? null : (
          <IntentForm intent="resend-verification" className="mt-3">
            <Button variant="secondary" id="resend-verification">
              {t("profile.email.resend")}
            </Button>
          </IntentForm>
        )}
      </LabelledSection>

      <LabelledSection id="security-heading" heading={t("profile.security.heading")} {...SECTION}>
        <ul className="grid gap-3">
          <li>
            <Link to={`/${locale}/workspace/profile/password`}>{t("profile.security.changePassword")}</Link>
          </li>
          <li>
            <Link to={`/${locale}/workspace/profile/two-factor`}>{t("profile.security.twoFactor")}</Link>{" "}
            {profile.twoFactorEnabledAt ? (
              <Tag tone="success">
                {t("profile.security.twoFactorOn", { date: formatDate(profile.twoFactorEnabledAt, locale) })}
              </Tag>
            ) : (
              <Tag tone="warning">{t("profile.security.twoFactorOff")}</Tag>
            )}
          </li>
          <li>
            <Link to={`/${locale}/workspace/profile/sessions`}>{t("profile.security.sessions")}</Link>
          </li>
        </ul>
      </LabelledSection>

      <LabelledSection id="roles-heading" heading={t("profile.roles.heading")} {...SECTION} className="max-w-xl">
        <ListOrNone items={profile.roles} none={t("profile.roles.none")} className="list-disc ps-5">
          {(r, index) => (
            <li key={`${r.role}-${index}`}>
              {t(`roles.${r.role}`)}
              {r.organisation ? (
                <>
                  {" – "}
                  <span lang={r.organisation.lang}>{r.organisation.text}</span>
                </>
              ) : null}
            </li>
          )}
        </ListOrNone>
      </LabelledSection>
    </>
  );
}
