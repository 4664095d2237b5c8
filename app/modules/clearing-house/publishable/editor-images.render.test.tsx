import type { ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { renderRoute } from "../../../../tests/support/render-route.tsx";
import EventEditor from "../events/routes/workspace-event-edit.tsx";
import NewsEditor from "../news/routes/workspace-news-edit.tsx";

/*
 * The pictures of an item in its editor (`EditorImagesSection`: news images, event photos): the thumbnails
 * with their size and alt text, then the upload form whose file field is named like its intent, and — after
 * a refused upload — that form's errors and the alt text sent, while the save form stays clean.
 */

const images = [
  { id: 1, thumb: "thumb-1", width: 10, height: 20, alt: "The first" },
  { id: 2, thumb: "thumb-2", width: 30, height: 40, alt: "The second" },
];
const common = {
  id: 7,
  status: "draft",
  version: 2,
  organisations: [{ value: "1", label: "An organisation" }],
  values: { originalLocale: "en", organisationId: "1", title_en: "A title" },
};
const kinds = [
  { kind: "news", Component: NewsEditor, intent: "image", heading: "Images", data: { ...common, slug: "n", images } },
  {
    kind: "events",
    Component: EventEditor,
    intent: "photo",
    heading: "Photos",
    data: {
      ...common,
      slug: "e",
      everyOrganisation: [],
      municipalities: [],
      selected: { organisers: [], participants: [] },
      photos: images,
      documents: [],
      recommendations: [],
    },
  },
];

function render(Component: unknown, kind: string, loaderData: unknown, actionData?: unknown) {
  return renderRoute(
    "en",
    `/en/workspace/publishing/${kind}/7`,
    `/:lang/workspace/publishing/${kind}/:id`,
    Component as ComponentType,
    loaderData,
    actionData,
  );
}

describe("an editor's pictures", () => {
  it.each(kinds)(
    "$kind: the thumbnails, then the upload form of its intent",
    ({ kind, Component, intent, heading, data }) => {
      const html = render(Component, kind, data);
      const section = html.slice(
        html.indexOf(`<section aria-labelledby="${intent === "image" ? "images" : "photos"}"`),
      );
      expect(section).toContain(`>${heading}</h2>`);
      expect(section).toContain('<img src="/files/thumb-1" alt="The first" width="10" height="20"');
      expect(section).toContain('<img src="/files/thumb-2" alt="The second" width="30" height="40"');
      expect(section).toContain(`<input type="hidden" name="intent" value="${intent}"/>`);
      expect(section).toMatch(
        new RegExp(`type="file" accept="image/jpeg,image/png,image/webp,image/gif" class="block" name="${intent}"`),
      );
      expect(section).toContain('name="alt_en" value=""');
      expect(html).not.toContain('role="alert"');
    },
  );

  it.each(kinds)(
    "$kind: a refused upload shows its errors and the alt text sent",
    ({ kind, Component, intent, data }) => {
      const html = render(Component, kind, data, {
        intent,
        errors: { [intent]: "news:form.upload.empty" },
        values: { alt_en: "Sent alt" },
      });
      const section = html.slice(
        html.indexOf('<section aria-labelledby="' + (intent === "image" ? "images" : "photos")),
      );
      expect(section).toContain(`<a href="#${intent}" class="font-semibold text-red-800">Choose a file to upload.</a>`);
      expect(section).toContain('name="alt_en" value="Sent alt"');
      expect(html.indexOf('role="alert"')).toBeGreaterThan(html.indexOf('<section aria-labelledby="'));
    },
  );
});
