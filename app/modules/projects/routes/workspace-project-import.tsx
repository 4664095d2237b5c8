import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { ColumnHeads } from "#app/components/column-heads.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { FileUploadField } from "#app/components/file-upload-field.tsx";
import { ErrorSummary, OptionList } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { type Locale, localeFromParams } from "#app/i18n/locales.ts";
import type { Actor } from "#app/services/authorization.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { organisationTypeEntries } from "../iati-codelists.server.ts";
import { enqueueIatiImport, getIatiImportJob } from "../iati-import-job.server.ts";
import {
  applyIatiImport,
  decisionsFromForm,
  discardPendingImport,
  IATI_IMPORT_MAX_BYTES,
  isLargeImport,
  loadPendingImport,
  planIatiImport,
  saveImportDecisions,
  stageIatiImport,
  type ImportIssue,
  type PendingImport,
} from "../iati-import.server.ts";
import { loadProjectChoices } from "../projects.queries.server.ts";
import { projectsPolicy } from "../projects.policy.ts";
import { projectsTranslator, textOf } from "../projects.view.server.ts";
import type { Route } from "./+types/workspace-project-import";
import { submittedForm } from "#app/services/form-body.server.ts";

/** Seconds between reloads while a background import runs (the page refreshes itself, with or without JavaScript). */
const REFRESH_SECONDS = 2;

/** The problems of a file as sentences in the reader's language, each with its place (decision 010: texts made in the loader). */
function issueTexts(issues: ImportIssue[], locale: Locale): string[] {
  const t = projectsTranslator(locale);
  return issues.map((issue) => {
    const values = { ...issue.values };
    if (typeof values.message === "string" && /^[a-z-]+:[\w.]+$/.test(values.message))
      values.message = t(values.message as never);
    const message = String(t(issue.key as never, values as never));
    if (!issue.place) return message;
    return String(
      t("import.place", {
        identifier: issue.place.identifier ?? "—",
        element: issue.place.element,
        line: formatNumber(issue.place.line, locale),
        message,
      } as never),
    );
  });
}

/** The preview of a pending import: what will be created, updated or left unchanged; the organisations to decide on; every problem. */
async function previewOf(context: Route.LoaderArgs["context"], actor: Actor, pending: PendingImport, locale: Locale) {
  const [plan, choices] = await Promise.all([
    planIatiImport(context.db, actor, pending.xml, pending.decisions),
    loadProjectChoices(context.db),
  ]);
  const t = projectsTranslator(locale);
  const types = organisationTypeEntries();
  return {
    ok: plan.ok,
    id: pending.id,
    fileName: pending.fileName,
    errors: issueTexts(plan.errors, locale),
    warnings: issueTexts(plan.warnings, locale),
    activities: plan.activities.map((a) => ({
      identifier: a.identifier,
      title: textOf(a.title, locale, a.originalLocale).text,
      action: t(`import.action.${a.action}`),
      details: t("import.details", {
        organisations: formatNumber(a.counts.organisations, locale),
        municipalities: formatNumber(a.counts.municipalities, locale),
        transactions: formatNumber(a.counts.transactions, locale),
        results: formatNumber(a.counts.results, locale),
        indicators: formatNumber(a.counts.indicators, locale),
        values: formatNumber(a.counts.values, locale),
      }),
    })),
    organisations: plan.organisations.map((o, index) => ({
      index,
      key: o.key,
      ref: o.ref ?? t("import.noIdentifier"),
      names: o.names.join(" · "),
      roles: o.roles.map((r) => t(`import.role.${r}` as never)).join(", "),
      choice: o.decision.action === "create" ? "create" : String(o.decision.organisationId),
      typeCode: o.decision.action === "create" ? o.decision.typeCode : (o.typeCode ?? "90"),
      proposals: o.proposals.map((p) => ({
        value: String(p.organisationId),
        label: t("import.orgLinkProposed", { name: p.name, score: formatNumber(p.score, locale) }),
      })),
    })),
    registry: choices.organisations.map((o) => ({
      value: String(o.id),
      label: t("import.orgLinkAny", { name: textOf(o.name, locale).text + (o.acronym ? ` (${o.acronym})` : "") }),
    })),
    types: types.map((type) => ({ value: type.code, label: `${type.code} ${type.name}` })),
    confirmLabel: t("import.confirm", {
      count: plan.activities.length,
      countText: formatNumber(plan.activities.length, locale),
    }),
    isLarge: isLargeImport(pending.xml),
  };
}

