import type { Kysely } from "kysely";

/**
 * Creates the table `table` that links rows of an owner table to codes of a reference table, one row
 * per pair: `ownerColumn` (an integer referencing `ownerKey`; the links are deleted with their owner)
 * and `<codeTable>_code` (text referencing `<codeTable>.code`), with the primary key `<table>_pk` on
 * both. E.g. `organisation_sector (organisation_id → organisation.id, sector_code → sector.code)`.
 */
export async function createCodeLinkTable(
  db: Kysely<unknown>,
  table: string,
  ownerColumn: string,
  ownerKey: string,
  codeTable: "sector" | "community",
): Promise<void> {
  const codeColumn = `${codeTable}_code`;
  await db.schema
    .createTable(table)
    .addColumn(ownerColumn, "integer", (c) => c.notNull().references(ownerKey).onDelete("cascade"))
    .addColumn(codeColumn, "text", (c) => c.notNull().references(`${codeTable}.code`))
    .addPrimaryKeyConstraint(`${table}_pk`, [ownerColumn, codeColumn])
    .execute();
}
