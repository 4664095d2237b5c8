import { describe, expect, it } from "vitest";
import { z } from "zod";
import { submitFormCommand } from "#app/services/forms.ts";
import { formDataOf } from "../../tests/support/form-data.ts";

const Schema = z.object({ name: z.string().min(1, "core:form.required") });

describe("submitFormCommand", () => {
  it("answers a form the schema refuses with 400, its errors and values, without running the command", async () => {
    let ran = false;
    const answer = await submitFormCommand(
      formDataOf({ name: "", password: "secret" }),
      Schema,
      async () => ((ran = true), { ok: true as const }),
      () => "/done",
    );
    expect(ran).toBe(false);
    expect(answer.init?.status).toBe(400);
    expect(answer.data).toEqual({ errors: { name: "core:form.required" }, values: { name: "" } });
  });

  it("answers the command's failure with its status, its errors and the submitted values", async () => {
    const answer = await submitFormCommand(
      formDataOf({ name: "Prizren" }),
      Schema,
      async () => ({ ok: false as const, status: 409, errors: { form: "core:form.conflict" } }),
      () => "/done",
    );
    expect(answer.init?.status).toBe(409);
    expect(answer.data).toEqual({ errors: { form: "core:form.conflict" }, values: { name: "Prizren" } });
  });

  it("runs the command with the parsed data and redirects to where its result says", async () => {
    const thrown = await submitFormCommand(
      formDataOf({ name: "Prizren" }),
      Schema,
      async (input) => ({ ok: true as const, id: input.name.length }),
      (result) => `/done/${result.id}`,
    ).catch((response: unknown) => response);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/done/7");
  });
});
