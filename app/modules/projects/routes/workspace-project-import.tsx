import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary, Field } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { isLocale, type Locale } from "#app/i18n/locales.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { applyIatiImport, discardPendingImport, IATI_IMPORT_MAX_BYTES, loadPendingImport, planIatiImport, stageIatiImport, type ImportIssue } from "../iati-import.server.ts";
import { projectOrganisationsOf } from "../projects.policy.ts";
import { projectsTranslator, textOf } from "../projects.view.server.ts";
import type { Route } from "./+types/workspace-project-import";

/** The problems of a file as sentences in the reader's language (decision 010: texts made in the loader). */
function issueTexts(issues: ImportIssue[], locale: Locale): string[] {
  const t = projectsTranslator(locale);
  return issues.map((issue) => {
    const values = { ...issue.values };
    if (typeof values.message === "string" && /^[a-z-]+:[\w.]+$/.test(values.message)) values.message = t(values.message as never);
    return String(t(issue.key as never, values as never));
  });
}

/** The preview of a pending import: what will be created and what updated. */
async function previewOf(context: Route.LoaderArgs["context"], actor: Parameters<typeof planIatiImport>[1], pending: { id: string; fileName: string; xml: string }, locale: Locale) {
  const plan = await planIatiImport(context.db, actor, pending.xml);
  const t = projectsTranslator(locale);
  if (!plan.ok) return { ok: false as const, errors: issueTexts(plan.errors, locale) };
  return {
    ok: true as const,
    id: pending.id,
    fileName: pending.fileName,
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
    confirmLabel: t("import.confirm", { count: plan.activities.length, countText: formatNumber(plan.activities.length, locale) }),
  };
}

/** The upload form, or the preview of the file just uploaded (`?import=<id>`). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = isLocale(params.lang) ? params.lang : "sq";
  const actor = requireUser(context, request, locale);
  if (projectOrganisationsOf(actor).length === 0) throw data(null, { status: 403 });
  const importId = new URL(request.url).searchParams.get("import");
  if (!importId) return { preview: null, maxSize: formatNumber(IATI_IMPORT_MAX_BYTES / 1024 / 1024, locale) };
  const pending = await loadPendingImport(context.db, actor, importId);
  if (!pending) throw redirect(`/${locale}/workspace/projects/import`);
  return { preview: await previewOf(context, actor, pending, locale), maxSize: formatNumber(IATI_IMPORT_MAX_BYTES / 1024 / 1024, locale) };
}

/** Upload → preview (nothing written but the pending file); confirm → write everything; cancel → drop the file. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = isLocale(params.lang) ? params.lang : "sq";
  const actor = requireUser(context, request, locale);
  if (projectOrganisationsOf(actor).length === 0) throw data(null, { status: 403 });
  const form = await request.formData();
  const intent = form.get("intent");
  const audit = { actor, requestId: context.requestId };
  const t = projectsTranslator(locale);
  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return data({ errors: { file: t("import.errors.noFile") } }, { status: 400 });
    if (file.size > IATI_IMPORT_MAX_BYTES) return data({ errors: { file: t("import.errors.tooLarge", { size: formatNumber(IATI_IMPORT_MAX_BYTES / 1024 / 1024, locale) }) } }, { status: 413 });
    let xml: string;
    try {
      xml = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()).replace(/^\ufeff/, "");
    } catch {
      return data({ errors: { file: t("import.errors.notUtf8") } }, { status: 400 });
    }
    const plan = await planIatiImport(context.db, actor, xml);
    if (!plan.ok) return data({ errors: { file: issueTexts(plan.errors, locale).join(" ") }, issues: issueTexts(plan.errors, locale) }, { status: 400 });
    const staged = await stageIatiImport(context.db, audit, file.name || "iati.xml", xml);
    if (!staged.ok) throw data(null, { status: 403 });
    throw redirect(`/${locale}/workspace/projects/import?import=${staged.id}`);
  }
  const importId = String(form.get("importId") ?? "");
  if (intent === "cancel") {
    await discardPendingImport(context.db, actor, importId);
    throw redirect(`/${locale}/workspace/projects/import`);
  }
  if (intent === "confirm") {
    const pending = await loadPendingImport(context.db, actor, importId);
    if (!pending) return data({ errors: { file: t("import.errors.expired") } }, { status: 409 });
    const result = await applyIatiImport(context.db, audit, pending.xml);
    if (!result.ok) return data({ errors: { file: issueTexts(result.errors, locale).join(" ") }, issues: issueTexts(result.errors, locale) }, { status: 400 });
    await discardPendingImport(context.db, actor, importId);
    throw redirect(`/${locale}/workspace/projects?saved=imported&created=${result.created}&updated=${result.updated}`);
  }
  return data({ errors: { file: t("import.errors.noFile") } }, { status: 400 });
}

export default function WorkspaceProjectImport({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  const errors: Record<string, string> = actionData?.errors ?? {};
  const actionIssues = actionData && "issues" in actionData ? (actionData.issues as string[]) : null;
  const issues: string[] = actionIssues ?? (loaderData.preview && !loaderData.preview.ok ? loaderData.preview.errors : []);
  const preview = loaderData.preview?.ok ? loaderData.preview : null;
  const hasErrors = Object.keys(errors).length > 0 || issues.length > 0;
  return (
    <>
      <PageTitle title={t("import.title")} isError={hasErrors} />
      <p className="mb-2 text-sm">
        <Link to={`/${params.lang}/workspace/projects`}>{t("workspace.backToList")}</Link>
      </p>
      <PageHeader title={t("import.title")} lead={t("import.lead")} />
      {Object.keys(errors).length > 0 && issues.length === 0 ? <ErrorSummary errors={errors} fieldIds={{ file: "file" }} /> : null}
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
      {preview ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="mb-2 text-xl font-semibold">
            {t("import.previewHeading", { file: preview.fileName })}
          </h2>
          <div className="overflow-x-auto">
            <table className="mb-4 w-full text-left">
              <caption className="sr-only">{t("import.previewHeading", { file: preview.fileName })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="p-2">{t("import.identifier")}</th>
                  <th scope="col" className="p-2">{t("import.activity")}</th>
                  <th scope="col" className="p-2">{t("import.what")}</th>
                </tr>
              </thead>
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
          <p className="mb-4">{t("import.afterConfirm")}</p>
          <div className="flex flex-wrap gap-4">
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="importId" value={preview.id} />
              <Button name="intent" value="confirm">
                {preview.confirmLabel}
              </Button>
            </Form>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="importId" value={preview.id} />
              <Button name="intent" value="cancel" variant="secondary">
                {t("import.cancel")}
              </Button>
            </Form>
          </div>
        </section>
      ) : (
        <Form method="post" encType="multipart/form-data" className="max-w-xl">
          <CsrfField />
          <Field id="file" label={t("import.fileLabel")} hint={t("import.fileHint", { size: loaderData.maxSize })} error={errors.file && issues.length === 0 ? errors.file : undefined}>
            {(aria) => <input {...aria} type="file" name="file" accept=".xml,application/xml,text/xml" required className="block w-full" />}
          </Field>
          <Button name="intent" value="upload">
            {t("import.preview")}
          </Button>
        </Form>
      )}
    </>
  );
}
