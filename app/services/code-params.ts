import { z } from "zod";

/**
 * A code chosen in a list's filters (a sector, a community, a type: lower-case letters and `_`, at most 40), or
 * nothing when it is missing or malformed: a public list ignores a bad value instead of failing on a bad link.
 */
export function optionalCodeParam() {
  return z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined);
}
