// Stored files: `npm run files:copy-to-bucket` copies every stored file's bytes from DATA_DIR/files
// to the bucket named by FILE_STORAGE_URL (with S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID,
// S3_SECRET_ACCESS_KEY), checking each file's SHA-256. It can be run again: files already copied are
// skipped. The database is only read, so the server may keep running on the local folder meanwhile;
// switch the servers to the bucket (set FILE_STORAGE_URL) and run the copy once more to take the
// files uploaded in between.
import path from "node:path";
import { openDatabase } from "#app/db/client.server.ts";
import { copyStoredFiles } from "#app/services/blob-copy.server.ts";
import { createDiskBlobStore, createS3BlobStore } from "#app/services/blob-store.server.ts";
import { loadConfig } from "../server/config.ts";

const [command] = process.argv.slice(2);

async function main(): Promise<void> {
  if (command !== "copy-to-bucket")
    throw new Error("Usage: npm run files:copy-to-bucket (with FILE_STORAGE_URL=s3://bucket and the S3_* settings).");
  const config = loadConfig();
  if (!config.fileStorage)
    throw new Error(
      "Set FILE_STORAGE_URL=s3://bucket (and S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY) to name the bucket to copy to.",
    );
  if (!config.databaseUrl)
    throw new Error(
      "Copying files to a bucket is for PostgreSQL installs (DATABASE_URL): an embedded install keeps its files in DATA_DIR.",
    );
  const from = createDiskBlobStore(path.join(config.dataDir, "files"));
  const to = createS3BlobStore(config.fileStorage);
  await to.check();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl });
  try {
    console.log(`Copying stored files from ${from.location} to ${to.location} …`);
    const report = await copyStoredFiles(handle.db, from, to, {
      onProgress: (done) => process.stdout.write(`\r${done} files checked`),
    });
    process.stdout.write("\n");
    console.log(
      `${report.files} files: ${report.copied} copied, ${report.alreadyThere} already in the bucket, ${report.missing.length} missing from ${from.location}, ${report.damaged.length} damaged.`,
    );
    for (const id of report.missing) console.log(`  missing: ${id}`);
    for (const id of report.damaged) console.log(`  damaged (SHA-256 differs; not copied): ${id}`);
    if (report.missing.length || report.damaged.length) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
