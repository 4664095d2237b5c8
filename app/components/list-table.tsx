import type { ReactNode } from "react";
import { ColumnHeads } from "./column-heads.tsx";

/**
 * A workspace list's table (library documents, plans, a plan's revisions): a box that scrolls sideways when the
 * table is wider than the screen, a caption for screen readers only (the page's heading names the list), one
 * row of column heads with `headRowClassName` and `headCellClassName`, and the body's rows (`children`).
 */
export function ListTable({
  caption,
  className,
  headRowClassName,
  headCellClassName,
  labels,
  children,
}: {
  caption: ReactNode;
  className: string;
  headRowClassName: string;
  headCellClassName: string;
  labels: ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={className}>
        <caption className="sr-only">{caption}</caption>
        <ColumnHeads rowClassName={headRowClassName} cellClassName={headCellClassName} labels={labels} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
