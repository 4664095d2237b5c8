import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { readPage } from "#app/db/paging.server.ts";
import { ROLES, type Actor, type Role } from "#app/services/authorization.ts";
import type { UserListQuery } from "./user-administration.schema.ts";

/** One role a user holds, with its scope (organisation and municipality ids, resolved to names by the page). */
export interface UserGrant {
  id: number;
  role: Role;
  organisationId: number | null;
  kasCode: string | null;
}

/** A user as the administration list shows it. */
export interface UserListItem {
  id: string;
  name: string;
  email: string;
  isActive: boolean;
  isEmailVerified: boolean;
  hasTwoFactor: boolean;
  grants: UserGrant[];
}

/** A user with what an administrator may change. */
export interface UserDetail extends UserListItem {
  preferredLocale: string;
  version: number;
  createdAt: Date;
  lockedUntil: Date | null;
}

const GRANTS = sql<
  UserGrant[]
>`coalesce((select jsonb_agg(jsonb_build_object('id', ra.id, 'role', ra.role, 'organisationId', ra.organisation_id, 'kasCode', ra.kas_code) order by ra.id) from role_assignment ra where ra.user_id = u.id), '[]'::jsonb)`;

function knownGrants(grants: UserGrant[]): UserGrant[] {
  return grants.filter((g) => (ROLES as readonly string[]).includes(g.role));
}

/** The columns of a user as the list shows them (a user's page reads more). */
const LIST_COLUMNS = ["u.id", "u.name", "u.email", "u.is_active", "u.email_verified_at", "u.totp_enabled_at"] as const;

/** A user as the list shows them, from the list's columns and the roles. */
function listItemOf(row: {
  id: string;
  name: string;
  email: string;
  is_active: boolean;
  email_verified_at: Date | null;
  totp_enabled_at: Date | null;
  grants: UserGrant[];
}): UserListItem {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    isActive: row.is_active,
    isEmailVerified: row.email_verified_at !== null,
    hasTwoFactor: row.totp_enabled_at !== null,
    grants: knownGrants(row.grants),
  };
}

/**
 * One page of users matching the filters (name or e-mail, role, organisation, status), each with
 * their roles; and the number of matches. Two queries whatever the page size.
 */
export async function listUsers(
  db: Db,
  query: UserListQuery,
  pageSize: number,
): Promise<{ items: UserListItem[]; total: number }> {
  let base = db.selectFrom("app_user as u");
  const search = query.q
    .toLowerCase()
    .replace(/[%_\\]/g, " ")
    .trim();
  if (search)
    base = base.where(sql<boolean>`unaccent(lower(u.name || ' ' || u.email)) like '%' || unaccent(${search}) || '%'`);
  if (query.status === "active") base = base.where("u.is_active", "=", true);
  if (query.status === "inactive") base = base.where("u.is_active", "=", false);
  if (query.role || query.organisation) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("role_assignment as f")
          .select("f.id")
          .whereRef("f.user_id", "=", "u.id")
          .$if(Boolean(query.role), (q) => q.where("f.role", "=", query.role ?? ""))
          .$if(Boolean(query.organisation), (q) => q.where("f.organisation_id", "=", query.organisation ?? 0)),
      ),
    );
  }
  const ordered = base
    .select(LIST_COLUMNS)
    .select(GRANTS.as("grants"))
    .orderBy(sql`lower(u.name)`)
    .orderBy("u.id");
  const { rows, total } = await readPage(ordered, base, { page: query.page, pageSize });
  return { total, items: rows.map(listItemOf) };
}

/** One user with their roles (one query), or null. */
export async function getUserForAdministration(db: Db, userId: string): Promise<UserDetail | null> {
  const row = await db
    .selectFrom("app_user as u")
    .select([...LIST_COLUMNS, "u.preferred_locale", "u.version", "u.created_at", "u.locked_until"])
    .select(GRANTS.as("grants"))
    .where("u.id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...listItemOf(row),
    preferredLocale: row.preferred_locale,
    version: row.version,
    createdAt: row.created_at,
    lockedUntil: row.locked_until,
  };
}

/**
 * The actor a background job acts as: the user who started it, with their roles as they are now
 * (two-factor counted as verified, as it was when they started the job). Null when the user is gone
 * or deactivated: the job must not run.
 */
export async function actorOfJobStarter(db: Db, userId: string): Promise<Actor | null> {
  const user = await getUserForAdministration(db, userId);
  if (!user || !user.isActive) return null;
  return {
    kind: "user",
    userId: user.id,
    name: user.name,
    email: user.email,
    twoFactorVerified: true,
    grants: user.grants.map((g) => ({ role: g.role, organisationId: g.organisationId, kasCode: g.kasCode })),
  };
}
