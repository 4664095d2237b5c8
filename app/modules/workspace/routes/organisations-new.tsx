import { useTranslation } from "react-i18next";
import { BackLink } from "#app/components/back-link.tsx";
import { FormPageHead } from "#app/components/form-page-head.tsx";
import { errorsInOrder } from "#app/services/errors-in-order.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { OrganisationForm, ORGANISATION_FIELD_ORDER } from "#app/modules/organisations/organisation-form.tsx";
import { createOrganisation } from "#app/modules/organisations/organisations.commands.server.ts";
import { organisationsPolicy } from "#app/modules/organisations/organisations.policy.ts";
import { loadOrganisationChoices } from "#app/modules/organisations/organisations.queries.server.ts";
import { OrganisationFormSchema } from "#app/modules/organisations/organisations.schema.ts";
import { submitFormCommand } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import type { Route } from "./+types/organisations-new";
import { submittedForm } from "#app/services/form-body.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(organisationsPolicy, actor, "organisation.create", null);
  return { choices: await loadOrganisationChoices(context.db, locale) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const form = await submittedForm(request, context);
  authorize(organisationsPolicy, actor, "organisation.create", null);
  return submitFormCommand(
    form,
    OrganisationFormSchema,
    (input) => createOrganisation(context.db, { actor, requestId: context.requestId }, input),
    (result) => `/${locale}/workspace/organisations/${result.id}?saved=created`,
  );
}

export default function OrganisationsNew({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("organisations");
  const locale = localeFromParams(params);
  const errors = errorsInOrder(ORGANISATION_FIELD_ORDER, actionData?.errors, t);
  return (
    <>
      <FormPageHead title={t("new.title")} lead={t("new.lead")} errors={errors} fieldIds={{ form: "nameSq" }}>
        <BackLink to={`/${locale}/workspace/organisations`}>{t("detail.backToList")}</BackLink>
      </FormPageHead>
      <OrganisationForm
        intent="create"
        values={actionData?.values ?? {}}
        errors={errors}
        options={loaderData.choices}
        canChangeClassification
        submitLabel={t("new.submit")}
      />
    </>
  );
}
