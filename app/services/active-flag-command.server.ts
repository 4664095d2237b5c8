import { lockActiveFlag, writeActiveFlag, type ActiveFlagTable } from "#app/db/active-flag.server.ts";
import { recordAudit, type AuditContext } from "./audit.server.ts";
import type { CommandFailure, Trx } from "./commands.server.ts";

/** Deactivating or reactivating one user or organisation, as its command asks for it. */
export interface ActiveFlagChange {
  table: ActiveFlagTable;
  id: string | number;
  /** The record in the audit log (`user`, `organisation`): the actions are `<subjectType>.deactivate` and `.reactivate`. */
  subjectType: string;
  /** The flag asked for. */
  isActive: boolean;
  /** The version the editor loaded. */
  version: number;
  /** The refusals when there is no such record and when its version is another (the 409's message). */
  notFound: CommandFailure;
  editedByOthers: string;
  /** The organisation the actor wrote for, in the audit record. */
  organisationId?: number | null;
  /** Checked before the flag changes: a failure refuses the change. */
  refusal?: () => Promise<CommandFailure | null>;
  /** Written with the flag, before its audit record. */
  alongside?: () => Promise<void>;
}

/**
 * Deactivates or reactivates a user or an organisation in the command's transaction: the row's flag and version
 * locked (`notFound` when there is none), a 409 when the version is not the one the editor loaded, nothing written
 * when the flag is already as asked (`changed: false`); else the change's own refusal, the flag written with one more
 * version, what the change writes alongside, and the audit record of the flag before and after.
 */
export async function changeActiveFlag(
  trx: Trx,
  audit: AuditContext,
  change: ActiveFlagChange,
): Promise<{ ok: true; version: number; changed: boolean } | CommandFailure> {
  const before = await lockActiveFlag(trx, change.table, change.id);
  if (!before) return change.notFound;
  if (before.version !== change.version) return { ok: false, status: 409, errors: { form: change.editedByOthers } };
  if (before.is_active === change.isActive) return { ok: true, version: before.version, changed: false };
  const refused = await change.refusal?.();
  if (refused) return refused;
  const version = await writeActiveFlag(trx, change.table, change.id, change.isActive);
  await change.alongside?.();
  await recordAudit(trx, audit, {
    action: `${change.subjectType}.${change.isActive ? "reactivate" : "deactivate"}`,
    subjectType: change.subjectType,
    subjectId: change.id,
    before: { is_active: before.is_active },
    after: { is_active: change.isActive },
    organisationId: change.organisationId,
  });
  return { ok: true, version, changed: true };
}
