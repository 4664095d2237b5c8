import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { reportingPost, reportingRecordPage } from "#app/modules/reporting/reporting-pages.server.ts";
import { publishToLibrary } from "#app/modules/reporting/publish-to-library.server.ts";
import { publishAnnualReport } from "#app/modules/reporting/reporting.commands.server.ts";
import { reportingPolicy } from "#app/modules/reporting/reporting.policy.ts";
import { loadCompiledReport } from "#app/modules/reporting/reporting.queries.server.ts";
import { authorize } from "#app/services/guards.server.ts";
import type { Route } from "./+types/compiled-report";

export async function loader(args: Route.LoaderArgs) {
  const { locale, actor, id } = reportingRecordPage(args, "reportId");
  const { request, context } = args;
  authorize(reportingPolicy, actor, "annual.compile", null);
  const report = await loadCompiledReport(context.db, id, locale);
  if (!report) throw data(null, { status: 404 });
  return {
    report,
    canPublish: reportingPolicy.can(actor, "annual.publish", null),
    published: new URL(request.url).searchParams.get("published") === "1",
  };
}

/** Publishing the compiled report to the public library (a plain POST: works without JavaScript). */
export async function action(args: Route.ActionArgs) {
  const { locale, actor, id, intent, audit } = await reportingPost(args, "reportId");
  if (intent !== "publish") throw data(null, { status: 400 });
  authorize(reportingPolicy, actor, "annual.publish", null);
  const result = await publishAnnualReport(args.context.db, audit, { reportId: id }, publishToLibrary);
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  throw redirect(`/${locale}/workspace/reporting/compiled/${id}?published=1`);
}

export default function CompiledReport({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("reporting");
  const locale = localeFromParams(params);
  const { report } = loaderData;
  const running = report.status === "queued" || report.status === "running";
  return (
    <>
      <PageTitle title={t("compiled.title", { label: report.cycleLabel })} />
      {/* Without JavaScript the page reloads itself every few seconds while the job runs. */}
      {running ? <meta httpEquiv="refresh" content="3" /> : null}
      <p className="mb-2 text-sm">
        <Link to={`/${locale}/workspace/reporting/cycles/${report.cycleId}`}>{t("back.toBoard")}</Link>
      </p>
      <PageHeader title={t("compiled.title", { label: report.cycleLabel })} lead={t(`language.${report.locale}`)} />
      <div role="status" aria-live="polite" className="mb-6 max-w-xl">
        <p className="mb-2 font-semibold">{t(`job.${report.status}`)}</p>
        <label htmlFor="compile-progress" className="block">
          {t("compiled.progress", { percent: report.percentText })}
        </label>
        <progress id="compile-progress" max={100} value={report.percent} className="h-4 w-full">
          {report.percentText}
        </progress>
        {running ? <p className="mt-2 text-sm text-slate-700">{t("compiled.refreshing")}</p> : null}
        {report.status === "failed" ? <p className="mt-2 font-semibold text-red-800">{t("compiled.failed")}</p> : null}
      </div>
      {report.docx || report.xlsx ? (
        <ul className="list-disc ps-5">
          {report.docx ? (
            <li>
              <a href={report.docx}>{t("compiled.docx")}</a>
            </li>
          ) : null}
          {report.xlsx ? (
            <li>
              <a href={report.xlsx}>{t("compiled.xlsx")}</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {report.compiledText ? (
        <p className="mt-4 text-sm">{t("compiled.compiledAt", { date: report.compiledText })}</p>
      ) : null}
      <section aria-labelledby="publish-heading" className="mt-8 max-w-xl">
        <h2 id="publish-heading">{t("compiled.publishHeading")}</h2>
        <ErrorSummary
          errors={Object.fromEntries(Object.entries(actionData?.errors ?? {}).map(([field, key]) => [field, t(key)]))}
          fieldIds={{ form: "publish-report" }}
        />
        {report.publishedText ? (
          <p
            role={loaderData.published ? "status" : undefined}
            className="mt-2 rounded border-s-4 border-emerald-700 bg-emerald-50 p-3"
          >
            {t("compiled.published", { date: report.publishedText })}{" "}
            {report.libraryHref ? <a href={report.libraryHref}>{t("compiled.viewInLibrary")}</a> : null}
          </p>
        ) : report.docx && report.xlsx && loaderData.canPublish ? (
          <Form method="post" className="mt-2">
            <CsrfField />
            <p className="mb-3">{t("compiled.publishLead")}</p>
            <Button id="publish-report" name="intent" value="publish">
              {t("compiled.publish")}
            </Button>
          </Form>
        ) : (
          <p className="mt-2">{t("compiled.notPublishable")}</p>
        )}
      </section>
    </>
  );
}
