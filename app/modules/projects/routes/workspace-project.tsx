import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { ChoiceField, ErrorSummary, Field, TextArea } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatDateTime } from "#app/i18n/format.ts";
import { ProjectForm } from "../components/project-form.tsx";
import { findOverlapsOf } from "../overlaps.server.ts";
import { formatDate } from "#app/i18n/format.ts";
import {
  linkedDocumentsView,
  linkProjectDocument,
  listLinkableDocuments,
  listLinkedDocuments,
  unlinkProjectDocument,
} from "../project-documents.server.ts";
import { commentOnProject, submitProject, updateProject, validateProject } from "../projects.commands.server.ts";
import { projectsPolicy } from "../projects.policy.ts";
import { listProjectComments, loadProjectChoices, loadProjectInput } from "../projects.queries.server.ts";
import { parseProjectForm } from "../projects.schema.ts";
import { formatSimilarity, namesFor, projectsTranslator, textOf } from "../projects.view.server.ts";
import { formValuesOf, projectFormOptions, submittedValues } from "../workspace-form.server.ts";
import { requireReadableProject, startProjectAction } from "../project-route.server.ts";
import type { Route } from "./+types/workspace-project";
import { SavedNotice } from "#app/components/saved-notice.tsx";

export async function loader(args: Route.LoaderArgs) {
  const { request, context } = args;
  const { locale, actor, id, project } = await requireReadableProject(args, loadProjectInput);
  const subject = { ownerOrganisationId: project.ownerOrganisationId, validationStatus: project.validationStatus };
  const canEdit = projectsPolicy.can(actor, "project.update", subject);
  const [choices, overlaps, comments, linked, linkable] = await Promise.all([
    loadProjectChoices(context.db),
    findOverlapsOf(context.db, id),
    listProjectComments(context.db, id),
    listLinkedDocuments(context.db, id, { publishedOnly: false }),
    canEdit ? listLinkableDocuments(context.db) : Promise.resolve([]),
  ]);
  const linkedIds = new Set(linked.map((d) => d.id));
  const names = namesFor(choices, locale);
  const t = projectsTranslator(locale);
  const title = textOf(project.title, locale, project.originalLocale);
  return {
    id,
    title: title.text,
    version: project.version,
    validationStatus: project.validationStatus,
    validationLabel: t(`validation.${project.validationStatus}`),
    saved: new URL(request.url).searchParams.get("saved"),
    canEdit,
    linkedDocuments: linkedDocumentsView(linked, locale),
    linkableDocuments: linkable
      .filter((d) => !linkedIds.has(d.id))
      .map((d) => ({
        id: d.id,
        label: `${textOf(d.title, locale, d.originalLocale).text} (${formatDate(`${d.issuedOn}T12:00:00Z`, locale)})`,
      })),
    canValidate: projectsPolicy.can(actor, "project.validate", subject),
    canComment: projectsPolicy.can(actor, "project.comment", subject),
    values: formValuesOf(project),
    options: projectFormOptions(choices, actor, locale, project.ownerOrganisationId),
    overlaps: overlaps.map((o) => ({
      id: o.otherId,
      title: textOf(o.otherTitle, locale).text,
      score: formatSimilarity(o.score, locale),
      where: names.shared(o),
      decision: o.decision,
      decidedOn: o.decidedAt ? formatDate(o.decidedAt, locale) : null,
      note: o.note,
    })),
    comments: comments
      .filter((c) => c.period_id === null)
      .map((c) => ({ id: c.id, author: c.author_label, body: c.body, when: formatDateTime(c.created_at, locale) })),
  };
}

export async function action(args: Route.ActionArgs) {
  const { context } = args;
  const { locale, id, raw, audit } = await startProjectAction(args);
  const intent = typeof raw.intent === "string" ? raw.intent : "save";
  const comment = typeof raw.comment === "string" ? raw.comment.trim() : "";
  let result: { ok: true } | { ok: false; status: number; errors: Record<string, string> };
  if (intent === "save") {
    const parsed = parseProjectForm(raw);
    if (!parsed.ok) return data({ errors: parsed.errors, values: submittedValues(raw) }, { status: 400 });
    result = await updateProject(context.db, audit, id, parsed.input, parsed.version);
  } else if (intent === "submit") result = await submitProject(context.db, audit, id);
  else if (intent === "validate" || intent === "return")
    result = await validateProject(context.db, audit, id, intent, comment || null);
  else if (intent === "comment") result = await commentOnProject(context.db, audit, id, null, comment);
  else if (intent === "linkDocument")
    result = await linkProjectDocument(context.db, audit, id, { documentId: raw.documentId });
  else if (intent === "unlinkDocument")
    result = await unlinkProjectDocument(context.db, audit, id, { documentId: raw.documentId });
  else return data({ errors: { form: "projects:errors.unknownIntent" }, values: null }, { status: 400 });
  if (!result.ok)
    return data(
      { errors: result.errors, values: intent === "save" ? submittedValues(raw) : null },
      { status: result.status },
    );
  throw redirect(`/${locale}/workspace/projects/${id}?saved=${intent}`);
}

