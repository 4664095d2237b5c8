import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { recordAudit } from "#app/services/audit.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { getAuditEntry, listAuditEntries, listAuditHistory, type AuditFilter } from "./audit.queries.server.ts";
import { signedInActor } from "../../../tests/support/signed-in-actor.ts";

const ADMIN = signedInActor([{ role: "platform_admin", organisationId: null, kasCode: null }], {
  name: "Arbër <script>alert(1)</script> Gashi",
  email: "arber.gashi@example.org",
});
const COORDINATOR = signedInActor([{ role: "coordinator", organisationId: null, kasCode: null }], {
  userId: "00000000-0000-4000-8000-000000000002",
  name: "Љиљана Ђорђевић",
  email: "ljiljana_100%@example.org",
});

let handle: DatabaseHandle;

/** Appends an audit record through the platform's own helper, as a command would. */
async function record(
  actor: Actor,
  action: string,
  subjectType: string,
  subjectId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  await handle.db
    .transaction()
    .execute((trx) =>
      recordAudit(
        trx,
        { actor, requestId: "req-1" },
        { action, subjectType, subjectId, before, after, organisationId: 7 },
      ),
    );
}

/** Appends a record with a chosen time (the log is append-only, so the time is set on insert). */
async function recordAt(occurredAt: string, action: string) {
  await handle.db
    .insertInto("audit_log")
    .values({
      occurred_at: occurredAt,
      actor_user_id: null,
      actor_label: "anonymous",
      action,
      subject_type: "dated",
      subject_id: action,
      diff: {},
      request_id: null,
    })
    .execute();
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await record(ADMIN, "test.organisation.create", "test_organisation", "42", null, {
    name: { sq: "Zyra" },
    website: "https://example.org",
  });
  await record(
    COORDINATOR,
    "test.organisation.update",
    "test_organisation",
    "42",
    { website: "https://example.org", phone: null },
    { website: "https://zyra.example.org", phone: "+383 38 000 000" },
  );
  await record(ADMIN, "test.user.invite", "test_user", "00000000-0000-4000-8000-000000000009", null, {
    email: "new@example.org",
    password_hash: "argon2id$secret",
  });
  await record(
    { kind: "anonymous" },
    "test.user.password_reset",
    "test_user",
    "00000000-0000-4000-8000-000000000009",
    { password_hash: "old" },
    { password_hash: "new" },
  );
});
afterAll(() => handle.close());

async function list(filter: AuditFilter, page = 1, pageSize = 50) {
  return listAuditEntries(handle.db, filter, { page, pageSize });
}

