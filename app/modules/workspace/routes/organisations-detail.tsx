import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { ActiveStatusSection } from "#app/components/active-status-section.tsx";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary, Field, TextInput } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { listAuditHistory } from "#app/modules/audit/audit.queries.server.ts";
import { auditPolicy } from "#app/modules/audit/audit.policy.ts";
import { RecordHistory } from "#app/modules/audit/record-history.tsx";
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
import { isCoordinator } from "#app/services/authorization.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import type { Route } from "./+types/organisations-detail";
import { submittedForm } from "#app/services/form-body.server.ts";
import { requireParam } from "#app/services/ids.ts";

/** The notices shown after a successful write (post/redirect/get carries them in `?saved=`). */
const SAVED_NOTICES = ["created", "updated", "contactAdded", "contactRemoved", "deactivated", "reactivated"] as const;
type SavedNotice = (typeof SAVED_NOTICES)[number];

const CONTACT_FIELD_ORDER = [
  "contactName",
  "contactPosition",
  "contactEmail",
  "contactPhone",
  "contactFocalPoint",
] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireParam(OrganisationIdSchema, params.id);
  const organisation = await getOrganisation(context.db, id);
  if (!organisation) throw data(null, { status: 404 });
  authorize(organisationsPolicy, actor, "organisation.update", { organisationId: id });
  const canReadAudit = auditPolicy.can(actor, "audit.read", null);
  const [choices, history] = await Promise.all([
    loadOrganisationChoices(context.db, locale),
    canReadAudit ? listAuditHistory(context.db, "organisation", id, { limit: 10 }) : null,
  ]);
  const saved = new URL(request.url).searchParams.get("saved");
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
    saved: (SAVED_NOTICES as readonly string[]).includes(saved ?? "") ? (saved as SavedNotice) : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireParam(OrganisationIdSchema, params.id);
  const form = await submittedForm(request, context);
  const intent = String(form.get("intent") ?? "");
  const audit = { actor, requestId: context.requestId };
  const here = `/${locale}/workspace/organisations/${id}`;
  const refuse = (status: number, errors: Record<string, string>, values: Record<string, string> = formValues(form)) =>
    data({ intent, errors, values }, { status });

  switch (intent) {
    case "update": {
      const parsed = parseForm(OrganisationUpdateSchema, form);
      authorize(organisationsPolicy, actor, "organisation.update", { organisationId: id });
      if (!parsed.ok) return refuse(400, parsed.errors, parsed.values);
      const result = await updateOrganisation(context.db, audit, id, parsed.data);
      if (!result.ok) {
        // On a conflict the form comes back with what the reader typed and the version now saved:
        // saving again is then a deliberate choice, made after the warning.
        const values =
          "currentVersion" in result && result.currentVersion
            ? { ...formValues(form), version: String(result.currentVersion) }
            : formValues(form);
        return refuse(result.status, result.errors, values);
      }
      throw redirect(`${here}?saved=updated`);
    }
    case "addContact": {
      const parsed = parseForm(ContactFormSchema, form);
      authorize(organisationsPolicy, actor, "organisation.update", { organisationId: id });
      if (!parsed.ok) return refuse(400, parsed.errors, parsed.values);
      const result = await addOrganisationContact(context.db, audit, id, parsed.data);
      if (!result.ok) return refuse(result.status, result.errors);
      throw redirect(`${here}?saved=contactAdded#contacts`);
    }
    case "removeContact": {
      const parsed = parseForm(ContactRemoveSchema, form);
      authorize(organisationsPolicy, actor, "organisation.update", { organisationId: id });
      if (!parsed.ok) return refuse(400, { form: "organisations:errors.notFound" });
      const result = await removeOrganisationContact(context.db, audit, id, parsed.data);
      if (!result.ok) return refuse(result.status, result.errors);
      throw redirect(`${here}?saved=contactRemoved#contacts`);
    }
    case "deactivate":
    case "reactivate": {
      const parsed = parseForm(OrganisationActiveSchema, form);
      authorize(organisationsPolicy, actor, "organisation.deactivate", { organisationId: id });
      if (!parsed.ok) return refuse(400, { form: "core:form.invalid" });
      const isActive = intent === "reactivate";
      const result = await setOrganisationActive(context.db, audit, id, { version: parsed.data.version, isActive });
      if (!result.ok) return refuse(result.status, result.errors);
      throw redirect(`${here}?saved=${isActive ? "reactivated" : "deactivated"}`);
    }
    default:
      return refuse(400, { form: "core:form.invalid" });
  }
}

