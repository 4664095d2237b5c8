import { z } from "zod";
import { errorsByField } from "#app/services/form-errors.ts";

/** Records per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** An empty field of a GET form (`?action=`) means "no filter". */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );
}

const code = z
  .string()
  .trim()
  .max(100, "audit:filter.errors.tooLong")
  .regex(/^[\w.:-]+$/, "audit:filter.errors.code");

const day = z.iso.date("audit:filter.errors.date");

/**
 * The filters of the audit log page, read from the query string: who (part of a name or e-mail),
 * one person by id (from the links in the list), action (prefix), subject type and id, and a
 * date range (inclusive, in Kosovo's time zone).
 */
export const AuditFilterSchema = z
  .object({
    q: optional(z.string().trim().max(200, "audit:filter.errors.tooLong")),
    actor: optional(z.uuid("audit:filter.errors.actor")),
    action: optional(code),
    subjectType: optional(code),
    subjectId: optional(z.string().trim().max(200, "audit:filter.errors.tooLong")),
    from: optional(day),
    to: optional(day),
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "audit:filter.errors.dateOrder" });

export type AuditFilterInput = z.infer<typeof AuditFilterSchema>;

/** The filter fields, in the order of the form (the error summary follows it). */
export const AUDIT_FILTER_FIELDS = ["q", "action", "subjectType", "subjectId", "from", "to", "actor"] as const;

/** The query string parsed: the filter, or field errors (translation keys) with the values to show again. */
export type AuditFilterResult =
  | { ok: true; filter: AuditFilterInput; values: Record<string, string> }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** Parses the audit log's query string; an invalid filter gives field errors instead of a guess. */
export function parseAuditFilter(searchParams: URLSearchParams): AuditFilterResult {
  const values: Record<string, string> = {};
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = searchParams.get(field);
    if (value !== null) values[field] = value.slice(0, 1_000);
  }
  const result = AuditFilterSchema.safeParse({ ...values, page: searchParams.get("page") ?? undefined });
  if (result.success) return { ok: true, filter: result.data, values };
  return {
    ok: false,
    errors: errorsByField(result.error.issues, { fieldOf: (path) => String(path[0] ?? "q") }),
    values,
  };
}

/** The id of one audit record in the URL. */
export const AuditIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number);
