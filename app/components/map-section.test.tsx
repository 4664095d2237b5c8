import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { MapSection, nameLinkColumn } from "./map-section.tsx";

const ROW = { href: "/sq/municipalities/20-prizren", name: "Prizren" };

describe("MapSection", () => {
  it("renders the heading, hint, skip link and the map's figure beside its explanation, as the two pages wrote them", () => {
    const html = renderToStaticMarkup(
      <MapSection
        headingId="map-heading"
        heading="Map"
        hint="Choose a municipality."
        skipTo="figures"
        skipLabel="Skip the map"
        map={<svg aria-labelledby="cap" />}
        captionId="cap"
        caption="Projects per municipality"
      >
        <div id="figures" />
      </MapSection>,
    );
    expect(html).toBe(
      '<h2 id="map-heading">Map</h2><p class="mt-1 text-sm text-slate-700">Choose a municipality.</p>' +
        '<a href="#figures" class="sr-only focus:not-sr-only focus:mt-2 focus:inline-block">Skip the map</a>' +
        '<div class="mt-4 grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"><figure class="mx-auto w-full max-w-xl">' +
        '<svg aria-labelledby="cap"></svg><figcaption id="cap" class="mt-2 text-sm text-slate-700">Projects per municipality</figcaption>' +
        '</figure><div id="figures"></div></div>',
    );
  });
});

describe("nameLinkColumn", () => {
  it("is the row's header linking to its page: a plain link in kept HTML", () => {
    const column = nameLinkColumn<typeof ROW>("Municipality", true);
    expect(column).toMatchObject({ key: "name", header: "Municipality", rowHeader: true });
    expect(renderToStaticMarkup(<>{column.cell(ROW)}</>)).toBe(
      '<a href="/sq/municipalities/20-prizren" class="inline-flex min-h-11 items-center">Prizren</a>',
    );
  });

  it("is the router's link on a page", () => {
    const column = nameLinkColumn<typeof ROW>("Municipality");
    const html = renderToStaticMarkup(<MemoryRouter>{column.cell(ROW)}</MemoryRouter>);
    expect(html).toContain('href="/sq/municipalities/20-prizren"');
    expect(html).toContain('class="inline-flex min-h-11 items-center"');
    expect(html).toContain('data-discover="true"');
  });
});