/** A background import's state and outcome for its page. */
async function jobViewOf(context: Route.LoaderArgs["context"], actor: Actor, jobId: number, locale: Locale) {
  const found = await getIatiImportJob(context.db, jobId, actor);
  if (!found) return null;
  const t = projectsTranslator(locale);
  const { job, result } = found;
  const running = job.status === "queued" || job.status === "running";
  return {
    id: jobId,
    running,
    percent: job.progress.percent,
    percentText:
      job.progress.percent === null
        ? null
        : t("import.jobProgress", { percent: formatNumber(job.progress.percent, locale) }),
    failed: job.status === "failed" ? t("import.jobFailed", { message: job.error ?? "" }) : null,
    errors: result && !result.ok ? issueTexts(result.errors, locale) : [],
    summary: result?.ok
      ? `/${locale}/workspace/projects?saved=imported&created=${result.created}&updated=${result.updated}`
      : null,
  };
}

/** The upload form, the preview of the file just uploaded (`?import=<id>`), or a background import's progress (`?job=<id>`). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  if (!projectsPolicy.can(actor, "project.importPage", null)) throw data(null, { status: 403 });
  const search = new URL(request.url).searchParams;
  const maxSize = formatNumber(IATI_IMPORT_MAX_BYTES / 1024 / 1024, locale);
  const jobId = search.get("job");
  if (jobId !== null) {
    const job = /^\d{1,9}$/.test(jobId) ? await jobViewOf(context, actor, Number(jobId), locale) : null;
    if (!job) throw redirect(`/${locale}/workspace/projects/import`);
    return { preview: null, job, maxSize };
  }
  const importId = search.get("import");
  if (!importId) return { preview: null, job: null, maxSize };
  const pending = await loadPendingImport(context.db, actor, importId);
  if (!pending) throw redirect(`/${locale}/workspace/projects/import`);
  return { preview: await previewOf(context, actor, pending, locale), job: null, maxSize };
}

export function meta({ data: d }: Route.MetaArgs) {
  return d?.job?.running ? [{ httpEquiv: "refresh", content: String(REFRESH_SECONDS) }] : [];
}

/**
 * Upload → preview (nothing written but the pending file); check → the choices on unmatched
 * organisations are kept and the preview shown again; confirm → write everything (a large file in
 * the background); cancel → drop the file.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  if (!projectsPolicy.can(actor, "project.importPage", null)) throw data(null, { status: 403 });
  const form = await submittedForm(request, context);
  const intent = form.get("intent");
  const audit = { actor, requestId: context.requestId };
  const t = projectsTranslator(locale);
  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return data({ errors: { file: t("import.errors.noFile") } }, { status: 400 });
    if (file.size > IATI_IMPORT_MAX_BYTES) {
      context.logger.warn({ bytes: file.size, limit: IATI_IMPORT_MAX_BYTES }, "IATI import refused: file too large");
      return data(
        {
          errors: {
            file: t("import.errors.tooLarge", { size: formatNumber(IATI_IMPORT_MAX_BYTES / 1024 / 1024, locale) }),
          },
        },
        { status: 413 },
      );
    }
    let xml: string;
    try {
      xml = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()).replace(/^\ufeff/, "");
    } catch {
      return data({ errors: { file: t("import.errors.notUtf8") } }, { status: 400 });
    }
    const started = Date.now();
    const plan = await planIatiImport(context.db, actor, xml);
    if (!plan.ok) {
      context.logger.info(
        {
          bytes: file.size,
          errors: plan.errors.length,
          keys: [...new Set(plan.errors.map((e) => e.key))].slice(0, 10),
          ms: Date.now() - started,
        },
        "IATI import refused",
      );
      const issues = issueTexts(plan.errors, locale);
      return data(
        { errors: { file: issues.slice(0, 3).join(" ") }, issues },
        {
          status: plan.errors.some(
            (e) => e.key === "import.errors.tooManyActivities" || e.key === "import.errors.tooLarge",
          )
            ? 413
            : 400,
        },
      );
    }
    const staged = await stageIatiImport(context.db, audit, file.name || "iati.xml", xml);
    if (!staged.ok) throw data(null, { status: 403 });
    throw redirect(`/${locale}/workspace/projects/import?import=${staged.id}`);
  }
  const importId = String(form.get("importId") ?? "");
  if (intent === "cancel") {
    await discardPendingImport(context.db, actor, importId);
    throw redirect(`/${locale}/workspace/projects/import`);
  }
  if (intent === "check" || intent === "confirm") {
    const pending = await loadPendingImport(context.db, actor, importId);
    if (!pending || pending.jobId !== null)
      return data({ errors: { file: t("import.errors.expired") } }, { status: 409 });
    const decisions = { ...pending.decisions, ...decisionsFromForm(form) };
    await saveImportDecisions(context.db, actor, importId, decisions);
    if (intent === "check") throw redirect(`/${locale}/workspace/projects/import?import=${importId}`);
    if (isLargeImport(pending.xml)) {
      const plan = await planIatiImport(context.db, actor, pending.xml, decisions);
      if (!plan.ok)
        return data(
          { errors: { file: t("import.cannotConfirm") }, issues: issueTexts(plan.errors, locale) },
          { status: 400 },
        );
      const jobId = await enqueueIatiImport(context.db, actor, importId, decisions);
      throw redirect(`/${locale}/workspace/projects/import?job=${jobId}`);
    }
    const result = await applyIatiImport(context.db, audit, pending.xml, decisions);
    if (!result.ok)
      return data(
        { errors: { file: t("import.cannotConfirm") }, issues: issueTexts(result.errors, locale) },
        { status: 400 },
      );
    await discardPendingImport(context.db, actor, importId);
    throw redirect(`/${locale}/workspace/projects?saved=imported&created=${result.created}&updated=${result.updated}`);
  }
  return data({ errors: { file: t("import.errors.noFile") } }, { status: 400 });
}

/** A labelled native select of the organisations table: what to do with an organisation, or its type. */
function OrganisationSelect({
  id,
  label,
  labelClassName,
  value,
  children,
}: {
  id: string;
  label: string;
  labelClassName: string;
  value: string;
  children: ReactNode;
}) {
  return (
    <>
      <label className={labelClassName} htmlFor={id}>
        {label}
      </label>
      <select id={id} name={id} defaultValue={value} className="block max-w-xs">
        {children}
      </select>
    </>
  );
}

