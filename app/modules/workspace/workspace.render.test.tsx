import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { LOCALES, type Locale } from "#app/i18n/locales.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import {
  createTestUser,
  formRequest,
  municipalityOfficeId,
  workspaceContext,
} from "../../../tests/support/workspace-actors.ts";
import Dashboard, { loader as dashboardLoader } from "./routes/dashboard.tsx";
import OrganisationDetail, { action as detailAction, loader as detailLoader } from "./routes/organisations-detail.tsx";
import OrganisationsIndex, { loader as indexLoader } from "./routes/organisations-index.tsx";
import OrganisationsNew, { action as newAction, loader as newLoader } from "./routes/organisations-new.tsx";
import UserDetail, { loader as userLoader } from "./routes/users-detail.tsx";
import UsersIndex, { loader as usersLoader } from "./routes/users-index.tsx";
import { renderRoute } from "../../../tests/support/render-route.tsx";
import type { SignedInActor } from "../../../tests/support/signed-in-actor.ts";
import { callRoute } from "../../../tests/support/route-call.ts";

let handle: DatabaseHandle;
let admin: SignedInActor;
let officeId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  admin = await createTestUser(handle.db, [{ role: "platform_admin" }], { twoFactor: true });
  officeId = await municipalityOfficeId(handle.db, "20");
});
afterAll(() => handle.close());

async function load(
  handler: unknown,
  path: string,
  params: Record<string, string>,
  actor: SignedInActor = admin,
): Promise<unknown> {
  const result = await callRoute(
    handler,
    new Request(`http://localhost${path}`),
    params,
    workspaceContext(handle.db, actor),
  );
  expect(result.status).toBe(200);
  return result.data;
}

/** Posts a form to a route's action at `path` as the administrator, and returns what it answered. */
function submit(
  handler: unknown,
  path: string,
  params: Record<string, string>,
  fields: Record<string, string | string[]>,
) {
  return callRoute(handler, formRequest(path, fields), params, workspaceContext(handle.db, admin));
}

/** A workspace page of these tests: its route's path, its component and its loader. */
interface Page {
  routePath: string;
  Component: ComponentType;
  loader: unknown;
}
const workspacePage = (routePath: string, Component: unknown, loader: unknown): Page => ({
  routePath,
  Component: Component as ComponentType,
  loader,
});
const ORGANISATIONS = workspacePage("/:lang/workspace/organisations", OrganisationsIndex, indexLoader);
const ORGANISATION = workspacePage("/:lang/workspace/organisations/:id", OrganisationDetail, detailLoader);
const USERS = workspacePage("/:lang/workspace/users", UsersIndex, usersLoader);
const USER = workspacePage("/:lang/workspace/users/:id", UserDetail, userLoader);
const DASHBOARD = workspacePage("/:lang/workspace", Dashboard, dashboardLoader);

/**
 * Loads `page` at `path` (its route's `params`) as `actor`, and renders it in `locale` with that data and, when
 * given, what its action answered.
 */
async function renderPage(
  { routePath, Component, loader }: Page,
  locale: Locale,
  path: string,
  params: Record<string, string>,
  options: { actor?: SignedInActor; actionData?: unknown } = {},
): Promise<string> {
  const loaderData = await load(loader, path, params, options.actor);
  return renderRoute(locale, path, routePath, Component, loaderData, options.actionData);
}

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, " ");
}

const UNTRANSLATED = /\b(index|detail|form|errors|users|invite|dashboard|roles|tasks|contact|status|new)\.[a-zA-Z]/;

