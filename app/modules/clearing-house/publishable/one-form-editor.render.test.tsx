import type { ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { renderRoute } from "../../../../tests/support/render-route.tsx";
import OpportunityEditor from "../opportunities/routes/workspace-opportunity-edit.tsx";
import ServiceEditor from "../services/routes/workspace-service-edit.tsx";

/*
 * The one-form editors (services, opportunities) get their organisation field from `OneFormEditorPage`: it is
 * the form's first field, named with the kind's label, offering the writer's organisations with the item's one
 * chosen, and its error is shown after a refused save.
 */

const organisations = [
  { value: "1", label: "First organisation" },
  { value: "2", label: "Second organisation" },
];
const loaderData = {
  id: 7,
  slug: "an-item",
  status: "draft",
  version: 3,
  saved: false,
  values: { organisationId: "2", originalLocale: "en", title_en: "An item" },
  organisations,
  municipalities: [],
  sectors: [],
};

function render(Component: unknown, kind: string, actionData?: unknown) {
  return renderRoute(
    "en",
    `/en/workspace/${kind}/7`,
    `/:lang/workspace/${kind}/:id`,
    Component as ComponentType,
    loaderData,
    actionData,
  );
}

describe("the one-form editors' organisation field", () => {
  it.each([
    ["services", ServiceEditor, "Organisation providing the service"],
    ["opportunities", OpportunityEditor, "Posted by"],
  ])("%s: the first field, with the kind's label and the item's organisation chosen", (kind, Component, label) => {
    const html = render(Component, kind);
    const firstField = html.indexOf('name="organisationId"');
    expect(firstField).toBeGreaterThan(0);
    expect(html.indexOf('name="originalLocale"')).toBeGreaterThan(firstField);
    expect(html.indexOf('name="title_en"')).toBeGreaterThan(firstField);
    expect(html.indexOf(label)).toBeGreaterThan(0);
    expect(html.indexOf(label)).toBeLessThan(firstField);
    expect(html).toMatch(/<option value="2" selected="">Second organisation<\/option>/);
  });

  it("shows the field's error after a refused save, with the values sent", () => {
    const html = render(ServiceEditor, "services", {
      errors: { organisationId: "news:form.errors.organisation" },
      values: { organisationId: "1" },
    });
    expect(html).toMatch(/aria-invalid="true"[^>]*name="organisationId"|name="organisationId"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/<option value="1" selected="">First organisation<\/option>/);
    expect(html).toContain("Choose an organisation from the list.");
  });
});