describe("listAuditEntries", () => {
  it("lists newest first with the total", async () => {
    const everything = await list({});
    expect(everything.total).toBeGreaterThanOrEqual(4);
    expect(everything.entries.slice(0, 4).map((e) => e.action)).toEqual([
      "test.user.password_reset",
      "test.user.invite",
      "test.organisation.update",
      "test.organisation.create",
    ]);
    const { entries, total } = await list({ action: "test." });
    expect(total).toBe(4);
    expect(entries.map((e) => e.action)).toEqual([
      "test.user.password_reset",
      "test.user.invite",
      "test.organisation.update",
      "test.organisation.create",
    ]);
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("shows each change with its before and after, secrets redacted", async () => {
    const { entries } = await list({ action: "test.organisation.update" });
    expect(entries[0]?.changes).toEqual([
      { field: "phone", before: null, after: "+383 38 000 000" },
      { field: "website", before: "https://example.org", after: "https://zyra.example.org" },
    ]);
    expect(entries[0]).toMatchObject({
      actorUserId: COORDINATOR.kind === "user" ? COORDINATOR.userId : null,
      organisationId: 7,
      requestId: "req-1",
    });
    const invite = (await list({ action: "test.user.invite" })).entries[0];
    expect(invite?.changes.find((c) => c.field === "password_hash")).toEqual({
      field: "password_hash",
      before: null,
      after: "[redacted]",
    });
    expect(JSON.stringify(await list({ action: "test." }))).not.toContain("argon2id$secret");
  });

  it("finds the actor by part of their name or e-mail, in any case, with LIKE wildcards taken literally", async () => {
    expect((await list({ q: "GASHI" })).entries.map((e) => e.action)).toEqual([
      "test.user.invite",
      "test.organisation.create",
    ]);
    expect((await list({ q: "ђорђ" })).total).toBe(1);
    expect((await list({ q: "_100%@" })).total).toBe(1);
    expect((await list({ q: "%" })).total).toBe(1);
    expect((await list({ q: "anonymous", action: "test." })).total).toBe(1);
    expect((await list({ q: "nobody at all" })).total).toBe(0);
  });

  it("filters by actor id, action prefix, subject type and id", async () => {
    const adminId = ADMIN.kind === "user" ? ADMIN.userId : "";
    expect((await list({ actor: adminId })).total).toBe(2);
    expect((await list({ action: "test.user." })).total).toBe(2);
    expect((await list({ action: "test.user_" })).total).toBe(0);
    expect((await list({ action: "test.organisation.update" })).total).toBe(1);
    expect((await list({ subjectType: "test_organisation", subjectId: "42" })).total).toBe(2);
    expect((await list({ subjectType: "test_organisation", subjectId: "43" })).total).toBe(0);
    expect((await list({ subjectType: "test_user", action: "test.user.invite", actor: adminId })).total).toBe(1);
  });

  it("filters by a date range counted in Kosovo's time, both ends included", async () => {
    // 23:00 UTC on 31 December is already 1 January in Prishtina (UTC+1 in winter).
    await recordAt("2025-12-31T23:30:00Z", "dated.new_year");
    await recordAt("2026-01-01T22:59:59Z", "dated.new_year_too");
    await recordAt("2025-12-31T23:00:00Z", "dated.new_year_midnight");
    await recordAt("2025-12-31T22:59:59Z", "dated.old_year");
    // 22:30 UTC on 30 June is 1 July (UTC+2 in summer).
    await recordAt("2025-06-30T22:30:00Z", "dated.summer");
    const dated = async (filter: AuditFilter) =>
      (await list({ ...filter, subjectType: "dated" })).entries.map((e) => e.action).sort();
    expect(await dated({ from: "2026-01-01", to: "2026-01-01" })).toEqual([
      "dated.new_year",
      "dated.new_year_midnight",
      "dated.new_year_too",
    ]);
    expect(await dated({ to: "2025-12-31" })).toEqual(["dated.old_year", "dated.summer"]);
    expect(await dated({ from: "2025-07-01", to: "2025-07-01" })).toEqual(["dated.summer"]);
    expect(await dated({ from: "2025-07-02", to: "2025-12-30" })).toEqual([]);
    expect(await dated({ from: "2026-01-02" })).toEqual([]);
  });

  it("pages through the log", async () => {
    const all = await list({});
    const first = await list({}, 1, 2);
    const second = await list({}, 2, 2);
    expect(first.total).toBe(all.total);
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(all.entries.slice(0, 4).map((e) => e.id));
    expect((await list({}, 1_000, 2)).entries).toEqual([]);
  });

  it("runs two queries whatever the page size and the filters", async () => {
    const counts: number[] = [];
    for (const filter of [
      {},
      { q: "a", action: "test.user.", subjectType: "test_user", subjectId: "x", from: "2020-01-01", to: "2030-01-01" },
    ] satisfies AuditFilter[]) {
      for (const pageSize of [1, 50]) {
        const { stats } = await withQueryStats(() => list(filter, 1, pageSize));
        counts.push(stats.queries);
      }
    }
    expect(counts).toEqual([2, 2, 2, 2]);
  });
});

describe("getAuditEntry", () => {
  it("reads one record, or null", async () => {
    const [latest] = (await list({})).entries;
    expect(await getAuditEntry(handle.db, latest!.id)).toEqual(latest);
    expect(await getAuditEntry(handle.db, 9_999_999)).toBeNull();
    expect(await getAuditEntry(handle.db, -1)).toBeNull();
  });
});

describe("listAuditHistory", () => {
  it("gives one record's history, newest first, in one query", async () => {
    const { result, stats } = await withQueryStats(() => listAuditHistory(handle.db, "test_organisation", 42));
    expect(stats.queries).toBe(1);
    expect(result.entries.map((e) => e.action)).toEqual(["test.organisation.update", "test.organisation.create"]);
    expect(result.hasMore).toBe(false);
  });

  it("says when there is more than it shows", async () => {
    const { entries, hasMore } = await listAuditHistory(handle.db, "test_organisation", "42", { limit: 1 });
    expect(entries.map((e) => e.action)).toEqual(["test.organisation.update"]);
    expect(hasMore).toBe(true);
  });

  it("is empty for a record without history", async () => {
    expect(await listAuditHistory(handle.db, "test_organisation", "999")).toEqual({ entries: [], hasMore: false });
  });
});
