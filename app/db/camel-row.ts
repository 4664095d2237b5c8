/** `snake_case` as `camelCase`, as a type: `period_start_year` → `periodStartYear`. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** A row with its column names in `camelCase`. */
export type CamelRow<R> = { [K in keyof R as K extends string ? CamelCase<K> : K]: R[K] };

/**
 * A database row as a view: the same values under the column names in `camelCase`, in the same
 * order (`owner_organisation_id` → `ownerOrganisationId`). For the reads whose view is exactly their
 * row renamed, which otherwise write out `fooBar: row.foo_bar` for every column.
 */
export function camelRow<R extends object>(row: R): CamelRow<R> {
  const view: Record<string, unknown> = {};
  const values = row as Record<string, unknown>;
  for (const column of Object.keys(row)) view[camelName(column)] = values[column];
  return view as CamelRow<R>;
}

/** Column names seen, renamed once: a list renames the same few names on every row of every page (decision 072). */
const camelNames = new Map<string, string>();
/** More names than any schema has: a bound, should something rename names made from data. */
const CAMEL_NAMES_KEPT = 4096;

/** `period_start_year` → `periodStartYear`. */
export function camelName(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());
    if (camelNames.size < CAMEL_NAMES_KEPT) camelNames.set(column, name);
  }
  return name;
}
