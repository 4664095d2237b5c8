import { formatNumber } from "#app/i18n/format.ts";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { rowLinkColumn } from "#app/components/row-header-columns.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { institutionOf, taskStateColumns } from "#app/modules/reporting/components/task-columns.tsx";
import { reportingPolicy } from "#app/modules/reporting/reporting.policy.ts";
import { listCycles, listTasksForActor } from "#app/modules/reporting/reporting.queries.server.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { data } from "react-router";
import type { Route } from "./+types/reporting-index";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const canManage = reportingPolicy.can(actor, "cycle.view", null);
  const canObserve = reportingPolicy.can(actor, "observation.create", null);
  const tasks = await listTasksForActor(context.db, actor, locale);
  if (
    !canManage &&
    !canObserve &&
    tasks.length === 0 &&
    !actor.grants.some((g) => g.role === "focal_point" || g.role === "municipal_officer")
  )
    throw data(null, { status: 403 });
  const cycles = canManage || canObserve ? await listCycles(context.db, locale) : [];
  return {
    canManage,
    canObserve,
    tasks,
    cycles: cycles.map((c) => ({
      ...c,
      tasksText: `${formatNumber(c.tasksApproved, locale)} / ${formatNumber(c.tasks, locale)}`,
      tasksOverdueLabel: formatNumber(c.tasksOverdue, locale),
    })),
  };
}

export default function ReportingIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("reporting");
  const locale = localeFromParams(params);
  const base = `/${locale}/workspace/reporting`;
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")}>
        {loaderData.canManage ? (
          <p className="mt-4">
            <Link
              to={`${base}/cycles/new`}
              className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
            >
              {t("index.openCycle")}
            </Link>
          </p>
        ) : null}
      </PageHeader>

      {loaderData.tasks.length > 0 || !loaderData.canManage ? (
        <LabelledSection id="my-tasks" heading={t("index.myTasks")} className="mb-10" headingClassName="mb-3">
          <DataTable
            caption={t("index.myTasksCaption")}
            rows={loaderData.tasks}
            columns={[
              rowLinkColumn<(typeof loaderData.tasks)[number]>("cycle", t("index.cycle"), {
                to: (row) => `${base}/tasks/${row.id}`,
                text: (row) => row.cycleLabel,
              }),
              { key: "institution", header: t("board.institution"), cell: institutionOf },
              { key: "deadline", header: t("index.deadline"), cell: (row) => row.deadlineText },
              ...taskStateColumns<(typeof loaderData.tasks)[number]>(t),
            ]}
          />
        </LabelledSection>
      ) : null}

      {loaderData.cycles.length > 0 || loaderData.canManage ? (
        <LabelledSection id="cycles" heading={t("index.cycles")} className="mb-10" headingClassName="mb-3">
          <DataTable
            caption={t("index.cyclesCaption")}
            rows={loaderData.cycles}
            columns={[
              rowLinkColumn<(typeof loaderData.cycles)[number]>("label", t("index.cycle"), {
                to: (row) =>
                  loaderData.canManage ? `${base}/cycles/${row.id}` : `${base}/cycles/${row.id}/observations`,
                text: (row) => row.label,
              }),
              { key: "plan", header: t("index.plan"), cell: (row) => row.plan },
              { key: "period", header: t("index.period"), cell: (row) => row.periodText },
              { key: "deadline", header: t("index.deadline"), cell: (row) => row.deadlineText },
              { key: "status", header: t("board.status"), cell: (row) => t(`cycleStatus.${row.status}`) },
              ...(loaderData.canManage
                ? [
                    {
                      key: "approved",
                      header: t("index.tasksApproved"),
                      numeric: true,
                      cell: (row: (typeof loaderData.cycles)[number]) => row.tasksText,
                    },
                    {
                      key: "overdue",
                      header: t("board.overdue"),
                      numeric: true,
                      cell: (row: (typeof loaderData.cycles)[number]) =>
                        row.tasksOverdue > 0 ? (
                          <strong className="text-red-800">{row.tasksOverdueLabel}</strong>
                        ) : (
                          row.tasksOverdueLabel
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </LabelledSection>
      ) : null}
    </>
  );
}
