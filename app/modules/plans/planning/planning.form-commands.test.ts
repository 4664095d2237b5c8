import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formCommands, planYears } from "./planning.routes.server.ts";

const Schema = z.object({ code: z.string().min(1, "planning:errors.codeRequired") });
const refuse = (status: number, errors: Record<string, string>) => ({ status, errors });

/** A posted form with its `code` field. */
function withCode(code: string): FormData {
  const form = new FormData();
  form.set("code", code);
  return form;
}

describe("formCommands", () => {
  it("refuses a form the schema refuses with 400 and its errors, without running the command", async () => {
    let ran = false;
    const submit = formCommands(withCode(""), refuse);
    const answer = await submit(Schema, async () => ((ran = true), { ok: true as const }), "/done");
    expect(ran).toBe(false);
    expect(answer).toEqual({ status: 400, errors: { code: "planning:errors.codeRequired" } });
  });

  it("refuses with the command's status and errors when it fails", async () => {
    const submit = formCommands(withCode("1.1"), refuse);
    const answer = await submit(
      Schema,
      async () => ({ ok: false as const, status: 409 as const, errors: { form: "planning:errors.editedByOthers" } }),
      "/done",
    );
    expect(answer).toEqual({ status: 409, errors: { form: "planning:errors.editedByOthers" } });
  });

  it("runs the command with the parsed data and redirects to `done`, or to what it makes of the result", async () => {
    const submit = formCommands(withCode("1.1"), refuse);
    const seen: string[] = [];
    const fixed = await submit(Schema, async (input) => (seen.push(input.code), { ok: true as const }), "/done").catch(
      (e: unknown) => e,
    );
    expect((fixed as Response).headers.get("Location")).toBe("/done");
    const made = await submit(
      Schema,
      async () => ({ ok: true as const, id: 7 }),
      (result) => `/plans/${result.id}`,
    ).catch((e: unknown) => e);
    expect((made as Response).headers.get("Location")).toBe("/plans/7");
    expect(seen).toEqual(["1.1"]);
  });
});

describe("planYears", () => {
  it("lists every year of a plan's period, first to last", () => {
    expect(planYears({ periodStartYear: 2022, periodEndYear: 2024 })).toEqual([2022, 2023, 2024]);
  });
});