export default function OrganisationDetailPage({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("organisations");
  const locale = localeFromParams(params);
  const o = loaderData;
  const translate = (names: readonly string[], intent: string) =>
    actionData?.intent === intent
      ? Object.fromEntries(
          [...names, "form"]
            .filter((name) => actionData.errors[name])
            .map((name) => [name, t(actionData.errors[name] ?? "")]),
        )
      : {};
  const updateErrors = translate(ORGANISATION_FIELD_ORDER, "update");
  const contactErrors = translate(CONTACT_FIELD_ORDER, "addContact");
  const otherErrors =
    actionData && !["update", "addContact"].includes(actionData.intent) ? translate([], actionData.intent) : {};
  const allErrors = { ...updateErrors, ...contactErrors, ...otherErrors };
  const hasErrors = Object.keys(allErrors).length > 0;
  const title = o.name?.text ?? t("index.unnamed");
  const updateValues = actionData?.intent === "update" ? actionData.values : o.values;
  const updateVersion =
    actionData?.intent === "update" && actionData.values.version ? Number(actionData.values.version) : o.version;
  const contactValues = actionData?.intent === "addContact" ? actionData.values : {};

  return (
    <>
      <PageTitle title={title} isError={hasErrors} />
      {o.canList ? (
        <p className="mb-2 text-sm">
          <Link to={`/${locale}/workspace/organisations`}>{t("detail.backToList")}</Link>
        </p>
      ) : null}
      <div className="mb-6">
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
      </div>

      {o.saved && !hasErrors ? (
        <div
          role="status"
          className="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-4 font-semibold text-emerald-900"
        >
          {t(`detail.saved.${o.saved}`)}
        </div>
      ) : null}
      <ErrorSummary
        errors={allErrors}
        fieldIds={{ form: actionData?.intent === "addContact" ? "contactName" : "nameSq" }}
      />
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
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="removeContact" />
                  <input type="hidden" name="contactId" value={c.id} />
                  <Button variant="secondary" aria-label={t("detail.removeContactLabel", { name: c.name })}>
                    {t("detail.removeContact")}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}

        <h3 className="mt-6 mb-3 text-lg">{t("detail.addContactHeading")}</h3>
        <Form method="post" noValidate key={`contact-${o.contacts.length}`}>
          <CsrfField />
          <input type="hidden" name="intent" value="addContact" />
          <Field id="contactName" label={t("contact.name")} error={contactErrors.contactName}>
            {(aria) => (
              <TextInput
                {...aria}
                name="contactName"
                defaultValue={contactValues.contactName ?? ""}
                maxLength={200}
                autoComplete="off"
              />
            )}
          </Field>
          <Field id="contactPosition" label={t("contact.position")} error={contactErrors.contactPosition} optional>
            {(aria) => (
              <TextInput
                {...aria}
                name="contactPosition"
                defaultValue={contactValues.contactPosition ?? ""}
                maxLength={200}
                autoComplete="off"
              />
            )}
          </Field>
          <Field id="contactEmail" label={t("contact.email")} error={contactErrors.contactEmail} optional>
            {(aria) => (
              <TextInput
                {...aria}
                type="email"
                name="contactEmail"
                defaultValue={contactValues.contactEmail ?? ""}
                maxLength={254}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field id="contactPhone" label={t("contact.phone")} error={contactErrors.contactPhone} optional>
            {(aria) => (
              <TextInput
                {...aria}
                type="tel"
                name="contactPhone"
                defaultValue={contactValues.contactPhone ?? ""}
                maxLength={50}
                autoComplete="off"
                className="sm:w-64"
              />
            )}
          </Field>
          <p className="mb-5">
            <label className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                id="contactFocalPoint"
                name="contactFocalPoint"
                value="on"
                defaultChecked={contactValues.contactFocalPoint === "on"}
                className="h-5 w-5"
              />
              {t("contact.focalPoint")}
            </label>
          </p>
          <Button variant="secondary">{t("detail.addContact")}</Button>
        </Form>
      </section>

      {o.canDeactivate ? (
        <ActiveStatusSection
          headingId="status-heading"
          heading={t("detail.statusHeading")}
          help={o.isActive ? t("detail.deactivateHelp") : t("detail.reactivateHelp")}
          buttonLabel={o.isActive ? t("detail.deactivate") : t("detail.reactivate")}
          isActive={o.isActive}
          version={o.version}
        />
      ) : null}

      {o.history ? (
        <RecordHistory
          entries={o.history.entries}
          hasMore={o.history.hasMore}
          subjectType="organisation"
          subjectId={o.id}
        />
      ) : null}
    </>
  );
}
