import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { isContentEmpty } from "#app/db/seed/demo.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import * as strategiesIndex from "#app/modules/plans/strategies/routes/strategies-index.tsx";
import * as libraryIndex from "#app/modules/library/routes/library-index.tsx";
import * as libraryDetail from "#app/modules/library/routes/library-detail.tsx";
import * as projects3w from "#app/modules/projects/routes/projects-3w.tsx";
import * as eventsIndex from "#app/modules/clearing-house/events/routes/events-index.tsx";
import * as needsStats from "#app/modules/needs/public/routes/needs-stats.tsx";
// The plan page's view model, which its loader renders the measures table from (kept HTML, decision 063).
import { planView } from "#app/modules/plans/strategies/strategies.parts.server.tsx";
import * as workspaceProject from "#app/modules/projects/routes/workspace-project.tsx";
import { createFileStore } from "#app/services/files.server.ts";
import { countRows } from "../support/row-count.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { decodeEntities } from "../support/html-text.ts";

/*
 * Issue 17's "Must show", against a freshly seeded demo database: what a visitor sees on the public
 * pages after the first `npm start`.
 */

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

let handle: DatabaseHandle;
let root: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cap-demo-seed-"));
  const started = performance.now();
  await seedDemoContent(handle.db, { files: createFileStore({ db: handle.db, root, maxBytes: 20 * 1024 * 1024 }) });
  // The figure for README's development notes, with the machine's load at the time.
  console.log(
    `demo seed: ${Math.round(performance.now() - started)} ms (load average ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`,
  );
}, 180_000);
afterAll(async () => {
  await handle.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function load<T>(
  loader: unknown,
  url: string,
  params: Record<string, string>,
  actor: unknown = { kind: "anonymous" },
): Promise<T> {
  const session =
    (actor as { kind: string }).kind === "user"
      ? { sessionId: "test", actor, preferredLocale: "en", hasTwoFactor: false }
      : null;
  const context = {
    db: handle.db,
    logger: pino({ level: "silent" }),
    nonce: "",
    requestId: "test",
    publicUrl: "http://localhost",
    actor,
    session,
  };
  return (await (loader as Loader)({ request: new Request(`http://localhost${url}`), params, context })) as T;
}

function stored(fileId: string): Buffer {
  return fs.readFileSync(path.join(root, fileId.slice(0, 2), fileId));
}

describe("the demo seed on a fresh database", () => {
  it("shows a completion percentage on /en/strategies", async () => {
    const page = await load<{ strategies: { progress: { kind: string; percent?: number; shareLabel?: string } }[] }>(
      strategiesIndex.loader,
      "/en/strategies",
      { lang: "en" },
    );
    const reported = page.strategies.map((s) => s.progress).filter((p) => p.kind !== "not_reported");
    expect(reported.length).toBeGreaterThan(0);
    expect(reported[0]!.percent).toBeGreaterThan(0);
    expect(reported[0]!.shareLabel).toMatch(/%/);
  });

  it("lists the published implementation report in the library, whose Word and Excel files open, in sq, sr and en", async () => {
    const list = JSON.stringify(await load(libraryIndex.loader, "/en/library", { lang: "en" }));
    expect(list).toContain("Annual implementation report 2020");
    const documents = await handle.db
      .selectFrom("library_document as d")
      .innerJoin("library_document_file as f", "f.document_id", "d.id")
      .innerJoin("stored_file as s", "s.id", "f.file_id")
      .select(["d.slug", "d.is_demo", "d.status", "f.locale", "f.file_id", "s.media_type"])
      .where("d.doc_type", "=", "report")
      .where("d.is_demo", "=", true)
      .where("d.status", "=", "published")
      .where("s.media_type", "in", [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      ])
      .execute();
    expect(new Set(documents.map((d) => `${d.locale}/${d.media_type.endsWith("document") ? "docx" : "xlsx"}`))).toEqual(
      new Set(["sq/docx", "sq/xlsx", "sr/docx", "sr/xlsx", "en/docx", "en/xlsx"]),
    );
    for (const d of documents) {
      const detail = JSON.stringify(
        await load(libraryDetail.loader, `/en/library/${d.slug}`, { lang: "en", slug: d.slug }),
      );
      expect(detail).toContain(d.file_id);
      if (d.media_type.endsWith("document")) {
        const { value } = await mammoth.extractRawText({ buffer: stored(d.file_id) });
        expect(value).toContain("[Demo]");
        if (d.locale === "en") {
          expect(value).toContain("Implementation by sector");
          expect(value).toContain("Disputed by Balkan Sunflowers Kosova");
          expect(value).not.toContain("employment_social_welfare");
        }
      } else {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(stored(d.file_id) as unknown as ArrayBuffer);
        expect(workbook.worksheets.length).toBe(5);
        expect(workbook.worksheets[0]!.rowCount).toBeGreaterThan(10);
        expect(workbook.worksheets[3]!.rowCount).toBeGreaterThan(1);
      }
    }
  });

  it("shows non-zero money and funding per member on the 3W page", async () => {
    // The map's table and the per-member matrix come as HTML kept per content (decision 057).
    const page = await load<{ parts: { map: string; perMember: string } }>(projects3w.loader, "/en/projects/3w", {
      lang: "en",
    });
    const cells = (html: string) =>
      [...html.matchAll(/<td\b[^>]*>(.*?)<\/td>/gs)].map((m) => decodeEntities(m[1]!.replace(/<[^>]+>/g, "")));
    const bodyRows = (html: string) => (/<tbody\b[^>]*>(.*?)<\/tbody>/s.exec(html)?.[1]?.match(/<tr\b/g) ?? []).length;
    expect(bodyRows(page.parts.map)).toBeGreaterThanOrEqual(10);
    expect(cells(page.parts.map).some((c) => /€[1-9]/.test(c))).toBe(true);
    expect(cells(page.parts.perMember).filter((c) => /€/.test(c) && !/€0\.00$/.test(c)).length).toBeGreaterThan(5);
    expect(await countRows(handle.db, "project", { is_demo: true })).toBeGreaterThanOrEqual(24);
  });

  it("lists upcoming events on /en/events, and past meetings with minutes and overdue recommendations with owners", async () => {
    const page = JSON.stringify(await load(eventsIndex.loader, "/en/events", { lang: "en" }));
    expect(page).toContain("[Demo] Sector meeting on employment and social welfare");
    expect(page).toContain("[Demo] Public consultation on the next local action plan of Fushë Kosovë");
    const upcoming = await handle.db
      .selectFrom("event")
      .select("slug")
      .where("starts_at", ">", new Date())
      .where("status", "=", "published")
      .execute();
    expect(upcoming.length).toBeGreaterThanOrEqual(3);
    const overdue = await handle.db
      .selectFrom("recommendation as r")
      .innerJoin("event as e", "e.id", "r.event_id")
      .select(["r.owner_organisation_id", "e.minutes"])
      .where("r.due_date", "<", new Date().toISOString().slice(0, 10))
      .where("r.status", "in", ["open", "in_progress"])
      .execute();
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(overdue.every((r) => r.owner_organisation_id !== null && Object.keys(r.minutes).length > 0)).toBe(true);
  });

  it("shows at least three non-suppressed cells on /en/needs, from about 150 cases in several languages, one escalated", async () => {
    const page = await load<{ rows: Record<string, { state: string; count?: number }[]> }>(
      needsStats.loader,
      "/en/needs",
      { lang: "en" },
    );
    const shown = Object.values(page.rows)
      .flat()
      .filter((cell) => cell.state === "shown");
    expect(shown.length).toBeGreaterThanOrEqual(3);
    const cases = await handle.db
      .selectFrom("need_case")
      .select(["submitted_locale", "status", "escalated_at", "created_at"])
      .where("is_demo", "=", true)
      .execute();
    expect(cases.length).toBeGreaterThanOrEqual(140);
    expect(new Set(cases.map((c) => c.submitted_locale)).size).toBeGreaterThanOrEqual(4);
    expect(cases.filter((c) => c.status === "resolved").length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.status === "referred").length).toBeGreaterThan(5);
    expect(cases.filter((c) => c.escalated_at !== null)).toHaveLength(1);
    const yearAgo = Date.now() - 366 * 86_400_000;
    expect(cases.every((c) => c.created_at.getTime() > yearAgo)).toBe(true);
  });

  it('links every local measure of a local plan\'s page to the national measure it implements (never "None")', async () => {
    const page = await load<{
      measures: { rows: { code: string; implements: { href: string; code: string } | null }[] };
    }>(planView, "/en/strategies/roma-ashkali-inclusion-2017-2021/plans/RA-2017-2021-PZ", {
      lang: "en",
      slug: "roma-ashkali-inclusion-2017-2021",
      code: "RA-2017-2021-PZ",
    });
    expect(page.measures.rows.length).toBeGreaterThan(0);
    const national = await handle.db
      .selectFrom("measure as m")
      .innerJoin("measure as l", "l.implements_measure_id", "m.id")
      .select(["m.id", "m.code", "l.code as local"])
      .execute();
    for (const row of page.measures.rows) {
      const expected = national.find((n) => n.local === row.code);
      expect(row.implements).toEqual(
        expect.objectContaining({ code: expected?.code, href: `/en/measures/${expected?.id}` }),
      );
    }
  });

  it("shows the Office's overlap decision to the donor on its project page", async () => {
    const pair = await handle.db
      .selectFrom("project_overlap")
      .select(["project_a_id", "project_b_id", "note"])
      .where("decision", "=", "duplicate")
      .execute();
    expect(pair).toHaveLength(1);
    const project = await handle.db
      .selectFrom("project")
      .select(["id", "owner_organisation_id"])
      .where("id", "=", pair[0]!.project_b_id)
      .executeTakeFirstOrThrow();
    const donor = {
      kind: "user",
      userId: "00000000-0000-4000-8000-000000000001",
      name: "Donor",
      email: "donor@example.org",
      grants: [{ role: "donor", organisationId: project.owner_organisation_id, kasCode: null }],
      twoFactorVerified: false,
    };
    const page = await load<{
      overlaps: { id: number; decision: string | null; note: string | null; decidedOn: string | null }[];
    }>(workspaceProject.loader, `/en/workspace/projects/${project.id}`, { lang: "en", id: String(project.id) }, donor);
    expect(page.overlaps).toContainEqual(
      expect.objectContaining({ id: pair[0]!.project_a_id, decision: "duplicate", note: pair[0]!.note }),
    );
    expect(page.overlaps.find((o) => o.id === pair[0]!.project_a_id)?.decidedOn).toBeTruthy();
  });

  it("does not run again when the database has content", async () => {
    expect(await isContentEmpty(handle.db)).toBe(false);
    const count = () => countRows(handle.db, "audit_log");
    const before = await count();
    const fresh = await createTestDatabase();
    try {
      expect(await isContentEmpty(fresh.db)).toBe(true);
      await fresh.db
        .insertInto("strategy")
        .values({
          slug: "real",
          title: { sq: "Strategji" },
          period_start_year: 2026,
          period_end_year: 2030,
          owner_organisation_id: (await fresh.db.selectFrom("organisation").select("id").executeTakeFirstOrThrow()).id,
        })
        .execute();
      expect(await isContentEmpty(fresh.db)).toBe(false);
    } finally {
      await fresh.close();
    }
    expect(await count()).toBe(before);
  });
});
