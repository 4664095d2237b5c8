import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { isLocale } from "#app/i18n/locales.ts";
import { reportingPolicy } from "#app/modules/reporting/reporting.policy.ts";
import { loadCompiledReport } from "#app/modules/reporting/reporting.queries.server.ts";
import { IdParamSchema } from "#app/modules/reporting/reporting.schema.ts";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import type { Route } from "./+types/compiled-report";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = isLocale(params.lang) ? params.lang : "sq";
  const actor = requireUser(context, request, locale);
  const id = IdParamSchema.safeParse(params.reportId);
  if (!id.success) throw data(null, { status: 404 });
  authorize(reportingPolicy, actor, "annual.compile", null);
  const report = await loadCompiledReport(context.db, id.data, locale);
  if (!report) throw data(null, { status: 404 });
  return { report };
}

export default function CompiledReport({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("reporting");
  const locale = isLocale(params.lang) ? params.lang : "sq";
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
      {report.compiledText ? <p className="mt-4 text-sm">{t("compiled.compiledAt", { date: report.compiledText })}</p> : null}
    </>
  );
}
