import { beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "#app/modules/identity/sessions.server.ts";
import { insertTestEvent } from "../support/event-factory.ts";
import { createTestCase } from "../support/needs-factory.ts";
import { organisationIdBySlug } from "../support/organisation-ids.ts";
import { createPlanTree } from "../support/plan-factory.ts";
import { createTestApp } from "../support/test-app.ts";
import { setUpTestDatabase } from "../support/test-database.ts";
import { setUpTestFileStore } from "../support/test-file-store.ts";
import { createTestUser } from "../support/workspace-actors.ts";

/*
 * Decision 025: every stored file is private unless what it belongs to is public. The table below
 * is every kind of stored file × every state that matters × every kind of asker, checked through
 * the real HTTP route: "public" (served, cacheable), "private" (served to this asker only, never
 * cached) or "none" (404, exactly like an unknown id).
 */

// A 1×1 PNG; each stored copy gets extra trailing bytes so every file is distinct.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

type Asker = "anonymous" | "coordinator" | "administrator" | "ownerMember" | "otherMember" | "csoMember";
const ASKERS: Asker[] = ["anonymous", "coordinator", "administrator", "ownerMember", "otherMember", "csoMember"];
type Expected = "public" | "private" | "none";

/** Who gets a file that is not public: the askers listed get it privately, everyone else a 404. */
function privateTo(...askers: Asker[]): Record<Asker, Expected> {
  return Object.fromEntries(ASKERS.map((a) => [a, askers.includes(a) ? "private" : "none"])) as Record<Asker, Expected>;
}
const PUBLIC = Object.fromEntries(ASKERS.map((a) => [a, "public"])) as Record<Asker, Expected>;
const NOBODY = privateTo();

describe("/files/:id: every file kind × state × asker (decision 025)", () => {
  const handle = setUpTestDatabase();
  const store = setUpTestFileStore(handle, "cap-private-files-");
  let app: ReturnType<typeof createTestApp>;
  const cookies = new Map<Asker, string | null>();
  const rows: { label: string; fileId: string; expected: Record<Asker, Expected> }[] = [];
  let copies = 0;

  async function storeFile(kind: "image" | "document"): Promise<string> {
    copies += 1;
    const bytes = Buffer.concat([kind === "image" ? PNG : PDF, Buffer.from(`\n${copies}`)]);
    const result = await store.put(handle.db, bytes, {
      originalName: `file-${copies}`,
      accept: kind === "image" ? ["image/png"] : ["application/pdf"],
    });
    if (!result.ok) throw new Error(`refused: ${result.error}`);
    return result.file.id;
  }

  beforeAll(async () => {
    app = createTestApp(handle, store.root);
    const db = handle.db;

    const ministry = await organisationIdBySlug(db, "ministry-of-labour-and-social-welfare");
    const otherOrg = await organisationIdBySlug(db, "office-for-community-affairs");
    const cso = await db
      .selectFrom("organisation")
      .select("id")
      .where("id", "not in", [ministry, otherOrg])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const users = {
      coordinator: await createTestUser(db, [{ role: "coordinator" }]),
      administrator: await createTestUser(db, [{ role: "platform_admin" }]),
      ownerMember: await createTestUser(db, [{ role: "focal_point", organisationId: ministry }]),
      otherMember: await createTestUser(db, [{ role: "focal_point", organisationId: otherOrg }]),
      csoMember: await createTestUser(db, [{ role: "cso_member", organisationId: cso.id }]),
    };
    cookies.set("anonymous", null);
    for (const [asker, user] of Object.entries(users))
      cookies.set(asker as Asker, await createSession(db, user.userId, { twoFactorVerified: true }));

    // News images (large and thumbnail), in a draft and in a published item of the ministry.
    for (const status of ["draft", "published"] as const) {
      const item = await db
        .insertInto("news_item")
        .values({
          slug: `files-news-${status}`,
          title: { en: "<b>News</b>" },
          body: { en: "Body" },
          original_locale: "en",
          status,
          published_at: status === "published" ? new Date() : null,
          organisation_id: ministry,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const [large, thumb] = [await storeFile("image"), await storeFile("image")];
      await db
        .insertInto("news_image")
        .values({
          news_item_id: item.id,
          large_file_id: large,
          thumb_file_id: thumb,
          width: 1,
          height: 1,
          alt: { en: "alt" },
        })
        .execute();
      const expected = status === "published" ? PUBLIC : privateTo("coordinator", "administrator", "ownerMember");
      rows.push(
        { label: `news image (large), ${status} item`, fileId: large, expected },
        { label: `news image (thumbnail), ${status} item`, fileId: thumb, expected },
      );
    }

    // Event photos and documents, in a draft and in a published event of the ministry.
    for (const status of ["draft", "published"] as const) {
      const eventId = await insertTestEvent(db, {
        slug: `files-event-${status}`,
        kind: "training",
        title: "Event",
        startsAt: new Date("2026-03-01T09:00:00Z"),
        organisationId: ministry,
        status,
      });
      const [large, medium, thumb, doc] = [
        await storeFile("image"),
        await storeFile("image"),
        await storeFile("image"),
        await storeFile("document"),
      ];
      await db
        .insertInto("event_photo")
        .values({
          event_id: eventId,
          large_file_id: large,
          medium_file_id: medium,
          thumb_file_id: thumb,
          width: 1,
          height: 1,
          alt: { en: "alt" },
        })
        .execute();
      await db
        .insertInto("event_document")
        .values({ event_id: eventId, file_id: doc, title: { en: "Minutes" } })
        .execute();
      const expected = status === "published" ? PUBLIC : privateTo("coordinator", "administrator", "ownerMember");
      rows.push(
        { label: `event photo (large), ${status} event`, fileId: large, expected },
        { label: `event photo (medium), ${status} event`, fileId: medium, expected },
        { label: `event photo (thumbnail), ${status} event`, fileId: thumb, expected },
        { label: `event document, ${status} event`, fileId: doc, expected },
      );
    }

    // Strategy documents: a draft strategy's only to those who manage strategies; adopted and closed ones public.
    const plan = await createPlanTree(db, { national: { measures: [{ code: "M1" }] } });
    const measureId = plan.measures.M1!;
    for (const status of ["draft", "adopted", "closed"] as const) {
      const strategy = await db
        .insertInto("strategy")
        .values({
          slug: `files-strategy-${status}`,
          title: { en: "Strategy" },
          period_start_year: 2020,
          period_end_year: 2024,
          owner_organisation_id: otherOrg,
          status,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const doc = await storeFile("document");
      await db
        .insertInto("strategy_document")
        .values({ strategy_id: strategy.id, title: { en: "Text" }, locale: "en", file_id: doc })
        .execute();
      rows.push({
        label: `strategy document, ${status} strategy`,
        fileId: doc,
        expected: status === "draft" ? privateTo("coordinator", "administrator") : PUBLIC,
      });
    }

    // Library files: a draft's only through the document's workspace route (never /files/:id); published ones public.
    for (const status of ["draft", "published"] as const) {
      const doc = await db
        .insertInto("library_document")
        .values({
          slug: `files-library-${status}`,
          doc_type: "law",
          title: { en: "Law" },
          original_locale: "en",
          organisation_id: ministry,
          issued_on: "2024-01-01",
          status,
          published_at: status === "published" ? new Date() : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const file = await storeFile("document");
      await db
        .insertInto("library_document_file")
        .values({ document_id: doc.id, locale: "en", file_id: file })
        .execute();
      rows.push({
        label: `library file, ${status} document`,
        fileId: file,
        expected: status === "published" ? PUBLIC : NOBODY,
      });
    }

    // Reporting: evidence of the ministry's measure report in every review state, observation evidence, the annual report.
    const cycle = await db
      .insertInto("reporting_cycle")
      .values({
        action_plan_id: plan.nationalPlanId,
        period_kind: "annual",
        period_start: "2024-01-01",
        period_end: "2024-12-31",
        label: "2024",
        deadline: "2025-02-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const task = await db
      .insertInto("reporting_task")
      .values({ cycle_id: cycle.id, organisation_id: ministry })
      .returning("id")
      .executeTakeFirstOrThrow();
    const report = await db
      .insertInto("measure_report")
      .values({ cycle_id: cycle.id, task_id: task.id, measure_id: measureId })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const state of ["draft", "submitted", "returned", "approved"] as const) {
      await db.updateTable("measure_report").set({ review_state: state }).where("id", "=", report.id).execute();
      const file = await storeFile("document");
      await db.insertInto("evidence").values({ measure_report_id: report.id, file_id: file, label: state }).execute();
      // Checked while the report is in this state: the rule does not depend on it, reports publish figures, not files.
      rows.push({
        label: `measure report evidence (report ${state})`,
        fileId: file,
        expected: privateTo("coordinator", "administrator", "ownerMember"),
      });
    }
    for (const kind of ["dispute", "comment", "confirm"] as const) {
      const observation = await db
        .insertInto("cso_observation")
        .values({
          cycle_id: cycle.id,
          measure_id: measureId,
          organisation_id: cso.id,
          kind,
          body: "Seen",
          body_locale: "en",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const file = await storeFile("document");
      await db.insertInto("evidence").values({ observation_id: observation.id, file_id: file }).execute();
      rows.push({
        label: `observation evidence (${kind}, adopted plan)`,
        fileId: file,
        expected: kind === "dispute" ? PUBLIC : privateTo("coordinator", "administrator", "csoMember"),
      });
    }
    const [docx, xlsx] = [await storeFile("document"), await storeFile("document")];
    await db
      .insertInto("reporting_report")
      .values({ cycle_id: cycle.id, locale: "en", docx_file_id: docx, xlsx_file_id: xlsx, compiled_at: new Date() })
      .execute();
    rows.push({
      label: "annual report (Word), compiled, unpublished",
      fileId: docx,
      expected: privateTo("coordinator", "administrator"),
    });
    rows.push({
      label: "annual report (Excel annex), compiled, unpublished",
      fileId: xlsx,
      expected: privateTo("coordinator", "administrator"),
    });
    const [publishedDocx, publishedXlsx] = [await storeFile("document"), await storeFile("document")];
    await db
      .insertInto("reporting_report")
      .values({
        cycle_id: cycle.id,
        locale: "sq",
        docx_file_id: publishedDocx,
        xlsx_file_id: publishedXlsx,
        compiled_at: new Date(),
        published_at: new Date(),
      })
      .execute();
    for (const [i, file] of [publishedDocx, publishedXlsx].entries()) {
      const doc = await db
        .insertInto("library_document")
        .values({
          slug: `files-annual-${i}`,
          doc_type: "report",
          title: { sq: "Raporti" },
          original_locale: "sq",
          organisation_id: otherOrg,
          issued_on: "2025-03-01",
          status: "published",
          published_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("library_document_file")
        .values({ document_id: doc.id, locale: "sq", file_id: file })
        .execute();
    }
    rows.push({ label: "annual report (Word), published to the library", fileId: publishedDocx, expected: PUBLIC });
    rows.push({
      label: "annual report (Excel annex), published to the library",
      fileId: publishedXlsx,
      expected: PUBLIC,
    });

    // A case attachment: only the case's audited route ever sends it.
    const testCase = await createTestCase(db);
    const attachment = await storeFile("image");
    await db
      .insertInto("need_attachment")
      .values({ case_id: testCase.id, file_id: attachment, uploaded_by: "submitter" })
      .execute();
    rows.push({ label: "case attachment", fileId: attachment, expected: NOBODY });

    // Owned by nothing: an uploaded plan-import workbook (kept after a failed import) is referenced only by its job.
    const workbook = await storeFile("document");
    await db
      .insertInto("job")
      .values({
        kind: "planning.import",
        payload: JSON.stringify({ fileId: workbook }),
        run_at: new Date(),
        status: "failed",
      })
      .execute();
    rows.push({ label: "plan-import upload (job only)", fileId: workbook, expected: NOBODY });
    rows.push({ label: "orphan file (no owner)", fileId: await storeFile("document"), expected: NOBODY });
  });

  it("serves each file exactly as the table says, and answers a refusal like an unknown id", async () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    const unknown = await app.fetch(new Request("http://localhost:3999/files/6f1c2b8e-1d2a-4c3b-9e4f-5a6b7c8d9e0f"));
    const unknownBody = await unknown.text();
    const observed: string[] = [];
    const wanted: string[] = [];
    for (const row of rows) {
      for (const asker of ASKERS) {
        const cookie = cookies.get(asker);
        const response = await app.fetch(
          new Request(`http://localhost:3999/files/${row.fileId}`, {
            headers: cookie ? { Cookie: `${SESSION_COOKIE}=${cookie}` } : {},
          }),
        );
        const body = await response.arrayBuffer();
        let got: Expected;
        if (response.status === 404) {
          expect(Buffer.from(body).toString()).toBe(unknownBody);
          expect(response.headers.get("cache-control")).toBe(unknown.headers.get("cache-control"));
          got = "none";
        } else {
          expect(response.status).toBe(200);
          expect(body.byteLength).toBeGreaterThan(0);
          got = response.headers.get("cache-control") === "private, no-store" ? "private" : "public";
        }
        observed.push(`${row.label} × ${asker}: ${got}`);
        wanted.push(`${row.label} × ${asker}: ${row.expected[asker]}`);
      }
    }
    expect(observed).toEqual(wanted);
  });

  it("stops serving a file publicly when its owner goes back to draft", async () => {
    const published = rows.find((r) => r.label === "news image (large), published item")!;
    await handle.db
      .updateTable("news_item")
      .set({ status: "draft", published_at: null })
      .where("slug", "=", "files-news-published")
      .execute();
    try {
      expect((await app.fetch(new Request(`http://localhost:3999/files/${published.fileId}`))).status).toBe(404);
    } finally {
      await handle.db
        .updateTable("news_item")
        .set({ status: "published", published_at: new Date() })
        .where("slug", "=", "files-news-published")
        .execute();
    }
  });
});
