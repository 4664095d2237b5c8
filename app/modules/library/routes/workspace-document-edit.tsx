import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { BackLink } from "#app/components/back-link.tsx";
import { Button } from "#app/components/button.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Tag } from "#app/components/tag.tsx";
import { errorsInOrder } from "#app/services/errors-in-order.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { authorizeRecord, requireUser } from "#app/services/guards.server.ts";
import { DOCUMENT_FIELD_ORDER, DocumentForm } from "../components/document-form.tsx";
import { documentFormOptions, DOCUMENT_MAX_BYTES, uploadsFrom } from "../library-workspace.server.ts";
import { setDocumentStatus, updateDocument } from "../library.commands.server.ts";
import { libraryFileHref } from "../library-files.server.ts";
import { libraryPolicy } from "../library.policy.ts";
import { getDocument } from "../library.queries.server.ts";
import { DocumentStatusSchema, DocumentUpdateSchema } from "../library.schema.ts";
import type { Route } from "./+types/workspace-document-edit";
import { requireIdParam } from "#app/services/ids.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const doc = await getDocument(context.db, { id: requireIdParam(params.id) });
  if (!doc) throw data(null, { status: 404 });
  authorizeRecord(libraryPolicy, actor, "document.update", { organisationId: doc.organisationId });
  const values: Record<string, string> = {
    titleSq: doc.title.sq ?? "",
    titleSr: doc.title.sr ?? "",
    titleEn: doc.title.en ?? "",
    summarySq: doc.summary.sq ?? "",
    summarySr: doc.summary.sr ?? "",
    summaryEn: doc.summary.en ?? "",
    originalLocale: doc.originalLocale,
    docType: doc.docType,
    isKnowYourRights: doc.isKnowYourRights ? "on" : "",
    organisationId: String(doc.organisationId),
    issuedOn: doc.issuedOn,
    sectors: doc.sectors.map((s) => s.code).join(","),
    communities: doc.communities.map((c) => c.code).join(","),
    measures: doc.measures.map((m) => String(m.id)).join(","),
    version: String(doc.version),
  };
  return {
    id: doc.id,
    slug: doc.slug,
    status: doc.status,
    version: doc.version,
    title: localize(doc.title, locale, doc.originalLocale),
    saved: new URL(request.url).searchParams.get("saved"),
    canPublish: libraryPolicy.can(actor, "document.publish", { organisationId: doc.organisationId }),
    canUnpublish: libraryPolicy.can(actor, "document.unpublish", { organisationId: doc.organisationId }),
    files: doc.files.map((f) => ({
      locale: f.locale,
      format: f.extension.toUpperCase(),
      extraction: f.extractionStatus,
      href: libraryFileHref(locale, doc, f),
    })),
    values,
    options: await documentFormOptions(context.db, actor, locale),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireIdParam(params.id);
  const form = await submittedForm(request, context);
  const audit = { actor, requestId: context.requestId };
  if (form.get("intent") === "publish" || form.get("intent") === "unpublish") {
    const parsed = parseForm(DocumentStatusSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await setDocumentStatus(context.db, audit, id, parsed.data);
    if (!result.ok)
      return data({ errors: result.errors, values: {} as Record<string, string> }, { status: result.status });
    throw redirect(`/${locale}/workspace/library/${id}?saved=${parsed.data.intent}`);
  }
  const parsed = parseForm(DocumentUpdateSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const uploads = await uploadsFrom(form);
  const result = await updateDocument(context.db, audit, id, parsed.data, uploads, {
    files: context.files,
    maxBytes: DOCUMENT_MAX_BYTES,
  });
  if (!result.ok) return data({ errors: result.errors, values: formValues(form) }, { status: result.status });
  throw redirect(`/${locale}/workspace/library/${id}?saved=updated`);
}

export default function WorkspaceDocumentEdit({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("library");
  const { t: tc } = useTranslation("core");
  const locale = localeFromParams(params);
  const d = loaderData;
  const errors = errorsInOrder(DOCUMENT_FIELD_ORDER, actionData?.errors, t);
  const values =
    actionData && Object.keys(actionData.values).length
      ? { ...actionData.values, version: d.values.version ?? "" }
      : d.values;
  const savedKey = d.saved && ["created", "updated", "publish", "unpublish"].includes(d.saved) ? d.saved : null;
  return (
    <>
      <PageTitle title={d.title?.text ?? t("edit.title")} isError={Object.keys(errors).length > 0} />
      <BackLink to={`/${locale}/workspace/library`}>{t("workspace.back")}</BackLink>
      <PageHeader title={d.title?.text ?? t("edit.title")}>
        <p className="mt-2 flex flex-wrap items-center gap-2">
          <Tag tone={d.status === "published" ? "success" : "warning"}>{t(`status.${d.status}`)}</Tag>
          {d.status === "published" ? <Link to={`/${locale}/library/${d.slug}`}>{t("edit.view")}</Link> : null}
        </p>
      </PageHeader>
      {savedKey ? (
        <SavedNotice className="mb-4 rounded border border-emerald-300 bg-emerald-50 p-3">
          {t(`edit.saved.${savedKey}`)}
        </SavedNotice>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: "titleSq" }} />
      <section aria-labelledby="status-heading" className="mb-6">
        <h2 id="status-heading" className="text-lg">
          {t("edit.statusHeading")}
        </h2>
        {d.status === "draft" && d.canPublish ? (
          <IntentForm intent="publish" className="mt-2">
            <input type="hidden" name="version" value={d.version} />
            <Button type="submit">{t("edit.publish")}</Button>
          </IntentForm>
        ) : null}
        {d.status === "published" && d.canUnpublish ? (
          <IntentForm intent="unpublish" className="mt-2">
            <input type="hidden" name="version" value={d.version} />
            <Button type="submit" variant="secondary">
              {t("edit.unpublish")}
            </Button>
          </IntentForm>
        ) : null}
      </section>
      {d.files.length ? (
        <LabelledSection id="files-heading" heading={t("form.files")} className="mb-6" headingClassName="text-lg">
          <ul className="mt-2 space-y-1">
            {d.files.map((f) => (
              <li key={f.locale}>
                <a href={f.href}>
                  {tc(`languageName.${f.locale}`)} ({f.format})
                </a>{" "}
                <Tag>{t(`edit.extraction.${f.extraction}`)}</Tag>
              </li>
            ))}
          </ul>
        </LabelledSection>
      ) : null}
      <h2 className="mb-3 text-lg">{t("edit.title")}</h2>
      <DocumentForm
        values={values}
        errors={errors}
        options={d.options}
        submitLabel={t("edit.submit")}
        currentFiles={Object.fromEntries(d.files.map((f) => [f.locale, f.format]))}
      />
    </>
  );
}
