import type { Db } from "#app/db/client.server.ts";
import { findMunicipalOffice } from "#app/modules/organisations/organisations.queries.server.ts";
import { changeActiveFlag } from "#app/services/active-flag-command.server.ts";
import { findsAnyRow } from "#app/services/any-row.server.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { type CommandFailure, fail, inTransactionWithInput } from "#app/services/commands.server.ts";
import { identityPolicy } from "./identity.policy.ts";
import { endAllSessions } from "./sessions.server.ts";
import {
  RoleAssignmentSchema,
  RoleRemovalSchema,
  UserActiveSchema,
  type RoleAssignmentInput,
} from "./user-administration.schema.ts";

const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "workspace:errors.forbidden" } };
const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "workspace:errors.notFound" } };
/** Refused: the change would leave the platform without an active administrator. */
const LAST_ADMINISTRATOR = fail(400, { form: "workspace:errors.lastAdministrator" });

/** How many active users hold the administrator role, leaving out one assignment or one user. */
async function countOtherAdministrators(trx: Db, except: { assignmentId?: number; userId?: string }): Promise<number> {
  let query = trx
    .selectFrom("role_assignment as ra")
    .innerJoin("app_user as u", "u.id", "ra.user_id")
    .select((eb) => eb.fn.count<number>("ra.user_id").distinct().as("n"))
    .where("ra.role", "=", "platform_admin")
    .where("u.is_active", "=", true);
  if (except.assignmentId !== undefined) query = query.where("ra.id", "!=", except.assignmentId);
  if (except.userId !== undefined) query = query.where("ra.user_id", "!=", except.userId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Gives a user one more role (administrators, never to themselves). A municipal officer given
 * without an organisation is placed in the municipality's Office for Communities and Returns.
 */
export async function addRoleAssignment(
  db: Db,
  audit: AuditContext,
  userId: string,
  input: RoleAssignmentInput,
): Promise<{ ok: true; assignmentId: number } | CommandFailure> {
  if (!identityPolicy.can(audit.actor, "user.manage", { userId })) return FORBIDDEN;
  return inTransactionWithInput(db, RoleAssignmentSchema, input, async (trx, assignment) => {
    const { role, kasCode } = assignment;
    const user = await trx.selectFrom("app_user").select("id").where("id", "=", userId).forUpdate().executeTakeFirst();
    if (!user) return NOT_FOUND;
    let organisationId = assignment.organisationId;
    if (role === "municipal_officer" && organisationId === null && kasCode !== null) {
      organisationId = (await findMunicipalOffice(trx, kasCode))?.id ?? null;
    }
    const [organisation, municipality] = await Promise.all([
      organisationId === null
        ? null
        : trx
            .selectFrom("organisation")
            .select(["id", "is_active"])
            .where("id", "=", organisationId)
            .executeTakeFirst(),
      kasCode === null
        ? null
        : trx.selectFrom("municipality").select("kas_code").where("kas_code", "=", kasCode).executeTakeFirst(),
    ]);
    if (organisationId !== null && !organisation?.is_active)
      return {
        ok: false as const,
        status: 400 as const,
        errors: { organisationId: "workspace:errors.organisationInvalid" },
      };
    if (kasCode !== null && !municipality)
      return { ok: false as const, status: 400 as const, errors: { kasCode: "workspace:errors.municipalityInvalid" } };
    const duplicate = await trx
      .selectFrom("role_assignment")
      .select("id")
      .where("user_id", "=", userId)
      .where("role", "=", role)
      .where((eb) =>
        organisationId === null ? eb("organisation_id", "is", null) : eb("organisation_id", "=", organisationId),
      )
      .where((eb) => (kasCode === null ? eb("kas_code", "is", null) : eb("kas_code", "=", kasCode)))
      .executeTakeFirst();
    if (duplicate)
      return { ok: false as const, status: 400 as const, errors: { role: "workspace:errors.roleAlreadyHeld" } };
    const { id } = await trx
      .insertInto("role_assignment")
      .values({ user_id: userId, role, organisation_id: organisationId, kas_code: kasCode })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("app_user").set({ updated_at: new Date() }).where("id", "=", userId).execute();
    await recordAudit(trx, audit, {
      action: "user.role.add",
      subjectType: "user",
      subjectId: userId,
      before: null,
      after: { role: { id, role, organisation_id: organisationId, kas_code: kasCode } },
    });
    return { ok: true as const, assignmentId: id };
  });
}

/** Takes one role away from a user (administrators, never from themselves; never the last administrator). */
export async function removeRoleAssignment(
  db: Db,
  audit: AuditContext,
  userId: string,
  input: { assignmentId: unknown },
): Promise<{ ok: true } | CommandFailure> {
  if (!identityPolicy.can(audit.actor, "user.manage", { userId })) return FORBIDDEN;
  return inTransactionWithInput(db, RoleRemovalSchema, input, async (trx, { assignmentId }) => {
    const assignment = await trx
      .selectFrom("role_assignment")
      .select(["id", "role", "organisation_id", "kas_code"])
      .where("id", "=", assignmentId)
      .where("user_id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!assignment) return NOT_FOUND;
    if (assignment.role === "platform_admin" && (await countOtherAdministrators(trx, { assignmentId })) === 0) {
      return LAST_ADMINISTRATOR;
    }
    await trx.deleteFrom("role_assignment").where("id", "=", assignmentId).execute();
    await trx.updateTable("app_user").set({ updated_at: new Date() }).where("id", "=", userId).execute();
    await recordAudit(trx, audit, {
      action: "user.role.remove",
      subjectType: "user",
      subjectId: userId,
      before: { role: assignment },
      after: null,
    });
    return { ok: true as const };
  });
}

/** The refusal of deactivating a user who is the last active administrator, or null. */
async function lastAdministratorRefusal(trx: Db, userId: string): Promise<CommandFailure | null> {
  const isAdministrator = await findsAnyRow(
    trx.selectFrom("role_assignment").where("user_id", "=", userId).where("role", "=", "platform_admin"),
  );
  if (isAdministrator && (await countOtherAdministrators(trx, { userId })) === 0) {
    return LAST_ADMINISTRATOR;
  }
  return null;
}

/**
 * Deactivates (signing the user out everywhere) or reactivates a user, if nobody changed the user
 * since the administrator loaded the page; never the last active administrator.
 */
export async function setUserActive(
  db: Db,
  audit: AuditContext,
  userId: string,
  input: { version: unknown; isActive: boolean },
): Promise<{ ok: true } | CommandFailure> {
  if (!identityPolicy.can(audit.actor, "user.manage", { userId })) return FORBIDDEN;
  return inTransactionWithInput(db, UserActiveSchema, { version: input.version }, async (trx, { version }) => {
    const changed = await changeActiveFlag(trx, audit, {
      table: "app_user",
      id: userId,
      subjectType: "user",
      isActive: input.isActive,
      version,
      notFound: NOT_FOUND,
      editedByOthers: "workspace:errors.editedByOthers",
      refusal: async () => (input.isActive ? null : lastAdministratorRefusal(trx, userId)),
      alongside: async () => {
        if (!input.isActive) await endAllSessions(trx, userId);
      },
    });
    return changed.ok ? { ok: true as const } : changed;
  });
}
