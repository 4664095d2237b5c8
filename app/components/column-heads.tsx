import type { ReactNode } from "react";

/**
 * A table's header: one row of `<th scope="col">` cells, all with the same class. A `null` label is
 * a column not shown (for example a selection column only some users have).
 */
export function ColumnHeads({
  labels,
  cellClassName,
  rowClassName,
}: {
  labels: ReactNode[];
  cellClassName: string;
  rowClassName?: string;
}) {
  return (
    <thead>
      <tr className={rowClassName}>
        {labels.map((label, i) =>
          label === null ? null : (
            <th key={i} scope="col" className={cellClassName}>
              {label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
