import { data, redirect } from "react-router";
import type { z } from "zod";
import { errorsByField } from "./form-errors.ts";

/** Fields whose submitted values are never sent back to the browser. */
const SECRET_FIELDS = new Set(["password", "newPassword", "currentPassword", "confirmPassword", "_csrf", "code"]);

/** A parsed form: the data, or the errors (translation keys, `ns:key`) and the values to show again. */
export type FormResult<T> =
  { ok: true; data: T } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** The submitted values, as strings, for re-displaying a form after an error (never secrets). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || SECRET_FIELDS.has(key)) continue;
    values[key] = key in values ? `${values[key]},${value}` : value.slice(0, 10_000);
  }
  return values;
}

/**
 * Parses a submitted form with the same zod schema the page uses. Errors are keyed by field
 * (the first problem of each); their messages are translation keys written in the schema.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
  fallbackMessage = "core:form.invalid",
): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    errors: errorsByField(result.error.issues, { fallback: fallbackMessage }),
    values: formValues(form),
  };
}

/**
 * A form's action that runs one command: the form parsed by the schema (a 400 with its errors and values
 * when it does not pass), the command run with the parsed data (its failure answered with its status,
 * its errors and the submitted values), then a redirect to `done(result)`. Check permissions first.
 */
export async function submitFormCommand<
  S extends z.ZodType,
  C extends { ok: true } | { ok: false; status: number; errors: Record<string, string> },
>(
  form: FormData,
  schema: S,
  command: (input: z.infer<S>) => Promise<C>,
  done: (result: Extract<C, { ok: true }>) => string,
) {
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await command(parsed.data);
  if (!result.ok) return data({ errors: result.errors, values: formValues(form) }, { status: result.status });
  throw redirect(done(result as Extract<C, { ok: true }>));
}
