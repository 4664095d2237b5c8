import pino from "pino";
import type { ServerContext } from "#app/context.ts";
import type { Db } from "#app/db/client.server.ts";
import { ANONYMOUS, type Role } from "#app/services/authorization.ts";
import { hashPassword } from "./passwords.server.ts";
import { readCookie, resolveSession, sessionCookieName } from "./sessions.server.ts";
import { createTotpSecret } from "./two-factor.server.ts";

/** A name with the hostile characters the test data uses by default (markup, Cyrillic, right-to-left). */
export const HOSTILE_NAME = `<script>alert("x")</script> Дритa Krasniqi עברית ${"Përfaqësuesi".repeat(3)}`;

/** The context the server gives every loader and action, for a request with (or without) a session cookie. */
export async function contextFor(
  db: Db,
  options: { cookie?: string | null; secureCookies?: boolean; hostPrefixedCookies?: boolean } = {},
): Promise<ServerContext> {
  const token = readCookie(options.cookie ?? null, sessionCookieName(options.hostPrefixedCookies));
  const session = await resolveSession(db, token);
  return {
    db,
    files: undefined as never,
    nonce: "",
    requestId: "test-request",
    publicUrl: "https://platform.example",
    logger: pino({ level: "silent" }),
    actor: session?.actor ?? ANONYMOUS,
    session,
    csrfToken: "test-csrf",
    mailMode: "outbox",
    secureCookies: options.secureCookies ?? true,
    hostPrefixedCookies: options.hostPrefixedCookies ?? false,
    // The identity pages are outside the workspace shell: no sections, no tasks.
    workspace: { sections: [], taskProviders: [] },
    pageSections: { municipality: [] },
  };
}

/** A form POST (URL-encoded, as a browser without JavaScript sends it). */
export function postForm(path: string, fields: Record<string, string | string[]>, cookie?: string | null): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    "user-agent": "Vitest browser",
  };
  if (cookie) headers.cookie = cookie;
  return new Request(`https://platform.example${path}`, { method: "POST", body, headers });
}

/** A GET (with the session cookie, if any). */
export function getPage(path: string, cookie?: string | null): Request {
  return new Request(`https://platform.example${path}`, { headers: cookie ? { cookie } : {} });
}

/** What a loader or action answered, whether it returned or threw, as status, headers and data. */
export interface Answer {
  status: number;
  headers: Headers;
  data: unknown;
  /** The `name=value` part of the Set-Cookie header, to send back as a Cookie header. */
  cookie: string | null;
}

type RouteFunction = (args: never) => unknown;

/** Calls a route's loader or action as React Router would, and normalises the answer. */
export async function call(
  fn: RouteFunction,
  args: { request: Request; params: Record<string, string>; context: ServerContext },
): Promise<Answer> {
  let result: unknown;
  try {
    result = await (fn as (a: unknown) => unknown)({ ...args, unstable_pattern: "" });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return answer(result.status, result.headers, null);
  if (
    result &&
    typeof result === "object" &&
    "type" in result &&
    result.type === "DataWithResponseInit" &&
    "init" in result &&
    "data" in result
  ) {
    const init = (result.init ?? {}) as ResponseInit;
    return answer(init.status ?? 200, new Headers(init.headers), result.data);
  }
  if (result instanceof Error) throw result;
  return answer(200, new Headers(), result);
}

function answer(status: number, headers: Headers, data: unknown): Answer {
  const setCookie = headers.get("set-cookie");
  return { status, headers, data, cookie: setCookie ? (setCookie.split(";")[0] ?? null) : null };
}

/** Creates a user directly in the database (with a real argon2id hash) and their roles. */
export async function createUser(
  db: Db,
  input: {
    email: string;
    password: string;
    name?: string;
    roles?: Role[];
    isActive?: boolean;
    withTotp?: boolean;
    emailVerified?: boolean;
  },
): Promise<{ id: string; totpSecret: string | null }> {
  const id = crypto.randomUUID();
  const totpSecret = input.withTotp ? createTotpSecret() : null;
  await db
    .insertInto("app_user")
    .values({
      id,
      email: input.email,
      name: input.name ?? HOSTILE_NAME,
      password_hash: await hashPassword(input.password),
      is_active: input.isActive ?? true,
      totp_secret: totpSecret,
      totp_enabled_at: totpSecret ? new Date() : null,
      email_verified_at: input.emailVerified === false ? null : new Date(),
    })
    .execute();
  for (const role of input.roles ?? [])
    await db
      .insertInto("role_assignment")
      .values({ user_id: id, role, organisation_id: null, kas_code: null })
      .execute();
  return { id, totpSecret };
}
