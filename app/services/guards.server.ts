import { data, redirect } from "react-router";
import type { ServerContext } from "#app/context.ts";
import { localeFromParams, type Locale } from "#app/i18n/locales.ts";
import { requiresTwoFactor, type Actor, type Policy } from "./authorization.ts";

type SignedIn = Extract<Actor, { kind: "user" }>;

/**
 * The signed-in actor, or a redirect to the sign-in page that comes back here afterwards. Users
 * whose role requires two-factor authentication are sent to set it up or to confirm it first.
 */
export function requireUser(
  context: Pick<ServerContext, "actor" | "session">,
  request: Request,
  locale: Locale,
): SignedIn {
  const url = new URL(request.url);
  const returnTo = `${url.pathname}${url.search}`;
  if (context.actor.kind !== "user" || !context.session) {
    throw redirect(`/${locale}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  }
  const actor = context.actor;
  // Anyone who turned two-factor authentication on must give the code, whatever their role.
  if (!actor.twoFactorVerified && (context.session.hasTwoFactor || requiresTwoFactor(actor))) {
    const target = context.session.hasTwoFactor ? "sign-in/two-factor" : "workspace/profile/two-factor";
    if (!url.pathname.startsWith(`/${locale}/${target}`))
      throw redirect(`/${locale}/${target}?returnTo=${encodeURIComponent(returnTo)}`);
  }
  return actor;
}

/**
 * The actor who has finished signing in, or null. A session that still waits for its two-factor
 * code belongs to nobody yet: the header must not offer the workspace or signing out to it.
 */
export function signedInActor(context: Pick<ServerContext, "actor" | "session">): SignedIn | null {
  const actor = context.actor;
  if (actor.kind !== "user" || !context.session) return null;
  if (context.session.hasTwoFactor && !actor.twoFactorVerified) return null;
  return actor;
}

/** Throws a 403 unless the policy allows the action (every action checks again on the server). */
export function authorize<Subjects extends Record<string, unknown>, A extends keyof Subjects & string>(
  policy: Policy<Subjects>,
  actor: Actor,
  action: A,
  subject: Subjects[A],
): void {
  if (!policy.can(actor, action, subject)) throw data(null, { status: 403 });
}

/**
 * Throws a 404 unless the policy allows the actor to see this record: to someone who may not see
 * it, a case, task, plan or document that exists answers exactly like one that does not, so ids
 * cannot be probed (decision 025). Use it where a page loads one record by id.
 */
export function authorizeRecord<Subjects extends Record<string, unknown>, A extends keyof Subjects & string>(
  policy: Policy<Subjects>,
  actor: Actor,
  action: A,
  subject: Subjects[A],
): void {
  if (!policy.can(actor, action, subject)) throw data(null, { status: 404 });
}

/** Where the parsed return paths are resolved; a path that leaves it is not local. */
const LOCAL_ORIGIN = "http://local.invalid";

/** True when the text holds a control character (C0 or DEL) or a backslash (which browsers read as "/"). */
function hasControlOrBackslash(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/**
 * A local path to return to after signing in; anything else becomes the workspace: other sites
 * (`//host`, `/\\host`), paths outside a locale, and any control character (a CR/LF would split the
 * `Location` header). What is returned is the URL parser's serialisation, so it holds only
 * characters a header may carry (others are percent-encoded).
 */
export function safeReturnTo(value: string | null | undefined, locale: Locale): string {
  const fallback = `/${locale}/workspace`;
  if (!value || value.length > 2048 || hasControlOrBackslash(value) || !/^\/(sq|sr|sr-cyrl|en)\//.test(value))
    return fallback;
  const url = new URL(value, LOCAL_ORIGIN);
  if (url.origin !== LOCAL_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * A workspace route's first step: the page's language and the signed-in actor (or the redirect to
 * sign in), who must be allowed the action (a 403 otherwise).
 */
export function requireAllowed<Subjects extends Record<string, unknown>, A extends keyof Subjects & string>(
  {
    request,
    params,
    context,
  }: { request: Request; params: { lang?: string }; context: Pick<ServerContext, "actor" | "session"> },
  policy: Policy<Subjects>,
  action: A,
  subject: Subjects[A],
): { locale: Locale; actor: SignedIn } {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  authorize(policy, actor, action, subject);
  return { locale, actor };
}
