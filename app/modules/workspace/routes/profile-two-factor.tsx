import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { Fact } from "#app/components/fact.tsx";
import { Button } from "#app/components/button.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { formatDate } from "#app/i18n/format.ts";
import { useFormFeedback } from "#app/modules/identity/form-feedback.tsx";
import {
  confirmTwoFactorSetup,
  disableTwoFactor,
  startTwoFactorSetup,
} from "#app/modules/identity/identity.commands.server.ts";
import {
  auditContextOf,
  credentialFailure,
  formFailure,
  requestMetaOf,
} from "#app/modules/identity/identity.http.server.ts";
import { identityPolicy } from "#app/modules/identity/identity.policy.ts";
import { getTwoFactorState } from "#app/modules/identity/identity.queries.server.ts";
import { ConfirmTwoFactorSchema, DisableTwoFactorSchema } from "#app/modules/identity/identity.schema.ts";
import { formatTotpSecret, TOTP_ISSUER, totpQrSvg, totpUri } from "#app/modules/identity/two-factor.server.ts";
import { requiresTwoFactor } from "#app/services/authorization.ts";
import { parseForm } from "#app/services/forms.ts";
import { authorize, requireUser, safeReturnTo } from "#app/services/guards.server.ts";
import { ProfilePageHead } from "../components/profile-page-head.tsx";
import type { Route } from "./+types/profile-two-factor";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { CurrentPasswordField, TwoFactorCodeField } from "#app/modules/identity/credential-fields.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";

/** The page's own address, keeping where to go once two-factor authentication is on. */
function selfPath(locale: string, returnTo: string | null): string {
  return `/${locale}/workspace/profile/two-factor${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`;
}

