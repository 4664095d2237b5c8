import { sql } from "kysely";
import type { Db } from "../client.server.ts";
import type { Catalog, TableInfo } from "./catalog.server.ts";

/** A row as text: each copied column's value in its type's text form, or null. */
export type TextRow = Record<string, string | null>;

/** Rewrites a row on its way to the target (the scrub); returns null to leave the row out. */
export type RowTransform = (row: TextRow) => TextRow | null | Promise<TextRow | null>;

/** Progress of one table's copy: rows read so far and the table's size. */
export interface CopyProgress {
  table: string;
  done: number;
  total: number;
}

export interface CopyOptions {
  /** Rows read and written per statement (default 1,000). */
  batchRows?: number;
  /** A per-table transform; tables without one are copied verbatim. */
  transformFor?: (table: string) => RowTransform | undefined;
  /** Told after every batch and at the end of each table. */
  onProgress?: (progress: CopyProgress) => void;
}

/** Rows written per table. */
export type CopyReport = Map<string, number>;

const CURSOR = sql.raw("cap_transfer_cursor");

/** The columns a copy writes: every column but the generated ones, which the target computes. */
export function copiedColumns(table: TableInfo): string[] {
  return table.columns.filter((c) => !c.isGenerated).map((c) => c.name);
}

/**
 * Copies every table of `catalog` from `source` to `target`, in the catalog's dependency order,
 * through a cursor in batches: values travel as their text form and are cast back to the column's
 * type on the target, so nothing is lost between PGlite and PostgreSQL. Columns referring to their
 * own table are written once all rows are in. Both connections must be inside a transaction (the
 * cursor needs one on the source; the target's all-or-nothing needs one there), and the target's
 * user triggers should be disabled (derived tables such as counters are copied as they are).
 */
export async function copyTables(
  source: Db,
  target: Db,
  catalog: Catalog,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const report: CopyReport = new Map();
  for (const name of catalog.order) {
    const table = catalog.tables.get(name)!;
    report.set(name, await copyTable(source, target, table, options));
  }
  return report;
}

async function copyTable(source: Db, target: Db, table: TableInfo, options: CopyOptions): Promise<number> {
  const batchRows = options.batchRows ?? 1_000;
  const transform = options.transformFor?.(table.name);
  const columns = copiedColumns(table);
  const typeOf = new Map(table.columns.map((c) => [c.name, c.type]));
  const deferred = table.selfReferences.filter((c) => columns.includes(c));
  const total = Number(
    (await sql<{ n: number }>`select count(*)::int8 as n from ${sql.table(`public.${table.name}`)}`.execute(source))
      .rows[0]!.n,
  );
  const laterUpdates: TextRow[] = [];
  let done = 0;
  let written = 0;

  const aliases = columns.map((_, i) => `c${i}`);
  await sql`declare ${CURSOR} no scroll cursor for select ${sql.join(columns.map((c, i) => sql`${sql.ref(c)}::text as ${sql.ref(aliases[i]!)}`))} from ${sql.table(`public.${table.name}`)}`.execute(
    source,
  );
  try {
    for (;;) {
      const fetched = await sql<
        Record<string, string | null>
      >`fetch forward ${sql.raw(String(batchRows))} from ${CURSOR}`.execute(source);
      if (fetched.rows.length === 0) break;
      const rows: TextRow[] = [];
      for (const raw of fetched.rows) {
        const row: TextRow = {};
        columns.forEach((c, i) => (row[c] = raw[aliases[i]!] ?? null));
        const out = transform ? await transform(row) : row;
        if (!out) continue;
        if (deferred.length && deferred.some((c) => out[c] !== null)) {
          laterUpdates.push(Object.fromEntries([...table.primaryKey, ...deferred].map((c) => [c, out[c] ?? null])));
        }
        rows.push(out);
      }
      if (rows.length) {
        await insertRows(target, table, columns, typeOf, deferred, rows);
        written += rows.length;
      }
      done += fetched.rows.length;
      options.onProgress?.({ table: table.name, done, total });
    }
  } finally {
    await sql`close ${CURSOR}`.execute(source);
  }
  if (laterUpdates.length) await updateSelfReferences(target, table, typeOf, deferred, laterUpdates, batchRows);
  if (total === 0) options.onProgress?.({ table: table.name, done: 0, total: 0 });
  return written;
}

