import { data } from "react-router";
import { z } from "zod";

/*
 * The one parser for numeric ids (and versions) wherever they come from: URL segments, query
 * strings, form fields and API parameters. Every table's id is a PostgreSQL `integer`, so a number
 * outside 1…2,147,483,647 can name nothing; handed to the database it fails the query ("out of
 * range for type integer") and the request with a 500. `Number()` and `z.coerce.number()` accept
 * far more than ids ("1e10", "0x10", " 12", "", "1.0"), so they are not used for ids: an id is
 * written in plain decimal digits, without sign, leading zeros, spaces or exponent (decision 026).
 */

/** The largest value of a PostgreSQL `integer` column. */
export const MAX_INTEGER_ID = 2_147_483_647;

const CANONICAL_ID = /^[1-9][0-9]{0,9}$/;

/** The id written in `value` (1…2,147,483,647 in plain decimal digits), or null for anything else. */
export function parseId(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 && value <= MAX_INTEGER_ID ? value : null;
  if (typeof value !== "string" || !CANONICAL_ID.test(value)) return null;
  const id = Number(value);
  return id <= MAX_INTEGER_ID ? id : null;
}

/** The id of a URL segment, or a 404 thrown (an id that cannot exist names no page). */
export function requireIdParam(value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw data(null, { status: 404 });
  return id;
}

/**
 * A zod schema for an id (or a version) in a form, query or API parameter: the same rule as
 * `parseId`, with `message` (a translation key) as the error. Output is the number.
 */
export function idSchema(message = "core:form.invalid") {
  return z.union([z.string(), z.number()], message).transform((value, ctx) => {
    const id = parseId(typeof value === "string" ? value.trim() : value);
    if (id === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });
}

/** `idSchema` for an optional field: an empty or missing value is undefined. */
export function optionalIdSchema(message = "core:form.invalid") {
  return z.preprocess((value) => (value === "" || value === null ? undefined : value), idSchema(message).optional());
}

/** A slug as the platform writes them: lower-case ASCII words joined by single hyphens, at most 200 characters. */
export const SlugParamSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(200);

/** A URL segment as `schema` reads it, or a 404 thrown (a segment the schema refuses names no page). */
export function requireParam<T>(schema: z.ZodType<T>, value: string | undefined): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw data(null, { status: 404 });
  return parsed.data;
}

/** The slug of a URL segment, or a 404 thrown (a malformed slug names no page). */
export function requireSlugParam(value: string | undefined): string {
  return requireParam(SlugParamSchema, value);
}
