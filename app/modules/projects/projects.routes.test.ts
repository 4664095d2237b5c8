import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { expectFormRefused, routeHarness } from "../../../tests/support/route-harness.ts";
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
    const routes = routeHarness(handle.db);
    const base = { ...fields, ownerOrganisationId: String(donorOrg), org_0_id: String(donorOrg) };
    const newPath = "/en/workspace/projects/new";
    const bad = await routes.submit(newProject.action, {
      path: newPath,
      as: donor,
      form: { ...base, plannedEnd: "2020-01-01", budget: "lots" },
    });
    expectFormRefused(bad, {
      errors: { budget: "projects:errors.amountInvalid" },
      values: { titleEn: "Roma youth employment in Gjilan" },
    });
    const ok = await routes.submit(newProject.action, { path: newPath, as: donor, form: base });
    expect(ok.status).toBe(302);
    const id = Number(/projects\/(\d+)/.exec(ok.location ?? "")![1]);
    const path = `/en/workspace/projects/${id}`;
    const params = { lang: "en", id: String(id) };
    const page = await routes.load(editProject.loader, { path, params, as: donor });
    expect(page.data).toMatchObject({
      canEdit: true,
      validationStatus: "draft",
      values: { budget: "50000", fin_0_commitment: "50000" },
    });
    const denied = await routes.submit(editProject.action, {
      path,
      params,
      as: other,
      form: { ...base, version: "1" },
    });
    // Another organisation's draft: 404, as for a project that does not exist (issue 12, item 11).
    expect(denied.status).toBe(404);
    // An outcome needs no parent; an output without one is refused.
    for (const [kind, titleEn, status] of [
      ["outcome", "Young Roma find work", 302],
      ["output", "x", 400],
    ] as const) {
      const form = { intent: "add-result", kind, parentId: "", titleEn };
      const added = await routes.submit(results.action, { path: `${path}/results`, params, as: donor, form });
      expect(added.status, kind).toBe(status);
    }
    const submitted = await routes.submit(editProject.action, { path, params, as: donor, form: { intent: "submit" } });
    expect(submitted.status).toBe(302);
    const view = await routes.load(threeW.loader, { path: "/en/projects/3w", as: null });
    expect((view.data as { rows: { id: number }[] }).rows.some((r) => r.id === id)).toBe(false);
  });
});
