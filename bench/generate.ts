import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle, type Db } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { ALL_GENERATORS, ENTITY_GENERATORS } from "./generators/index.ts";
import { readReference, type EntityGenerator } from "./generators/generator.ts";
import { createRandom } from "./random.ts";

/** Generated dates lead up to this moment (or to now, on a machine whose clock is earlier). */
const DEFAULT_ANCHOR = new Date("2026-11-01T12:00:00Z");

export interface GenerateOptions {
  /** "Kosovo ×N": each generator writes `perScale × scale` rows (rounded). Fractions are allowed. */
  scale: number;
  /** Same seed, same data (default 1). */
  seed?: number;
  /** Only these entities (names in ENTITY_GENERATORS); default all. */
  only?: readonly string[];
  /** Rows per INSERT statement (default 1,000). */
  batchSize?: number;
  /** The generators to run, in order (default ENTITY_GENERATORS; `npm run bench:data` adds PLATFORM_GENERATORS). */
  generators?: Readonly<Record<string, EntityGenerator>>;
  /** Rows per unit of scale instead of a generator's own `perScale`, by entity name. */
  perScale?: Readonly<Record<string, number>>;
}

export interface GenerateReport {
  scale: number;
  seed: number;
  entities: { name: string; tables: readonly string[]; rows: number; ms: number }[];
  ms: number;
}

/**
 * Fills a migrated database with "Kosovo ×scale" synthetic data: every generator in
 * ENTITY_GENERATORS, in order, each in its own transaction, in batched INSERTs. Deterministic for a
 * given seed. Ends with ANALYZE so the planner sees the new sizes, as autovacuum would.
 */
export async function generateKosovo(db: Db, options: GenerateOptions): Promise<GenerateReport> {
  const { scale, seed = 1, batchSize = 1_000 } = options;
  if (!(scale > 0)) throw new RangeError(`scale must be more than 0, got ${scale}.`);
  const generators = options.generators ?? ENTITY_GENERATORS;
  const names = options.only ?? Object.keys(generators);
  const unknown = names.filter((name) => !(name in generators));
  if (unknown.length > 0) throw new RangeError(`Unknown entities: ${unknown.join(", ")}.`);

  const started = performance.now();
  const reference = await readReference(db);
  const anchor = new Date(Math.min(DEFAULT_ANCHOR.getTime(), Date.now()));
  const root = createRandom(seed);
  const ids = new Map<string, readonly (number | string)[]>();
  const entities: GenerateReport["entities"] = [];
  for (const [name, generator] of Object.entries(generators)) {
    if (!names.includes(name)) continue;
    const count = Math.round((options.perScale?.[name] ?? generator.perScale) * scale);
    const began = performance.now();
    const written = await db
      .transaction()
      .execute((trx) =>
        generator.generate({ db: trx, scale, random: root.fork(name), reference, ids, anchor, batchSize }, count),
      );
    ids.set(name, written);
    entities.push({ name, tables: generator.tables, rows: written.length, ms: Math.round(performance.now() - began) });
  }
  await sql`analyze`.execute(db);
  return { scale, seed, entities, ms: Math.round(performance.now() - started) };
}

/**
 * Removes every row the generators wrote earlier (those of `npm run bench` and of the whole-platform
 * dataset, in reverse order, for foreign keys), leaving other data alone.
 */
export async function clearGenerated(db: Db): Promise<void> {
  for (const generator of Object.values(ALL_GENERATORS).reverse()) await generator.clear(db);
}

/**
 * The database a generator fills: DATABASE_URL, or an embedded database in `dataDir` (the app's own ./data is never
 * used by default), migrated to the latest schema.
 */
export async function openGeneratorTarget(dataDir: string | undefined): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (!databaseUrl && !dataDir) {
    throw new Error(
      "Say where: --data-dir <folder> for an embedded database, or DATABASE_URL. (The app's own ./data is never used by default.)",
    );
  }
  const handle = await openDatabase({ databaseUrl, dataDir: dataDir && path.resolve(dataDir) });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

async function main(): Promise<void> {
  const values = parseBenchArgs({
    defaults: { scale: "1", seed: "1" },
    optional: ["data-dir"],
    flags: ["replace"],
  });
  const handle = await openGeneratorTarget(values["data-dir"]);
  try {
    if (values.replace) await clearGenerated(handle.db);
    const report = await generateKosovo(handle.db, { scale: Number(values.scale), seed: Number(values.seed) });
    for (const e of report.entities) console.log(`${e.name.padEnd(14)} ${String(e.rows).padStart(8)} rows  ${e.ms} ms`);
    console.log(`Kosovo ×${report.scale} (seed ${report.seed}) generated in ${report.ms} ms.`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
