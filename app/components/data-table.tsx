import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** One column of a data table: its header and how to render a row's cell. */
export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-align numbers so they compare at a glance. */
  numeric?: boolean;
  /** Render this column's cells as row headers (`<th scope="row">`). */
  rowHeader?: boolean;
}

/** An accessible table with a caption, that scrolls sideways on narrow screens instead of overflowing. */
export function DataTable<Row>({ caption, columns, rows, rowKey, footer }: { caption: ReactNode; columns: Column<Row>[]; rows: Row[]; rowKey: (row: Row) => string; footer?: ReactNode }) {
  const { t } = useTranslation("core");
  return (
    <div className="overflow-x-auto" role="region" aria-label={typeof caption === "string" ? caption : undefined} tabIndex={0}>
      <table className="w-full border-collapse text-sm">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`px-2 py-2 align-bottom ${c.numeric ? "text-right" : "text-left"}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-2 py-4 text-slate-600">
                {t("table.noRows")}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="border-b border-slate-200 even:bg-slate-50">
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.key} scope="row" className="px-2 py-2 text-left font-medium">
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.key} className={`px-2 py-2 ${c.numeric ? "text-right tabular-nums" : ""}`}>
                      {c.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
        {footer ? <tfoot>{footer}</tfoot> : null}
      </table>
    </div>
  );
}
