import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Column } from "./data-table.tsx";

/**
 * The `DataTable` column that names each row: its cells are the rows' headers, each a link to the
 * row's own page (a task, a cycle, a project).
 */
export function rowLinkColumn<Row>(
  key: string,
  header: ReactNode,
  link: { to: (row: Row) => string; text: (row: Row) => ReactNode },
): Column<Row> {
  return { key, header, rowHeader: true, cell: (row) => <Link to={link.to(row)}>{link.text(row)}</Link> };
}
