/**
 * Times `db:move` (embedded → PostgreSQL) and `db:scrub` (PostgreSQL → new embedded data dir) on
 * "Kosovo ×N" databases: the demo content plus the bench generators' data at each scale, in a
 * fresh embedded data directory. DATABASE_URL must point at a PostgreSQL server on which
 * databases may be created (a scratch cluster); each run creates and drops its own database.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres npx tsx bench/transfer.ts --scale 1,10
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { moveEmbeddedToPostgres } from "#app/db/transfer/move.server.ts";
import { scrubPostgresToEmbedded } from "#app/db/transfer/scrub.server.ts";
import { hashPassword } from "#app/modules/identity/passwords.server.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { generateKosovo } from "./generate.ts";

const values = parseBenchArgs({ defaults: { scale: "1,10", seed: "1" } });
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl)
  throw new Error("Set DATABASE_URL to a scratch PostgreSQL server (databases are created and dropped on it).");

function urlFor(database: string): string {
  const url = new URL(adminUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

for (const scale of values.scale.split(",").map(Number)) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cap-bench-transfer-"));
  const name = `cap_bench_transfer_${randomBytes(4).toString("hex")}`;
  const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
  try {
    const embedded = path.join(work, "embedded");
    const handle = await openDatabase({ dataDir: embedded });
    await migrateToLatest(handle.db);
    await seedDemoContent(handle.db);
    const generated = await generateKosovo(handle.db, { scale, seed: Number(values.seed) });
    const rows = Number(
      (await sql<{ n: number }>`select sum(n_live_tup)::int8 as n from pg_stat_user_tables`.execute(handle.db)).rows[0]
        ?.n ?? 0,
    );
    await handle.close();
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    const load = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    const loadBefore = load();
    const moved = await moveEmbeddedToPostgres({ dataDir: embedded, databaseUrl: urlFor(name) });
    const loadMove = load();
    const scrubbed = await scrubPostgresToEmbedded({
      databaseUrl: urlFor(name),
      dataDir: path.join(work, "training"),
      filesFrom: path.join(embedded, "files"),
      hashPassword,
    });
    const loadScrub = load();
    const size = (folder: string) =>
      fs
        .readdirSync(folder, { recursive: true })
        .reduce(
          (n, f) =>
            n +
            (fs.statSync(path.join(folder, String(f))).isFile() ? fs.statSync(path.join(folder, String(f))).size : 0),
          0,
        );
    console.log(
      JSON.stringify({
        scale,
        generatedRows: generated.entities.reduce((n, e) => n + e.rows, 0),
        approxRows: rows,
        movedRows: moved.rows,
        moveSeconds: moved.ms / 1000,
        scrubSeconds: scrubbed.ms / 1000,
        scrubbedRows: scrubbed.rows,
        replacedValues: scrubbed.replacedValues,
        embeddedMB: Math.round(size(path.join(embedded, "pgdata")) / 1_048_576),
        loadavg: { before: loadBefore, afterMove: loadMove, afterScrub: loadScrub },
      }),
    );
  } finally {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db).catch(() => {});
    await admin.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
