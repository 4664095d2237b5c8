import { readFileSync } from "node:fs";
import { sql } from "kysely";
import type { TranslatedText } from "#app/db/schema.ts";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { listQueue } from "#app/modules/needs/needs.queue.server.ts";
import { QueueQuerySchema } from "#app/modules/needs/workspace/needs-handling.schema.ts";
import type { Actor } from "#app/services/authorization.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { needCasesGenerator } from "./generators/need-cases.ts";
import { createRandom } from "./random.ts";
import { formatTable, median, percentile } from "./stats.ts";

/*
 * The triage queue at size: fills the database with `--cases` synthetic need cases (default
 * 200,000; earlier generated cases are removed first) and times `listQueue` (the three queries of
 * the queue page: rows and capped counts per status) for every filter and sort the queue offers,
 * alone and combined, and deep pages. Prints median and p95 in ms and the load average.
 *
 *   DATABASE_URL=postgres://…/scratch npx tsx bench/needs-queue.ts --cases 200000 --requests 30
 */

const values = parseBenchArgs({
  defaults: { cases: "200000", requests: "30" },
  flags: ["skip-generate"],
});
const cases = Number(values.cases);
const requests = Number(values.requests);

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
const db = handle.db;
await migrateToLatest(db);

if (!values["skip-generate"]) {
  const started = performance.now();
  await needCasesGenerator.clear(db);
  const [municipalities, communities] = await Promise.all([
    db.selectFrom("municipality").select(["kas_code", "name_sq", "name_sr", "pop_2024"]).execute(),
    db.selectFrom("community").select(["code", "name", "is_majority"]).execute(),
  ]);
  await db.transaction().execute((trx) =>
    needCasesGenerator.generate(
      {
        db: trx,
        scale: cases / needCasesGenerator.perScale,
        random: createRandom(1).fork("need_case"),
        reference: {
          municipalities: municipalities.map((m) => ({
            kasCode: m.kas_code,
            nameSq: m.name_sq,
            nameSr: m.name_sr,
            population: m.pop_2024 ?? 0,
          })),
          communities: communities
            .filter((c) => !c.is_majority && c.code !== "not_declared")
            .map((c) => ({ code: c.code, name: c.name as TranslatedText, population: 0 })),
          sectors: [],
        },
        ids: new Map(),
        anchor: new Date("2026-11-01T00:00:00Z"),
        batchSize: 1_000,
      },
      cases,
    ),
  );
  console.log(`generated ${cases} cases in ${Math.round(performance.now() - started)} ms`);
}
// As after autovacuum: fresh statistics and visibility map (index-only scans for the counts).
await sql`vacuum analyze need_case`.execute(db);

const coordinator: Extract<Actor, { kind: "user" }> = {
  kind: "user",
  userId: "00000000-0000-8000-8000-000000000000",
  name: "bench",
  email: "bench@example.org",
  grants: [{ role: "coordinator", organisationId: null, kasCode: null }],
  twoFactorVerified: true,
};
const institution: Extract<Actor, { kind: "user" }> = {
  ...coordinator,
  grants: [
    {
      role: "focal_point",
      organisationId: (await db.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow()).id,
      kasCode: null,
    },
  ],
};

const variants: [string, Extract<Actor, { kind: "user" }>, string][] = [
  ["default (newest first)", coordinator, ""],
  ["sort: oldest first", coordinator, "sort=oldest"],
  ["sort: nearest deadline", coordinator, "sort=due"],
  ["sort: recently changed", coordinator, "sort=updated"],
  ["status=received", coordinator, "status=received"],
  ["status=resolved, by deadline", coordinator, "status=resolved&sort=due"],
  ["category", coordinator, "category=education"],
  ["municipality", coordinator, "municipality=20"],
  ["municipality + category", coordinator, "municipality=20&category=education"],
  ["community", coordinator, "community=roma"],
  [
    "institution (assigned)",
    coordinator,
    `organisation=${(await db.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow()).id}`,
  ],
  ["high profile", coordinator, "highProfile=1"],
  ["overdue", coordinator, "overdue=1"],
  ["overdue, by deadline", coordinator, "overdue=1&sort=due"],
  ["overdue + high profile + municipality", coordinator, "overdue=1&highProfile=1&municipality=20"],
  ["text search 'birth certificate'", coordinator, "q=birth+certificate"],
  ["text search 'school teacher'", coordinator, "q=school+teacher"],
  ["text search 'Case 12345'", coordinator, "q=Case+12345"],
  ["text search, rare word 'xyzzy'", coordinator, "q=xyzzy"],
  ["text search + status + by deadline", coordinator, "q=pension&status=in_progress&sort=due"],
  ["page 400", coordinator, "page=400"],
  ["page 400, recently changed", coordinator, "page=400&sort=updated"],
  ["page 400, community", coordinator, "page=400&community=roma"],
  ["page 400, text search", coordinator, "page=400&q=birth+certificate"],
  ["page 8000 (bounded to 400)", coordinator, "page=8000"],
  ["institution's cases", institution, ""],
];

const rows: (string | number)[][] = [];
for (const [label, actor, search] of variants) {
  const query = QueueQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)));
  for (let i = 0; i < 3; i++) await listQueue(db, actor, query, 25);
  const samples: number[] = [];
  let total = "";
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    const page = await listQueue(db, actor, query, 25);
    samples.push(performance.now() - t0);
    total = `${{ exact: "", moreThan: "> ", atLeast: ">= " }[page.total.kind]}${page.total.count}`;
  }
  rows.push([label, total, median(samples), percentile(samples, 95)]);
}
console.log(
  `\ntriage queue (listQueue: rows + capped counts per status), ${cases} cases, ${requests} runs each, ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}\n`,
);
console.log(formatTable(["query", "matches", "median ms", "p95 ms"], rows, [undefined, undefined, 1, 1]));
console.log(`\nload average (1, 5, 15 min): ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
await handle.close();
