import { data } from "react-router";
import type { ServerContext } from "#app/context.ts";
import type { AuditContext } from "#app/services/audit.server.ts";
import { formValues } from "#app/services/forms.ts";
import type { FormFailure } from "./form-feedback.tsx";
import type { CredentialFailure, RequestMeta } from "./identity.commands.server.ts";
import { clearSessionCookie, sessionCookie } from "./sessions.server.ts";

/** The request details the identity commands record: browser, client address (see ServerContext.clientAddress), request id. */
export function requestMetaOf(
  request: Request,
  context: Pick<ServerContext, "requestId" | "clientAddress">,
): RequestMeta {
  return {
    userAgent: request.headers.get("user-agent"),
    clientAddress: context.clientAddress ?? null,
    requestId: context.requestId,
  };
}

/** The audit context of a request: who is acting, under which request id. */
export function auditContextOf(context: Pick<ServerContext, "actor" | "requestId">): AuditContext {
  return { actor: context.actor, requestId: context.requestId };
}

/** A form answer that shows the form again with its errors (400 by default) and the values typed (never secrets). */
export function formFailure(
  status: 400 | 409 | 429,
  errors: Record<string, string>,
  form: FormData | Record<string, string>,
  params?: Record<string, number>,
  headers?: HeadersInit,
) {
  const values = form instanceof FormData ? formValues(form) : form;
  const body: FormFailure = params === undefined ? { errors, values } : { errors, values, params };
  return data(body, { status, headers });
}

/** The answer to a refused proof of password: "locked" (429) or the generic wrong-credentials message (400). */
export function credentialFailure(failure: CredentialFailure, form: FormData, field = "form") {
  return failure.reason === "locked"
    ? formFailure(429, { [field]: "identity:errors.locked" }, form, { minutes: failure.minutes })
    : formFailure(400, { [field]: "identity:errors.credentials" }, form);
}

/** Headers that store a new session token in the browser. */
export function withSessionCookie(
  token: string,
  context: Pick<ServerContext, "secureCookies" | "hostPrefixedCookies">,
): HeadersInit {
  return {
    "Set-Cookie": sessionCookie(token, { secure: context.secureCookies, hostPrefixed: context.hostPrefixedCookies }),
    "Cache-Control": "no-store",
  };
}

/** Headers that remove the session cookie. */
export function withoutSessionCookie(
  context: Pick<ServerContext, "secureCookies" | "hostPrefixedCookies">,
): HeadersInit {
  return {
    "Set-Cookie": clearSessionCookie({ secure: context.secureCookies, hostPrefixed: context.hostPrefixedCookies }),
    "Cache-Control": "no-store",
  };
}
