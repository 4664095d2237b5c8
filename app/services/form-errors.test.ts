import { describe, expect, it } from "vitest";
import { z } from "zod";
import { invalidInput } from "./commands.server.ts";
import { errorsByField } from "./form-errors.ts";

const Schema = z.object({
  name: z.string().min(1, "core:form.required").max(3, "core:form.tooLong"),
  age: z.coerce.number().int(),
  items: z.array(z.object({ amount: z.number("clearing-house:errors.amount") })),
});

function issuesOf(value: unknown) {
  const parsed = Schema.safeParse(value);
  if (parsed.success) throw new Error("expected issues");
  return parsed.error.issues;
}

describe("errorsByField", () => {
  it("keeps each field's first message when it is a translation key, else the fallback", () => {
    const issues = [...issuesOf({ name: "", age: "x", items: [] }), { path: ["name"], message: "core:form.tooLong" }];
    expect(errorsByField(issues)).toEqual({ name: "core:form.required", age: "core:form.invalid" });
    expect(errorsByField(issues, { fallback: "audit:filter.errors.date" })).toEqual({
      name: "core:form.required",
      age: "audit:filter.errors.date",
    });
  });

  it("names a field by the first part of its path, or as the caller says; an issue of no field is the form's", () => {
    const issues = issuesOf({ name: "ab", age: 3, items: [{ amount: "x" }] });
    expect(errorsByField(issues)).toEqual({ items: "clearing-house:errors.amount" });
    expect(errorsByField(issues, { fieldOf: (path) => path.map(String).join("_") })).toEqual({
      items_0_amount: "clearing-house:errors.amount",
    });
    expect(errorsByField([{ path: [], message: "workspace:errors.forbidden" }])).toEqual({
      form: "workspace:errors.forbidden",
    });
  });

  it("is a command's 400 through invalidInput", () => {
    expect(invalidInput(issuesOf({ name: "abcd", age: 1, items: [] }))).toEqual({
      ok: false,
      status: 400,
      errors: { name: "core:form.tooLong" },
    });
  });
});
