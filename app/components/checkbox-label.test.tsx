import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckboxLabel, OptionCheckbox } from "./checkbox-label.tsx";
import { renderInEnglish } from "../../tests/support/render-route.tsx";
import { DataTable } from "./data-table.tsx";

describe("CheckboxLabel and OptionCheckbox", () => {
  it("render the label and checkbox the forms wrote out by hand", () => {
    const byHand = renderToStaticMarkup(
      <label className="flex items-start gap-2">
        <input type="checkbox" name="sectors" value="EDU" defaultChecked className="mt-1 h-5 w-5" />
        <span>Education</span>
      </label>,
    );
    expect(
      renderToStaticMarkup(
        <CheckboxLabel
          className="flex items-start gap-2"
          boxClassName="mt-1 h-5 w-5"
          name="sectors"
          value="EDU"
          defaultChecked
        >
          <span>Education</span>
        </CheckboxLabel>,
      ),
    ).toBe(byHand);
    expect(
      renderToStaticMarkup(<OptionCheckbox name="sectors" option={{ value: "EDU", label: "Education" }} checked />),
    ).toBe(byHand);
  });
  it("leaves an option unticked when it is not chosen", () => {
    const html = renderToStaticMarkup(
      <OptionCheckbox name="sectors" option={{ value: "EDU", label: "Education" }} checked={false} />,
    );
    expect(html).not.toContain("checked");
  });
});

describe("DataTable rows", () => {
  it("are told apart by their id when the table names no rowKey", () => {
    const html = renderInEnglish(
      <DataTable
        caption="Cycles"
        rows={[
          { id: 1, label: "2025" },
          { id: 2, label: "2026" },
        ]}
        columns={[{ key: "label", header: "Cycle", cell: (row) => row.label }]}
      />,
    );
    expect(html).toContain('<td class="px-2 py-2 ">2025</td>');
    expect(html).toContain('<td class="px-2 py-2 ">2026</td>');
  });
  it("must be given a rowKey when they have no id (a compile-time check)", () => {
    const rows = [{ code: "EDU" }];
    const html = renderInEnglish(
      <>
        {/* @ts-expect-error rows without an id must say how they are keyed */}
        <DataTable caption="Sectors" rows={rows} columns={[{ key: "code", header: "Code", cell: (r) => r.code }]} />
        <DataTable
          caption="Sectors"
          rows={rows}
          rowKey={(r) => r.code}
          columns={[{ key: "code", header: "Code", cell: (r) => r.code }]}
        />
      </>,
    );
    expect(html.match(/<td class="px-2 py-2 ">EDU<\/td>/g)).toHaveLength(2);
  });
});
