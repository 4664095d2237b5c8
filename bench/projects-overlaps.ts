/**
 * `npx tsx bench/projects-overlaps.ts`: the whole overlap queue for N generated projects
 * (default 5,000) on the database of DATABASE_URL (use a throwaway PostgreSQL cluster: generated
 * projects are deleted and written again). Prints the time of each full recomputation
 * (`computeOverlaps`), the number of pairs, and whether every planted overlap was found and no
 * planted near miss was.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55433/postgres npx tsx bench/projects-overlaps.ts --count 5000 --runs 5
 */
import { sql } from "kysely";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { computeOverlaps } from "#app/modules/projects/overlaps.server.ts";
import { parseBenchArgs, scratchDatabaseUrl } from "./bench-args.ts";
import { readReference } from "./generators/generator.ts";
import { projectsGenerator, writeProjects } from "./generators/projects.ts";
import { createRandom } from "./random.ts";
import { median } from "./stats.ts";

async function main(): Promise<void> {
  const values = parseBenchArgs({ defaults: { count: "5000", runs: "5", seed: "1" } });
  const count = Number(values.count);
  const runs = Number(values.runs);
  const handle = await openDatabase({ databaseUrl: scratchDatabaseUrl() });
  try {
    const db = handle.db;
    await migrateToLatest(db);
    await projectsGenerator.clear(db);
    await sql`delete from project_overlap`.execute(db);
    const reference = await readReference(db);
    const began = performance.now();
    const set = await db.transaction().execute((trx) =>
      writeProjects(trx, createRandom(Number(values.seed)), reference, {
        count,
        groups: Math.max(1, Math.round(count / 250)),
      }),
    );
    await sql`analyze`.execute(db);
    console.log(
      `${set.ids.length} projects written in ${Math.round(performance.now() - began)} ms (${set.overlaps.length} planted overlaps, ${set.nonOverlaps.length} planted near misses)`,
    );
    const active = await sql<{
      n: string;
    }>`select count(*) as n from project where activity_status in ('pipeline', 'implementation') and validation_status in ('submitted', 'validated')`.execute(
      db,
    );
    console.log(`${active.rows[0]!.n} of them active and known to the Office`);

    const times: number[] = [];
    let flagged = 0;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      flagged = await computeOverlaps(db);
      const ms = performance.now() - start;
      times.push(ms);
      console.log(`run ${run + 1}: ${Math.round(ms)} ms, ${flagged} pairs in the queue`);
    }
    const pairs = await db.selectFrom("project_overlap").select(["project_a_id", "project_b_id"]).execute();
    const found = new Set(pairs.map((p) => `${p.project_a_id}-${p.project_b_id}`));
    const missed = set.overlaps.filter((p) => !found.has(`${p.a}-${p.b}`));
    const wrong = set.nonOverlaps.filter((p) => found.has(`${p.a}-${p.b}`));
    console.log(
      `planted overlaps found: ${set.overlaps.length - missed.length}/${set.overlaps.length}; planted near misses flagged: ${wrong.length}/${set.nonOverlaps.length}`,
    );
    console.log(
      `whole overlap queue for ${count} projects: median ${Math.round(median(times))} ms, first ${Math.round(times[0]!)} ms, max ${Math.round(Math.max(...times))} ms (PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v})`,
    );
    if (missed.length || wrong.length) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
