/**
 * `npm run bench:data -- --scale N [--seed S] [--clear] [--clear-only] [--data-dir DIR]`: fills one
 * database with every module's data at "Kosovo ×N" (the whole-platform dataset of issue 18):
 * ENTITY_GENERATORS then PLATFORM_GENERATORS, with the platform's sizes (PLATFORM_PER_SCALE).
 * PostgreSQL when DATABASE_URL is set, else an embedded PGlite database in --data-dir (never ./data).
 * Prints the rows written per entity and the rows of every table it writes.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { clearGenerated, generateKosovo, openGeneratorTarget, type GenerateReport } from "./generate.ts";
import { ALL_GENERATORS, PLATFORM_PER_SCALE } from "./generators/index.ts";

/** Fills a migrated database with the whole-platform dataset at `scale`. */
export function generatePlatform(
  db: Db,
  options: { scale: number; seed?: number; batchSize?: number },
): Promise<GenerateReport> {
  return generateKosovo(db, { ...options, generators: ALL_GENERATORS, perScale: PLATFORM_PER_SCALE });
}

/** Rows in every table the generators write, by table. */
export async function countTables(db: Db): Promise<Record<string, number>> {
  const tables = [...new Set(Object.values(ALL_GENERATORS).flatMap((g) => g.tables))];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(row.rows[0]?.n ?? 0);
  }
  return counts;
}

async function main(): Promise<void> {
  const values = parseBenchArgs({
    defaults: { scale: "1", seed: "1" },
    optional: ["data-dir"],
    flags: ["clear", "clear-only"],
  });
  const handle = await openGeneratorTarget(values["data-dir"]);
  try {
    if (values.clear || values["clear-only"]) {
      const began = performance.now();
      await clearGenerated(handle.db);
      console.log(`Cleared the generated rows in ${Math.round(performance.now() - began)} ms.`);
    }
    if (!values["clear-only"]) {
      const report = await generatePlatform(handle.db, { scale: Number(values.scale), seed: Number(values.seed) });
      for (const e of report.entities)
        console.log(
          `${e.name.padEnd(18)} ${String(e.rows).padStart(9)} rows  ${String(e.ms).padStart(7)} ms  (${e.tables.join(", ")})`,
        );
      console.log(
        `Kosovo ×${report.scale} (seed ${report.seed}, whole platform) generated in ${(report.ms / 1000).toFixed(1)} s.`,
      );
    }
    console.log("\nRows per table now:");
    for (const [table, n] of Object.entries(await countTables(handle.db)))
      console.log(`${table.padEnd(34)} ${String(n).padStart(9)}`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
