import { useTranslation } from "react-i18next";
import { CheckboxLabel } from "#app/components/checkbox-label.tsx";
import { Button } from "#app/components/button.tsx";
import { EmailField } from "#app/components/email-field.tsx";
import { FormFields, TextField } from "#app/components/form-fields.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { OrganisationForm, ORGANISATION_FIELD_ORDER } from "#app/modules/organisations/organisation-form.tsx";
import {
  addOrganisationContact,
  removeOrganisationContact,
  setOrganisationActive,
  updateOrganisation,
} from "#app/modules/organisations/organisations.commands.server.ts";
import { organisationsPolicy } from "#app/modules/organisations/organisations.policy.ts";
import {
  getOrganisation,
  loadOrganisationChoices,
  organisationFormValues,
} from "#app/modules/organisations/organisations.queries.server.ts";
import {
  ContactFormSchema,
  ContactRemoveSchema,
  OrganisationActiveSchema,
  OrganisationIdSchema,
  OrganisationUpdateSchema,
} from "#app/modules/organisations/organisations.schema.ts";
import { isCoordinator, type Actor } from "#app/services/authorization.ts";
import { errorsInOrder } from "#app/services/errors-in-order.ts";
import { authorize } from "#app/services/guards.server.ts";
import { RecordPageFrame } from "../components/record-page.tsx";
import { activeStatusIntents, openRecordPage, recordAction, recordIntent, recordPage } from "../record-page.server.ts";
import type { Route } from "./+types/organisations-detail";
import { IntentForm } from "#app/components/intent-form.tsx";

/** Members of the organisation and coordinators keep it up to date; coordinators deactivate it. */
const mayUpdate = (actor: Actor, organisationId: number) =>
  authorize(organisationsPolicy, actor, "organisation.update", { organisationId });
const mayDeactivate = (actor: Actor, organisationId: number) =>
  authorize(organisationsPolicy, actor, "organisation.deactivate", { organisationId });

const ORGANISATION_PAGE = recordPage({
  path: "organisations",
  idSchema: OrganisationIdSchema,
  read: getOrganisation,
  authorize: mayUpdate,
  authorizeChange: mayUpdate,
  subjectType: "organisation",
  notices: ["created", "updated", "contactAdded", "contactRemoved", "deactivated", "reactivated"],
});

const CONTACT_FIELD_ORDER = [
  "contactName",
  "contactPosition",
  "contactEmail",
  "contactPhone",
  "contactFocalPoint",
] as const;

export async function loader(args: Route.LoaderArgs) {
  const {
    locale,
    actor,
    id,
    record: organisation,
    extra: choices,
    history,
    saved,
  } = await openRecordPage(args, ORGANISATION_PAGE, loadOrganisationChoices);
  return {
    id,
    name: localize(organisation.name, locale),
    acronym: organisation.acronym,
    slug: organisation.slug,
    type: choices.types.find((c) => c.value === organisation.typeCode)?.label ?? organisation.typeCode,
    municipality: choices.municipalities.find((c) => c.value === organisation.kasCode)?.label ?? null,
    isActive: organisation.isActive,
    version: organisation.version,
    values: organisationFormValues(organisation),
    contacts: organisation.contacts,
    choices,
    canList: organisationsPolicy.can(actor, "organisation.list", null),
    canDeactivate: organisationsPolicy.can(actor, "organisation.deactivate", { organisationId: id }),
    canChangeClassification: isCoordinator(actor),
    history,
    saved,
  };
}

export async function action(args: Route.ActionArgs) {
  return recordAction(args, ORGANISATION_PAGE, {
    update: recordIntent(OrganisationUpdateSchema, updateOrganisation, "updated", {
      // On a conflict the form comes back with what the reader typed and the version now saved:
      // saving again is then a deliberate choice, made after the warning.
      refusedValues: (failure, submitted) =>
        failure.currentVersion ? { ...submitted, version: String(failure.currentVersion) } : submitted,
    }),
    addContact: recordIntent(ContactFormSchema, addOrganisationContact, "contactAdded#contacts"),
    removeContact: recordIntent(ContactRemoveSchema, removeOrganisationContact, "contactRemoved#contacts", {
      invalid: { form: "organisations:errors.notFound" },
    }),
    ...activeStatusIntents(OrganisationActiveSchema, setOrganisationActive, mayDeactivate),
  });
}

