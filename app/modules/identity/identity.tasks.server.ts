import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { isAdministrator, requiresTwoFactor, type Actor } from "#app/services/authorization.ts";
import type { WorkspaceTask } from "#app/services/module-contract.ts";

/** The `auth_token.purpose` of an invitation that has not been accepted yet. */
export const INVITATION_PURPOSE = "invitation";

/**
 * The identity module's tasks for the dashboard (one query): verify one's e-mail address, set up
 * two-factor authentication when one's role requires it, and, for administrators, the
 * invitations still waiting to be accepted.
 */
export async function identityTasks(db: Db, actor: Extract<Actor, { kind: "user" }>): Promise<WorkspaceTask[]> {
  const isAdmin = isAdministrator(actor);
  const row = await db
    .selectFrom("app_user as u")
    .select(["u.email_verified_at", "u.totp_enabled_at"])
    .select(
      isAdmin
        ? sql<number>`(select count(*) from auth_token t where t.purpose = ${INVITATION_PURPOSE} and t.used_at is null and t.expires_at > now())`.as(
            "pending_invitations",
          )
        : sql<number>`0`.as("pending_invitations"),
    )
    .where("u.id", "=", actor.userId)
    .executeTakeFirst();
  if (!row) return [];
  const tasks: WorkspaceTask[] = [];
  if (row.email_verified_at === null) {
    tasks.push({
      key: "identity.verifyEmail",
      titleKey: "workspace:tasks.verifyEmail",
      params: { email: actor.email },
      path: "workspace/profile",
      severity: "warning",
    });
  }
  if (requiresTwoFactor(actor) && row.totp_enabled_at === null) {
    tasks.push({
      key: "identity.setUpTwoFactor",
      titleKey: "workspace:tasks.setUpTwoFactor",
      path: "workspace/profile/two-factor",
      severity: "urgent",
    });
  }
  const pending = Number(row.pending_invitations);
  if (isAdmin && pending > 0) {
    tasks.push({
      key: "identity.pendingInvitations",
      titleKey: "workspace:tasks.pendingInvitations",
      params: { count: pending },
      path: "workspace/users",
      severity: "info",
    });
  }
  return tasks;
}
