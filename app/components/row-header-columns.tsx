import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Column } from "./data-table.tsx";

/*
 * The `DataTable` columns that name each row: their cells are the rows' headers (`<th scope="row">`).
 */

/** The column naming each row by a link to the row's own page (a task, a cycle, a project). */
export function rowLinkColumn<Row>(
  key: string,
  header: ReactNode,
  link: { to: (row: Row) => string; text: (row: Row) => ReactNode },
): Column<Row> {
  return { key, header, rowHeader: true, cell: (row) => <Link to={link.to(row)}>{link.text(row)}</Link> };
}

/** The column naming each row by a stored name in the language it is written in (a community, a sector). */
export function rowNameColumn<Row extends { name: string; lang: string }>(key: string, header: ReactNode): Column<Row> {
  return { key, header, rowHeader: true, cell: (row) => <span lang={row.lang}>{row.name}</span> };
}
