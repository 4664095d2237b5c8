import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useLocation } from "react-router";
import { Button } from "#app/components/button.tsx";
import { CsrfField } from "#app/components/csrf-field.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { reportingPost, reportingRecordPage } from "#app/modules/reporting/reporting-pages.server.ts";
import { useErrorText } from "#app/modules/reporting/components/error-text.ts";
import { ImplementationTag, OverdueTag, ReviewTag } from "#app/modules/reporting/components/status-tags.tsx";
import { submitTask } from "#app/modules/reporting/reporting.commands.server.ts";
import { reportingPolicy } from "#app/modules/reporting/reporting.policy.ts";
import { loadTask, TASK_MEASURES_PER_PAGE } from "#app/modules/reporting/reporting.queries.server.ts";
import { IdParamSchema, TaskPageSchema } from "#app/modules/reporting/reporting.schema.ts";
import { authorizeRecord } from "#app/services/guards.server.ts";
import type { Route } from "./+types/task";
import { SavedNotice } from "#app/components/saved-notice.tsx";

export async function loader(args: Route.LoaderArgs) {
  const { locale, actor, id } = reportingRecordPage(args, "taskId");
  const { request, context } = args;
  const url = new URL(request.url);
  const loaded = await loadTask(context.db, id, locale, {
    page: TaskPageSchema.parse(url.searchParams.get("page") ?? undefined),
  });
  if (!loaded) throw data(null, { status: 404 });
  const subject = { organisationId: loaded.task.organisationId, kasCode: loaded.task.kasCode };
  authorizeRecord(reportingPolicy, actor, "task.view", subject);
  const canReport = reportingPolicy.can(actor, "task.report", subject);
  return {
    ...loaded,
    canReport,
    canSubmit:
      canReport &&
      loaded.task.cycleStatus === "open" &&
      (loaded.task.status === "draft" || loaded.task.status === "returned"),
    canReview: reportingPolicy.can(actor, "report.review", null),
    paging: { pageSize: TASK_MEASURES_PER_PAGE, totalLabel: loaded.task.measuresLabel },
    saved: url.searchParams.get("saved"),
  };
}

export async function action(args: Route.ActionArgs) {
  const { locale, id: taskId, form, audit } = await reportingPost(args, "taskId");
  const version = IdParamSchema.safeParse(form.get("version"));
  if (!version.success) return data({ errors: { form: "core:form.invalid" } }, { status: 400 });
  const result = await submitTask(args.context.db, audit, { taskId, version: version.data });
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  throw redirect(`/${locale}/workspace/reporting/tasks/${taskId}?saved=submitted`);
}

export default function TaskPage({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("reporting");
  const errorText = useErrorText();
  const locale = localeFromParams(params);
  const base = `/${locale}/workspace/reporting`;
  const { task, measures } = loaderData;
  const errors = actionData?.errors.form ? { form: errorText(actionData.errors.form) } : {};
  const title = task.municipality ? `${task.organisation} (${task.municipality})` : task.organisation;
  const pagingSearch = new URLSearchParams(useLocation().search);
  pagingSearch.delete("saved");
  return (
    <>
      <PageTitle title={`${title} – ${task.cycleLabel}`} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={loaderData.canReview ? `${base}/cycles/${task.cycleId}` : base}>
          {loaderData.canReview ? t("back.toBoard") : t("back.toReporting")}
        </Link>
      </p>
      <PageHeader title={title} lead={t("task.lead", { cycle: task.cycleLabel, date: task.deadlineText })}>
        <p className="mt-2 flex flex-wrap items-center gap-2">
          <ReviewTag state={task.status} />
          {task.isOverdue ? <OverdueTag /> : null}
          {task.submittedText ? (
            <span className="text-sm">{t("task.submittedAt", { date: task.submittedText })}</span>
          ) : null}
        </p>
      </PageHeader>
      {loaderData.saved === "submitted" ? (
        <SavedNotice className="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-3">
          {t("saved.submitted")}
        </SavedNotice>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: "submit" }} />

      <h2 className="mb-3">{t("task.measures")}</h2>
      <ul className="mb-8 divide-y divide-slate-200 border-y border-slate-200">
        {measures.map((m) => (
          <li key={m.reportId} className="py-3">
            <p className="font-semibold">
              <Link to={`${base}/reports/${m.reportId}`}>
                {m.code} — <span lang={m.title?.lang}>{m.title?.text}</span>
              </Link>
            </p>
            <TranslationNote value={m.title} />
            <p className="mt-1 flex flex-wrap gap-2">
              <ImplementationTag status={m.status} />
              <ReviewTag state={m.reviewState} />
            </p>
            {m.reviewState === "returned" && m.reviewerComment ? (
              <p className="mt-1 border-s-4 border-amber-500 ps-2 text-sm">
                {t("task.returnedComment")} {m.reviewerComment}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {loaderData.pageCount > 1 ? (
        <div className="mb-8">
          <Pagination
            page={loaderData.page}
            pageSize={loaderData.paging.pageSize}
            total={task.measures}
            totalLabel={loaderData.paging.totalLabel}
            search={pagingSearch.toString()}
          />
        </div>
      ) : null}

      {loaderData.canSubmit ? (
        <Form method="post" className="max-w-xl">
          <CsrfField />
          <input type="hidden" name="version" value={task.version} />
          <p className="mb-3">{t("task.submitLead")}</p>
          <Button id="submit">{t("task.submit")}</Button>
        </Form>
      ) : null}
    </>
  );
}
