import { describe, expect, it } from "vitest";
import { renderInEnglish } from "../../tests/support/render-route.tsx";
import { ErrorSummary, Field, TextInput } from "./form.tsx";
import { pageWindow } from "./pagination.tsx";

describe("ErrorSummary", () => {
  it("links each message to its field and is announced", () => {
    const html = renderInEnglish(
      <ErrorSummary
        errors={{ email: "Enter an e-mail address", name: undefined, title: "Enter a title" }}
        fieldIds={{ title: "news-title" }}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain("There is a problem");
    expect(html).toContain('<a href="#email"');
    expect(html).toContain('<a href="#news-title"');
    expect(html.match(/<li>/g)).toHaveLength(2);
  });
  it("renders nothing without errors", () => {
    expect(renderInEnglish(<ErrorSummary errors={{}} />)).toBe("");
  });
});

describe("Field", () => {
  it("wires aria-invalid and aria-describedby to the hint and the error", () => {
    const html = renderInEnglish(
      <Field id="email" label="E-mail" hint="We never share it" error="Enter an e-mail address">
        {(aria) => <TextInput name="email" {...aria} />}
      </Field>,
    );
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="email-hint email-error"');
    expect(html).toContain('id="email-error"');
    expect(html).toContain("Error:");
    expect(html).toContain('<label for="email"');
  });
  it("is not marked invalid without an error", () => {
    const html = renderInEnglish(
      <Field id="q" label="Search">
        {(aria) => <TextInput name="q" {...aria} />}
      </Field>,
    );
    expect(html).not.toContain("aria-invalid");
    expect(html).not.toContain("aria-describedby");
  });
});

describe("pageWindow", () => {
  it("shows first, last and two pages around the current one", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(5, 10)).toEqual([1, "gap", 3, 4, 5, 6, 7, "gap", 10]);
    expect(pageWindow(2, 4)).toEqual([1, 2, 3, 4]);
  });
});
