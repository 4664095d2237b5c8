import type { TFunction } from "i18next";
import type { Column } from "#app/components/data-table.tsx";
import type { ReviewState, TaskStatus } from "#app/db/tables/reporting.ts";
import { TaskStateTags } from "./status-tags.tsx";

/** What the task lists' shared columns read from a task's row. */
interface TaskRow {
  organisation: string;
  municipality: string | null;
  status: ReviewState | TaskStatus;
  isOverdue: boolean;
  measuresLabel: string;
}

/** The institution a task is assigned to, as the task lists name it: the organisation, with its municipality in brackets. */
export function institutionOf(row: Pick<TaskRow, "organisation" | "municipality">): string {
  return row.municipality ? `${row.organisation} (${row.municipality})` : row.organisation;
}

/**
 * A task's state (its review state, and the overdue mark past its deadline) and how many measures it
 * reports on: the two columns side by side in an institution's own task list and on a cycle's board.
 */
export function taskStateColumns<Row extends TaskRow>(t: TFunction<"reporting">): Column<Row>[] {
  return [
    {
      key: "status",
      header: t("board.status"),
      cell: (row) => <TaskStateTags status={row.status} isOverdue={row.isOverdue} />,
    },
    { key: "measures", header: t("board.measures"), numeric: true, cell: (row) => row.measuresLabel },
  ];
}
