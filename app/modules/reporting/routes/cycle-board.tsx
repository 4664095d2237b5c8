import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { data, Link } from "react-router";
import { Button } from "#app/components/button.tsx";
import { IntentForm } from "#app/components/intent-form.tsx";
import { DataTable } from "#app/components/data-table.tsx";
import { rowLinkColumn } from "#app/components/row-header-columns.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { ChoiceSelectField } from "#app/components/choice-select-field.tsx";
import { FormFields, TextAreaField } from "#app/components/form-fields.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatNumber, formatPercent } from "#app/i18n/format.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { cycleBoardPage, reportingPost } from "#app/modules/reporting/reporting-pages.server.ts";
import { institutionOf, taskStateColumns } from "#app/modules/reporting/components/task-columns.tsx";
import { closeCycle, requestAnnualReport } from "#app/modules/reporting/reporting.commands.server.ts";
import { reportingPolicy } from "#app/modules/reporting/reporting.policy.ts";
import { listCycleReports } from "#app/modules/reporting/reporting.queries.server.ts";
import { CompileSchema, REPORT_LOCALES } from "#app/modules/reporting/reporting.schema.ts";
import { computeOnTimeRates, loadCycleProgress } from "#app/modules/reporting/rollup.server.ts";
import { submitFormCommand } from "#app/services/forms.ts";
import { authorize } from "#app/services/guards.server.ts";
import { z } from "zod";
import type { Route } from "./+types/cycle-board";
import { idSchema } from "#app/services/ids.ts";
import { SavedNotice } from "#app/components/saved-notice.tsx";

const CloseSchema = z.object({ version: idSchema() });

export async function loader(args: Route.LoaderArgs) {
  const { locale, actor, id: cycleId, board } = await cycleBoardPage(args, "cycle.view");
  const { request, context } = args;
  const [reports, progress, rates] = await Promise.all([
    listCycleReports(context.db, cycleId, locale),
    loadCycleProgress(context.db, cycleId),
    computeOnTimeRates(context.db, { strategyId: board.cycle.strategyId }),
  ]);
  const rateOf = new Map(rates.map((r) => [`${r.organisationId}|${r.kasCode ?? ""}`, r]));
  return {
    ...board,
    tasks: board.tasks.map((task) => {
      const rate = rateOf.get(`${task.organisationId}|${task.kasCode ?? ""}`);
      return {
        ...task,
        onTimeText:
          rate && rate.rate !== null
            ? `${formatPercent(rate.rate, locale)} (${formatNumber(rate.onTime, locale)}/${formatNumber(rate.due, locale)})`
            : "—",
      };
    }),
    reports,
    progress: {
      shareText: progress.share === null ? null : formatPercent(progress.share, locale),
      weightedText: progress.weightedShare === null ? null : formatPercent(progress.weightedShare, locale),
      completed: formatNumber(progress.completed, locale),
      measures: formatNumber(progress.measures, locale),
    },
    saved: new URL(request.url).searchParams.get("saved"),
    canManage: reportingPolicy.can(actor, "cycle.manage", null),
    canCompile: reportingPolicy.can(actor, "annual.compile", null),
  };
}

export async function action(args: Route.ActionArgs) {
  const { locale, actor, id: cycleId, form, intent, audit } = await reportingPost(args, "cycleId");
  const { context } = args;
  if (intent === "close") {
    authorize(reportingPolicy, actor, "cycle.manage", null);
    return submitFormCommand(
      form,
      CloseSchema,
      (input) => closeCycle(context.db, audit, { cycleId, version: input.version }),
      () => `/${locale}/workspace/reporting/cycles/${cycleId}?saved=closed`,
    );
  }
  if (intent === "compile") {
    authorize(reportingPolicy, actor, "annual.compile", null);
    return submitFormCommand(
      form,
      CompileSchema,
      (input) => requestAnnualReport(context.db, audit, { cycleId, ...input }),
      (result) => `/${locale}/workspace/reporting/compiled/${result.reportId}`,
    );
  }
  throw data(null, { status: 400 });
}

