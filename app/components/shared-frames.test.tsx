import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ListTable } from "./list-table.tsx";
import { MapFrame } from "./map-frame.tsx";

describe("MapFrame", () => {
  it("renders the SVG frame the two maps wrote out by hand: viewBox, role, name, hatching, one stroke", () => {
    const html = renderToStaticMarkup(
      <MapFrame width={300} height={200} role="img" labelledBy="cap" hatchId="hatch">
        <path d="M0 0" />
      </MapFrame>,
    );
    expect(html).toBe(
      '<svg viewBox="0 0 300 200" width="100%" role="img" aria-labelledby="cap" class="block h-auto w-full">' +
        '<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">' +
        '<rect width="6" height="6" fill="#ffffff"></rect>' +
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#64748b" stroke-width="2"></line></pattern></defs>' +
        '<g stroke="#334155" stroke-width="0.75" stroke-linejoin="round"><path d="M0 0"></path></g></svg>',
    );
  });
});

describe("ListTable", () => {
  it("renders the table skeleton the workspace lists wrote out by hand", () => {
    const html = renderToStaticMarkup(
      <ListTable
        caption="Documents"
        className="w-full"
        headRowClassName="border-b"
        headCellClassName="p-2"
        labels={["Title"]}
      >
        <tr>
          <td>A</td>
        </tr>
      </ListTable>,
    );
    expect(html).toBe(
      '<div class="overflow-x-auto"><table class="w-full"><caption class="sr-only">Documents</caption>' +
        '<thead><tr class="border-b"><th scope="col" class="p-2">Title</th></tr></thead>' +
        "<tbody><tr><td>A</td></tr></tbody></table></div>",
    );
  });
});
