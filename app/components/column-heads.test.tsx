import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ColumnHeads } from "./column-heads.tsx";

describe("ColumnHeads", () => {
  it("renders the header row the tables wrote out by hand", () => {
    const html = renderToStaticMarkup(
      <table>
        <ColumnHeads rowClassName="border-b" cellClassName="p-2" labels={["Title", <span key="x">Date</span>]} />
      </table>,
    );
    expect(html).toBe(
      '<table><thead><tr class="border-b"><th scope="col" class="p-2">Title</th>' +
        '<th scope="col" class="p-2"><span>Date</span></th></tr></thead></table>',
    );
  });
  it("leaves out a column whose label is null and the row class when none is given", () => {
    const html = renderToStaticMarkup(
      <table>
        <ColumnHeads cellClassName="p-2" labels={[null, "Reference"]} />
      </table>,
    );
    expect(html).toBe('<table><thead><tr><th scope="col" class="p-2">Reference</th></tr></thead></table>');
  });
});