/**
 * Two-factor authentication: off (offer to set it up), being set up (the secret as text and as a
 * QR code drawn on the server, and the code to confirm it), or on (offer to turn it off, except
 * for the roles that require it).
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(identityPolicy, actor, "profile.update", { userId: actor.userId });
  const returnTo = new URL(request.url).searchParams.get("returnTo");
  const state = await getTwoFactorState(context.db, actor.userId);
  const isRequired = requiresTwoFactor(actor);
  const base = { isRequired, returnTo: returnTo ? safeReturnTo(returnTo, locale) : "" };
  if (state.state === "enabled")
    return { ...base, state: "enabled" as const, enabledAt: state.enabledAt.toISOString() };
  if (state.state === "pending") {
    const uri = totpUri(state.secret, state.email);
    return {
      ...base,
      state: "pending" as const,
      secret: formatTotpSecret(state.secret),
      qrSvg: await totpQrSvg(uri),
      issuer: TOTP_ISSUER,
      account: state.email,
    };
  }
  return { ...base, state: "off" as const };
}

/** Three forms, told apart by `intent`: start the set-up, confirm it with a code, turn it off. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(identityPolicy, actor, "profile.update", { userId: actor.userId });
  const form = await submittedForm(request, context);
  const intent = form.get("intent");
  const returnTo =
    typeof form.get("returnTo") === "string" && form.get("returnTo")
      ? safeReturnTo(String(form.get("returnTo")), locale)
      : null;
  const audit = auditContextOf(context);
  if (intent === "start") {
    const result = await startTwoFactorSetup(context.db, audit, { userId: actor.userId });
    if (!result.ok) return formFailure(400, result.errors, form);
    return redirect(selfPath(locale, returnTo));
  }
  if (intent === "confirm") {
    const parsed = parseForm(ConfirmTwoFactorSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
    const result = await confirmTwoFactorSetup(context.db, audit, {
      userId: actor.userId,
      sessionId: context.session?.sessionId ?? "",
      code: parsed.data.code,
    });
    if (!result.ok) return formFailure(400, result.errors, form);
    return redirect(returnTo ?? `/${locale}/workspace/profile?notice=twoFactorOn`);
  }
  if (intent === "disable") {
    const parsed = parseForm(DisableTwoFactorSchema, form);
    if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
    const result = await disableTwoFactor(context.db, audit, {
      userId: actor.userId,
      password: parsed.data.password,
      code: parsed.data.code,
      ...requestMetaOf(request, context),
    });
    if (result.ok) return redirect(`/${locale}/workspace/profile?notice=twoFactorOff`);
    if ("errors" in result) return formFailure(400, result.errors, form);
    return credentialFailure(result, form, "password");
  }
  return formFailure(400, { form: "core:form.invalid" }, form);
}

export default function ProfileTwoFactor({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("identity");
  const locale = localeFromParams(params);
  const { errors, hasErrors } = useFormFeedback(actionData);
  return (
    <div className="max-w-2xl">
      <ProfilePageHead locale={locale} title={t("twoFactor.title")} lead={t("twoFactor.lead")} isError={hasErrors} />
      {loaderData.isRequired && loaderData.state !== "enabled" ? (
        <div className="mb-6 rounded border-s-4 border-amber-600 bg-amber-50 p-4">{t("twoFactor.requiredNotice")}</div>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: loaderData.state === "enabled" ? "password" : "code" }} />

      {loaderData.state === "off" ? (
        <IntentForm intent="start">
          <input type="hidden" name="returnTo" value={loaderData.returnTo} />
          <p className="mb-4">{t("twoFactor.offExplanation")}</p>
          <Button>{t("twoFactor.start")}</Button>
        </IntentForm>
      ) : null}

      {loaderData.state === "pending" ? (
        <>
          <ol className="mb-6 list-decimal space-y-4 ps-5">
            <li>{t("twoFactor.stepApp")}</li>
            <li>
              <p>{t("twoFactor.stepScan")}</p>
              <div
                role="img"
                aria-label={t("twoFactor.qrLabel")}
                className="mt-3 w-56 max-w-full border border-slate-300 bg-white [&>svg]:h-auto [&>svg]:w-full"
                dangerouslySetInnerHTML={{ __html: loaderData.qrSvg }}
              />
              <p className="mt-3">{t("twoFactor.stepSecret")}</p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                <Fact term={t("twoFactor.secretLabel")}>
                  <code className="break-all font-mono text-lg tracking-wider">{loaderData.secret}</code>
                </Fact>
                <Fact term={t("twoFactor.accountLabel")}>{loaderData.account}</Fact>
                <Fact term={t("twoFactor.issuerLabel")}>{loaderData.issuer}</Fact>
              </dl>
            </li>
            <li>{t("twoFactor.stepConfirm")}</li>
          </ol>
          <IntentForm intent="confirm" noValidate>
            <input type="hidden" name="returnTo" value={loaderData.returnTo} />
            <TwoFactorCodeField error={errors.code ?? errors.form} />
            <Button>{t("twoFactor.confirm")}</Button>
          </IntentForm>
          <IntentForm intent="start" className="mt-6">
            <input type="hidden" name="returnTo" value={loaderData.returnTo} />
            <Button variant="secondary">{t("twoFactor.restart")}</Button>
          </IntentForm>
        </>
      ) : null}

      {loaderData.state === "enabled" ? (
        <>
          <p className="mb-6">{t("twoFactor.onSince", { date: formatDate(loaderData.enabledAt, locale) })}</p>
          {loaderData.isRequired ? (
            <p>{t("twoFactor.cannotDisable")}</p>
          ) : (
            <section aria-labelledby="disable-heading" className="max-w-xl">
              <h2 id="disable-heading" className="mb-2 text-xl">
                {t("twoFactor.disableHeading")}
              </h2>
              <p className="mb-4">{t("twoFactor.disableLead")}</p>
              <IntentForm intent="disable" noValidate>
                <CurrentPasswordField name="password" error={errors.password ?? errors.form} />
                <TwoFactorCodeField error={errors.code} />
                <Button variant="danger">{t("twoFactor.disable")}</Button>
              </IntentForm>
            </section>
          )}
        </>
      ) : null}
    </div>
  );
}