describe("workspace pages render", () => {
  it.each(LOCALES)("the organisations list, fully translated, in %s", async (locale) => {
    const path = `/${locale}/workspace/organisations?type=municipality_office`;
    const html = await renderPage(ORGANISATIONS, locale, path, { lang: locale });
    expect(textOf(html)).not.toMatch(UNTRANSLATED);
    expect(html).toMatch(/<form [^>]*method="get"/);
    expect(html).toMatch(/<option value="municipality_office" selected="">/);
    expect(html).toMatch(/<caption[^>]*>/);
  });

  it("the new-organisation form after a failed submission: summary, field errors, values, Error: in the title", async () => {
    const path = "/en/workspace/organisations/new";
    const loaderData = await load(newLoader, path, { lang: "en" });
    const submitted = await submit(
      newAction,
      path,
      { lang: "en" },
      { nameEn: "", acronym: "<script>x</script>", typeCode: "municipal_committee" },
    );
    expect(submitted.status).toBe(400);
    const html = renderRoute(
      "en",
      path,
      "/:lang/workspace/organisations/new",
      OrganisationsNew as ComponentType,
      loaderData,
      submitted.data,
    );
    expect(html).toContain("<title>Error: Add an organisation");
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="#nameSq"');
    expect(html).toContain('<a href="#kasCode"');
    expect(html).toMatch(/id="nameSq"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="nameSq"/);
    expect(html).toContain("Enter the organisation&#x27;s name in at least one language.");
    expect(html).toContain('value="&lt;script&gt;x&lt;/script&gt;"');
    expect(html).not.toContain("<script>x</script>");
    expect(html).toContain('name="_csrf"');
  });

  it("the organisation page with its forms, each carrying the CSRF field", async () => {
    const path = `/sr-cyrl/workspace/organisations/${officeId}`;
    const html = await renderPage(ORGANISATION, "sr-cyrl", path, { lang: "sr-cyrl", id: String(officeId) });
    expect(html).toContain("Општинска канцеларија за заједнице и повратак – Призрен");
    const forms = html.match(/<form [^>]*method="post"/g) ?? [];
    expect(forms.length).toBeGreaterThanOrEqual(3);
    expect((html.match(/name="_csrf"/g) ?? []).length).toBe(forms.length);
    expect(html).toMatch(/<input type="checkbox"[^>]*name="sectors" checked="" value="return_reintegration"/);
    expect(html).toContain("https://www.example.org");
    expect(textOf(html)).not.toMatch(UNTRANSLATED);
  });

  it("the organisation page after a conflict, with the warning and the reader's values", async () => {
    const path = `/en/workspace/organisations/${officeId}`;
    const params = { lang: "en", id: String(officeId) };
    const page = (await load(detailLoader, path, params)) as Awaited<ReturnType<typeof detailLoader>>;
    const fields = { ...page.values, intent: "update", version: String(page.version) } as Record<
      string,
      string | string[]
    >;
    await submit(detailAction, path, params, fields);
    const conflict = await submit(detailAction, path, params, { ...fields, address: "Rruga e Re 1" });
    expect(conflict.status).toBe(409);
    const html = await renderPage(ORGANISATION, "en", path, params, { actionData: conflict.data });
    expect(html).toContain("Someone else changed this organisation after you opened it.");
    expect(html).toContain("Rruga e Re 1");
    expect(html).toContain('id="record-history-organisation-');
    expect(html).toContain("organisation.update");
    expect(html).toContain("<title>Error:");
  });

  it.each(LOCALES)("the users pages and the dashboard, fully translated, in %s", async (locale) => {
    const usersHtml = await renderPage(USERS, locale, `/${locale}/workspace/users`, { lang: locale });
    expect(textOf(usersHtml)).not.toMatch(UNTRANSLATED);
    const other = await createTestUser(handle.db, [
      { role: "municipal_officer", organisationId: officeId, kasCode: "20" },
    ]);
    const userPath = `/${locale}/workspace/users/${other.userId}`;
    const userHtml = await renderPage(USER, locale, userPath, { lang: locale, id: other.userId });
    expect(textOf(userHtml)).not.toMatch(UNTRANSLATED);
    expect(userHtml).toContain("&lt;script&gt;");
    const dashboardHtml = await renderPage(
      DASHBOARD,
      locale,
      `/${locale}/workspace`,
      { lang: locale },
      { actor: other },
    );
    expect(textOf(dashboardHtml)).not.toMatch(UNTRANSLATED);
  });
});