export default function WorkspaceProjectImport({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  const errors: Record<string, string> = actionData?.errors ?? {};
  const actionIssues = actionData && "issues" in actionData ? (actionData.issues as string[]) : null;
  const preview = loaderData.preview;
  const issues: string[] = actionIssues ?? preview?.errors ?? [];
  const job = loaderData.job;
  const hasErrors =
    Object.keys(errors).length > 0 || issues.length > 0 || (job?.errors.length ?? 0) > 0 || Boolean(job?.failed);
  return (
    <>
      <PageTitle title={t("import.title")} isError={hasErrors} />
      <p className="mb-2 text-sm">
        <Link to={`/${params.lang}/workspace/projects`}>{t("workspace.backToList")}</Link>
      </p>
      <PageHeader title={t("import.title")} lead={t("import.lead")} />
      {Object.keys(errors).length > 0 && issues.length === 0 ? (
        <ErrorSummary errors={errors} fieldIds={{ file: "file" }} />
      ) : null}
      {issues.length > 0 ? (
        <div className="mb-6 rounded border-2 border-red-700 p-4" role="alert" tabIndex={-1}>
          <h2 className="mb-2 text-lg font-semibold">{t("import.problems")}</h2>
          <ul className="list-disc pl-6">
            {issues.map((issue, i) => (
              <li key={i}>{issue}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {job ? (
        <section aria-live="polite">
          {job.running ? (
            <>
              {job.percent === null ? (
                <p>{t("import.jobQueued")}</p>
              ) : (
                <progress max={100} value={job.percent} className="h-4 w-full" aria-label={job.percentText ?? ""} />
              )}
              {job.percentText ? <p className="mt-1">{job.percentText}</p> : null}
              <p className="mt-2">
                <a href={`/${params.lang}/workspace/projects/import?job=${job.id}`}>{t("import.jobRefresh")}</a>
              </p>
            </>
          ) : job.failed ? (
            <p role="alert">{job.failed}</p>
          ) : job.errors.length > 0 ? (
            <ul className="list-disc pl-6" role="alert">
              {job.errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          ) : (
            <p>
              {t("import.jobDone")} {job.summary ? <Link to={job.summary}>{t("workspace.backToList")}</Link> : null}
            </p>
          )}
        </section>
      ) : preview ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="mb-2 text-xl font-semibold">
            {t("import.previewHeading", { file: preview.fileName })}
          </h2>
          {preview.activities.length > 0 ? (
            <div className="overflow-x-auto" role="region" aria-labelledby="preview-heading" tabIndex={0}>
              <table className="mb-4 w-full text-left">
                <caption className="sr-only">{t("import.previewHeading", { file: preview.fileName })}</caption>
                <ColumnHeads
                  cellClassName="p-2"
                  labels={[t("import.identifier"), t("import.activity"), t("import.what")]}
                />
                <tbody>
                  {preview.activities.map((a) => (
                    <tr key={a.identifier} className="border-t align-top">
                      <td className="p-2 break-all">{a.identifier}</td>
                      <td className="p-2">
                        {a.title}
                        <br />
                        <span className="text-sm">{a.details}</span>
                      </td>
                      <td className="p-2">{a.action}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {preview.warnings.length > 0 ? (
            <>
              <h3 className="mb-1 font-semibold">{t("import.warningsHeading")}</h3>
              <ul className="mb-4 list-disc pl-6">
                {preview.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </>
          ) : null}
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="importId" value={preview.id} />
            {preview.organisations.length > 0 ? (
              <fieldset className="mb-4 min-w-0">
                <legend className="mb-1 text-lg font-semibold">{t("import.organisationsHeading")}</legend>
                <p className="mb-2">{t("import.organisationsLead")}</p>
                <div
                  className="overflow-x-auto"
                  role="region"
                  aria-label={t("import.organisationsHeading")}
                  tabIndex={0}
                >
                  <table className="w-full text-left">
                    <ColumnHeads
                      cellClassName="p-2"
                      labels={[
                        t("import.orgIdentifier"),
                        t("import.orgNames"),
                        t("import.orgRoles"),
                        t("import.orgChoice"),
                      ]}
                    />
                    <tbody>
                      {preview.organisations.map((o) => (
                        <tr key={o.key} className="border-t align-top">
                          <td className="p-2 break-all">{o.ref}</td>
                          <td className="p-2">{o.names}</td>
                          <td className="p-2">{o.roles}</td>
                          <td className="p-2">
                            <input type="hidden" name={`org_${o.index}_key`} value={o.key} />
                            <OrganisationSelect
                              id={`org_${o.index}_choice`}
                              label={t("import.orgChoice")}
                              labelClassName="block text-sm"
                              value={o.choice}
                            >
                              <option value="create">{t("import.orgCreate")}</option>
                              <OptionList options={o.proposals} />
                              <OptionList options={preview.registry} />
                            </OrganisationSelect>
                            <OrganisationSelect
                              id={`org_${o.index}_type`}
                              label={t("import.orgType")}
                              labelClassName="mt-1 block text-sm"
                              value={o.typeCode}
                            >
                              <OptionList options={preview.types} />
                            </OrganisationSelect>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </fieldset>
            ) : null}
            <p className="mb-4">{preview.ok ? t("import.afterConfirm") : t("import.cannotConfirm")}</p>
            {preview.isLarge ? <p className="mb-4">{t("import.background")}</p> : null}
            <div className="flex flex-wrap gap-4">
              {preview.organisations.length > 0 ? (
                <Button name="intent" value="check" variant="secondary">
                  {t("import.check")}
                </Button>
              ) : null}
              {preview.ok ? (
                <Button name="intent" value="confirm">
                  {preview.confirmLabel}
                </Button>
              ) : null}
              <Button name="intent" value="cancel" variant="secondary" formNoValidate>
                {t("import.cancel")}
              </Button>
            </div>
          </Form>
        </section>
      ) : (
        <Form method="post" encType="multipart/form-data" className="max-w-xl">
          <CsrfField />
          <FileUploadField
            id="file"
            label={t("import.fileLabel")}
            hint={t("import.fileHint", { size: loaderData.maxSize })}
            error={errors.file && issues.length === 0 ? errors.file : undefined}
            accept=".xml,application/xml,text/xml"
            required
            className="block w-full"
          />
          <Button name="intent" value="upload">
            {t("import.preview")}
          </Button>
        </Form>
      )}
    </>
  );
}
