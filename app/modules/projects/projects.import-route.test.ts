import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestApp } from "../../../tests/support/test-app.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser, formRequest, outcome, workspaceContext } from "../../../tests/support/workspace-actors.ts";
import * as importPage from "./routes/workspace-project-import.tsx";
import { rowCounts } from "./testing/fixtures.ts";
import { organisationIdBySlug } from "../../../tests/support/organisation-ids.ts";

let handle: DatabaseHandle;
let iom: Extract<Actor, { kind: "user" }>;
let xml: string;

beforeAll(async () => {
  const source = await createTestDatabase();
  await seedDemoContent(source.db, { story: false });
  xml = await (
    await createTestApp(source).fetch(new Request("http://localhost/api/v1/projects.iati.xml?municipality=02"))
  ).text();
  await source.close();
  handle = await createTestDatabase();
  const org = await organisationIdBySlug(handle.db, "international-organization-for-migration");
  iom = await createTestUser(handle.db, [{ role: "donor", organisationId: org }]);
}, 60_000);
afterAll(() => handle.close());

function upload(contents: string, name = "activities.xml"): Request {
  const body = new FormData();
  body.append("intent", "upload");
  body.append("file", new File([contents], name, { type: "application/xml" }));
  return new Request("http://localhost/en/workspace/projects/import", { method: "POST", body });
}

describe("IATI import page without JavaScript", () => {
  it("uploads (multipart), previews, then imports on confirmation; errors in the reader's language write nothing", async () => {
    expect(xml).toContain("XM-DAC-47066-DEMO-MIGRATION-DIASPORA");
    const context = () => workspaceContext(handle.db, iom);

    const bad = await outcome(
      importPage.action({
        request: upload(xml.replace('version="2.03"', 'version="1.05"')),
        params: { lang: "sr" },
        context: context(),
      } as never),
    );
    expect(bad.status).toBe(400);
    expect((bad.data as { issues: string[] }).issues).toEqual([
      "Datoteka je IATI verzije 1.05. Datoteke verzije 1 (koje je IATI povukao 2016. godine) ne mogu da se uvezu: ponovo izvezite aktivnosti kao verziju 2.03 iz alata za objavljivanje ili konvertujte datoteku prema IATI vodiču za prelazak sa verzije 1 na 2 (iatistandard.org), pa je ponovo otpremite.",
    ]);
    const notXml = await outcome(
      importPage.action({ request: upload("<iati-activities"), params: { lang: "sq" }, context: context() } as never),
    );
    expect((notXml.data as { issues: string[] }).issues[0]).toMatch(/^Skedari nuk është XML i vlefshëm/);
    expect((await rowCounts(handle.db)).projects).toBe(0);

    const uploaded = await outcome(
      importPage.action({ request: upload(xml), params: { lang: "en" }, context: context() } as never),
    );
    expect(uploaded.status).toBe(302);
    const previewUrl = uploaded.location!;
    expect(previewUrl).toMatch(/\/en\/workspace\/projects\/import\?import=[0-9a-f-]{36}$/);
    expect((await rowCounts(handle.db)).projects).toBe(0);

    const preview = await outcome(
      importPage.loader({
        request: new Request(`http://localhost${previewUrl}`),
        params: { lang: "en" },
        context: context(),
      } as never),
    );
    const previewData = preview.data as {
      preview: { ok: boolean; id: string; activities: { identifier: string; action: string }[]; confirmLabel: string };
    };
    expect(previewData.preview).toMatchObject({
      ok: true,
      activities: [{ identifier: "XM-DAC-47066-DEMO-MIGRATION-DIASPORA", action: "New project" }],
      confirmLabel: "Import 1 activity",
    });

    // Someone else cannot see or confirm another user's pending file.
    const stranger = await createTestUser(handle.db, [
      { role: "donor", organisationId: iom.grants[0]!.organisationId! },
    ]);
    const foreign = await outcome(
      importPage.action({
        request: formRequest("/en/workspace/projects/import", { intent: "confirm", importId: previewData.preview.id }),
        params: { lang: "en" },
        context: workspaceContext(handle.db, stranger),
      } as never),
    );
    expect(foreign.status).toBe(409);
    expect((await rowCounts(handle.db)).projects).toBe(0);

    const confirmed = await outcome(
      importPage.action({
        request: formRequest("/en/workspace/projects/import", { intent: "confirm", importId: previewData.preview.id }),
        params: { lang: "en" },
        context: context(),
      } as never),
    );
    expect(confirmed.status).toBe(302);
    expect(confirmed.location).toBe("/en/workspace/projects?saved=imported&created=1&updated=0");
    const rows = await handle.db.selectFrom("project").select(["iati_identifier", "validation_status"]).execute();
    expect(rows).toEqual([{ iati_identifier: "XM-DAC-47066-DEMO-MIGRATION-DIASPORA", validation_status: "submitted" }]);
    expect(await handle.db.selectFrom("project_import").select("id").execute()).toEqual([]);
  });

  it("is refused to someone who registers no projects; the coordinator imports for any organisation (issue 14)", async () => {
    const open = (actor: Extract<Actor, { kind: "user" }>) =>
      outcome(
        importPage.loader({
          request: new Request("http://localhost/en/workspace/projects/import"),
          params: { lang: "en" },
          context: workspaceContext(handle.db, actor),
        } as never),
      );
    const nobody = await createTestUser(handle.db, [
      { role: "focal_point", organisationId: iom.grants[0]!.organisationId! },
    ]);
    expect((await open(nobody)).status).toBe(403);
    const coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
    expect((await open(coordinator)).status).toBe(200);
  });
});
