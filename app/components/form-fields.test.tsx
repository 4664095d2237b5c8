import { describe, expect, it } from "vitest";
import { renderInEnglish } from "../../tests/support/render-route.tsx";
import { Field, Select, TextArea, TextInput } from "./form.tsx";
import { fieldValue, fieldValues, FormFields, SelectField, TextAreaField, TextField } from "./form-fields.tsx";

const values = { startDate: "2026-01-31", summary: "Two lines", ids: ["3", "5"], title: ["first", "second"] };
const errors = { startDate: "Enter a real date" };

describe("TextField", () => {
  it("renders what the same Field written out by hand renders", () => {
    const byHand = renderInEnglish(
      <Field id="startDate" label="Start" hint="For example 2026-01-31" error="Enter a real date" optional>
        {(aria) => <TextInput {...aria} name="startDate" type="date" className="w-48" defaultValue="2026-01-31" />}
      </Field>,
    );
    const named = renderInEnglish(
      <FormFields values={values} errors={errors}>
        <TextField name="startDate" label="Start" hint="For example 2026-01-31" optional type="date" className="w-48" />
      </FormFields>,
    );
    expect(named).toBe(byHand);
    expect(named).toContain('aria-invalid="true"');
    expect(named).toContain('value="2026-01-31"');
  });

  it("takes an id apart from the name, and an explicit value over the form's", () => {
    const html = renderInEnglish(
      <FormFields values={values} errors={errors}>
        <TextField name="startDate" id="plan-start" label="Start" defaultValue="2027-02-01" />
      </FormFields>,
    );
    expect(html).toContain('<label for="plan-start"');
    expect(html).toContain('id="plan-start"');
    expect(html).toContain('name="startDate"');
    expect(html).toContain('value="2027-02-01"');
    expect(html).toContain("Enter a real date");
  });

  it("is empty and valid outside a form state", () => {
    const html = renderInEnglish(<TextField name="q" label="Search" />);
    expect(html).toContain('value=""');
    expect(html).not.toContain("aria-invalid");
  });
});

describe("TextAreaField", () => {
  it("renders what the same Field written out by hand renders", () => {
    const byHand = renderInEnglish(
      <Field id="summary" label="Summary">
        {(aria) => <TextArea {...aria} name="summary" rows={4} defaultValue="Two lines" />}
      </Field>,
    );
    const named = renderInEnglish(
      <FormFields values={values} errors={errors}>
        <TextAreaField name="summary" label="Summary" rows={4} />
      </FormFields>,
    );
    expect(named).toBe(byHand);
  });
});

describe("SelectField", () => {
  it("selects every value of a multiple select", () => {
    const options = (
      <>
        <option value="3">Three</option>
        <option value="4">Four</option>
        <option value="5">Five</option>
      </>
    );
    const byHand = renderInEnglish(
      <Field id="ids" label="Organisations">
        {(aria) => (
          <Select {...aria} name="ids" multiple size={8} defaultValue={["3", "5"]}>
            {options}
          </Select>
        )}
      </Field>,
    );
    const named = renderInEnglish(
      <FormFields values={values} errors={errors}>
        <SelectField name="ids" label="Organisations" multiple size={8}>
          {options}
        </SelectField>
      </FormFields>,
    );
    expect(named).toBe(byHand);
    expect(named.match(/selected=""/g)).toHaveLength(2);
  });
});

describe("fieldValue and fieldValues", () => {
  it("read one value as the first of several, and several as a list", () => {
    expect(fieldValue(values, "title")).toBe("first");
    expect(fieldValue(values, "startDate")).toBe("2026-01-31");
    expect(fieldValue(values, "missing")).toBe("");
    expect(fieldValues(values, "ids")).toEqual(["3", "5"]);
    expect(fieldValues(values, "startDate")).toEqual(["2026-01-31"]);
    expect(fieldValues({ none: "", nothing: null }, "none")).toEqual([]);
    expect(fieldValues({ none: "", nothing: null }, "nothing")).toEqual([]);
  });
});
