import { describe, expect, it } from "vitest";
import { errorsInOrder } from "./errors-in-order.ts";

describe("errorsInOrder", () => {
  it("translates the errors of the listed fields in their order, the whole form's last, and drops the rest", () => {
    const errors = errorsInOrder(["b", "a"], { form: "ns:form", a: "ns:a", c: "ns:c", b: "ns:b" }, (key) => `<${key}>`);
    expect(Object.entries(errors)).toEqual([
      ["b", "<ns:b>"],
      ["a", "<ns:a>"],
      ["form", "<ns:form>"],
    ]);
  });

  it("is empty when the form was not refused", () => {
    expect(errorsInOrder(["a"], undefined, (key) => key)).toEqual({});
  });
});
