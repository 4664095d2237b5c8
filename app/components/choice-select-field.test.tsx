import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { ChoiceSelectField } from "./choice-select-field.tsx";
import { ChoiceField, OptionList } from "./form.tsx";
import { FormFields, SelectField } from "./form-fields.tsx";

const render = (node: React.ReactNode) =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n("en", serverResources("en"))}>{node}</I18nextProvider>);

const sectors = [
  { value: "edu", label: "Education" },
  { value: "health", label: "Health" },
];
const values = { sector: "health", ids: ["edu", "health"] };
const errors = { sector: "Choose a sector" };

describe("ChoiceSelectField", () => {
  it("renders what the select with its empty choice and option list written out renders", () => {
    const byHand = render(
      <FormFields values={values} errors={errors}>
        <SelectField name="sector" label="Sector" hint="The sector of the measure" optional>
          <option value="">None</option>
          <OptionList options={sectors} />
        </SelectField>
      </FormFields>,
    );
    const listed = render(
      <FormFields values={values} errors={errors}>
        <ChoiceSelectField
          name="sector"
          label="Sector"
          hint="The sector of the measure"
          optional
          emptyLabel="None"
          options={sectors}
        />
      </FormFields>,
    );
    expect(listed).toBe(byHand);
    expect(listed).toContain('<option value="">None</option>');
    expect(listed).toContain('<option value="health" selected="">Health</option>');
    expect(listed).toContain("Choose a sector");
  });

  it("has no empty choice without emptyLabel, keeps a multiple select's values and its own id", () => {
    const byHand = render(
      <FormFields values={values} errors={errors}>
        <SelectField name="ids" id="plan-ids" label="Sectors" multiple size={4}>
          <OptionList options={sectors} />
        </SelectField>
      </FormFields>,
    );
    const listed = render(
      <FormFields values={values} errors={errors}>
        <ChoiceSelectField name="ids" id="plan-ids" label="Sectors" multiple size={4} options={sectors} />
      </FormFields>,
    );
    expect(listed).toBe(byHand);
    expect(listed).not.toContain('value=""');
    expect(listed).toContain('id="plan-ids"');
  });

  it("renders what ChoiceField renders given the same value and error", () => {
    const choiceField = render(
      <ChoiceField
        id="sector"
        label="Sector"
        hint="The sector of the measure"
        error="Choose a sector"
        optional
        emptyLabel="None"
        options={sectors}
        value="health"
      />,
    );
    const listed = render(
      <FormFields values={values} errors={errors}>
        <ChoiceSelectField
          name="sector"
          label="Sector"
          hint="The sector of the measure"
          optional
          emptyLabel="None"
          options={sectors}
        />
      </FormFields>,
    );
    expect(listed).toBe(choiceField);
  });

  it("renders options written out as children after the listed ones", () => {
    const html = render(
      <ChoiceSelectField name="status" label="Status" emptyLabel="Any" options={sectors}>
        <option value="other">Other</option>
      </ChoiceSelectField>,
    );
    expect(html.indexOf('value=""')).toBeLessThan(html.indexOf('value="edu"'));
    expect(html.indexOf('value="health"')).toBeLessThan(html.indexOf('value="other"'));
  });
});