/** One `insert … select … from json_to_recordset(…)`: a single parameter, every value cast from text. */
async function insertRows(
  target: Db,
  table: TableInfo,
  columns: string[],
  typeOf: Map<string, string>,
  deferred: string[],
  rows: TextRow[],
): Promise<void> {
  const aliases = columns.map((_, i) => `c${i}`);
  const payload = JSON.stringify(
    rows.map((row) => Object.fromEntries(columns.map((c, i) => [aliases[i], deferred.includes(c) ? null : row[c]]))),
  );
  const overriding = table.columns.some((c) => c.isIdentity) ? sql`overriding system value` : sql``;
  await sql`
    insert into ${sql.table(`public.${table.name}`)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${overriding}
    select ${sql.join(columns.map((c, i) => sql`u.${sql.ref(aliases[i]!)}::${sql.raw(typeOf.get(c)!)}`))}
    from json_to_recordset(${payload}::json) as u(${sql.join(aliases.map((a) => sql`${sql.ref(a)} text`))})`.execute(
    target,
  );
}

async function updateSelfReferences(
  target: Db,
  table: TableInfo,
  typeOf: Map<string, string>,
  deferred: string[],
  rows: TextRow[],
  batchRows: number,
): Promise<void> {
  if (table.primaryKey.length === 0)
    throw new Error(`Table ${table.name} refers to itself but has no primary key to write the references by.`);
  const keyed = [...table.primaryKey, ...deferred];
  const aliases = keyed.map((_, i) => `c${i}`);
  const aliasOf = new Map(keyed.map((c, i) => [c, aliases[i]!]));
  for (let start = 0; start < rows.length; start += batchRows) {
    const slice = rows.slice(start, start + batchRows);
    const payload = JSON.stringify(slice.map((row) => Object.fromEntries(keyed.map((c) => [aliasOf.get(c)!, row[c]]))));
    await sql`
      update ${sql.table(`public.${table.name}`)} as t
      set ${sql.join(deferred.map((c) => sql`${sql.ref(c)} = u.${sql.ref(aliasOf.get(c)!)}::${sql.raw(typeOf.get(c)!)}`))}
      from json_to_recordset(${payload}::json) as u(${sql.join(aliases.map((a) => sql`${sql.ref(a)} text`))})
      where ${sql.join(
        table.primaryKey.map((c) => sql`t.${sql.ref(c)} = u.${sql.ref(aliasOf.get(c)!)}::${sql.raw(typeOf.get(c)!)}`),
        sql` and `,
      )}`.execute(target);
  }
}

/** Sets every identity and serial sequence just past the largest value now in its column. */
export async function advanceSequences(target: Db, catalog: Catalog): Promise<number> {
  let count = 0;
  for (const name of catalog.order) {
    for (const column of catalog.tables.get(name)!.columns) {
      if (!column.sequence) continue;
      await sql`select setval(${column.sequence}::regclass, coalesce((select max(${sql.ref(column.name)}) from ${sql.table(`public.${name}`)}), 0) + 1, false)`.execute(
        target,
      );
      count += 1;
    }
  }
  return count;
}

/** Turns the user-defined triggers of every table off (or back on): the copy writes derived tables itself. */
export async function setUserTriggers(target: Db, catalog: Catalog, enabled: boolean): Promise<void> {
  const action = enabled ? sql`enable trigger user` : sql`disable trigger user`;
  for (const name of catalog.order) await sql`alter table ${sql.table(`public.${name}`)} ${action}`.execute(target);
}

/** Empties every table of the catalog in one statement (the rows the migrations wrote on the target). */
export async function emptyTables(target: Db, catalog: Catalog): Promise<void> {
  if (catalog.order.length === 0) return;
  await sql`truncate table ${sql.join(catalog.order.map((name) => sql.table(`public.${name}`)))}`.execute(target);
}
