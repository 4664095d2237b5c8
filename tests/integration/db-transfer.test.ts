import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle, type Db } from "#app/db/client.server.ts";
import { DataDirLockedError } from "#app/db/data-dir-lock.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { seedDemoAccounts } from "#app/modules/identity/demo-accounts.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { listPublicRelations, readCatalog } from "#app/db/transfer/catalog.server.ts";
import { folderDestination, sha256Hex, storedFilePath } from "#app/db/transfer/files.server.ts";
import { moveEmbeddedToPostgres, TargetNotEmptyError, type MoveReport } from "#app/db/transfer/move.server.ts";
import { scrubPostgresToEmbedded, type ScrubReport } from "#app/db/transfer/scrub.server.ts";
import { hashPassword, verifyPassword } from "#app/modules/identity/passwords.server.ts";
import { getPublicNeedStats } from "#app/modules/needs/needs.stats.server.ts";
import * as newsIndex from "#app/modules/clearing-house/news/routes/news-index.tsx";
import * as municipalityDetail from "#app/modules/municipalities/routes/municipality-detail.tsx";
import * as needsStats from "#app/modules/needs/public/routes/needs-stats.tsx";
import * as projectsIndex from "#app/modules/projects/routes/projects-index.tsx";
import * as strategyDetail from "#app/modules/plans/strategies/routes/strategy-detail.tsx";
import * as searchPage from "#app/modules/search/routes/search.tsx";
import { generateKosovo } from "../../bench/generate.ts";
import { createTestCase } from "../support/needs-factory.ts";
import { createTestApp } from "../support/test-app.ts";
import { databaseUrlFor } from "../support/test-database-source.ts";
import { recomputedNeedSummary, storedNeedSummary } from "../support/needs-summary.ts";
import { seedPersonalData, type SeededPersonalData } from "../support/transfer-fixture.ts";
import { workspaceContext } from "../support/workspace-actors.ts";
import { countRows } from "../support/row-count.ts";

const adminUrl = process.env.DATABASE_URL;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-transfer-"));
const dataDir = path.join(workDir, "embedded");
const newDataDir = path.join(workDir, "moved");
const createdDatabases: string[] = [];

async function withAdmin<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
  try {
    return await work(admin.db);
  } finally {
    await admin.close();
  }
}

/** A new empty PostgreSQL database on the test server, dropped after the file. */
async function createEmptyDatabase(): Promise<string> {
  const name = `cap_transfer_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withAdmin((db) => sql`create database ${sql.id(name)}`.execute(db));
  createdDatabases.push(name);
  return databaseUrlFor(adminUrl!, name);
}

/** Every row of every table as JSON text, sorted in JavaScript (independent of either server's collation). */
async function dumpTables(db: Db, tables: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await db.connection().execute(async (conn) => {
    await sql`set timezone = 'UTC'`.execute(conn);
    for (const table of tables) {
      const rows = await sql<{ r: string }>`select to_jsonb(t)::text as r from ${sql.table(table)} t`.execute(conn);
      out[table] = rows.rows.map((row) => row.r).sort();
    }
  });
  return out;
}

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
const PAGES: { loader: Loader; path: string; params: Record<string, string> }[] = [
  { loader: newsIndex.loader as Loader, path: "/en/news?page=2", params: { lang: "en" } },
  {
    loader: municipalityDetail.loader as Loader,
    path: "/en/municipalities/20-prizren",
    params: { lang: "en", municipality: "20-prizren" },
  },
  { loader: needsStats.loader as Loader, path: "/en/needs", params: { lang: "en" } },
  { loader: projectsIndex.loader as Loader, path: "/en/projects", params: { lang: "en" } },
  {
    loader: strategyDetail.loader as Loader,
    path: "/en/strategies/roma-ashkali-inclusion-2017-2021",
    params: { lang: "en", slug: "roma-ashkali-inclusion-2017-2021" },
  },
  { loader: searchPage.loader as Loader, path: "/en/search?q=roma%20education", params: { lang: "en" } },
];
const API_PATHS = [
  "/api/v1/municipalities",
  "/api/v1/municipalities/20",
  "/api/v1/communities",
  "/api/v1/sectors",
  "/api/v1/needs/stats",
  "/api/v1/projects",
  "/api/v1/strategies",
  "/api/v1/events",
  "/api/v1/search?q=roma",
];

/** What the public sees of a database: the page loaders' data and the API's answers. */
async function publicView(handle: DatabaseHandle): Promise<string[]> {
  const context = workspaceContext(handle.db, null);
  const out: string[] = [];
  for (const page of PAGES) {
    const data = await page
      .loader({ request: new Request(`http://localhost${page.path}`), params: page.params, context })
      .catch((thrown: unknown) => ({ thrown }));
    out.push(`${page.path} ${JSON.stringify(data)}`);
  }
  const app = createTestApp(handle);
  for (const apiPath of API_PATHS) {
    const response = await app.fetch(new Request(`http://localhost${apiPath}`));
    out.push(`${apiPath} ${response.status} ${await response.text()}`);
  }
  return out;
}

