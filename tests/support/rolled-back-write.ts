import { expect } from "vitest";
import type { Db } from "#app/db/client.server.ts";
import type { Trx } from "#app/services/commands.server.ts";

/*
 * The tests of what triggers and kept views maintain (counters, summaries, kept figures) check that a write
 * which is rolled back changes none of it.
 */

/**
 * Runs `write` in a transaction on `db` that then throws, and expects the transaction to fail with that error:
 * whatever `write` did is rolled back.
 */
export async function expectWriteRolledBack(db: Db, write: (trx: Trx) => Promise<unknown>): Promise<void> {
  await expect(
    db.transaction().execute(async (trx) => {
      await write(trx);
      throw new Error("rolled back");
    }),
  ).rejects.toThrow("rolled back");
}
