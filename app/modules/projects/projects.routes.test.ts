import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { formRequest, outcome, workspaceContext } from "../../../tests/support/workspace-actors.ts";
import * as newProject from "./routes/workspace-project-new.tsx";
import * as editProject from "./routes/workspace-project.tsx";
import * as results from "./routes/workspace-project-results.tsx";
import * as threeW from "./routes/projects-3w.tsx";
import { projectActors } from "./testing/fixtures.ts";

let handle: DatabaseHandle;
let donor: Extract<Actor, { kind: "user" }>;
let other: Extract<Actor, { kind: "user" }>;
let donorOrg: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  ({ donorOrg, donor, other } = await projectActors(handle.db));
});
afterAll(() => handle.close());

const fields = {
  ownerOrganisationId: "",
  titleEn: "Roma youth employment in Gjilan",
  activityStatus: "implementation",
  plannedStart: "2025-01-01",
  plannedEnd: "2026-12-31",
  budget: "50 000,00",
  currency: "EUR",
  sectors: ["employment_social_welfare"],
  communities: ["roma"],
  municipalities: ["06"],
  share_06: "",
  org_0_id: "",
  org_0_role: "funding",
  fin_0_year: "2025",
  fin_0_commitment: "50000",
  fin_0_disbursement: "",
};

describe("project pages without JavaScript", () => {
  it("registers a project from the plain form, keeps values on error, and refuses another organisation's edit", async () => {
    const base = { ...fields, ownerOrganisationId: String(donorOrg), org_0_id: String(donorOrg) };
    const bad = await outcome(
      newProject.action({
        request: formRequest("/en/workspace/projects/new", { ...base, plannedEnd: "2020-01-01", budget: "lots" }),
        params: { lang: "en" },
        context: workspaceContext(handle.db, donor),
      } as never),
    );
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      errors: { budget: "projects:errors.amountInvalid" },
      values: { titleEn: "Roma youth employment in Gjilan" },
    });
    const ok = await outcome(
      newProject.action({
        request: formRequest("/en/workspace/projects/new", base),
        params: { lang: "en" },
        context: workspaceContext(handle.db, donor),
      } as never),
    );
    expect(ok.status).toBe(302);
    const id = Number(/projects\/(\d+)/.exec(ok.location ?? "")![1]);
    const page = await outcome(
      editProject.loader({
        request: new Request(`http://localhost/en/workspace/projects/${id}`),
        params: { lang: "en", id: String(id) },
        context: workspaceContext(handle.db, donor),
      } as never),
    );
    expect(page.data).toMatchObject({
      canEdit: true,
      validationStatus: "draft",
      values: { budget: "50000", fin_0_commitment: "50000" },
    });
    const denied = await outcome(
      editProject.action({
        request: formRequest(`/en/workspace/projects/${id}`, { ...base, version: "1" }),
        params: { lang: "en", id: String(id) },
        context: workspaceContext(handle.db, other),
      } as never),
    );
    // Another organisation's draft: 404, as for a project that does not exist (issue 12, item 11).
    expect(denied.status).toBe(404);
    const addOutcome = await outcome(
      results.action({
        request: formRequest(`/en/workspace/projects/${id}/results`, {
          intent: "add-result",
          kind: "outcome",
          parentId: "",
          titleEn: "Young Roma find work",
        }),
        params: { lang: "en", id: String(id) },
        context: workspaceContext(handle.db, donor),
      } as never),
    );
    expect(addOutcome.status).toBe(302);
    const missingParent = await outcome(
      results.action({
        request: formRequest(`/en/workspace/projects/${id}/results`, {
          intent: "add-result",
          kind: "output",
          parentId: "",
          titleEn: "x",
        }),
        params: { lang: "en", id: String(id) },
        context: workspaceContext(handle.db, donor),
      } as never),
    );
    expect(missingParent.status).toBe(400);
    const submitted = await outcome(
      editProject.action({
        request: formRequest(`/en/workspace/projects/${id}`, { intent: "submit" }),
        params: { lang: "en", id: String(id) },
        context: workspaceContext(handle.db, donor),
      } as never),
    );
    expect(submitted.status).toBe(302);
    const view = await outcome(
      threeW.loader({
        request: new Request("http://localhost/en/projects/3w"),
        params: { lang: "en" },
        context: workspaceContext(handle.db, null),
      } as never),
    );
    expect((view.data as { rows: { id: number }[] }).rows.some((r) => r.id === id)).toBe(false);
  });
});
