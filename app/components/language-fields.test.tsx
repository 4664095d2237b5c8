import { describe, expect, it } from "vitest";
import { renderInEnglish } from "../../tests/support/render-route.tsx";
import { EmailField } from "./email-field.tsx";
import { EmailInput, Field, TextArea, TextInput } from "./form.tsx";
import { FormFields } from "./form-fields.tsx";
import { LanguageFields } from "./language-fields.tsx";

const inForm = (node: React.ReactNode) =>
  renderInEnglish(
    <FormFields values={{ titleSr: "Naslov", email: "a@example.org" }} errors={{ titleEn: "Too long" }}>
      {node}
    </FormFields>,
  );

describe("LanguageFields", () => {
  it("renders one optional field per language, named by its suffix and written in its language", () => {
    const byHand = (["sq", "sr", "en"] as const).map((l) => {
      const name = `title${l.charAt(0).toUpperCase()}${l.slice(1)}`;
      return renderInEnglish(
        <Field id={name} label={`Title ${l}`} error={l === "en" ? "Too long" : undefined} optional>
          {(aria) => (
            <TextInput
              {...aria}
              name={name}
              maxLength={40}
              lang={l === "sr" ? "sr-Latn" : l}
              defaultValue={l === "sr" ? "Naslov" : ""}
            />
          )}
        </Field>,
      );
    });
    const named = inForm(
      <LanguageFields prefix="title" locales={["sq", "sr", "en"]} label={(l) => `Title ${l}`} maxLength={40} />,
    );
    expect(named).toBe(byHand.join(""));
  });

  it("renders text areas, of the given rows, when multiline", () => {
    const byHand = renderInEnglish(
      <Field id="summarySr" label="Summary" optional>
        {(aria) => <TextArea {...aria} name="summarySr" maxLength={90} rows={3} lang="sr-Latn" defaultValue="" />}
      </Field>,
    );
    const named = inForm(
      <LanguageFields prefix="summary" locales={["sr"]} label={() => "Summary"} multiline rows={3} maxLength={90} />,
    );
    expect(named).toBe(byHand);
  });
});

describe("EmailField", () => {
  it("renders a Field's EmailInput written out by hand, its value read from the form", () => {
    const byHand = renderInEnglish(
      <Field id="email" label="E-mail" optional>
        {(aria) => <EmailInput {...aria} name="email" defaultValue="a@example.org" autoComplete="email" />}
      </Field>,
    );
    expect(inForm(<EmailField name="email" label="E-mail" optional autoComplete="email" />)).toBe(byHand);
  });
});
