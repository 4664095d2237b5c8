import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary, Field, OptionList } from "#app/components/form.tsx";
import { FormFields, SelectField, TextAreaField, TextField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { NEED_CATEGORIES } from "#app/db/tables/needs.ts";
import { formatNumber } from "#app/i18n/format.ts";
import { isLocale, type Locale, localeFromParams } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { sortByLabel } from "#app/i18n/collation.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { ANONYMOUS } from "#app/services/authorization.ts";
import { loadSubmissionChoices, submitNeed, type SubmissionChoices } from "../../needs.submission.server.ts";
import { attachmentLimits } from "../attachments.server.ts";
import { Checkbox, RadioGroup } from "../components/choice-fields.tsx";
import { AttachmentsField } from "../components/attachment-input.tsx";
import { SpamDefenceFields } from "../components/spam-defence-fields.tsx";
import { SettlementPicker } from "../components/settlement-picker.tsx";
import { formKey, signFormShownAt } from "../form-timing.server.ts";
import { isRequestTooLarge, publicFormError, readPublicForm } from "../needs-public.http.server.ts";
import { needsPublicPolicy } from "../needs-public.policy.ts";
import { MAX_DESCRIPTION_LENGTH, NeedSubmissionSchema, SUBMISSION_FIELD_ORDER } from "../needs-public.schema.ts";
import { formatTrackingCode } from "../tracking-code.server.ts";
import type { Route } from "./+types/needs-new";

const KAS_CODE = /^(0[1-9]|[12][0-9]|3[0-8])$/;

function settlementOptions(settlements: SubmissionChoices["settlements"], locale: Locale) {
  return settlements.map((s) => ({ id: String(s.id), name: locale === "sr-cyrl" && s.nameCyrl ? s.nameCyrl : s.name }));
}

/** The form with its lists; `?municipality=` (or the form's "show settlements" button) picks the settlements listed. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const requested = new URL(request.url).searchParams.get("municipality") ?? "";
  const kasCode = KAS_CODE.test(requested) ? requested : null;
  const choices = await loadSubmissionChoices(context.db, kasCode);
  return {
    shownAt: signFormShownAt(formKey(context)),
    municipality: kasCode,
    municipalities: sortByLabel(
      choices.municipalities.map((m) => ({ kasCode: m.kasCode, name: municipalityName(m, locale) })),
      (m) => m.name,
      locale,
    ),
    communities: choices.communities.map((c) => ({ code: c.code, name: localizedString(c.name, locale) })),
    settlements: settlementOptions(choices.settlements, locale),
    settlementCount: formatNumber(choices.settlements.length, locale),
    canSubmitOnBehalf: needsPublicPolicy.can(context.actor ?? ANONYMOUS, "need.submitOnBehalf", null),
    limits: {
      ...attachmentLimits(locale),
      description: formatNumber(MAX_DESCRIPTION_LENGTH, locale),
    },
  };
}

/**
 * Who → spam defence (rate limit, honeypot, fill time) → the same schema as the page → the
 * attachments, checked by content → the command in one transaction → the tracking page.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const formError = publicFormError(context);
  if (isRequestTooLarge(request))
    return formError(413, { attachments: "needs:public.errors.attachment.total_too_large" }, null);
  const read = await readPublicForm(request, context, "submit", NeedSubmissionSchema);
  if (!read.ok) return read.refusal;

  const actor = context.actor ?? ANONYMOUS;
  const result = await submitNeed(context.db, { actor, requestId: context.requestId }, context.files, {
    form: read.data,
    attachments: read.attachments,
    locale,
    publicUrl: context.publicUrl,
  });
  if (!result.ok) return formError(result.status, result.errors, read.form);
  throw redirect(`/${locale}/needs/track/${formatTrackingCode(result.trackingCode)}?submitted=1`);
}

export default function NeedsNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("needs");
  const locale = localeFromParams(params);
  const values: Record<string, string> = actionData?.values ?? {};
  const errorKeys: Record<string, string> = actionData?.errors ?? {};
  const errors = Object.fromEntries(
    SUBMISSION_FIELD_ORDER.filter((name) => errorKeys[name]).map((name) => [
      name,
      t(errorKeys[name] ?? "", {
        file: actionData?.attachmentFile ?? "",
        files: loaderData.limits.files,
        fileMb: loaderData.limits.fileMb,
        totalMb: loaderData.limits.totalMb,
      }),
    ]),
  );
  const hasErrors = Object.keys(errors).length > 0;
  const municipality = loaderData.municipalities.find((m) => m.kasCode === loaderData.municipality) ?? null;
  const named = values.identity === "named";
  /** A checkbox of the form, ticked as it was submitted, with its error. */
  const consentBox = (name: string, label: string, hint?: string) => (
    <Checkbox name={name} label={label} hint={hint} error={errors[name]} defaultChecked={values[name] === "on"} />
  );

  return (
    <>
      <PageTitle title={t("public.new.title")} isError={hasErrors} />
      <PageHeader title={t("public.new.title")} lead={t("public.new.lead")} />
      <ErrorSummary errors={errors} fieldIds={{ form: "category" }} />
      {municipality ? null : (
        <FormFields values={{}} errors={errors}>
          <Form method="get" className="max-w-2xl">
            <h2 className="mb-2 text-lg">{t("public.new.step1")}</h2>
            <SelectField
              name="municipality"
              label={t("public.new.municipality")}
              hint={t("public.new.municipalityHint")}
            >
              <option value="">{t("public.new.choose")}</option>
              <OptionList options={loaderData.municipalities.map((m) => ({ value: m.kasCode, label: m.name }))} />
            </SelectField>
            <Button>{t("public.new.continue")}</Button>
          </Form>
        </FormFields>
      )}
      {municipality ? (
        <FormFields values={values} errors={errors}>
          <Form method="post" encType="multipart/form-data" className="max-w-2xl" noValidate>
            <h2 className="mb-4 text-lg">{t("public.new.step2")}</h2>
            <CsrfField />
            <SpamDefenceFields shownAt={actionData?.shownAt ?? loaderData.shownAt} />

            <SelectField name="category" label={t("public.new.category")}>
              <option value="">{t("public.new.choose")}</option>
              <OptionList options={NEED_CATEGORIES.map((code) => ({ value: code, label: t(`category.${code}`) }))} />
            </SelectField>

            <fieldset className="mb-5 rounded border border-slate-300 p-4">
              <legend className="px-1 font-semibold">{t("public.new.place")}</legend>
              <input type="hidden" name="municipality" value={municipality.kasCode} />
              <p className="mb-4">
                {t("public.new.municipalityChosen", { name: municipality.name })}{" "}
                <Link to={`/${locale}/needs/new`}>{t("public.new.changeMunicipality")}</Link>
              </p>
              <Field
                id="settlement"
                label={t("public.new.settlement")}
                hint={t("public.new.settlementHint")}
                error={errors.settlement}
                optional
              >
                {(aria) => (
                  <SettlementPicker
                    aria={aria}
                    settlements={loaderData.settlements}
                    defaultValue={values.settlement ?? ""}
                    noneLabel={t("public.new.settlementNone")}
                    filterLabel={t("public.new.settlementFilter")}
                    shownTemplate={t("public.new.settlementShown", {
                      shown: "{shown}",
                      total: loaderData.settlementCount,
                    })}
                  />
                )}
              </Field>
            </fieldset>

            <SelectField
              name="community"
              label={t("public.new.community")}
              hint={t("public.new.communityHint")}
              optional
            >
              <option value="">{t("public.new.communityNone")}</option>
              <OptionList options={loaderData.communities.map((c) => ({ value: c.code, label: c.name }))} />
            </SelectField>

            <TextAreaField
              name="description"
              label={t("public.new.description")}
              hint={t("public.new.descriptionHint", { max: loaderData.limits.description })}
              rows={8}
            />

            <AttachmentsField limits={loaderData.limits} error={errors.attachments} />

            <RadioGroup
              name="identity"
              legend={t("public.new.identity")}
              defaultValue={named ? "named" : "anonymous"}
              error={errors.identity}
              options={[
                { value: "anonymous", label: t("public.new.anonymous"), hint: t("public.new.anonymousHint") },
                { value: "named", label: t("public.new.named"), hint: t("public.new.namedHint") },
              ]}
            />
            <fieldset className="mb-5 rounded border border-slate-300 p-4">
              <legend className="px-1 font-semibold">{t("public.new.contactDetails")}</legend>
              <p className="mb-4 text-sm text-slate-700">{t("public.new.contactDetailsHint")}</p>
              <TextField name="name" label={t("public.new.name")} optional autoComplete="name" />
              <TextField name="phone" label={t("public.new.phone")} optional type="tel" autoComplete="tel" />
              <TextField name="email" label={t("public.new.email")} optional type="email" autoComplete="email" />
              {consentBox("contactConsent", t("public.new.contactConsent"), t("public.new.contactConsentHint"))}
              {consentBox(
                "shareWithInstitution",
                t("public.new.shareWithInstitution"),
                t("public.new.shareWithInstitutionHint"),
              )}
            </fieldset>

            {loaderData.canSubmitOnBehalf ? (
              <fieldset className="mb-5 rounded border border-slate-300 p-4">
                <legend className="px-1 font-semibold">{t("public.new.onBehalfTitle")}</legend>
                {consentBox("onBehalf", t("public.new.onBehalf"), t("public.new.onBehalfHint"))}
                {consentBox("behalfConsent", t("public.new.behalfConsent"))}
              </fieldset>
            ) : null}

            <p className="mb-4 text-sm text-slate-700">{t("public.new.privacy")}</p>
            <Button type="submit" name="intent" value="submit">
              {t("public.new.submit")}
            </Button>
          </Form>
        </FormFields>
      ) : null}
    </>
  );
}