let seeded: SeededPersonalData;
let targetUrl: string;
let report: MoveReport;
const events: string[] = [];

describe.skipIf(!adminUrl)(
  "moving the embedded database to PostgreSQL, and a scrubbed copy back",
  { timeout: 600_000 },
  () => {
    beforeAll(async () => {
      const handle = await openDatabase({ dataDir });
      await migrateToLatest(handle.db);
      await seedDemoContent(handle.db);
      await seedDemoAccounts(handle.db, { allowed: true });
      await generateKosovo(handle.db, { scale: 0.05, seed: 7 });
      seeded = await seedPersonalData(handle.db, path.join(dataDir, "files"));
      await handle.close();
      fs.writeFileSync(path.join(dataDir, "app-secret"), "embedded-secret-embedded-secret-0123456789");
      targetUrl = await createEmptyDatabase();
      report = await moveEmbeddedToPostgres({
        dataDir,
        databaseUrl: targetUrl,
        files: folderDestination(path.join(newDataDir, "files")),
        batchRows: 37, // small batches, so every table of some size spans several
        onEvent: (event) =>
          events.push(event.kind === "rows" ? `${event.table} ${event.done}/${event.total}` : event.kind),
      });
    }, 600_000);

    afterAll(async () => {
      if (adminUrl) {
        for (const name of createdDatabases)
          await withAdmin((db) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(db));
      }
      fs.rmSync(workDir, { recursive: true, force: true });
    });

    it("copies every table: the same rows in both databases, table by table", async () => {
      const source = await openDatabase({ dataDir });
      const target = await openDatabase({ databaseUrl: targetUrl, poolSize: 2 });
      try {
        const tables = (await readCatalog(source.db)).order;
        expect(tables.length).toBeGreaterThan(80);
        expect((await readCatalog(target.db)).order).toEqual(tables);
        const [a, b] = [await dumpTables(source.db, tables), await dumpTables(target.db, tables)];
        for (const table of tables) expect(b[table], table).toEqual(a[table]);
        expect(a.need_case!.length).toBeGreaterThan(100);
        expect(report.tables.map((t) => t.name)).toEqual(tables);
        expect(report.rows).toBe(Object.values(a).reduce((n, rows) => n + rows.length, 0));
        // Progress came in batches on the larger tables.
        expect(events).toContain(`need_case 37/${a.need_case!.length}`);
        expect(report.appSecretFile).toBe(path.join(dataDir, "app-secret"));
      } finally {
        await Promise.all([source.close(), target.close()]);
      }
    });

    it("copies the files, checked against their SHA-256", async () => {
      const source = await openDatabase({ dataDir });
      try {
        const files = await source.db.selectFrom("stored_file").select(["id", "sha256"]).execute();
        const onDisk = files.filter((f) => fs.existsSync(storedFilePath(path.join(dataDir, "files"), f.id)));
        expect(onDisk.length).toBeGreaterThanOrEqual(2);
        for (const file of onDisk)
          expect(sha256Hex(fs.readFileSync(storedFilePath(path.join(newDataDir, "files"), file.id)))).toBe(file.sha256);
        expect(report.files.copied).toBe(onDisk.length);
        // The generated rows describe files without bytes: reported, not copied.
        expect(report.files.missing.length).toBe(files.length - onDisk.length);
      } finally {
        await source.close();
      }
    });

    it("serves the same public pages and API answers from the moved database", async () => {
      const source = await openDatabase({ dataDir });
      const target = await openDatabase({ databaseUrl: targetUrl });
      try {
        const [a, b] = [await publicView(source), await publicView(target)];
        // Real answers, not errors: every page loaded and the API answered 200.
        expect(a.filter((line) => line.includes('{"thrown"'))).toEqual([]);
        expect(a.filter((line) => line.startsWith("/api/") && !/^\S+ 200 /.test(line))).toEqual([]);
        expect(b).toEqual(a);
      } finally {
        await Promise.all([source.close(), target.close()]);
      }
    });

    it("refuses a target that is not empty, and leaves it as it was", async () => {
      const target = await openDatabase({ databaseUrl: targetUrl, poolSize: 1 });
      const count = () => countRows(target.db, "need_case");
      try {
        const before = await count();
        await expect(moveEmbeddedToPostgres({ dataDir, databaseUrl: targetUrl })).rejects.toBeInstanceOf(
          TargetNotEmptyError,
        );
        expect(await count()).toBe(before);
      } finally {
        await target.close();
      }
    });

    it("refuses while a server holds the embedded data directory", async () => {
      const holder: ChildProcess = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      try {
        fs.writeFileSync(path.join(dataDir, "cap.lock"), String(holder.pid));
        const emptyUrl = await createEmptyDatabase();
        await expect(moveEmbeddedToPostgres({ dataDir, databaseUrl: emptyUrl })).rejects.toBeInstanceOf(
          DataDirLockedError,
        );
        const target = await openDatabase({ databaseUrl: emptyUrl, poolSize: 1 });
        expect(await listPublicRelations(target.db)).toEqual([]);
        await target.close();
      } finally {
        holder.kill();
        fs.rmSync(path.join(dataDir, "cap.lock"), { force: true });
      }
    });

    it("is all-or-nothing: a failure halfway leaves the target empty and writes no files", async () => {
      const emptyUrl = await createEmptyDatabase();
      const filesDir = path.join(workDir, "failed-files");
      await expect(
        moveEmbeddedToPostgres({
          dataDir,
          databaseUrl: emptyUrl,
          files: folderDestination(filesDir),
          batchRows: 50,
          onEvent: (event) => {
            if (event.kind === "rows" && event.table === "need_case" && event.done >= 50)
              throw new Error("connection lost");
          },
        }),
      ).rejects.toThrow("connection lost");
      const target = await openDatabase({ databaseUrl: emptyUrl, poolSize: 1 });
      expect(await listPublicRelations(target.db)).toEqual([]);
      await target.close();
      expect(
        fs.existsSync(filesDir)
          ? fs
              .readdirSync(filesDir, { recursive: true })
              .filter((f) => fs.statSync(path.join(filesDir, String(f))).isFile())
          : [],
      ).toEqual([]);
    });

    // Writes to the target, so it runs after the comparisons above (the scrub below reads the target as it is then).
    it("leaves the target working: sequences past the copied ids, counters and the append-only audit log in force", async () => {
      const target = await openDatabase({ databaseUrl: targetUrl, poolSize: 1 });
      try {
        const maxNews = await target.db
          .selectFrom("news_item")
          .select((eb) => eb.fn.max("id").as("id"))
          .executeTakeFirstOrThrow();
        const news = await target.db
          .insertInto("news_item")
          .values({
            slug: `after-move-${randomBytes(3).toString("hex")}`,
            original_locale: "en",
            published_at: new Date(),
            title: { en: "After the move" },
            body: { en: "Body" },
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        expect(news.id).toBe(Number(maxNews.id) + 1);
        const before = await target.db
          .selectFrom("need_case_status_count")
          .select("n")
          .where("status", "=", "received")
          .executeTakeFirst();
        // A new case, received: without a submitter, so the target holds no personal data beyond the seeded.
        await createTestCase(target.db, { submitter: null });
        const after = await target.db
          .selectFrom("need_case_status_count")
          .select("n")
          .where("status", "=", "received")
          .executeTakeFirstOrThrow();
        expect(Number(after.n)).toBe(Number(before?.n ?? 0) + 1);
        // The public needs counters came across as they were and follow the new case (decision 044).
        const { resolutionSeconds: _seconds, ...recomputed } = await recomputedNeedSummary(target.db);
        expect(await storedNeedSummary(target.db)).toEqual(recomputed);
        await expect(sql`update audit_log set action = 'x'`.execute(target.db)).rejects.toThrow(
          /audit log cannot be changed/,
        );
      } finally {
        await target.close();
      }
    });

    describe("the scrubbed copy back to an embedded database", () => {
      const scrubbedDir = path.join(workDir, "training");
      let scrub: ScrubReport;
      beforeAll(async () => {
        scrub = await scrubPostgresToEmbedded({
          databaseUrl: targetUrl,
          dataDir: scrubbedDir,
          filesFrom: path.join(newDataDir, "files"),
          hashPassword,
        });
      }, 600_000);

      it("contains none of the seeded personal values anywhere, nor the attachments' bytes", async () => {
        const copy = await openDatabase({ dataDir: scrubbedDir });
        try {
          const tables = (await readCatalog(copy.db)).order;
          const text = Object.values(await dumpTables(copy.db, tables))
            .flat()
            .join("\n")
            .toLowerCase();
          expect(text.length).toBeGreaterThan(100_000);
          const leaked = seeded.values.filter(
            (value) =>
              text.includes(value.toLowerCase()) || text.includes(JSON.stringify(value).slice(1, -1).toLowerCase()),
          );
          expect(leaked).toEqual([]);
          expect(text).not.toContain(seeded.fileMarker.toLowerCase());
          for (const table of ["user_session", "auth_token", "mail_outbox"])
            expect(
              await copy.db
                .selectFrom(table as "user_session")
                .select("id")
                .execute(),
              table,
            ).toEqual([]);
        } finally {
          await copy.close();
        }
        const files = fs
          .readdirSync(path.join(scrubbedDir, "files"), { recursive: true })
          .map(String)
          .filter((f) => fs.statSync(path.join(scrubbedDir, "files", f)).isFile());
        expect(files.length).toBeGreaterThanOrEqual(2);
        for (const file of files) {
          const bytes = fs.readFileSync(path.join(scrubbedDir, "files", file));
          expect(seeded.attachmentSha256).not.toContain(sha256Hex(bytes));
          expect(bytes.toString("latin1")).not.toContain(seeded.fileMarker);
        }
        expect(scrub.placeholderFiles).toBe(2);
      });

      it("keeps cases, plans, projects and the public needs statistics as they were", async () => {
        const source = await openDatabase({ databaseUrl: targetUrl, poolSize: 2 });
        const copy = await openDatabase({ dataDir: scrubbedDir });
        try {
          expect(await getPublicNeedStats(copy.db)).toEqual(await getPublicNeedStats(source.db));
          // The counters behind them (copied as they are, triggers off) equal a recomputation from the copied cases.
          const { resolutionSeconds: _seconds, ...recomputed } = await recomputedNeedSummary(copy.db);
          expect(await storedNeedSummary(copy.db)).toEqual(recomputed);
          for (const table of ["need_case", "measure", "project", "indicator_value", "audit_log"] as const) {
            const count = (db: Db) => countRows(db, table);
            expect(await count(copy.db), table).toBe(await count(source.db));
          }
          const strategies = (db: Db) =>
            db.selectFrom("measure").select(["id", "code", "title"]).orderBy("id").execute();
          expect(await strategies(copy.db)).toEqual(await strategies(source.db));
        } finally {
          await Promise.all([source.close(), copy.close()]);
        }
      });

      it("gives every account the printed training password, unique e-mails and no two-factor secret", async () => {
        const copy = await openDatabase({ dataDir: scrubbedDir });
        try {
          const users = await copy.db
            .selectFrom("app_user")
            .select(["email", "name", "password_hash", "totp_secret"])
            .execute();
          expect(users.length).toBeGreaterThan(3);
          expect(new Set(users.map((u) => u.email.toLowerCase())).size).toBe(users.length);
          expect(users.every((u) => u.totp_secret === null)).toBe(true);
          expect(await verifyPassword(users[0]!.password_hash!, scrub.trainingPassword)).toBe(true);
        } finally {
          await copy.close();
        }
      });

      it("refuses a target folder that is not empty, and a failure leaves nothing behind", async () => {
        await expect(
          scrubPostgresToEmbedded({
            databaseUrl: targetUrl,
            dataDir: scrubbedDir,
            filesFrom: path.join(newDataDir, "files"),
            hashPassword,
          }),
        ).rejects.toThrow(/not empty/);
        const failedDir = path.join(workDir, "training-failed");
        await expect(
          scrubPostgresToEmbedded({
            databaseUrl: targetUrl,
            dataDir: failedDir,
            filesFrom: path.join(newDataDir, "files"),
            hashPassword,
            onEvent: (event) => {
              if (event.kind === "rows" && event.table === "need_submitter") throw new Error("disk full");
            },
          }),
        ).rejects.toThrow("disk full");
        expect(fs.existsSync(failedDir)).toBe(false);
        expect(fs.readdirSync(workDir).filter((name) => name.includes("partial"))).toEqual([]);
      });
    });
  },
);
