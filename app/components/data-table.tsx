import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** One column of a data table: its header and how to render a row's cell. */
export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-align numbers so they compare at a glance (and never break them across lines). */
  numeric?: boolean;
  /** Dates, periods, years and codes: kept on one line, like numbers. */
  nowrap?: boolean;
  /** Render this column's cells as row headers (`<th scope="row">`). */
  rowHeader?: boolean;
}

function cellClass<Row>(column: Column<Row>): string {
  if (column.numeric) return "text-right tabular-nums whitespace-nowrap";
  return column.nowrap ? "tabular-nums whitespace-nowrap" : "";
}

/** How a table tells its rows apart: by their `id` unless told otherwise (rows without one must say). */
type RowKeyProp<Row> = Row extends { id: number | string }
  ? { rowKey?: (row: Row) => string }
  : { rowKey: (row: Row) => string };

function idKey(row: unknown): string {
  return String((row as { id: number | string }).id);
}

/**
 * An accessible table with a caption. Numbers, dates and codes stay on one line and words are never
 * broken inside (the `data-table` class); when the table is wider than the screen it scrolls sideways
 * inside a region named by the caption, reachable with the keyboard, with a visible hint on narrow
 * screens. The region is `relative`, so that absolutely positioned content (`sr-only` texts) is
 * clipped by it instead of widening the page.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey = idKey,
  footer,
}: {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: Row[];
  footer?: ReactNode;
} & RowKeyProp<Row>) {
  const { t } = useTranslation("core");
  const captionId = useId();
  return (
    <div className="data-table-region relative overflow-x-auto" role="region" aria-labelledby={captionId} tabIndex={0}>
      <p className="data-table-hint mb-1 text-xs text-slate-700 md:hidden">{t("table.scrollHint")}</p>
      <table className="data-table w-full border-collapse text-sm">
        <caption id={captionId} className="mb-2 text-left font-semibold">
          {caption}
        </caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={`px-2 py-2 align-bottom ${c.numeric ? "text-right" : "text-left"}`}
              >
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
                    <th key={c.key} scope="row" className={`px-2 py-2 text-left font-medium ${cellClass(c)}`}>
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.key} className={`px-2 py-2 ${cellClass(c)}`}>
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
