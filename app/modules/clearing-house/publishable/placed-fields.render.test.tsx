import { useTranslation } from "react-i18next";
import { describe, expect, it } from "vitest";
import { renderRoute } from "../../../../tests/support/render-route.tsx";
import { ChoiceField, TranslatedFields } from "./content-fields.tsx";
import { translatedFormValues, translatedFormValuesOf } from "./content-form.ts";
import { KindField, MunicipalityField, WhatAndWhoFields } from "./placed-fields.tsx";

/*
 * The fields of the kinds placed in a municipality render the markup each editor wrote by hand before: the
 * municipality in the kind's words (its label, its "none" option, the services' hint), the kind of item with
 * its names from the kind's catalog, and what a service or an opportunity offers and to whom.
 */

const options = [
  { value: "7", label: "Prishtinë" },
  { value: "8", label: "Prizren" },
];
const values = { kasCode: "8", kind: "job", summary_en: "What", eligibility_sq: "Kush" };
const errors = { kasCode: "A refusal", summary_en: "Another" };

function render(Fields: () => React.ReactNode) {
  return renderRoute("en", "/en/x", "/:lang/x", Fields, null);
}

describe("the placed kinds' fields", () => {
  it.each([
    ["events", "editor.noMunicipality", undefined],
    ["services", "index.anyMunicipality", "editor.municipalityHint"],
    ["opportunities", "detail.anywhere", undefined],
  ] as const)("%s: the municipality field in the kind's words", (kind, none, hint) => {
    const shared = render(() => <MunicipalityField kind={kind} options={options} values={values} errors={errors} />);
    const byHand = render(function ByHand() {
      const { t } = useTranslation(kind);
      return (
        <ChoiceField
          id="kasCode"
          label={t("index.municipality")}
          hint={hint ? t(hint) : undefined}
          error={errors.kasCode}
          optional
          emptyLabel={t(none)}
          options={options}
          value={values.kasCode}
        />
      );
    });
    expect(shared).toBe(byHand);
    expect(shared).toContain('<option value="8" selected="">Prizren</option>');
    expect(shared.includes("Leave empty when the service is offered in every municipality.")).toBe(kind === "services");
  });

  it("the kind of item, named in the kind's catalog", () => {
    const html = render(() => (
      <KindField kind="opportunities" kinds={["job", "internship"]} values={values} errors={{}} />
    ));
    expect(html).toContain('<option value="job" selected="">Job</option>');
    expect(html).toContain('<option value="internship">Internship</option>');
    expect(html).toContain('name="kind"');
  });

  it.each(["services", "opportunities"] as const)("%s: what it offers and who may use it", (kind) => {
    const shared = render(() => <WhatAndWhoFields kind={kind} values={values} errors={errors} />);
    const byHand = render(function ByHand() {
      const { t } = useTranslation(kind);
      return (
        <>
          <TranslatedFields name="summary" label={t("detail.what")} values={values} errors={errors} rows={3} />
          <TranslatedFields name="eligibility" label={t("detail.who")} values={values} errors={errors} rows={2} />
        </>
      );
    });
    expect(shared).toBe(byHand);
    expect(shared).toContain(">What</textarea>");
  });

  it("an item's translatable fields as form values, in the order named", () => {
    const item = { title: { en: "T" }, summary: { sq: "S" }, body: {} };
    const shared = translatedFormValuesOf(item, ["title", "summary"]);
    expect(shared).toEqual({
      ...translatedFormValues("title", item.title),
      ...translatedFormValues("summary", item.summary),
    });
    expect(Object.keys(shared)).toEqual(["title_sq", "title_sr", "title_en", "summary_sq", "summary_sr", "summary_en"]);
  });
});
