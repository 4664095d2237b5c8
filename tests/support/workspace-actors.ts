import { randomUUID } from "node:crypto";
import pino from "pino";
import type { ServerContext } from "#app/context.ts";
import type { Db } from "#app/db/client.server.ts";
import type { Actor, Role } from "#app/services/authorization.ts";
import { PAGE_SECTIONS, WORKSPACE_REGISTRY } from "../../server/modules.ts";

type SignedIn = Extract<Actor, { kind: "user" }>;

let counter = 0;

/**
 * Inserts a user holding the given roles and returns them as a signed-in actor (two-factor
 * confirmed). The name is hostile by default, so pages that print it show escaping bugs.
 */
export async function createTestUser(
  db: Db,
  grants: { role: Role; organisationId?: number | null; kasCode?: string | null }[],
  options: { name?: string; email?: string; emailVerified?: boolean; twoFactor?: boolean } = {},
): Promise<SignedIn> {
  counter += 1;
  const id = randomUUID();
  const email = options.email ?? `user-${counter}-${id.slice(0, 8)}@test.example.org`;
  const name = options.name ?? `<script>alert(${counter})</script> Тест ${counter}`;
  await db
    .insertInto("app_user")
    .values({
      id,
      email,
      name,
      email_verified_at: options.emailVerified === false ? null : new Date(),
      totp_enabled_at: options.twoFactor ? new Date() : null,
    })
    .execute();
  const normalised = grants.map((g) => ({
    role: g.role,
    organisationId: g.organisationId ?? null,
    kasCode: g.kasCode ?? null,
  }));
  if (normalised.length) {
    await db
      .insertInto("role_assignment")
      .values(
        normalised.map((g) => ({ user_id: id, role: g.role, organisation_id: g.organisationId, kas_code: g.kasCode })),
      )
      .execute();
  }
  return { kind: "user", userId: id, name, email, grants: normalised, twoFactorVerified: true };
}

/**
 * The context the server hands loaders and actions, for a signed-in actor (or anonymous when null
 * or `{ kind: "anonymous" }`), with the file store when the test stores files.
 */
export function workspaceContext(
  db: Db,
  actor: SignedIn | Extract<Actor, { kind: "anonymous" }> | null,
  options: { files?: ServerContext["files"] } = {},
): ServerContext {
  if (actor?.kind === "anonymous") actor = null;
  return {
    db,
    files: options.files ?? (undefined as unknown as ServerContext["files"]),
    nonce: "",
    requestId: `test-${randomUUID()}`,
    publicUrl: "http://localhost",
    logger: pino({ level: "silent" }),
    actor: actor ?? { kind: "anonymous" },
    session: actor ? { sessionId: `session-${actor.userId}`, actor, preferredLocale: "en", hasTwoFactor: true } : null,
    csrfToken: "test-token",
    mailMode: "outbox",
    secureCookies: false,
    workspace: WORKSPACE_REGISTRY,
    pageSections: PAGE_SECTIONS,
  };
}

/** A POSTed form, as the browser sends it without JavaScript. */
export function formRequest(path: string, fields: Record<string, string | string[]>): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

/** What a loader or action threw or returned as a Response-like value: its status, Location and data. */
export async function outcome(
  promise: Promise<unknown>,
): Promise<{ status: number; location: string | null; data: unknown }> {
  try {
    const value = await promise;
    if (
      value &&
      typeof value === "object" &&
      "type" in value &&
      (value as { type: unknown }).type === "DataWithResponseInit"
    ) {
      const d = value as unknown as { data: unknown; init: ResponseInit | null };
      return { status: d.init?.status ?? 200, location: new Headers(d.init?.headers).get("Location"), data: d.data };
    }
    return { status: 200, location: null, data: value };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("Location"), data: null };
    if (thrown && typeof thrown === "object" && "init" in thrown) {
      const d = thrown as { data: unknown; init: ResponseInit | null };
      return { status: d.init?.status ?? 200, location: new Headers(d.init?.headers).get("Location"), data: d.data };
    }
    throw thrown;
  }
}

export { municipalityOfficeId, organisationIdBySlug } from "./organisation-ids.ts";
