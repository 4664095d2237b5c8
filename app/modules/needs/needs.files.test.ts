import fs from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "#app/services/authorization.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { setUpTestFileStore } from "../../../tests/support/test-file-store.ts";
import { ORPHAN_GRACE_MS, sweepOrphanFiles } from "./needs.files.server.ts";
import { submitNeed } from "./needs.submission.server.ts";
import { prepareAttachments, type PreparedAttachment } from "./public/attachments.server.ts";
import { NeedSubmissionSchema } from "./public/needs-public.schema.ts";

/*
 * Files of a submission that is refused or rolled back do not stay on disk (decision 021): nothing
 * is written before the submission is valid, and the bytes a failed transaction leaves are removed
 * by the periodic sweep once older than the grace period.
 */

const handle = setUpTestDatabase();
const files = setUpTestFileStore(handle, "needs-sweep-");
let photo: PreparedAttachment[];

beforeAll(async () => {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c00" } })
    .png()
    .toBuffer();
  const prepared = await prepareAttachments([new File([png], "photo.png")]);
  if (!prepared.ok) throw new Error("the test photo was refused");
  photo = prepared.files;
});

/** Every file under the store's folder. */
const filesOnDisk = () =>
  fs.existsSync(files.root)
    ? fs
        .readdirSync(files.root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];
const form = (overrides: Record<string, string> = {}) =>
  NeedSubmissionSchema.parse({
    category: "education",
    municipality: "20",
    description: "The school bus no longer stops in our village, the children walk six kilometres.",
    identity: "anonymous",
    ...overrides,
  });
const submit = (db: typeof handle.db, overrides: Record<string, string> = {}) =>
  submitNeed(db, { actor: ANONYMOUS, requestId: "test" }, files, {
    form: form(overrides),
    attachments: photo,
    locale: "en",
    publicUrl: "https://platform.example.org",
  });

describe("files of failed submissions", () => {
  it("writes nothing to disk when the submission is refused", async () => {
    const before = filesOnDisk();
    const result = await handle.db.transaction().execute((trx) => submit(trx, { settlement: "999999999" }));
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      errors: { settlement: "needs:public.errors.settlementElsewhere" },
    });
    expect(filesOnDisk()).toEqual(before);
  });

  it("removes the bytes a rolled-back submission left, after the grace period, and keeps stored files", async () => {
    const kept = await handle.db.transaction().execute((trx) => submit(trx));
    if (!kept.ok) throw new Error("the valid submission was refused");
    const keptFile = await handle.db
      .selectFrom("need_attachment")
      .select("file_id")
      .where("case_id", "=", kept.caseId)
      .executeTakeFirstOrThrow();
    const before = new Set(filesOnDisk());

    await expect(
      handle.db.transaction().execute(async (trx) => {
        const result = await submit(trx);
        expect(result.ok).toBe(true);
        throw new Error("the commit failed");
      }),
    ).rejects.toThrow("the commit failed");
    const orphans = filesOnDisk().filter((f) => !before.has(f));
    expect(orphans).toHaveLength(1);
    expect(
      await handle.db.selectFrom("stored_file").select("id").where("id", "=", orphans[0]!).executeTakeFirst(),
    ).toBeUndefined();

    // Within the grace period the file may belong to a transaction still running: kept.
    expect(await sweepOrphanFiles(handle.db, files.blobs)).toMatchObject({ removed: 0 });
    expect(filesOnDisk()).toContain(orphans[0]);

    const report = await sweepOrphanFiles(handle.db, files.blobs, {
      now: new Date(Date.now() + ORPHAN_GRACE_MS + 60_000),
    });
    expect(report).toEqual({ checked: before.size + 1, removed: 1 });
    expect(filesOnDisk()).not.toContain(orphans[0]);
    expect(filesOnDisk()).toContain(keptFile.file_id);
    expect(await files.get(keptFile.file_id)).not.toBeNull();
  });
});
