// Moving between back ends:
//   npm run db:move -- --to postgres://… [--files-to <new DATA_DIR>]
//     the embedded database of DATA_DIR → an empty PostgreSQL database (the server must be stopped);
//   npm run db:scrub -- --from postgres://… --to <new data dir> [--files-from <DATA_DIR>]
//     a PostgreSQL database → a NEW embedded data directory with the personal data replaced.
import path from "node:path";
import { parseArgs } from "node:util";
import { DataDirLockedError } from "#app/db/data-dir-lock.server.ts";
import { folderDestination } from "#app/db/transfer/files.server.ts";
import { moveEmbeddedToPostgres, type TransferEvent } from "#app/db/transfer/move.server.ts";
import { scrubPostgresToEmbedded } from "#app/db/transfer/scrub.server.ts";
import { hashPassword } from "#app/modules/identity/passwords.server.ts";
import { loadConfig } from "../server/config.ts";

/** A connection string with its password hidden, for printing. */
function masked(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return "(the connection string given)";
  }
}

/** Progress lines: one per step, one every 10 % of a table over 5,000 rows, one for a table of 1,000 to 5,000 rows. */
function progressPrinter(): (event: TransferEvent) => void {
  const lastTenth = new Map<string, number>();
  return (event) => {
    if (event.kind === "step") console.log(event.message);
    else if (event.kind === "files")
      console.log(`  files ${event.done.toLocaleString("en")}/${event.total.toLocaleString("en")}`);
    else if (event.total >= 5_000) {
      const tenth = Math.floor((event.done / event.total) * 10);
      if (tenth !== lastTenth.get(event.table)) {
        lastTenth.set(event.table, tenth);
        console.log(
          `  ${event.table}: ${event.done.toLocaleString("en")}/${event.total.toLocaleString("en")} rows (${tenth * 10} %)`,
        );
      }
    } else if (event.done === event.total && event.total >= 1_000)
      console.log(`  ${event.table}: ${event.total.toLocaleString("en")} rows`);
  };
}

async function move(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { to: { type: "string" }, "files-to": { type: "string" }, "batch-rows": { type: "string" } },
  });
  if (!values.to) throw new Error("Say where to: npm run db:move -- --to postgres://user:password@host:5432/database");
  const config = loadConfig();
  if (config.databaseUrl)
    throw new Error(
      "DATABASE_URL is set: db:move reads the embedded database of DATA_DIR. Unset DATABASE_URL and pass the target with --to.",
    );
  const filesTo = values["files-to"] ? path.resolve(values["files-to"]) : undefined;
  console.log(`Moving the embedded database in ${config.dataDir} to ${masked(values.to)}.`);
  const report = await moveEmbeddedToPostgres({
    dataDir: config.dataDir,
    databaseUrl: values.to,
    files: filesTo && filesTo !== config.dataDir ? folderDestination(path.join(filesTo, "files")) : undefined,
    batchRows: values["batch-rows"] ? Number(values["batch-rows"]) : undefined,
    onEvent: progressPrinter(),
  });
  const newDataDir = filesTo ?? config.dataDir;
  console.log(
    `\nDone in ${(report.ms / 1000).toFixed(1)} s: ${report.tables.length} tables, ${report.rows.toLocaleString("en")} rows, ${report.sequences} sequences set; ` +
      `every table's row count and checksum match the source. Files: ${report.files.copied} copied, ${report.files.alreadyThere} already in place ` +
      `(${(report.files.bytes / 1_048_576).toFixed(1)} MB)${report.files.missing.length ? `; ${report.files.missing.length} stored file(s) had no bytes in the source (listed in the database only)` : ""}.`,
  );
  console.log("\nTo start on PostgreSQL, set:");
  console.log(`  DATABASE_URL=${masked(values.to)}   (with the real password)`);
  console.log(
    report.appSecretFile
      ? `  APP_SECRET="$(cat ${report.appSecretFile})"   (the embedded install's secret, so signed-in users and open forms stay valid; required when several instances share the database)`
      : "  APP_SECRET=<at least 32 random characters>   (the embedded install had no app-secret file yet)",
  );
  console.log(`  DATA_DIR=${newDataDir}   (uploaded files are in ${path.join(newDataDir, "files")})`);
  console.log(
    `The embedded database in ${config.dataDir} is left as it was; keep it until the new server runs, then archive it.`,
  );
}

async function scrub(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: "string" },
      to: { type: "string" },
      "files-from": { type: "string" },
      "batch-rows": { type: "string" },
    },
  });
  if (!values.from || !values.to)
    throw new Error(
      "Say from and to: npm run db:scrub -- --from postgres://… --to <new data dir> [--files-from <DATA_DIR of the PostgreSQL install>]",
    );
  const config = loadConfig();
  const filesFrom = path.resolve(values["files-from"] ?? config.dataDir);
  console.log(
    `Copying ${masked(values.from)} into a new embedded database in ${path.resolve(values.to)}, with personal data replaced (files from ${filesFrom}).`,
  );
  const report = await scrubPostgresToEmbedded({
    databaseUrl: values.from,
    dataDir: path.resolve(values.to),
    filesFrom: path.join(filesFrom, "files"),
    hashPassword,
    batchRows: values["batch-rows"] ? Number(values["batch-rows"]) : undefined,
    onEvent: progressPrinter(),
  });
  console.log(
    `\nDone in ${(report.ms / 1000).toFixed(1)} s: ${report.tables.length} tables, ${report.rows.toLocaleString("en")} rows; ` +
      `${report.replacedValues.toLocaleString("en")} personal values replaced, ${report.droppedRows.toLocaleString("en")} rows of sessions, tokens, outbox and the like left out; ` +
      `${report.placeholderFiles} attachment(s) replaced by placeholders, ${report.files.copied} other file(s) copied${report.files.missing.length ? `, ${report.files.missing.length} without bytes in the source` : ""}.`,
  );
  console.log(`\nEvery account's password is now: ${report.trainingPassword}`);
  console.log("Two-factor authentication is reset: accounts whose role needs it enrol again at their first sign-in.");
  console.log(`Start it with: DATA_DIR=${path.resolve(values.to)} npm start   (no DATABASE_URL)`);
}

const [command, ...rest] = process.argv.slice(2);
const run = command === "move" ? move : command === "scrub" ? scrub : null;
if (!run) {
  console.error('Unknown command: use "move" (npm run db:move) or "scrub" (npm run db:scrub).');
  process.exit(1);
}
run(rest).catch((error: unknown) => {
  if (error instanceof DataDirLockedError) console.error(`${error.message}\nNothing was copied.`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
