import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { createTestCase } from "../support/needs-factory.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase } from "../support/test-database.ts";

// A 1×1 PNG.
const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"));

describe("/files/:id and private files", () => {
  let handle: DatabaseHandle;
  let root: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "cap-private-files-"));
  });
  afterAll(async () => {
    await handle.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("serves an ordinary stored file, and never a case attachment, to anyone who knows its id", async () => {
    const files = createFileStore({ db: handle.db, root, maxBytes: 1024 * 1024 });
    const app = createTestApp(handle, root);
    const open = await files.put(handle.db, PNG, { originalName: "open.png", accept: ["image/png"] });
    const attached = await files.put(handle.db, Uint8Array.from([...PNG, 0]), { originalName: "private.png", accept: ["image/png"] });
    if (!open.ok || !attached.ok) throw new Error("the test files were refused");
    const testCase = await createTestCase(handle.db);
    await handle.db.insertInto("need_attachment").values({ case_id: testCase.id, file_id: attached.file.id, uploaded_by: "submitter" }).execute();

    const served = await app.fetch(new Request(`http://localhost:3999/files/${open.file.id}`));
    expect(served.status).toBe(200);
    const refused = await app.fetch(new Request(`http://localhost:3999/files/${attached.file.id}`));
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("PNG");
  });
});
