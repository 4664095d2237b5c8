import { z } from "zod";

/**
 * A trimmed optional text of a form: empty becomes null, longer than `max` is refused with the module's `tooLong`
 * message. Parsing its own output again gives the same value.
 */
export function optionalText(max: number, tooLong: string) {
  return z
    .preprocess(
      (value) => (typeof value === "string" ? value.trim() : (value ?? "")),
      z.string("core:form.invalid").max(max, tooLong),
    )
    .transform((value) => (value === "" ? null : value));
}

/** What a form sent for a group of checkboxes (absent, one value or several), as a list. */
export function checkedValues(value: unknown): unknown[] {
  return value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value];
}

/** Checked codes (sectors, communities…): lower-case codes, at most 40, always sorted without repeats. */
export function checkedCodeList() {
  return z
    .preprocess(
      checkedValues,
      z.array(z.string().regex(/^[a-z_]{1,40}$/, "core:form.invalid")).max(40, "core:form.invalid"),
    )
    .transform((codes) => [...new Set(codes)].sort());
}

/** True for an absolute http(s) address with a host name. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}
