import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createFileStore, type FileStore } from "#app/services/files.server.ts";

/** The file store of a test file's tests, and the folder its files are kept in. */
export interface TestFileStore extends FileStore {
  /** The store's temporary folder. */
  readonly root: string;
}

/**
 * A file store over the test database `handle` (see `setUpTestDatabase`), in a fresh temporary
 * folder whose name starts with `prefix`, taking files up to `maxBytes`: made before the tests of
 * the file (or `describe`) that calls this and removed after them, by the hooks this registers.
 * What it returns stands for the store from the moment it is made: read it in hooks and tests.
 */
export function setUpTestFileStore(handle: DatabaseHandle, prefix: string, maxBytes = 1024 * 1024): TestFileStore {
  let made: { store: FileStore; root: string } | undefined;
  beforeAll(() => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made = { store: createFileStore({ db: handle.db, root, maxBytes }), root };
  });
  afterAll(() => {
    if (made) fs.rmSync(made.root, { recursive: true, force: true });
  });
  const current = (): { store: FileStore; root: string } => {
    if (!made) throw new Error("the test file store is made in beforeAll: read it in a hook or a test");
    return made;
  };
  return {
    get root() {
      return current().root;
    },
    get blobs() {
      return current().store.blobs;
    },
    put: (db, bytes, options) => current().store.put(db, bytes, options),
    get: (id) => current().store.get(id),
    headersFor: (file) => current().store.headersFor(file),
  };
}
