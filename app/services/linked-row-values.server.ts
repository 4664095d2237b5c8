import { sql, type RawBuilder } from "kysely";
import type { RowLink } from "./linked-row-filter.server.ts";

/**
 * The compared column of the rows linked to a listed row (`id`, a reference such as `m.id`), in order, as one
 * array value of the listed row's own query: a measure's supporting institutions and communities, a project's
 * sectors, communities and measures — read with the row instead of one query per list.
 */
export function linkedValues<T extends string | number>(link: RowLink, id: string): RawBuilder<T[]> {
  const value = sql.ref(`l.${link.column}`);
  return sql<
    T[]
  >`array(select ${value} from ${sql.table(link.table)} as l where ${sql.ref(`l.${link.key}`)} = ${sql.ref(id)} order by ${value})`;
}
