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

/** True for an absolute http(s) address with a host name. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}
