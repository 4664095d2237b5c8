import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { diffRecords, recordAudit, type AuditContext } from "./audit.server.ts";
import { signedInActor } from "../../tests/support/signed-in-actor.ts";
import { auditActions, auditEntries, auditEntry } from "../../tests/support/audit-entries.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const context: AuditContext = {
  actor: signedInActor([]),
  requestId: "req-1",
};

describe("diffRecords", () => {
  it("keeps only changed fields, with before and after", () => {
    expect(diffRecords({ a: 1, b: "x", c: [1] }, { a: 1, b: "y", c: [1, 2] })).toEqual({
      b: { before: "x", after: "y" },
      c: { before: [1], after: [1, 2] },
    });
  });
  it("records creation and deletion", () => {
    expect(diffRecords(null, { a: 1 })).toEqual({ a: { before: null, after: 1 } });
    expect(diffRecords({ a: 1 }, null)).toEqual({ a: { before: 1, after: null } });
  });
  it("never writes secrets, only that they changed", () => {
    expect(diffRecords({ password_hash: "old" }, { password_hash: "new" })).toEqual({
      password_hash: { before: "[redacted]", after: "[redacted]" },
    });
  });
});

describe("the audit log", () => {
  it("is written in the transaction of the write and rolled back with it", async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("page")
          .values({ key: "audited", title: { en: "T" }, body: { en: "B" }, original_locale: "en" })
          .execute();
        await recordAudit(trx, context, {
          action: "page.create",
          subjectType: "page",
          subjectId: "audited",
          after: { key: "audited" },
        });
        throw new Error("the write fails after its audit record");
      }),
    ).rejects.toThrow(/fails/);
    expect(await handle.db.selectFrom("page").where("key", "=", "audited").selectAll().execute()).toEqual([]);
    expect(await auditEntries(handle.db, { subject_id: "audited" })).toEqual([]);
  });

  it("keeps a committed write's record with actor, diff and request id", async () => {
    await handle.db.transaction().execute(async (trx) => {
      await recordAudit(trx, context, {
        action: "page.update",
        subjectType: "page",
        subjectId: "about",
        before: { title: "a" },
        after: { title: "b" },
      });
    });
    const row = await auditEntry(handle.db, { subject_id: "about" });
    expect(row).toMatchObject({
      action: "page.update",
      actor_user_id: context.actor.kind === "user" ? context.actor.userId : null,
      request_id: "req-1",
      diff: { title: { before: "a", after: "b" } },
    });
  });

  it("cannot be changed or deleted", async () => {
    await expect(handle.db.updateTable("audit_log").set({ action: "forged" }).execute()).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(handle.db.deleteFrom("audit_log").execute()).rejects.toThrow(/cannot be changed/);
    expect(await auditActions(handle.db)).not.toContain("forged");
  });
});
