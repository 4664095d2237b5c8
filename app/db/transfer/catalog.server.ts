import { sql } from "kysely";
import type { Db } from "../client.server.ts";

/** One column of a table, as the catalog describes it. */
export interface ColumnInfo {
  name: string;
  /** The column's type as SQL can write it (`format_type`), e.g. `numeric(14,2)` or `text[]`. */
  type: string;
  /** A stored generated column: computed by the database, never copied. */
  isGenerated: boolean;
  /** `generated always as identity`: an insert with its value needs `overriding system value`. */
  isIdentity: boolean;
  /** The sequence behind an identity or serial column, to be set past the copied values. */
  sequence: string | null;
}

/** A foreign key: `columns` of `table` refer to `referencedTable`. */
export interface ForeignKey {
  table: string;
  referencedTable: string;
  columns: string[];
}

/** A table of the public schema with what a copy needs to know about it. */
export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Columns of a foreign key to the table itself: copied after the rows, so a row may refer to a later one. */
  selfReferences: string[];
}

/** The copyable tables of a database and the order to copy them in. */
export interface Catalog {
  tables: Map<string, TableInfo>;
  foreignKeys: ForeignKey[];
  /** Every table after the tables it refers to (derived from the foreign keys). */
  order: string[];
}

/** Kysely's own bookkeeping tables: each database keeps its own (the target runs the migrations itself). */
export const MIGRATION_TABLES = ["kysely_migration", "kysely_migration_lock"] as const;
const isMigrationTable = (name: string) => (MIGRATION_TABLES as readonly string[]).includes(name);

/**
 * Reads the public schema's tables, columns, primary keys and foreign keys from the catalog, and
 * orders the tables so that every table comes after those it refers to. Throws when the foreign
 * keys form a cycle between tables (a table referring to itself is handled by `selfReferences`).
 */
export async function readCatalog(db: Db): Promise<Catalog> {
  const columns = await sql<{
    table_name: string;
    column_name: string;
    type: string;
    is_generated: boolean;
    is_identity: boolean;
    sequence: string | null;
  }>`
    select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type,
      a.attgenerated <> '' as is_generated, a.attidentity <> '' as is_identity,
      pg_get_serial_sequence('public.' || quote_ident(c.relname), a.attname) as sequence
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname, a.attnum`.execute(db);
  const primaryKeys = await sql<{ table_name: string; columns: string }>`
    select c.relname as table_name, string_agg(a.attname, ',' order by array_position(i.indkey::int2[], a.attnum)) as columns
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey::int2[])
    where n.nspname = 'public' and i.indisprimary
    group by c.relname`.execute(db);
  const keys = await sql<{ table_name: string; referenced_table: string; columns: string }>`
    select src.relname as table_name, dst.relname as referenced_table,
      (select string_agg(a.attname, ',' order by a.attnum) from pg_attribute a where a.attrelid = con.conrelid and a.attnum = any(con.conkey)) as columns
    from pg_constraint con
    join pg_class src on src.oid = con.conrelid
    join pg_class dst on dst.oid = con.confrelid
    join pg_namespace n on n.oid = src.relnamespace
    where con.contype = 'f' and n.nspname = 'public'
    order by src.relname, con.conname`.execute(db);

  const tables = new Map<string, TableInfo>();
  for (const row of columns.rows) {
    if (isMigrationTable(row.table_name)) continue;
    let table = tables.get(row.table_name);
    if (!table)
      tables.set(row.table_name, (table = { name: row.table_name, columns: [], primaryKey: [], selfReferences: [] }));
    table.columns.push({
      name: row.column_name,
      type: row.type,
      isGenerated: row.is_generated,
      isIdentity: row.is_identity,
      sequence: row.sequence,
    });
  }
  for (const row of primaryKeys.rows) {
    const table = tables.get(row.table_name);
    if (table) table.primaryKey = row.columns.split(",");
  }
  const foreignKeys = keys.rows
    .filter((k) => tables.has(k.table_name))
    .map((k) => ({ table: k.table_name, referencedTable: k.referenced_table, columns: k.columns.split(",") }));
  for (const key of foreignKeys) {
    if (key.table === key.referencedTable) tables.get(key.table)!.selfReferences.push(...key.columns);
  }
  return { tables, foreignKeys, order: dependencyOrder([...tables.keys()], foreignKeys) };
}

/**
 * Kahn's topological sort of the tables by their foreign keys, alphabetical among tables that
 * are ready together (so the order is stable). Self-references do not count.
 */
export function dependencyOrder(tableNames: readonly string[], foreignKeys: readonly ForeignKey[]): string[] {
  const needs = new Map<string, Set<string>>(tableNames.map((name) => [name, new Set<string>()]));
  for (const key of foreignKeys) {
    if (key.table !== key.referencedTable && needs.has(key.referencedTable))
      needs.get(key.table)?.add(key.referencedTable);
  }
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < tableNames.length) {
    const ready = [...needs.entries()]
      .filter(([name, deps]) => !done.has(name) && [...deps].every((d) => done.has(d)))
      .map(([name]) => name)
      .sort();
    if (ready.length === 0) {
      const left = tableNames.filter((name) => !done.has(name)).sort();
      throw new Error(
        `The foreign keys between these tables form a cycle, so no copy order exists: ${left.join(", ")}.`,
      );
    }
    for (const name of ready) {
      done.add(name);
      order.push(name);
    }
  }
  return order;
}

/**
 * Settings that make the text form of every value the same on PGlite and PostgreSQL, for the
 * duration of the current transaction: UTC times, ISO dates, exact floats.
 */
export async function setCanonicalTextForms(db: Db): Promise<void> {
  await sql`set local timezone = 'UTC'`.execute(db);
  await sql`set local datestyle = 'ISO, YMD'`.execute(db);
  await sql`set local intervalstyle = 'postgres'`.execute(db);
  await sql`set local extra_float_digits = 1`.execute(db);
  await sql`set local bytea_output = 'hex'`.execute(db);
}

/** A table's row count and the checksum of its rows (order-independent), as `tableChecksum` computes them. */
export interface TableChecksum {
  rows: number;
  checksum: string;
}

/**
 * The row count and a checksum of a table: the MD5 of its rows' MD5s in sorted order, each row
 * written as the text of the given columns (all of them, generated ones included, by name).
 * Run it under `setCanonicalTextForms` so both back ends write values alike.
 */
export async function tableChecksum(
  db: Db,
  table: TableInfo,
  columns: readonly string[] = table.columns.map((c) => c.name),
): Promise<TableChecksum> {
  const list = [...columns].sort();
  const rowText = list.length ? sql.join(list.map((c) => sql.ref(`t.${c}`))) : sql`1`;
  const result = await sql<{ rows: number; checksum: string | null }>`
    select count(*)::int8 as rows, md5(string_agg(h, '' order by h collate "C")) as checksum
    from (select md5(row(${rowText}, null)::text) as h from ${sql.table(`public.${table.name}`)} as t) as x`.execute(
    db,
  );
  const row = result.rows[0]!;
  return { rows: Number(row.rows), checksum: row.checksum ?? "" };
}

/** The tables of the public schema other than the migrations' own, with how many there are. */
export async function listPublicRelations(db: Db): Promise<string[]> {
  const result = await sql<{ relname: string }>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    order by c.relname`.execute(db);
  return result.rows.map((r) => r.relname);
}
