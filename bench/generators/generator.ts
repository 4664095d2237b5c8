import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { Random } from "../random.ts";

/** Reference data every generator may draw on, read once from the migrated database. */
export interface ReferenceData {
  municipalities: readonly { kasCode: string; nameSq: string; nameSr: string; population: number }[];
  /** Non-majority communities (the platform's subject), with their names. */
  communities: readonly { code: string; name: TranslatedText; population: number }[];
  sectors: readonly { code: string; name: TranslatedText }[];
}

/** What one entity generator receives. */
export interface GeneratorContext {
  /** A transaction: each generator's rows are written all or nothing. */
  db: Db;
  scale: number;
  /** This generator's own stream, forked from the seed by its name. */
  random: Random;
  reference: ReferenceData;
  /** Ids written by the generators that ran before this one, by entity name (for foreign keys). */
  ids: ReadonlyMap<string, readonly (number | string)[]>;
  /** The moment generated dates lead up to (fixed, so the data does not depend on the day it is made). */
  anchor: Date;
  /** Rows per INSERT statement. */
  batchSize: number;
}

/**
 * One kind of synthetic row. `perScale` rows are made per unit of scale ("Kosovo ×1"); generators
 * run in the registry's order, so one may refer to the ids of those listed before it.
 */
export interface EntityGenerator {
  /** Tables written, for the report. */
  tables: readonly string[];
  perScale: number;
  /** Writes `count` rows and returns their ids. */
  generate(context: GeneratorContext, count: number): Promise<readonly (number | string)[]>;
  /** Deletes every row this generator wrote earlier (and nothing else), so a shared database can be regenerated. */
  clear(db: Db): Promise<void>;
}

/** Splits `total` items into consecutive batches of at most `size`: [offset, length] pairs. */
export function* batches(total: number, size: number): Generator<[offset: number, length: number]> {
  for (let offset = 0; offset < total; offset += size) yield [offset, Math.min(size, total - offset)];
}

/**
 * Writes `count` generated rows in batches of `batchSize`: `row(n)` makes the row at place `n` (from 0, in order),
 * `write` inserts one batch and answers its ids. The ids of all rows, in order.
 */
export async function writeInBatches<Row, Id>(
  count: number,
  batchSize: number,
  row: (n: number) => Row,
  write: (rows: Row[]) => Promise<Id[]>,
): Promise<Id[]> {
  const ids: Id[] = [];
  for (const [offset, length] of batches(count, batchSize))
    ids.push(...(await write(Array.from({ length }, (_, i) => row(offset + i)))));
  return ids;
}

/** What `oneTableGenerator` makes a generator of. */
export interface OneTableGeneratorSpec<Row, Id extends number | string> {
  /** The one table written. */
  table: string;
  perScale: number;
  /** Reads or prepares what the rows draw on, and answers the maker of the row at place `n` (from 0). */
  rows(context: GeneratorContext): ((n: number) => Row) | Promise<(n: number) => Row>;
  /** Inserts one batch of rows and answers their ids, in order. */
  insert(db: Db, rows: Row[]): Promise<Id[]>;
  /** Deletes every row the generator wrote earlier (and nothing else). */
  clear(db: Db): Promise<void>;
}

/** A generator of the rows of one table, each made on its own and written in batches of the context's size. */
export function oneTableGenerator<Row, Id extends number | string>(
  spec: OneTableGeneratorSpec<Row, Id>,
): EntityGenerator {
  return {
    tables: [spec.table],
    perScale: spec.perScale,
    async generate(context, count) {
      const row = await spec.rows(context);
      return writeInBatches(count, context.batchSize, row, (rows) => spec.insert(context.db, rows));
    },
    clear: (db) => spec.clear(db),
  };
}

/** A date `daysBack` days (fractional) before `anchor`. */
export function daysBefore(anchor: Date, daysBack: number): Date {
  return new Date(anchor.getTime() - Math.round(daysBack * 86_400_000));
}

/** The reference data of the generators, from a migrated database (its municipalities, communities and sectors). */
export async function readReference(db: Db): Promise<ReferenceData> {
  const [municipalities, communities, population, sectors] = await Promise.all([
    db
      .selectFrom("municipality")
      .select(["kas_code as kasCode", "name_sq as nameSq", "name_sr as nameSr", "pop_2024 as population"])
      .orderBy("kas_code")
      .execute(),
    db.selectFrom("community").select(["code", "name", "is_majority"]).orderBy("sort_order").execute(),
    db
      .selectFrom("municipality_population")
      .select(["community_code", (eb) => eb.fn.sum<number>("population").as("population")])
      .where("year", "=", 2024)
      .groupBy("community_code")
      .execute(),
    db.selectFrom("sector").select(["code", "name"]).orderBy("sort_order").execute(),
  ]);
  if (municipalities.length === 0) throw new Error("The database has no reference data: migrate it before generating.");
  const populationOf = new Map(population.map((p) => [p.community_code, Number(p.population)]));
  return {
    municipalities,
    communities: communities
      .filter((c) => !c.is_majority && c.code !== "other" && c.code !== "not_declared")
      .map((c) => ({ code: c.code, name: c.name as TranslatedText, population: populationOf.get(c.code) ?? 0 })),
    sectors: sectors.map((s) => ({ code: s.code, name: s.name as TranslatedText })),
  };
}
