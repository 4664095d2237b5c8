/**
 * What must never reach a log line (issue 12; SECURITY.md "Logs"): tracking codes, password-reset,
 * e-mail verification and invitation tokens (in paths and query strings), cookies, authorization
 * headers, passwords and form tokens. Applied by the logger to every line, whoever writes it, so a
 * new log call cannot forget it.
 */

export const REDACTED = "[redacted]";

// Path segments that are secrets themselves: what follows these prefixes, up to the next "/", "?" or "#".
const SECRET_SEGMENT = /(\/(?:needs\/track|reset-password|verify-email|accept-invitation)\/)[^/?#\s"']+/gi;
// Query parameters whose values are secrets or may carry one (returnTo can hold a tracking path).
const SECRET_PARAMETER =
  /([?&](?:code|token|t|key|secret|password|_csrf|csrf|session|returnTo|redirect|next)=)[^&#\s"']*/gi;
// Keys whose values are always withheld, wherever they appear in a logged object.
const SECRET_KEY =
  /^(?:password|newPassword|currentPassword|confirmPassword|token|secret|totp_secret|totpSecret|cookie|set-cookie|authorization|proxy-authorization|x-csrf-token|_csrf|trackingCode|tracking_code)$/i;

/** A text with the secret path segments and query values of any URL in it replaced by "[redacted]". */
export function redactText(text: string): string {
  return text.replace(SECRET_SEGMENT, `$1${REDACTED}`).replace(SECRET_PARAMETER, `$1${REDACTED}`);
}

/**
 * A copy of a value to log with every secret withheld: strings are redacted as text, values under
 * secret keys are replaced whole, and objects and arrays are walked (to a bounded depth).
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Error) return redactError(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    copy[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(item, depth + 1);
  return copy;
}

/** A serialisable copy of an error (type, message, stack, code, cause) with the same redaction. */
export function redactError(error: Error): Record<string, unknown> {
  const serialised: Record<string, unknown> = {
    type: error.name,
    message: redactText(error.message),
    stack: error.stack ? redactText(error.stack) : undefined,
  };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) serialised.code = code;
  if (error.cause !== undefined)
    serialised.cause = error.cause instanceof Error ? redactError(error.cause) : redactValue(error.cause, 1);
  return serialised;
}