export default function CycleBoard({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation("reporting");
  const locale = localeFromParams(params);
  const base = `/${locale}/workspace/reporting`;
  const { cycle, tasks } = loaderData;
  const errors = Object.fromEntries(
    ["locale", "coordination", "form", "version"]
      .filter((f) => actionData?.errors[f])
      .map((f) => [f, t(actionData?.errors[f] ?? "")]),
  );
  const values = actionData?.values ?? {};
  return (
    <>
      <PageTitle title={t("board.title", { label: cycle.label })} isError={Object.keys(errors).length > 0} />
      <p className="mb-2 text-sm">
        <Link to={base}>{t("back.toReporting")}</Link>
      </p>
      <PageHeader title={t("board.title", { label: cycle.label })} lead={`${cycle.plan} · ${cycle.periodText}`}>
        <p className="mt-2">
          {t("board.deadline", { date: cycle.deadlineText })} · {t(`cycleStatus.${cycle.status}`)}
        </p>
      </PageHeader>
      {loaderData.saved ? (
        <SavedNotice className="mb-6 rounded border-s-4 border-emerald-700 bg-emerald-50 p-3">
          {t(`saved.${loaderData.saved === "closed" ? "closed" : "opened"}`)}
        </SavedNotice>
      ) : null}
      <ErrorSummary errors={errors} fieldIds={{ form: "coordination", version: "close" }} />

      <LabelledSection id="progress" heading={t("board.progress")} className="mb-8" headingClassName="mb-2">
        <p>
          {loaderData.progress.shareText === null
            ? t("progress.notYetReported")
            : t("progress.share", {
                share: loaderData.progress.shareText,
                completed: loaderData.progress.completed,
                total: loaderData.progress.measures,
              })}
        </p>
        {loaderData.progress.weightedText ? (
          <p className="text-sm text-slate-700">
            {t("progress.weighted", { share: loaderData.progress.weightedText })}
          </p>
        ) : null}
      </LabelledSection>

      <section aria-labelledby="board" className="mb-8">
        <h2 id="board" className="mb-2">
          {t("board.tasks")}
        </h2>
        <p className="mb-3">{t("board.toReview", { count: loaderData.toReview })}</p>
        <DataTable
          caption={t("board.caption")}
          rows={tasks}
          columns={[
            rowLinkColumn<(typeof tasks)[number]>("institution", t("board.institution"), {
              to: (row) => `${base}/tasks/${row.id}`,
              text: institutionOf,
            }),
            ...taskStateColumns<(typeof tasks)[number]>(t),
            {
              key: "submitted",
              header: t("review.submitted"),
              numeric: true,
              cell: (row) => row.byStateLabel.submitted,
            },
            { key: "returned", header: t("review.returned"), numeric: true, cell: (row) => row.byStateLabel.returned },
            { key: "approved", header: t("review.approved"), numeric: true, cell: (row) => row.byStateLabel.approved },
            { key: "submittedAt", header: t("board.submittedAt"), cell: (row) => row.submittedText ?? "—" },
            { key: "onTime", header: t("board.onTime"), cell: (row) => row.onTimeText },
          ]}
        />
      </section>

      <p className="mb-8">
        <Link to={`${base}/cycles/${cycle.id}/observations`}>{t("board.observations")}</Link>
      </p>

      {loaderData.canCompile ? (
        <LabelledSection id="compile" heading={t("compile.title")} className="mb-8 max-w-xl" headingClassName="mb-2">
          <p className="mb-3">{t("compile.lead")}</p>
          <IntentForm intent="compile">
            <FormFields values={values} errors={errors}>
              <ChoiceSelectField
                name="locale"
                label={t("compile.locale")}
                options={REPORT_LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
                defaultValue={values.locale ?? (locale === "sr-cyrl" ? "sr" : locale)}
              />
              <TextAreaField
                name="coordination"
                label={t("compile.coordination")}
                hint={t("compile.coordinationHint")}
                optional
              />
              <Button>{t("compile.submit")}</Button>
            </FormFields>
          </IntentForm>
          {loaderData.reports.length ? (
            <ul className="mt-4 list-disc ps-5">
              {loaderData.reports.map((r) => (
                <li key={r.id}>
                  <Link to={`${base}/compiled/${r.id}`}>
                    {r.createdText} · {t(`language.${r.locale}`)} · {t(`job.${r.status}`)}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </LabelledSection>
      ) : null}

      {loaderData.canManage && cycle.status === "open" ? (
        <LabelledSection id="close" heading={t("board.closeTitle")} className="mb-8 max-w-xl" headingClassName="mb-2">
          <p className="mb-3">{t("board.closeLead")}</p>
          <IntentForm intent="close" values={{ version: cycle.version }}>
            <Button variant="danger">{t("board.close")}</Button>
          </IntentForm>
        </LabelledSection>
      ) : null}
    </>
  );
}