export default function WorkspaceProject({ loaderData: p, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  const errors = Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([k, v]) => [k, t(v)]));
  return (
    <>
      <PageTitle title={p.title} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={`/${params.lang}/workspace/projects`}>{t("workspace.backToList")}</Link>
      </p>
      <PageHeader title={p.title} lead={t("workspace.project.standing", { status: p.validationLabel })} />
      {p.saved ? (
        <SavedNotice className="mb-4 rounded border-2 border-green-700 p-3">
          {t(`workspace.saved.${p.saved}`, { defaultValue: t("workspace.saved.save") })}
        </SavedNotice>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: "titleSq" }} />
      <ul className="mb-6 flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <Link to={`/${params.lang}/workspace/projects/${p.id}/results`}>{t("workspace.project.resultsLink")}</Link>
        </li>
        {p.validationStatus === "validated" ? (
          <li>
            <Link to={`/${params.lang}/projects/${p.id}`}>{t("workspace.project.publicLink")}</Link>
          </li>
        ) : null}
      </ul>

      <LabelledSection id="overlaps-heading" heading={t("workspace.project.overlapsHeading")} className="mb-8">
        {p.overlaps.length === 0 ? (
          <p>{t("workspace.project.noOverlaps")}</p>
        ) : (
          <>
            <p className="text-sm text-slate-700">{t("workspace.project.overlapsHint")}</p>
            <ul className="list-disc ps-5">
              {p.overlaps.map((o) => (
                <li key={o.id}>
                  <Link to={`/${params.lang}/workspace/projects/${o.id}`}>{o.title}</Link>
                  {" — "}
                  {t("workspace.project.similarity", { score: o.score })} ({o.where})
                  {o.decision ? (
                    <p>
                      <strong>
                        {t("workspace.project.overlapDecision", {
                          decision: t(`workspace.overlaps.${o.decision}`),
                          date: o.decidedOn ?? "",
                        })}
                      </strong>
                      {o.note ? <> {t("workspace.project.overlapNote", { note: o.note })}</> : null}
                    </p>
                  ) : (
                    <p>{t("workspace.project.overlapUndecided")}</p>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </LabelledSection>

      {p.canEdit && p.validationStatus === "draft" ? (
        <IntentForm intent="submit" className="mb-8">
          <p className="mb-2">{t("workspace.project.submitHint")}</p>
          <Button>{t("workspace.project.submit")}</Button>
        </IntentForm>
      ) : null}

      {p.canValidate ? (
        <Form method="post" className="mb-8 rounded border border-slate-300 p-4">
          <CsrfField />
          <h2 className="mb-2">{t("workspace.project.validateHeading")}</h2>
          <CommentField label={t("workspace.project.validateComment")} optional error={errors.comment} />
          <div className="flex flex-wrap gap-3">
            <Button name="intent" value="validate">
              {t("workspace.project.validate")}
            </Button>
            <Button name="intent" value="return" variant="secondary">
              {t("workspace.project.return")}
            </Button>
          </div>
        </Form>
      ) : null}

      <LabelledSection id="comments-heading" heading={t("workspace.project.commentsHeading")} className="mb-8">
        {p.comments.length === 0 ? <p>{t("workspace.project.noComments")}</p> : null}
        <ul className="space-y-2">
          {p.comments.map((c) => (
            <li key={c.id} className="rounded bg-slate-50 p-2">
              <p className="text-sm text-slate-700">
                {c.author} · {c.when}
              </p>
              <p className="whitespace-pre-line">{c.body}</p>
            </li>
          ))}
        </ul>
        {p.canComment && !p.canValidate ? (
          <IntentForm intent="comment" className="mt-3">
            <CommentField label={t("workspace.project.comment")} error={errors.comment} />
            <Button>{t("workspace.project.addComment")}</Button>
          </IntentForm>
        ) : null}
      </LabelledSection>

      <LabelledSection id="library-heading" heading={t("workspace.documents.heading")} className="mb-8">
        {p.linkedDocuments.length === 0 ? <p>{t("workspace.documents.none")}</p> : null}
        <ul className="mb-3 space-y-2">
          {p.linkedDocuments.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center gap-3">
              <Link to={d.href} lang={d.lang}>
                {d.title}
              </Link>
              {d.isDraft ? (
                <span className="text-sm text-slate-700">({t("workspace.documents.notPublished")})</span>
              ) : null}
              {p.canEdit ? (
                <IntentForm intent="unlinkDocument" values={{ documentId: d.id }}>
                  <Button variant="secondary" aria-label={t("workspace.documents.removeNamed", { title: d.title })}>
                    {t("workspace.documents.remove")}
                  </Button>
                </IntentForm>
              ) : null}
            </li>
          ))}
        </ul>
        {p.canEdit ? (
          p.linkableDocuments.length === 0 ? (
            <p className="text-sm text-slate-700">{t("workspace.documents.noneToLink")}</p>
          ) : (
            <IntentForm intent="linkDocument">
              <ChoiceField
                id="documentId"
                label={t("workspace.documents.choose")}
                hint={t("workspace.documents.hint")}
                error={errors.documentId}
                emptyLabel={t("workspace.documents.choosePlaceholder")}
                options={p.linkableDocuments.map((d) => ({ value: String(d.id), label: d.label }))}
                value=""
              />
              <Button>{t("workspace.documents.link")}</Button>
            </IntentForm>
          )
        ) : null}
      </LabelledSection>

      {p.canEdit ? (
        <LabelledSection id="edit-heading" heading={t("workspace.project.editHeading")} headingClassName="mb-3">
          {p.validationStatus === "validated" ? (
            <p className="mb-3">{t("workspace.project.editValidatedHint")}</p>
          ) : null}
          <ProjectForm
            values={actionData?.values ?? p.values}
            errors={errors}
            options={p.options}
            version={p.version}
            submitLabel={t("workspace.project.save")}
          />
        </LabelledSection>
      ) : null}
    </>
  );
}

/** The comment sent with a validation decision or added to the project's discussion: a blank text area of three lines. */
function CommentField({ label, optional, error }: { label: string; optional?: boolean; error: string | undefined }) {
  return (
    <Field id="comment" label={label} optional={optional} error={error}>
      {(aria) => <TextArea {...aria} name="comment" rows={3} />}
    </Field>
  );
}
