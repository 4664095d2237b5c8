import type { ComponentType } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "#app/i18n/locales.ts";
import { recordAudit } from "#app/services/audit.server.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser, outcome, workspaceContext } from "../../../tests/support/workspace-actors.ts";
import type { AuditEntryView } from "./audit-entry.ts";
import { listAuditHistory } from "./audit.queries.server.ts";
import { RecordHistory } from "./record-history.tsx";
import AuditEntryPage, { loader as entryLoader } from "./routes/audit-entry.tsx";
import AuditIndex, { loader as indexLoader } from "./routes/audit-index.tsx";
import { renderRoute } from "../../../tests/support/render-route.tsx";
import { latestAuditEntry } from "../../../tests/support/audit-entries.ts";

type SignedIn = Awaited<ReturnType<typeof createTestUser>>;
type IndexArgs = Parameters<typeof indexLoader>[0];
type EntryArgs = Parameters<typeof entryLoader>[0];

const handle = setUpTestDatabase();
let admin: SignedIn;
let coordinator: SignedIn;
let focalPoint: SignedIn;
let entryId: number;

beforeAll(async () => {
  admin = await createTestUser(handle.db, [{ role: "platform_admin" }]);
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  focalPoint = await createTestUser(handle.db, [{ role: "focal_point", organisationId: null }]);
  await handle.db.transaction().execute((trx) =>
    recordAudit(
      trx,
      { actor: admin, requestId: "req-render" },
      {
        action: "rtest.organisation.update",
        subjectType: "rtest_organisation",
        subjectId: "7",
        before: { name: "Zyra <b>e vjetër</b>", website: null },
        after: { name: "Канцеларија <img src=x onerror=alert(1)>", website: "https://example.org", tags: ["a", "b"] },
      },
    ),
  );
  entryId = (await latestAuditEntry(handle.db)).id;
});

function loadIndex(actor: SignedIn | null, search = "", lang = "en") {
  const path = `/${lang}/workspace/audit${search}`;
  return indexLoader({
    request: new Request(`http://localhost${path}`),
    params: { lang },
    context: workspaceContext(handle.db, actor),
  } as unknown as IndexArgs);
}

function loadEntry(actor: SignedIn | null, id: string, lang = "en") {
  const path = `/${lang}/workspace/audit/${id}`;
  return entryLoader({
    request: new Request(`http://localhost${path}`),
    params: { lang, id },
    context: workspaceContext(handle.db, actor),
  } as unknown as EntryArgs);
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, " ");

describe("audit log page", () => {
  it("sends a visitor who is not signed in to sign in first", async () => {
    const result = await outcome(loadIndex(null));
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/en/sign-in?returnTo=${encodeURIComponent("/en/workspace/audit")}`);
  });

  it("refuses users who are neither administrators nor coordinators", async () => {
    expect((await outcome(loadIndex(focalPoint))).status).toBe(403);
    expect((await outcome(loadEntry(focalPoint, String(entryId)))).status).toBe(403);
  });

  it("lists the log for administrators and coordinators", async () => {
    for (const actor of [admin, coordinator]) {
      const result = await outcome(loadIndex(actor, "?action=rtest."));
      expect(result.status).toBe(200);
      expect(result.data).toMatchObject({
        total: 1,
        page: 1,
        errors: null,
        entries: [{ id: entryId, action: "rtest.organisation.update" }],
      });
    }
  });

  it("answers an invalid filter with 400, the errors and the values, and no records", async () => {
    const result = await outcome(loadIndex(admin, "?from=2026-02-30&q=abc"));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      entries: [],
      total: 0,
      errors: { from: "audit:filter.errors.date" },
      values: { from: "2026-02-30", q: "abc" },
    });
  });

  it.each(LOCALES)("renders in %s with every string translated and the diff behind a disclosure", async (locale) => {
    const data = (await outcome(loadIndex(admin, "?action=rtest.", locale))).data;
    const html = renderRoute(
      locale,
      `/${locale}/workspace/audit?action=rtest.`,
      "/:lang/workspace/audit",
      AuditIndex as ComponentType,
      data,
    );
    expect(html).toContain("<title>");
    expect(html).toContain("<details>");
    expect(html).toMatch(/<time dateTime="\d{4}-\d\d-\d\dT/);
    expect(html).toContain(`href="/${locale}/workspace/audit/${entryId}"`);
    expect(html).toContain(`href="/${locale}/workspace/audit?subjectType=rtest_organisation&amp;subjectId=7"`);
    expect(html).toContain('method="get"');
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>e vjetër");
    expect(textOf(html)).not.toMatch(/\b(filter|table|changes|index|subject)\.[a-z]/);
  });

  it("shows the errors of an invalid filter above the form, linked to their fields", async () => {
    const data = (await outcome(loadIndex(admin, "?from=2026-02-30", "en"))).data;
    const html = renderRoute(
      "en",
      "/en/workspace/audit?from=2026-02-30",
      "/:lang/workspace/audit",
      AuditIndex as ComponentType,
      data,
    );
    expect(html).toContain("<title>Error: Audit log");
    expect(html).toContain('href="#audit-from"');
    expect(html).toMatch(/id="audit-from"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="audit-from"/);
    expect(html).toContain('value="2026-02-30"');
  });
});

describe("audit record page", () => {
  it("shows one record in full", async () => {
    const result = await outcome(loadEntry(coordinator, String(entryId)));
    expect(result.status).toBe(200);
    const entry = (result.data as { entry: AuditEntryView }).entry;
    expect(entry.changes.map((c) => c.field)).toEqual(["name", "tags", "website"]);
    const html = renderRoute(
      "sr-cyrl",
      `/sr-cyrl/workspace/audit/${entryId}`,
      "/:lang/workspace/audit/:id",
      AuditEntryPage as ComponentType,
      result.data,
    );
    expect(html).toContain("Запис ревизије");
    expect(html).toContain("req-render");
    expect(html).toContain("Канцеларија &lt;img src=x onerror=alert(1)&gt;");
  });

  it.each(["999999999", "0", "abc", "1e3"])("is a 404 for %s", async (id) => {
    expect((await outcome(loadEntry(admin, id))).status).toBe(404);
  });
});

describe("RecordHistory", () => {
  it("shows a record's history with a link to the full log, for any page to embed", async () => {
    const { entries, hasMore } = await listAuditHistory(handle.db, "rtest_organisation", 7);
    const Page = () => (
      <RecordHistory entries={entries} hasMore={hasMore} subjectType="rtest_organisation" subjectId={7} />
    );
    const html = renderRoute("sq", "/sq/workspace/organisations/7", "/:lang/workspace/organisations/:id", Page, null);
    expect(html).toContain("<h2");
    expect(html).toContain("Historiku");
    expect(html).toContain("3 fusha ndryshuan");
    expect(html).toContain('href="/sq/workspace/audit?subjectType=rtest_organisation&amp;subjectId=7"');
  });

  it("says so when nothing was recorded", () => {
    const Page = () => <RecordHistory entries={[]} subjectType="rtest_organisation" subjectId={8} />;
    const html = renderRoute("en", "/en/x", "/:lang/x", Page, null);
    expect(html).toContain("No changes have been recorded for this record yet.");
  });
});
