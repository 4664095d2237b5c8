import { sql, type RawBuilder } from "kysely";
import type { Database } from "#app/db/schema.ts";

/** Where a list's filter finds the rows linked to a listed row: their table, the column naming the listed row, the compared column. */
export interface RowLink {
  table: keyof Database & string;
  /** The linked table's column that holds the listed row's id. */
  key: string;
  /** The column the filter's value is compared with. */
  column: string;
}

/**
 * A condition of a list's query: the listed row (`id`, a reference such as `o.id`) has a linked row whose
 * compared column holds `value` (an organisation in a sector, an event with an organisation, a document with
 * a file in a language).
 */
export function hasLinkedRow(link: RowLink, id: string, value: string | number): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from ${sql.table(link.table)} as l where ${sql.ref(`l.${link.key}`)} = ${sql.ref(id)} and ${sql.ref(`l.${link.column}`)} = ${value})`;
}
