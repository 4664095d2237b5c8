/**
 * Benchmark (issue 14): "a 5 MB file with 500 activities imports in under 10 s on PostgreSQL".
 * Generates a realistic IATI 2.03 file (`generators/iati-activities.ts`) from the reference data of a
 * freshly migrated database, then runs the real import code as the Office's coordinator: the preview
 * (`planIatiImport`: parse, match organisations and places, read results; writes nothing) and the
 * confirmation (`applyIatiImport`: plans again and writes everything in one transaction, creating the
 * organisations the preview proposes to create). Then it imports the same file again (every activity
 * unchanged). Prints seconds and SQL statement counts (total and per activity); never passes or fails.
 *
 * On PostgreSQL: DATABASE_URL if set (a scratch database: it is migrated and the generated activities'
 * projects are deleted first), otherwise a throwaway cluster started for the run (as scripts/test-pg.sh
 * does: temporary folder, free port, fsync off) and removed afterwards. `--pglite` measures the
 * embedded database instead.
 *
 *   npm run bench:iati
 *   npm run bench:iati -- --activities 500 --mb 5 --seed 1 --write-file /tmp/bench-iati.xml
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { applyIatiImport, IATI_IMPORT_MAX_BYTES, planIatiImport } from "#app/modules/projects/iati-import.server.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { benchCoordinator } from "./bench-coordinator.ts";
import { generateIatiFile, type IatiFileReference } from "./generators/iati-activities.ts";
import { createRandom } from "./random.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.ts";

const values = parseBenchArgs({
  defaults: { activities: "500", mb: "5", seed: "1" },
  optional: ["write-file"],
  flags: ["pglite"],
});
const ACTIVITIES = Number(values.activities);
const TARGET_BYTES = Math.round(Number(values.mb) * 1_000_000);

async function readReference(handle: DatabaseHandle): Promise<IatiFileReference> {
  const db = handle.db;
  const [municipalities, settlements, organisations, sectorCodes] = await Promise.all([
    db.selectFrom("municipality").select(["name_sq", "name_sr"]).orderBy("kas_code").execute(),
    db
      .selectFrom("settlement")
      .select(["id", "name", "latitude", "longitude"])
      .where("feature_code", "in", ["PPL", "PPLA", "PPLA2"])
      .orderBy("id")
      .limit(400)
      .execute(),
    db
      .selectFrom("organisation")
      .select(["name", "acronym"])
      .where("is_active", "=", true)
      .orderBy("id")
      .limit(30)
      .execute(),
    Promise.resolve(
      fs
        .readFileSync(path.resolve(import.meta.dirname, "../reference/iati/Sector.csv"), "utf8")
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[0]!)
        .filter((c) => /^\d{5}$/.test(c)),
    ),
  ]);
  return {
    municipalities: municipalities.map((m) => ({ nameSq: m.name_sq, nameSr: m.name_sr })),
    settlements: settlements.map((s) => ({
      id: s.id,
      name: s.name,
      latitude: Number(s.latitude),
      longitude: Number(s.longitude),
    })),
    organisations: organisations.map((o) => ({ name: o.name.en ?? o.name.sq ?? "?", acronym: o.acronym })),
    sectorCodes,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** CPU time (user + system) of a `process.cpuUsage` difference, in ms: less disturbed by a loaded machine than wall time. */
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function main(): Promise<void> {
  let cluster: ThrowawayPostgres | null = null;
  let pgliteDir: string | null = null;
  let handle: DatabaseHandle;
  if (values.pglite) {
    pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-bench-iati-"));
    handle = await openDatabase({ dataDir: pgliteDir });
  } else {
    const url = process.env.DATABASE_URL || (cluster = await startThrowawayPostgres()).url;
    handle = await openDatabase({ databaseUrl: url });
  }
  try {
    const db = handle.db;
    const migrateStart = performance.now();
    await migrateToLatest(db);
    const engine =
      handle.kind === "postgres"
        ? `PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v}${cluster ? " (throwaway cluster, fsync off)" : ""}`
        : "PGlite";
    console.log(`database: ${engine}; migrated in ${seconds(performance.now() - migrateStart)}`);
    // A scratch database used before: the projects of an earlier run go, so the first import creates again.
    await db.deleteFrom("project").where("iati_identifier", "like", "XM-DAC-41114-KOS-%").execute();

    const reference = await readReference(handle);
    const genStart = performance.now();
    const xml = generateIatiFile(createRandom(Number(values.seed)), reference, {
      activities: ACTIVITIES,
      targetBytes: TARGET_BYTES,
    });
    const bytes = Buffer.byteLength(xml, "utf8");
    if (values["write-file"]) fs.writeFileSync(values["write-file"], xml);
    const count = (pattern: RegExp) => (xml.match(pattern) ?? []).length;
    console.log(
      `file: ${(bytes / 1_000_000).toFixed(2)} MB (${bytes} bytes; the upload limit is ${IATI_IMPORT_MAX_BYTES}), ${count(/<iati-activity /g)} activities, ${count(/<participating-org /g)} participating organisations, ${count(/<location>/g)} locations, ${count(/<sector /g)} sectors, ${count(/<transaction>/g)} transactions, ${count(/<budget /g)} budgets, ${count(/<result /g)} results, ${count(/<indicator /g)} indicators, ${count(/<period>/g)} periods, ${count(/<dimension /g)} dimensions; generated in ${seconds(performance.now() - genStart)}`,
    );

    const coordinator = await benchCoordinator(db, "00000000-0000-4000-8000-00000000b1a7", "bench-iati@example.org");
    const audit = { actor: coordinator, requestId: "bench-iati" };

    for (const run of ["first import (every activity new)", "same file again (every activity unchanged)"]) {
      const previewStart = performance.now();
      const previewCpu = process.cpuUsage();
      const preview = await withQueryStats(() => planIatiImport(db, coordinator, xml));
      const previewMs = performance.now() - previewStart;
      const previewCpuMs = cpuMs(process.cpuUsage(previewCpu));
      if (!preview.result.ok)
        throw new Error(`preview refused the file: ${JSON.stringify(preview.result.errors.slice(0, 5))}`);
      const actions = preview.result.activities.reduce<Record<string, number>>(
        (n, a) => ({ ...n, [a.action]: (n[a.action] ?? 0) + 1 }),
        {},
      );
      const warningKeys = preview.result.warnings.reduce<Record<string, number>>(
        (n, w) => ({ ...n, [w.key]: (n[w.key] ?? 0) + 1 }),
        {},
      );
      const confirmStart = performance.now();
      const confirmCpu = process.cpuUsage();
      const confirm = await withQueryStats(() => applyIatiImport(db, audit, xml));
      const confirmMs = performance.now() - confirmStart;
      const confirmCpuMs = cpuMs(process.cpuUsage(confirmCpu));
      if (!confirm.result.ok) throw new Error(`import refused: ${JSON.stringify(confirm.result.errors.slice(0, 5))}`);
      const { created, updated, unchanged, organisationsCreated } = confirm.result;
      console.log(
        `\n${run}, load average ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
      );
      console.log(
        `  preview: ${seconds(previewMs)} (this process's CPU ${seconds(previewCpuMs)}), ${preview.stats.queries} SQL statements (${(preview.stats.queries / ACTIVITIES).toFixed(1)} per activity), ${Math.round(preview.stats.durationMs)} ms of it in SQL; ${JSON.stringify(actions)}; ${preview.result.organisations.length} organisations not in the registry; warnings ${JSON.stringify(warningKeys)}`,
      );
      console.log(
        `  confirm: ${seconds(confirmMs)} (this process's CPU ${seconds(confirmCpuMs)}), ${confirm.stats.queries} SQL statements (${(confirm.stats.queries / ACTIVITIES).toFixed(1)} per activity), ${Math.round(confirm.stats.durationMs)} ms of it in SQL; created ${created}, updated ${updated}, unchanged ${unchanged}, organisations created ${organisationsCreated}`,
      );
      console.log(`  preview + confirm: ${seconds(previewMs + confirmMs)}`);
    }
  } finally {
    await handle.close();
    cluster?.stop();
    if (pgliteDir) fs.rmSync(pgliteDir, { recursive: true, force: true });
  }
}

await main();