export default function OrganisationDetailPage({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("organisations");
  const locale = localeFromParams(params);
  const o = loaderData;
  const translate = (names: readonly string[], intent: string) =>
    actionData?.intent === intent ? errorsInOrder(names, actionData.errors, t) : {};
  const updateErrors = translate(ORGANISATION_FIELD_ORDER, "update");
  const contactErrors = translate(CONTACT_FIELD_ORDER, "addContact");
  const otherErrors =
    actionData && !["update", "addContact"].includes(actionData.intent) ? translate([], actionData.intent) : {};
  const title = o.name?.text ?? t("index.unnamed");
  const updateValues = actionData?.intent === "update" ? actionData.values : o.values;
  const updateVersion =
    actionData?.intent === "update" && actionData.values.version ? Number(actionData.values.version) : o.version;
  const contactValues = actionData?.intent === "addContact" ? actionData.values : {};

  return (
    <RecordPageFrame
      texts={{ namespace: "organisations", prefix: "detail" }}
      title={title}
      listPath={o.canList ? `/${locale}/workspace/organisations` : null}
      head={
        <>
          <h1 lang={o.name?.lang}>
            {title}
            {o.acronym ? <span className="ms-2 text-slate-600">({o.acronym})</span> : null}
          </h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-slate-700">
            <span>{o.type}</span>
            {o.municipality ? <span>· {o.municipality}</span> : null}
            {o.isActive ? (
              <Tag tone="success">{t("status.active")}</Tag>
            ) : (
              <Tag tone="warning">{t("status.inactive")}</Tag>
            )}
            <TranslationNote value={o.name} />
          </p>
        </>
      }
      saved={o.saved}
      errors={{ ...updateErrors, ...contactErrors, ...otherErrors }}
      fieldIds={{ form: actionData?.intent === "addContact" ? "contactName" : "nameSq" }}
      status={o.canDeactivate ? { headingId: "status-heading", isActive: o.isActive, version: o.version } : null}
      history={o.history && { ...o.history, subjectType: "organisation", subjectId: o.id }}
    >
      {updateErrors.form && actionData?.errors.form === "organisations:errors.editedByOthers" ? (
        <p className="mb-6 max-w-2xl rounded bg-amber-50 p-4 text-amber-900">{t("detail.conflictHelp")}</p>
      ) : null}

      <section aria-labelledby="details-heading" className="mb-10">
        <h2 id="details-heading" className="mb-4">
          {t("detail.detailsHeading")}
        </h2>
        <OrganisationForm
          intent="update"
          values={updateValues}
          errors={updateErrors}
          options={o.choices}
          version={updateVersion}
          canChangeClassification={o.canChangeClassification}
          submitLabel={t("detail.save")}
        />
      </section>

      <section id="contacts" aria-labelledby="contacts-heading" className="mb-10 max-w-3xl" tabIndex={-1}>
        <h2 id="contacts-heading" className="mb-4">
          {t("detail.contactsHeading")}
        </h2>
        {o.contacts.length === 0 ? (
          <p>{t("detail.noContacts")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 border-y border-slate-200">
            {o.contacts.map((c) => (
              <li key={c.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0 break-words">
                  <p className="font-semibold">
                    {c.name} {c.isFocalPoint ? <Tag tone="info">{t("detail.focalPoint")}</Tag> : null}
                  </p>
                  {c.position ? <p className="text-slate-700">{c.position}</p> : null}
                  {c.email ? (
                    <p>
                      <a href={`mailto:${c.email}`}>{c.email}</a>
                    </p>
                  ) : null}
                  {c.phone ? <p>{c.phone}</p> : null}
                </div>
                <IntentForm intent="removeContact">
                  <input type="hidden" name="contactId" value={c.id} />
                  <Button variant="secondary" aria-label={t("detail.removeContactLabel", { name: c.name })}>
                    {t("detail.removeContact")}
                  </Button>
                </IntentForm>
              </li>
            ))}
          </ul>
        )}

        <h3 className="mt-6 mb-3 text-lg">{t("detail.addContactHeading")}</h3>
        <FormFields values={contactValues} errors={contactErrors}>
          <IntentForm intent="addContact" noValidate key={`contact-${o.contacts.length}`}>
            <TextField name="contactName" label={t("contact.name")} maxLength={200} autoComplete="off" />
            <TextField
              name="contactPosition"
              label={t("contact.position")}
              optional
              maxLength={200}
              autoComplete="off"
            />
            <EmailField name="contactEmail" label={t("contact.email")} optional />
            <TextField
              name="contactPhone"
              label={t("contact.phone")}
              optional
              type="tel"
              maxLength={50}
              autoComplete="off"
              className="sm:w-64"
            />
            <p className="mb-5">
              <CheckboxLabel
                className="flex min-h-11 items-center gap-2"
                id="contactFocalPoint"
                name="contactFocalPoint"
                value="on"
                defaultChecked={contactValues.contactFocalPoint === "on"}
              >
                {t("contact.focalPoint")}
              </CheckboxLabel>
            </p>
            <Button variant="secondary">{t("detail.addContact")}</Button>
          </IntentForm>
        </FormFields>
      </section>
    </RecordPageFrame>
  );
}
