import type { SelectQueryBuilder } from "kysely";

/**
 * One page of a list and the number of rows the whole list has, read at the same time: `ordered`
 * (the list's columns and order) limited to page `page` (from 1) of `pageSize` rows, and
 * `count(*)` over `matching` (the list's tables and conditions, without columns). Two statements
 * whatever the page size; the lists of the workspace and the public pages page this way.
 */
export async function readPage<Row, RowDB, RowTB extends keyof RowDB, DB, TB extends keyof DB, O>(
  ordered: SelectQueryBuilder<RowDB, RowTB, Row>,
  matching: SelectQueryBuilder<DB, TB, O>,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ rows: Row[]; total: number }> {
  const [rows, count] = await Promise.all([
    ordered
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    matching
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .$castTo<{ n: number | string }>()
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as Row[], total: Number(count.n) };
}
