import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { AuditActor } from "#app/modules/audit/components/audit-changes.tsx";
import { createTestCase } from "../../../tests/support/needs-factory.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { escalateOverdueCases } from "./needs.escalation.server.ts";
import { eraseExpiredPersonalData } from "./needs.retention.server.ts";

/*
 * The needs module's periodic jobs write their audit entries as the system actor with the job's
 * name (recordAudit with systemAuditContext), and the audit pages show "System (job)" in every
 * language, not "a visitor who was not signed in".
 */

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const entryOf = (action: string, caseId: number) =>
  handle.db
    .selectFrom("audit_log")
    .select(["actor_user_id", "actor_label", "request_id"])
    .where("action", "=", action)
    .where("subject_id", "=", String(caseId))
    .executeTakeFirstOrThrow();

describe("audit entries of the needs jobs", () => {
  it("name the system and the job: escalation and retention", async () => {
    const overdue = await createTestCase(handle.db, { dueAt: new Date(Date.now() - 3_600_000), status: "in_review" });
    await escalateOverdueCases(handle.db);
    expect(await entryOf("need.escalate", overdue.id)).toEqual({
      actor_user_id: null,
      actor_label: "system: needs.escalate",
      request_id: "system:needs.escalate",
    });

    const now = new Date();
    const old = await createTestCase(handle.db, {
      status: "resolved",
      dueAt: null,
      closedAt: new Date(now.getTime() - 800 * 86_400_000),
      createdAt: new Date(now.getTime() - 900 * 86_400_000),
    });
    expect((await eraseExpiredPersonalData(handle.db, { months: 24, now })).cases).toBeGreaterThanOrEqual(1);
    expect(await entryOf("need.personal_data.erase", old.id)).toEqual({
      actor_user_id: null,
      actor_label: "system: needs.retention",
      request_id: "system:needs.retention",
    });
  });

  it.each([
    ["en", "System (needs.escalate)"],
    ["sq", "Sistemi (needs.escalate)"],
    ["sr", "Sistem (needs.escalate)"],
    ["sr-cyrl", "Систем (needs.escalate)"],
  ] as [Locale, string][])("are shown in %s as %s, and visitors and people as before", (locale, expected) => {
    const render = (label: string, userId: string | null) =>
      renderToString(
        <I18nextProvider i18n={createI18n(locale, serverResources(locale))}>
          <AuditActor label={label} userId={userId} />
        </I18nextProvider>,
      );
    expect(render("system: needs.escalate", null)).toBe(expected);
    expect(render("anonymous", null)).not.toContain("anonymous");
    expect(render("Ana <ana@example.org>", "0b0e0000-0000-4000-8000-000000000001")).toBe("Ana &lt;ana@example.org&gt;");
    expect(render("system: needs.escalate", "0b0e0000-0000-4000-8000-000000000001")).toBe("system: needs.escalate");
  });
});
