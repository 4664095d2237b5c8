/**
 * `npx tsx bench/projects-3w.ts`: the public project pages (3W view, list, API) with many
 * generated projects on the database of DATABASE_URL (a throwaway PostgreSQL cluster: generated
 * projects are deleted and written again), through the real app and the production build, as
 * bench/run.ts measures pages. Prints, per page and size, the SQL statements per request and the
 * server time from Server-Timing: of the first request after the projects changed (which computes
 * the 3W figures and keeps them), and the median and p95 of the following ones.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55433/postgres npx tsx bench/projects-3w.ts --counts 2000,20000 --requests 30
 */
import "./production-env.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "#app/db/client.server.ts";
import { parseBenchArgs, scratchDatabaseUrl } from "./bench-args.ts";
import { migrateWithDemoContent } from "./demo-database.ts";
import { createBenchApp, loadProductionBuild } from "./in-process-app.ts";
import { generateProjects, projectsGenerator } from "./generators/projects.ts";
import { formatTable, median, parseServerTiming, percentile } from "./stats.ts";

/** The pages measured; the donor and community filters take the most frequent ones of the generated set. */
function pagesFor(donor: number, community: string): [string, string][] {
  return [
    ["3W, all", "/en/projects/3w"],
    ["3W, municipality", "/en/projects/3w?municipality=20"],
    ["3W, sector", "/en/projects/3w?sector=education"],
    ["3W, donor", `/en/projects/3w?donor=${donor}`],
    ["3W, community", `/en/projects/3w?community=${community}`],
    ["3W, year", "/en/projects/3w?year=2025"],
    ["3W, municipality + year", "/en/projects/3w?municipality=20&year=2025"],
    ["3W, page 200", "/en/projects/3w?page=200"],
    ["list", "/en/projects"],
    ["API list", "/api/v1/projects?pageSize=100"],
    ["about (the floor: layout only)", "/en/about"],
  ];
}

async function main(): Promise<void> {
  const values = parseBenchArgs({ defaults: { counts: "2000,20000", requests: "30", warmup: "5" } });
  const databaseUrl = scratchDatabaseUrl();
  const requests = Number(values.requests);
  const warmup = Number(values.warmup);
  const build = await loadProductionBuild();
  const handle = await openDatabase({ databaseUrl });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-bench-3w-"));
  try {
    const db = handle.db;
    await migrateWithDemoContent(db);
    const app = createBenchApp(db, dir, build);
    for (const count of values.counts.split(",").map(Number)) {
      await projectsGenerator.clear(db);
      const began = performance.now();
      await generateProjects(db, 1, { count });
      await sql`analyze`.execute(db);
      const validated = await sql<{
        n: string;
      }>`select count(*) as n from project where validation_status = 'validated'`.execute(db);
      console.log(
        `\n${count} projects generated in ${((performance.now() - began) / 1000).toFixed(1)} s (${validated.rows[0]!.n} validated, public); ${requests} requests per URL after ${warmup} warm-up`,
      );
      const donor = await sql<{
        id: number;
      }>`select organisation_id as id from project_organisation where role = 'funding' group by 1 order by count(*) desc limit 1`.execute(
        db,
      );
      const community = await sql<{
        code: string;
      }>`select community_code as code from project_community group by 1 order by count(*) desc limit 1`.execute(db);
      console.log(`load average ${fs.readFileSync("/proc/loadavg", "utf8").trim()}; NODE_ENV=${process.env.NODE_ENV}`);
      const rows: (string | number)[][] = [];
      for (const [label, url] of pagesFor(donor.rows[0]!.id, community.rows[0]!.code)) {
        const app_: number[] = [];
        const db_: number[] = [];
        const queries = new Set<number>();
        let status = 0;
        let cold = Number.NaN;
        for (let i = 0; i < warmup + requests; i++) {
          const response = await app.fetch(
            new Request(`http://localhost${url}`, { headers: { "Accept-Encoding": "gzip", "Accept-Language": "en" } }),
          );
          await response.arrayBuffer();
          status = response.status;
          const timing = parseServerTiming(response.headers.get("server-timing"));
          // The first request after the projects changed computes the figures and keeps them.
          if (i === 0) cold = timing.appMs ?? Number.NaN;
          if (i < warmup) continue;
          if (timing.appMs !== null) app_.push(timing.appMs);
          if (timing.dbMs !== null) db_.push(timing.dbMs);
          if (timing.queries !== null) queries.add(timing.queries);
        }
        const plain = await app.fetch(new Request(`http://localhost${url}`, { headers: { "Accept-Language": "en" } }));
        const kb = (await plain.arrayBuffer()).byteLength / 1024;
        const q = [...queries].sort((a, b) => a - b);
        rows.push([
          label,
          status,
          q.length === 1 ? String(q[0]) : `${q[0]}–${q.at(-1)}`,
          cold,
          median(db_),
          median(app_),
          percentile(app_, 95),
          kb,
        ]);
      }
      console.log(`load average ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
      console.log(
        formatTable(
          [
            "page",
            "status",
            "queries",
            "first server ms",
            "db ms p50",
            "server ms p50",
            "server ms p95",
            "KB (uncompressed)",
          ],
          rows,
          [undefined, 0, undefined, 1, 1, 1, 1, 0],
        ),
      );
    }
  } finally {
    await projectsGenerator.clear(handle.db);
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
