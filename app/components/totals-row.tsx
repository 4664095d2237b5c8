import type { ReactNode } from "react";

/**
 * The footer row of a `DataTable` that sums its columns: the label as the row's header, then one
 * right-aligned figure per column after the first (`null` leaves that column's cell empty).
 */
export function TotalsRow({ label, totals }: { label: ReactNode; totals: readonly ReactNode[] }) {
  return (
    <tr className="border-t-2 border-slate-400 font-semibold">
      <th scope="row" className="px-2 py-2 text-left">
        {label}
      </th>
      {totals.map((total, i) =>
        total === null ? (
          <td key={i} className="px-2 py-2" />
        ) : (
          <td key={i} className="px-2 py-2 text-right tabular-nums">
            {total}
          </td>
        ),
      )}
    </tr>
  );
}
