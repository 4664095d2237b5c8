import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { ChoiceSelectField } from "./choice-select-field.tsx";
import { ChoiceField, OptionList } from "./form.tsx";
import { FormFields, SelectField } from "./form-fields.tsx";

const sectors = [
  { value: "edu", label: "Education" },
  { value: "health", label: "Health" },
];
const values = { sector: "health", ids: ["edu", "health"] };
const errors = { sector: "Choose a sector" };

/** The markup of `node` in a form with `values` and `errors` (in English). */
const render = (node: ReactNode) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={createI18n("en", serverResources("en"))}>
      <FormFields values={values} errors={errors}>
        {node}
      </FormFields>
    </I18nextProvider>,
  );

const field = { label: "Sector", hint: "The sector of the measure", optional: true } as const;

describe("ChoiceSelectField", () => {
  it.each([
    {
      what: "the select with its empty choice and option list written out",
      byHand: (
        <SelectField name="sector" {...field}>
          <option value="">None</option>
          <OptionList options={sectors} />
        </SelectField>
      ),
      listed: <ChoiceSelectField name="sector" {...field} emptyLabel="None" options={sectors} />,
    },
    {
      what: "ChoiceField given the same value and error",
      byHand: (
        <ChoiceField
          id="sector"
          {...field}
          error="Choose a sector"
          emptyLabel="None"
          options={sectors}
          value="health"
        />
      ),
      listed: <ChoiceSelectField name="sector" {...field} emptyLabel="None" options={sectors} />,
    },
    {
      what: "a multiple select with its own id and no empty choice",
      byHand: (
        <SelectField name="ids" id="plan-ids" label="Sectors" multiple size={4}>
          <OptionList options={sectors} />
        </SelectField>
      ),
      listed: <ChoiceSelectField name="ids" id="plan-ids" label="Sectors" multiple size={4} options={sectors} />,
    },
  ])("renders what $what renders", ({ byHand, listed }) => {
    expect(render(listed)).toBe(render(byHand));
  });

  it("chooses the form's value, shows its error, and puts options written out as children after the listed ones", () => {
    const html = render(
      <ChoiceSelectField name="sector" label="Sector" emptyLabel="Any" options={sectors}>
        <option value="other">Other</option>
      </ChoiceSelectField>,
    );
    expect(html).toContain('<option value="health" selected="">Health</option>');
    expect(html).toContain("Choose a sector");
    expect(html.indexOf('value=""')).toBeLessThan(html.indexOf('value="edu"'));
    expect(html.indexOf('value="health"')).toBeLessThan(html.indexOf('value="other"'));
  });
});
