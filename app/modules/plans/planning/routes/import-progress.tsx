import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { ImportErrors } from "../components/import-errors.tsx";
import { getPlanImportJob } from "../plan-import-job.server.ts";
import { idOf } from "../planning.routes.server.ts";
import type { Route } from "./+types/import-progress";
import { localeFromParams } from "#app/i18n/locales.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

/** Seconds between reloads while an import runs (the page refreshes itself, with or without JavaScript). */
const REFRESH_SECONDS = 2;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const found = await getPlanImportJob(context.db, idOf(params.jobId), actor);
  if (!found) throw data(null, { status: 404 });
  const { job, payload, result } = found;
  const running = job.status === "queued" || job.status === "running";
  return {
    jobId: job.id,
    status: job.status,
    running,
    percent: job.progress.percent,
    done: formatNumber(job.progress.done, locale),
    total: job.progress.total === null ? null : formatNumber(job.progress.total, locale),
    result,
    error: job.status === "failed" ? job.error : null,
    back: payload.planId
      ? `/${locale}/workspace/plans/${payload.planId}`
      : `/${locale}/workspace/plans/strategies/${payload.strategyId}`,
  };
}

export function meta({ data: d }: Route.MetaArgs) {
  return d?.running ? [{ httpEquiv: "refresh", content: String(REFRESH_SECONDS) }] : [];
}

export default function ImportProgress({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("planning");
  const locale = localeFromParams(params);
  const d = loaderData;
  const failedRows = d.result && !d.result.ok ? d.result.rowErrors : [];
  return (
    <>
      <PageTitle title={t("import.progressTitle")} isError={failedRows.length > 0 || d.status === "failed"} />
      <PageHeader title={t("import.progressTitle")} />
      {d.running ? (
        <div role="status" aria-live="polite" className="mb-6 max-w-xl">
          <p className="mb-2">{t(`import.state.${d.status}`)}</p>
          {d.percent !== null ? (
            <>
              <progress max={100} value={d.percent} className="h-4 w-full" aria-label={t("import.progressLabel")} />
              <p className="mt-1">{t("import.progressRows", { done: d.done, total: d.total ?? "" })}</p>
            </>
          ) : null}
          <p className="mt-4">
            <Link to={`/${locale}/workspace/plans/imports/${d.jobId}`} reloadDocument>
              {t("import.reload")}
            </Link>
          </p>
        </div>
      ) : null}
      {d.result?.ok ? (
        <SavedNotice>
          {t("import.succeeded", { measures: d.result.measures, indicators: d.result.indicators })}{" "}
          <Link to={`/${locale}/workspace/plans/${d.result.planId}`}>{t("import.openPlan")}</Link>
        </SavedNotice>
      ) : null}
      {d.result && !d.result.ok ? (
        <>
          {Object.values(d.result.errors)
            .filter((key) => key !== "planning:import.errors.summary")
            .map((key) => (
              <p key={key} role="alert" className="mb-4 font-semibold text-red-800">
                {t(key)}
              </p>
            ))}
          <ImportErrors errors={failedRows} />
        </>
      ) : null}
      {d.status === "failed" ? (
        <p role="alert" className="mb-4 font-semibold text-red-800">
          {t("import.jobFailed")}
        </p>
      ) : null}
      {!d.running ? (
        <p>
          <Link to={d.back}>{t("import.back")}</Link>
        </p>
      ) : null}
    </>
  );
}
