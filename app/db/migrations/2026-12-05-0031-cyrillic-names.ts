import { sql, type Kysely } from "kysely";
import { settlementCyrillicName } from "../settlement-names.ts";

/**
 * Named things carry their own Serbian Cyrillic name (decision 037): an optional, editable one for
 * organisations and services, shown to sr-cyrl readers instead of the transliterated Serbian name;
 * and every settlement whose GeoNames record has no Cyrillic name gets one from its Serbian Latin
 * name where it has one (the others keep null and are shown in Albanian, marked as such).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisation add column name_sr_cyrl text`.execute(db);
  await sql`alter table service add column title_sr_cyrl text`.execute(db);
  const { rows } = await sql<{ id: number; name: string; alternate_names: string }>`
    select id, name, alternate_names from settlement where name_cyrl is null order by id`.execute(db);
  const derived = rows.flatMap((row) => {
    const cyrillic = settlementCyrillicName(row.name, row.alternate_names);
    return cyrillic ? [{ id: row.id, cyrillic }] : [];
  });
  for (let i = 0; i < derived.length; i += 500) {
    const values = sql.join(derived.slice(i, i + 500).map((d) => sql`(${d.id}::integer, ${d.cyrillic}::text)`));
    await sql`update settlement set name_cyrl = v.name_cyrl from (values ${values}) as v(id, name_cyrl) where settlement.id = v.id`.execute(
      db,
    );
  }
}

/** Drops the organisations' and services' Cyrillic names; the settlements' derived names stay (they are reference data). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table service drop column title_sr_cyrl`.execute(db);
  await sql`alter table organisation drop column name_sr_cyrl`.execute(db);
}
