import { useTranslation } from "react-i18next";
import { Tag } from "#app/components/tag.tsx";
import type { ImplementationStatus, ReviewState, TaskStatus } from "#app/db/tables/reporting.ts";

const REVIEW_TONE = { draft: "neutral", submitted: "info", returned: "warning", approved: "success" } as const;
const IMPLEMENTATION_TONE = {
  not_started: "neutral",
  in_progress: "info",
  completed: "success",
  delayed: "warning",
  cancelled: "danger",
} as const;

/** The review state of a task or a measure report, as a coloured label with its name. */
export function ReviewTag({ state }: { state: ReviewState | TaskStatus }) {
  const { t } = useTranslation("reporting");
  return <Tag tone={REVIEW_TONE[state]}>{t(`review.${state}`)}</Tag>;
}

/** A measure's implementation status as reported. */
export function ImplementationTag({ status }: { status: ImplementationStatus }) {
  const { t } = useTranslation("reporting");
  return <Tag tone={IMPLEMENTATION_TONE[status]}>{t(`status.${status}`)}</Tag>;
}

/** The "overdue" mark on the board: red, and with words, never colour alone. */
export function OverdueTag() {
  const { t } = useTranslation("reporting");
  return <Tag tone="danger">{t("board.overdue")}</Tag>;
}

/** A task's review state with, past its deadline, the overdue mark: the status cell of the task lists. */
export function TaskStateTags({ status, isOverdue }: { status: ReviewState | TaskStatus; isOverdue: boolean }) {
  return (
    <span className="flex flex-wrap gap-1">
      <ReviewTag state={status} />
      {isOverdue ? <OverdueTag /> : null}
    </span>
  );
}
