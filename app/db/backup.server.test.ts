import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase, snapshotTables } from "./backup.server.ts";
import { openDatabase, type Db } from "./client.server.ts";
import { migrateToLatest } from "./migrate.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-backup-"));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** Writes data in every kind of column, so a restore that loses anything shows. */
async function writeDistinctiveData(db: Db): Promise<void> {
  await seedDemoContent(db, { story: false });
  await db
    .insertInto("news_item")
    .values({
      slug: "backup-check",
      original_locale: "sr",
      published_at: "2026-01-02T03:04:05Z",
      title: { sr: "Провера <script>alert(1)</script> – đ č ć š ž", machine: { en: "Check" } },
      body: { sr: "Tekst sa \u202Edesno-levo\u202C i emoji 🌍" },
    })
    .execute();
  await db
    .insertInto("job")
    .values({ kind: "backup-check", payload: { n: 1.5, list: [1, 2] }, progress_total: 10 })
    .execute();
}

/** Each test migrates a fresh database and copies it out and back: on a loaded 2-core machine that took over a minute. */
const WHOLE_DATABASE_TIMEOUT_MS = 180_000;

describe("backup and restore of the embedded database", () => {
  it(
    "restores to identical data",
    async () => {
      const dataDir = path.join(workDir, "pglite");
      const handle = await openDatabase({ dataDir });
      await migrateToLatest(handle.db);
      await writeDistinctiveData(handle.db);
      const before = await snapshotTables(handle.db);
      await handle.close();

      const file = path.join(workDir, "backup.tar.gz");
      await backupDatabase({ kind: "pglite", dataDir }, file);

      const changed = await openDatabase({ dataDir });
      await changed.db.deleteFrom("news_item").execute();
      await changed.db.updateTable("municipality").set({ pop_2024: 0 }).execute();
      expect(await snapshotTables(changed.db)).not.toEqual(before);
      await changed.close();

      await restoreDatabase({ kind: "pglite", dataDir }, file);
      const restored = await openDatabase({ dataDir });
      expect(await snapshotTables(restored.db)).toEqual(before);
      await restored.close();
      expect(fs.readdirSync(dataDir).filter((name) => name.includes("before-restore"))).toEqual([]);
    },
    WHOLE_DATABASE_TIMEOUT_MS,
  );

  it("refuses to restore a missing file and leaves the database alone", async () => {
    await expect(
      restoreDatabase({ kind: "pglite", dataDir: path.join(workDir, "none") }, path.join(workDir, "missing.tar.gz")),
    ).rejects.toThrow(/No backup file/);
  });
});

const adminUrl = process.env.DATABASE_URL;
describe.skipIf(!adminUrl)("backup and restore on PostgreSQL (pg_dump / psql)", () => {
  it(
    "restores to identical data",
    async () => {
      const name = `cap_backup_${randomUUID().replaceAll("-", "")}`;
      const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
      await sql`create database ${sql.id(name)}`.execute(admin.db);
      const url = new URL(adminUrl!);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();
      try {
        const handle = await openDatabase({ databaseUrl });
        await migrateToLatest(handle.db);
        await writeDistinctiveData(handle.db);
        const before = await snapshotTables(handle.db);
        const file = path.join(workDir, "backup.sql");
        await backupDatabase({ kind: "postgres", databaseUrl }, file);
        await handle.db.deleteFrom("news_item").execute();
        expect(await snapshotTables(handle.db)).not.toEqual(before);
        await restoreDatabase({ kind: "postgres", databaseUrl }, file);
        expect(await snapshotTables(handle.db)).toEqual(before);
        await handle.close();
      } finally {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
        await admin.close();
      }
    },
    WHOLE_DATABASE_TIMEOUT_MS,
  );
});
