import { randomUUID } from "node:crypto";
import { sql, type ExpressionBuilder, type SelectExpression, type UpdateObject } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { Database } from "#app/db/schema.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { recordAudit, type AuditContext, type AuditEntry } from "#app/services/audit.server.ts";
import { requiresTwoFactor, type Actor, type Role } from "#app/services/authorization.ts";
import { errorsByField } from "#app/services/form-errors.ts";
import { enqueueJob } from "#app/services/jobs.server.ts";
import { enqueueMail, type OutgoingMail } from "#app/services/mail.server.ts";
import { identityPolicy } from "./identity.policy.ts";
import { emailVerificationMail, invitationMail, passwordResetMail } from "./identity.mail.server.ts";
import {
  findEmailToken,
  findUserByEmail,
  findUserById,
  getOrganisationName,
  parseInvitationData,
  emailTokenStatus,
} from "./identity.queries.server.ts";
import { InvitationInputSchema } from "./identity.schema.ts";
import {
  hashPassword,
  needsRehash,
  passwordPolicyError,
  verifyAgainstDummyHash,
  verifyPassword,
} from "./passwords.server.ts";
import { clientBucket } from "#app/services/client-address.ts";
import {
  hitOverLimit,
  hitRateLimit,
  isOverLimit,
  minutesUntilReset,
  peekRateLimit,
  resetRateLimit,
  resetRateLimitsStartingWith,
  type Limit,
} from "./rate-limit.server.ts";
import { createSession, createToken, endAllSessions, endSession, hashToken } from "./sessions.server.ts";
import { verifyTotpCode, createTotpSecret } from "./two-factor.server.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How long the links sent by e-mail stay valid. */
export const TOKEN_LIFETIME_MS = {
  invitation: 7 * 24 * HOUR,
  password_reset: HOUR,
  email_verification: 24 * HOUR,
} as const;

/**
 * Limits against guessing that an attacker cannot turn against others (decisions 009 and 024).
 * Attempts are counted per e-mail address *and client* (whether or not an account exists, so the
 * answers cannot tell the two apart): five wrong passwords lock that pair, not the account, so
 * its owner still signs in from elsewhere. Attempts per client cap what one client may try over
 * all addresses. Failures per account from every client together only slow further attempts down
 * (a growing delay, at most a minute), against guessing spread over many clients. There is no
 * platform-wide lock.
 */
export const LIMITS = {
  /** Sign-in attempts per e-mail address and client: the fifth failure locks the pair for the whole window. */
  signInPerEmail: { max: 5, windowMs: 15 * MINUTE },
  /** Sign-in attempts per client (over all addresses). */
  // SIGN_IN_MAX_PER_ADDRESS raises it where one address stands for many people (the browser tests share one server).
  signInPerAddress: { max: Number(process.env.SIGN_IN_MAX_PER_ADDRESS) || 50, windowMs: 15 * MINUTE },
  /** Failures per account from all clients, counted for the progressive delay. */
  signInFailuresPerAccount: { max: 10, windowMs: 15 * MINUTE },
  /** Wrong two-factor codes per user: the fifth ends the session and blocks codes for the window. */
  twoFactorPerUser: { max: 5, windowMs: 15 * MINUTE },
  /** Wrong codes while confirming the set-up, per session. */
  twoFactorSetupPerSession: { max: 5, windowMs: 15 * MINUTE },
  /** Password reset e-mails per address, and per client address. */
  resetPerEmail: { max: 3, windowMs: HOUR },
  resetPerAddress: { max: 20, windowMs: HOUR },
  /** Verification e-mails per user. */
  verificationPerUser: { max: 3, windowMs: HOUR },
} satisfies Record<string, Limit>;

/**
 * Once an account has had `signInFailuresPerAccount.max` failures in the window, it accepts one
 * attempt per delay, doubling from one second with each further failure, up to a minute.
 */
export const ACCOUNT_DELAY = { firstMs: 1_000, maxMs: 60_000 } as const;

const normalisedEmail = (email: string) => email.trim().toLowerCase();
/** Attempts of one e-mail address from one client (the lock-out pair). */
const pairPrefix = (email: string) => `sign-in:email-client:${normalisedEmail(email)}|`;
const pairKey = (email: string, clientAddress: string | null) =>
  `${pairPrefix(email)}${clientAddress ? clientBucket(clientAddress) : "unknown"}`;
/** Failures of one e-mail address from every client (the progressive delay). */
const accountFailuresKey = (email: string) => `sign-in:email:${normalisedEmail(email)}`;
/** The next attempt the delay lets through. */
const accountGateKey = (email: string) => `sign-in:email-gate:${normalisedEmail(email)}`;
const addressKey = (address: string) => `sign-in:address:${clientBucket(address)}`;

/** The delay before the next attempt after `failures` failures of one account (0 below the threshold). */
export function accountDelayMs(failures: number): number {
  const over = failures - LIMITS.signInFailuresPerAccount.max;
  if (over < 0) return 0;
  return Math.min(ACCOUNT_DELAY.maxMs, ACCOUNT_DELAY.firstMs * 2 ** Math.min(over, 20));
}
const twoFactorKey = (userId: string) => `two-factor:user:${userId}`;

/** The answer of a command: done, or the problems by field (translation keys). */
export type CommandOutcome = { ok: true } | { ok: false; errors: Record<string, string> };

/** Why a sign-in (or a password proof) was refused. */
export type CredentialFailure = { ok: false; reason: "invalid" } | { ok: false; reason: "locked"; minutes: number };

/** A user seen as the actor of the audit records they cause before they are signed in. */
function actorFor(user: { id: string; name: string; email: string }): Actor {
  return { kind: "user", userId: user.id, name: user.name, email: user.email, grants: [], twoFactorVerified: false };
}

function lockedFor(state: { resetsAt: Date }, now: Date): { ok: false; reason: "locked"; minutes: number } {
  return { ok: false, reason: "locked", minutes: minutesUntilReset({ hits: 0, resetsAt: state.resetsAt }, now) };
}

/**
 * Counts one attempt to prove a password for an e-mail address, before the password is checked,
 * so that concurrent requests cannot get more than five guesses per client. Returns a lock-out
 * when the client, or this address from this client, has used up its attempts, or when the
 * account's progressive delay has not passed yet.
 */
async function admitAttempt(
  db: Db,
  email: string,
  clientAddress: string | null,
  now: Date,
): Promise<CredentialFailure | null> {
  if (clientAddress) {
    const perAddress = await hitRateLimit(db, addressKey(clientAddress), LIMITS.signInPerAddress, { now });
    if (perAddress.hits > LIMITS.signInPerAddress.max) return lockedFor(perAddress, now);
  }
  const perPair = await hitRateLimit(db, pairKey(email, clientAddress), LIMITS.signInPerEmail, {
    now,
    restartWindowAt: LIMITS.signInPerEmail.max,
  });
  if (perPair.hits > LIMITS.signInPerEmail.max) return lockedFor(perPair, now);
  const failures = await peekRateLimit(db, accountFailuresKey(email), LIMITS.signInFailuresPerAccount, now);
  const delay = accountDelayMs(failures.hits);
  if (delay > 0) {
    // One attempt per delay: the gate's window starts at the attempt it let through.
    const gate = await hitRateLimit(db, accountGateKey(email), { max: 1, windowMs: delay }, { now });
    if (gate.hits > 1) return lockedFor(gate, now);
  }
  return null;
}

/** An id no user has (the nil UUID): the target of the unknown address's equivalent update. */
const NO_USER_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Records a failed proof: the account's failure count (for the progressive delay), and for a real
 * account its failure count and, once the address is locked for this client, `locked_until` and an
 * audit record. Returns the answer to give: "invalid", or "locked" when this failure used up the
 * client's last attempt.
 */
async function recordFailure(
  db: Db,
  email: string,
  user: { id: string; name: string; email: string } | undefined,
  meta: Pick<RequestMeta, "requestId" | "clientAddress">,
  now: Date,
): Promise<CredentialFailure> {
  await hitRateLimit(db, accountFailuresKey(email), LIMITS.signInFailuresPerAccount, { now });
  const state = await peekRateLimit(db, pairKey(email, meta.clientAddress), LIMITS.signInPerEmail, now);
  const isLocked = isOverLimit(state, LIMITS.signInPerEmail);
  // The same statements for an unknown address as for an account (the update then matches no row),
  // so neither the query count nor the time tells whether the account exists.
  await db.transaction().execute(async (trx) => {
    await countFailedProof(trx, user?.id ?? NO_USER_ID, isLocked ? state.resetsAt : null);
    if (user && isLocked) {
      await recordLock(trx, { actor: { kind: "anonymous" }, requestId: meta.requestId }, user.id, {
        locked_until: state.resetsAt,
        client: meta.clientAddress,
      });
    }
  });
  return isLocked ? lockedFor(state, now) : { ok: false, reason: "invalid" };
}

/** Counts one more failed proof on an account's row and, when it locked the account, until when. */
async function countFailedProof(trx: Db, userId: string, lockedUntil: Date | null): Promise<void> {
  await trx
    .updateTable("app_user")
    .set((eb) => ({
      failed_sign_ins: eb("failed_sign_ins", "+", 1),
      ...(lockedUntil ? { locked_until: lockedUntil } : {}),
    }))
    .where("id", "=", userId)
    .execute();
}

/** Records "user.lock" on an account, with until when and why (`details`). */
async function recordLock(trx: Db, context: AuditContext, userId: string, details: Record<string, unknown>) {
  await recordAudit(trx, context, { action: "user.lock", subjectType: "user", subjectId: userId, after: details });
}

/**
 * Records a failed proof (`recordFailure`) and answers it: the lock-out when this failure used up the
 * client's last attempt, otherwise `errors` on the form.
 */
async function refusedProof(
  db: Db,
  email: string,
  user: { id: string; name: string; email: string },
  meta: Pick<RequestMeta, "requestId" | "clientAddress">,
  now: Date,
  errors: Record<string, string>,
): Promise<CredentialFailure | { ok: false; errors: Record<string, string> }> {
  const failure = await recordFailure(db, email, user, meta, now);
  return failure.reason === "locked" ? failure : { ok: false, errors };
}

/** A change to a user's own row, as `updateTable("app_user").set(…)` takes it. */
type UserRowChange =
  | UpdateObject<Database, "app_user">
  | ((eb: ExpressionBuilder<Database, "app_user">) => UpdateObject<Database, "app_user">);

/**
 * Writes a change to a user's own row and records it on the user (`entry`: the action, what it was and
 * what it is), in the caller's transaction.
 */
async function writeUserChange(
  trx: Db,
  context: AuditContext,
  userId: string,
  set: UserRowChange,
  entry: Pick<AuditEntry, "action" | "before" | "after">,
): Promise<void> {
  await trx.updateTable("app_user").set(set).where("id", "=", userId).execute();
  await recordAudit(trx, context, { ...entry, subjectType: "user", subjectId: userId });
}

/** Clears the failure counts of an address (from every client) once its owner has fully proven who they are. */
async function clearFailures(db: Db, email: string, userId: string): Promise<void> {
  await resetRateLimitsStartingWith(db, pairPrefix(email));
  await resetRateLimit(db, accountFailuresKey(email));
  await resetRateLimit(db, accountGateKey(email));
  await db.updateTable("app_user").set({ failed_sign_ins: 0, locked_until: null }).where("id", "=", userId).execute();
}

/** Where the request comes from, for the session list and per-address limits. */
export interface RequestMeta {
  userAgent: string | null;
  clientAddress: string | null;
  requestId: string | null;
}

export type SignInResult = { ok: true; token: string; userId: string; twoFactorPending: boolean } | CredentialFailure;

/**
 * Signs in with e-mail and password. The same answer for an unknown address, an inactive account
 * and a wrong password (and the same work: a dummy hash is verified); five failures within 15
 * minutes lock the address for 15 minutes, whether or not it has an account. On success a new
 * session replaces the one the browser had (rotation); accounts with two-factor authentication
 * get a session that still needs the code.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; previousSessionId: string | null } & RequestMeta,
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const refused = await admitAttempt(db, email, input.clientAddress, now);
  if (refused) return refused;
  const user = await findUserByEmail(db, email);
  const isValid =
    user && user.is_active && user.password_hash
      ? await verifyPassword(user.password_hash, input.password)
      : await verifyAgainstDummyHash(input.password);
  if (!user || !isValid) return recordFailure(db, email, user, input, now);

  const twoFactorPending = user.totp_enabled_at !== null;
  const rehash = user.password_hash && needsRehash(user.password_hash) ? await hashPassword(input.password) : null;
  const token = await db.transaction().execute(async (trx) => {
    if (input.previousSessionId) await endSession(trx, input.previousSessionId);
    // A session counts as two-factor verified only once a code has been given (completeTwoFactorSignIn,
    // or confirming the set-up), so the roles that require it are sent to set it up.
    const created = await createSession(trx, user.id, {
      userAgent: input.userAgent,
      ip: input.clientAddress,
      twoFactorVerified: false,
    });
    if (rehash) await trx.updateTable("app_user").set({ password_hash: rehash }).where("id", "=", user.id).execute();
    // The password was right; wrong codes are counted separately, per user (see completeTwoFactorSignIn).
    await clearFailures(trx, email, user.id);
    await recordAudit(
      trx,
      { actor: actorFor(user), requestId: input.requestId },
      {
        action: "user.sign_in",
        subjectType: "user",
        subjectId: user.id,
        after: { two_factor_pending: twoFactorPending },
      },
    );
    return created;
  });
  return { ok: true, token, userId: user.id, twoFactorPending };
}

export type TwoFactorSignInResult =
  | { ok: true; token: string }
  | { ok: false; reason: "invalid"; attemptsLeft: number }
  | { ok: false; reason: "ended" }
  | { ok: false; reason: "locked"; minutes: number };

/**
 * The second step of signing in: checks the authenticator code of a session that still needs it.
 * A right code (each works only once) replaces the session with a verified one. Wrong codes are
 * counted per user, whichever session they come from: the fifth within 15 minutes ends the
 * session, and until the window is over no code is checked at all (signing in again with the
 * password does not buy more guesses).
 */
export async function completeTwoFactorSignIn(
  db: Db,
  input: { sessionId: string; userId: string; code: string } & RequestMeta,
  now: Date = new Date(),
): Promise<TwoFactorSignInResult> {
  const user = await findUserById(db, input.userId);
  if (!user || !user.is_active || !user.totp_secret || !user.totp_enabled_at) {
    await endSession(db, input.sessionId);
    return { ok: false, reason: "ended" };
  }
  const limit = LIMITS.twoFactorPerUser;
  const key = twoFactorKey(user.id);
  const attempts = await hitRateLimit(db, key, limit, { now, restartWindowAt: limit.max });
  if (attempts.hits > limit.max) {
    await endSession(db, input.sessionId);
    return lockedFor(attempts, now);
  }
  const step = verifyTotpCode(user.totp_secret, input.code, user.totp_last_step, now.getTime());
  const token =
    step === null
      ? null
      : await db.transaction().execute(async (trx) => {
          if (!(await acceptTotpStep(trx, user.id, step))) return null;
          await endSession(trx, input.sessionId);
          const created = await createSession(trx, user.id, {
            userAgent: input.userAgent,
            ip: input.clientAddress,
            twoFactorVerified: true,
          });
          await resetRateLimit(trx, key);
          await trx
            .updateTable("app_user")
            .set({ failed_sign_ins: 0, locked_until: null })
            .where("id", "=", user.id)
            .execute();
          await recordAudit(
            trx,
            { actor: actorFor(user), requestId: input.requestId },
            { action: "user.two_factor_verify", subjectType: "user", subjectId: user.id },
          );
          return created;
        });
  if (token) return { ok: true, token };

  const isLocked = attempts.hits >= limit.max;
  await db.transaction().execute(async (trx) => {
    await countFailedProof(trx, user.id, isLocked ? attempts.resetsAt : null);
    if (isLocked) {
      await endSession(trx, input.sessionId);
      await recordLock(trx, { actor: actorFor(user), requestId: input.requestId }, user.id, {
        locked_until: attempts.resetsAt,
        reason: "two_factor",
      });
    }
  });
  return isLocked
    ? { ok: false, reason: "ended" }
    : { ok: false, reason: "invalid", attemptsLeft: limit.max - attempts.hits };
}

/** Stores a newly accepted TOTP step; false when that step (or a later one) was already used (a replay). */
async function acceptTotpStep(trx: Db, userId: string, step: number): Promise<boolean> {
  const result = await trx
    .updateTable("app_user")
    .set({ totp_last_step: step })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Signs out: ends the session (the route clears the cookie). */
export async function signOut(db: Db, audit: AuditContext, sessionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await endSession(trx, sessionId);
    if (audit.actor.kind === "user") {
      await recordAudit(trx, audit, { action: "user.sign_out", subjectType: "user", subjectId: audit.actor.userId });
    }
  });
}

/** Inserts a single-use token and returns its clear value (only its hash is stored). */
async function issueToken(
  trx: Db,
  input: {
    purpose: keyof typeof TOKEN_LIFETIME_MS;
    userId: string | null;
    email: string;
    data?: Record<string, unknown>;
    now: Date;
  },
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = createToken();
  const id = hashToken(token);
  const expiresAt = new Date(input.now.getTime() + TOKEN_LIFETIME_MS[input.purpose]);
  await trx
    .insertInto("auth_token")
    .values({
      id,
      purpose: input.purpose,
      user_id: input.userId,
      email: input.email,
      data: input.data ?? {},
      expires_at: expiresAt,
    })
    .execute();
  return { token, id, expiresAt };
}

/**
 * Sends a user a single-use link by e-mail (a token for `purpose`, the link to `/{locale}/{page}/{token}` on the
 * platform's public address) and records `action` on the user, in the caller's transaction.
 */
async function mailUserLink(
  trx: Db,
  context: AuditContext,
  user: { id: string; name: string; email: string },
  link: {
    purpose: keyof typeof TOKEN_LIFETIME_MS;
    mail: (locale: Locale, input: { to: string; name: string; link: string }) => OutgoingMail;
    page: string;
    request: { locale: Locale; publicUrl: string };
    now: Date;
    action: string;
  },
): Promise<void> {
  const { token } = await issueToken(trx, { purpose: link.purpose, userId: user.id, email: user.email, now: link.now });
  const { locale, publicUrl } = link.request;
  await enqueueMail(
    trx,
    link.mail(locale, { to: user.email, name: user.name, link: `${publicUrl}/${locale}/${link.page}/${token}` }),
  );
  await recordAudit(trx, context, { action: link.action, subjectType: "user", subjectId: user.id });
}

/**
 * Marks a token used, atomically: only one request can use it, and only while it is valid.
 * Returns the row, or null when it is unknown, used or expired.
 */
async function consumeToken(trx: Db, token: string, purpose: keyof typeof TOKEN_LIFETIME_MS, now: Date) {
  const row = await trx
    .updateTable("auth_token")
    .set({ used_at: now })
    .where("id", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["id", "user_id", "email", "data"])
    .executeTakeFirst();
  return row ?? null;
}

/** The input of `createInvitation`. */
export interface InvitationInput {
  email: string;
  name: string;
  role: Role;
  organisationId: number | null;
  kasCode: string | null;
  /** The language of the e-mail and of the link. */
  locale: Locale;
  /** The platform's public base URL (`ctx.publicUrl`), for the absolute link. */
  publicUrl: string;
}

/**
 * Invites someone to the platform with a role (for an organisation or a municipality): checks the
 * policy (`user.invite`), stores a single-use token valid for 7 days, puts the e-mail with the
 * link `/{locale}/accept-invitation/{token}` in the outbox and records the audit entry, all in the
 * caller's transaction. Returns the token (for tests; the link reaches the person by e-mail).
 */
export async function createInvitation(
  trx: Db,
  audit: AuditContext,
  input: InvitationInput,
): Promise<{ ok: true; token: string } | { ok: false; errors: Record<string, string> }> {
  const parsed = InvitationInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: errorsByField(parsed.error.issues) };
  const { email, name, role, organisationId, kasCode } = parsed.data;
  if (!identityPolicy.can(audit.actor, "user.invite", { role, organisationId }))
    return { ok: false, errors: { form: "identity:errors.notAllowed" } };

  const existing = await findUserByEmail(trx, email);
  if (existing) {
    const held = await trx
      .selectFrom("role_assignment")
      .select("id")
      .where("user_id", "=", existing.id)
      .where("role", "=", role)
      .where(sql<boolean>`coalesce(organisation_id, 0) = ${organisationId ?? 0}`)
      .where(sql<boolean>`coalesce(kas_code, '') = ${kasCode ?? ""}`)
      .executeTakeFirst();
    if (held) return { ok: false, errors: { email: "identity:errors.alreadyHasRole" } };
  }

  const now = new Date();
  const { token, id, expiresAt } = await issueToken(trx, {
    purpose: "invitation",
    userId: existing?.id ?? null,
    email,
    data: { organisationId, role, kasCode, name, locale: input.locale },
    now,
  });
  const organisationName = organisationId === null ? null : await getOrganisationName(trx, organisationId);
  await enqueueMail(
    trx,
    invitationMail(input.locale, {
      to: email,
      name,
      role,
      organisationName: organisationName ? localizedString(organisationName, input.locale) : null,
      link: `${input.publicUrl}/${input.locale}/accept-invitation/${token}`,
    }),
  );
  await recordAudit(trx, audit, {
    action: "user.invite",
    subjectType: "invitation",
    subjectId: id.slice(0, 16),
    organisationId,
    after: { email, name, role, organisation_id: organisationId, kas_code: kasCode, expires_at: expiresAt },
  });
  return { ok: true, token };
}

/** The background job that looks the address up and sends the reset link (see requestPasswordReset). */
export const PASSWORD_RESET_JOB = "identity.password_reset";

/** What the reset job needs: the address as typed (normalised), the page's language and when it was asked. */
export interface PasswordResetRequest {
  email: string;
  locale: Locale;
  publicUrl: string;
  requestedAt: string;
  requestId: string | null;
}

/**
 * "I forgot my password": unless the address or the client has asked too often, queues the
 * password-reset job, for every address alike. Whether an account exists is found out only by the
 * job, so the request does the same work (the same statements, in the same time) for an unknown
 * address as for a real one, and the page shows the same confirmation.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; locale: Locale; publicUrl: string } & RequestMeta,
  now: Date = new Date(),
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  if (input.clientAddress) {
    if (await hitOverLimit(db, `reset:address:${input.clientAddress}`, LIMITS.resetPerAddress, now)) return;
  }
  if (await hitOverLimit(db, `reset:email:${email}`, LIMITS.resetPerEmail, now)) return;
  const request: PasswordResetRequest = {
    email,
    locale: input.locale,
    publicUrl: input.publicUrl,
    requestedAt: now.toISOString(),
    requestId: input.requestId,
  };
  await enqueueJob(db, PASSWORD_RESET_JOB, request, { maxAttempts: 3 });
}

/**
 * The reset job: when an active account has the address, stores a reset token valid for an hour
 * from the request and queues the e-mail with the link, with its audit record, in one
 * transaction. Nothing happens for an unknown or inactive address.
 */
export async function sendPasswordReset(db: Db, request: PasswordResetRequest): Promise<{ sent: boolean }> {
  const user = await findUserByEmail(db, request.email);
  if (!user || !user.is_active) return { sent: false };
  const now = new Date(request.requestedAt);
  await db.transaction().execute((trx) =>
    mailUserLink(trx, { actor: { kind: "anonymous" }, requestId: request.requestId }, user, {
      purpose: "password_reset",
      mail: passwordResetMail,
      page: "reset-password",
      request,
      now,
      action: "user.password_reset_request",
    }),
  );
  return { sent: true };
}

export type TokenFailure = { ok: false; reason: "gone" | "unknown" };

/**
 * Sets a new password from a reset link: uses the token up (once, within the hour), stores the
 * new hash, ends every session of the user, lifts a lock-out (the owner of the address has proven
 * who they are) and records "user.password_reset".
 */
export async function resetPassword(
  db: Db,
  input: { token: string; newPassword: string; requestId: string | null },
  now: Date = new Date(),
): Promise<{ ok: true; email: string } | { ok: false; errors: Record<string, string> } | TokenFailure> {
  const row = await findEmailToken(db, input.token, "password_reset");
  const status = emailTokenStatus(row, now);
  if (!row?.user_id || status !== "valid") return { ok: false, reason: status === "valid" ? "unknown" : status };
  const user = await findUserById(db, row.user_id);
  if (!user || !user.is_active) return { ok: false, reason: "gone" };
  const policyError = passwordPolicyError(input.newPassword, user.email);
  if (policyError) return { ok: false, errors: { newPassword: policyError } };
  const hash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const used = await consumeToken(trx, input.token, "password_reset", now);
    if (!used) return { ok: false, reason: "gone" } as const;
    // Other reset links sent earlier stop working too.
    await trx
      .updateTable("auth_token")
      .set({ used_at: now })
      .where("user_id", "=", user.id)
      .where("purpose", "=", "password_reset")
      .where("used_at", "is", null)
      .execute();
    await endAllSessions(trx, user.id);
    await clearFailures(trx, user.email, user.id);
    await writeUserChange(
      trx,
      { actor: actorFor(user), requestId: input.requestId },
      user.id,
      (eb) => ({ password_hash: hash, updated_at: now, version: eb("version", "+", 1) }),
      { action: "user.password_reset", before: { password_hash: user.password_hash }, after: { password_hash: hash } },
    );
    return { ok: true, email: user.email } as const;
  });
}

/** Sends (again) the link that confirms the user's e-mail address; at most three an hour. */
export async function sendVerificationEmail(
  db: Db,
  audit: AuditContext,
  input: { userId: string; locale: Locale; publicUrl: string },
  now: Date = new Date(),
): Promise<CommandOutcome> {
  if (!mayUpdateProfile(audit, input.userId)) return { ok: false, errors: { form: "identity:errors.notAllowed" } };
  const user = await findUserById(db, input.userId);
  if (!user) return { ok: false, errors: { form: "identity:errors.notAllowed" } };
  if (user.email_verified_at) return { ok: false, errors: { form: "identity:errors.alreadyVerified" } };
  if (await hitOverLimit(db, `verify:user:${user.id}`, LIMITS.verificationPerUser, now))
    return { ok: false, errors: { form: "identity:errors.tooManyEmails" } };
  await db.transaction().execute((trx) =>
    mailUserLink(trx, audit, user, {
      purpose: "email_verification",
      mail: emailVerificationMail,
      page: "verify-email",
      request: input,
      now,
      action: "user.verification_send",
    }),
  );
  return { ok: true };
}

/** Confirms an e-mail address from its link (once, within 24 hours, and only for the address it was sent to). */
export async function verifyEmail(
  db: Db,
  input: { token: string; requestId: string | null },
  now: Date = new Date(),
): Promise<{ ok: true } | TokenFailure> {
  const row = await findEmailToken(db, input.token, "email_verification");
  const status = emailTokenStatus(row, now);
  if (!row?.user_id || status !== "valid") return { ok: false, reason: status === "valid" ? "unknown" : status };
  const user = await findUserById(db, row.user_id);
  if (!user || user.email.toLowerCase() !== row.email.toLowerCase()) return { ok: false, reason: "gone" };
  return db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, input.token, "email_verification", now)))
      return { ok: false, reason: "gone" } as const;
    if (!user.email_verified_at) {
      await writeUserChange(
        trx,
        { actor: actorFor(user), requestId: input.requestId },
        user.id,
        (eb) => ({ email_verified_at: now, updated_at: now, version: eb("version", "+", 1) }),
        { action: "user.email_verify", before: { email_verified_at: null }, after: { email_verified_at: now } },
      );
    }
    return { ok: true } as const;
  });
}

export type AcceptInvitationResult =
  | { ok: true; token: string; userId: string; twoFactorPending: boolean }
  | { ok: false; errors: Record<string, string> }
  | CredentialFailure
  | TokenFailure;

/**
 * Accepts an invitation. A new person gives a name and a password: their account is created with
 * the e-mail address already verified (the link proves it). Someone who already has an account
 * proves it with their password (counted like a sign-in attempt). Either way the role is assigned,
 * the token is used up, a new session is started, and "user.create" / "role.assign" are recorded.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; previousSessionId: string | null } & (
    { kind: "new"; name: string; newPassword: string } | { kind: "existing"; password: string }
  ) &
    RequestMeta,
  now: Date = new Date(),
): Promise<AcceptInvitationResult> {
  const row = await findEmailToken(db, input.token, "invitation");
  const status = emailTokenStatus(row, now);
  const invitation = row ? parseInvitationData(row.data) : null;
  if (!row || !invitation || status !== "valid") return { ok: false, reason: status === "valid" ? "unknown" : status };
  const email = row.email.trim().toLowerCase();
  const existing = await findUserByEmail(db, email);

  let user: { id: string; name: string; email: string };
  let passwordHash: string | null = null;
  let twoFactorPending = false;
  if (existing) {
    if (input.kind !== "existing") return { ok: false, errors: { form: "identity:errors.accountExists" } };
    const refused = await admitAttempt(db, email, input.clientAddress, now);
    if (refused) return refused;
    const isValid =
      existing.is_active && existing.password_hash
        ? await verifyPassword(existing.password_hash, input.password)
        : await verifyAgainstDummyHash(input.password);
    if (!isValid) return refusedProof(db, email, existing, input, now, { password: "identity:errors.passwordWrong" });
    user = existing;
    twoFactorPending = existing.totp_enabled_at !== null;
  } else {
    if (input.kind !== "new") return { ok: false, errors: { form: "identity:errors.accountMissing" } };
    const policyError = passwordPolicyError(input.newPassword, email);
    if (policyError) return { ok: false, errors: { newPassword: policyError } };
    passwordHash = await hashPassword(input.newPassword);
    user = { id: randomUUID(), name: input.name, email };
  }

  const locale = invitation.locale ?? "sq";
  const result = await db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, input.token, "invitation", now))) return null;
    const actor = actorFor(user);
    if (!existing) {
      const created = {
        id: user.id,
        email,
        name: user.name,
        password_hash: passwordHash,
        preferred_locale: locale,
        email_verified_at: now,
      };
      await trx.insertInto("app_user").values(created).execute();
      await recordAudit(
        trx,
        { actor, requestId: input.requestId },
        { action: "user.create", subjectType: "user", subjectId: user.id, after: created },
      );
    }
    const assignment = await trx
      .insertInto("role_assignment")
      .values({
        user_id: user.id,
        role: invitation.role,
        organisation_id: invitation.organisationId,
        kas_code: invitation.kasCode,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (assignment) {
      await recordAudit(
        trx,
        { actor, requestId: input.requestId },
        {
          action: "role.assign",
          subjectType: "user",
          subjectId: user.id,
          organisationId: invitation.organisationId,
          after: { role: invitation.role, organisation_id: invitation.organisationId, kas_code: invitation.kasCode },
        },
      );
    }
    if (existing) await clearFailures(trx, email, user.id);
    if (input.previousSessionId) await endSession(trx, input.previousSessionId);
    return createSession(trx, user.id, {
      userAgent: input.userAgent,
      ip: input.clientAddress,
      twoFactorVerified: false,
    });
  });
  if (!result) return { ok: false, reason: "gone" };
  return { ok: true, token: result, userId: user.id, twoFactorPending };
}

/** Refuses a profile change the actor may not make. */
function mayUpdateProfile(audit: AuditContext, userId: string): boolean {
  return identityPolicy.can(audit.actor, "profile.update", { userId });
}

/** The user's row (the columns asked for), locked until the transaction that changes it ends. */
function lockedUser<SE extends SelectExpression<Database, "app_user">>(
  trx: Db,
  userId: string,
  columns: readonly SE[],
) {
  return trx.selectFrom("app_user").select(columns).where("id", "=", userId).forUpdate();
}

/**
 * Saves the profile's name, interface language and spoken languages, only if nobody changed the
 * profile since the form was loaded (`version`); otherwise nothing is written ("conflict").
 */
export async function updateProfile(
  db: Db,
  audit: AuditContext,
  input: { userId: string; version: number; name: string; preferredLocale: Locale; languages: string[] },
): Promise<{ ok: true } | { ok: false; reason: "conflict" } | { ok: false; errors: Record<string, string> }> {
  if (!mayUpdateProfile(audit, input.userId)) return { ok: false, errors: { form: "identity:errors.notAllowed" } };
  return db.transaction().execute(async (trx) => {
    const before = await lockedUser(trx, input.userId, [
      "name",
      "preferred_locale",
      "languages",
      "version",
    ]).executeTakeFirst();
    if (!before || before.version !== input.version) return { ok: false, reason: "conflict" } as const;
    const after = {
      name: input.name,
      preferred_locale: input.preferredLocale,
      languages: [...new Set(input.languages)],
    };
    const result = await trx
      .updateTable("app_user")
      .set((eb) => ({ ...after, updated_at: new Date(), version: eb("version", "+", 1) }))
      .where("id", "=", input.userId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { ok: false, reason: "conflict" } as const;
    await recordAudit(trx, audit, {
      action: "user.update",
      subjectType: "user",
      subjectId: input.userId,
      before,
      after,
    });
    return { ok: true } as const;
  });
}

/**
 * Changes the password after checking the current one (a wrong one counts towards the lock-out),
 * and ends every other session of the user: whoever knew the old password is signed out.
 */
export async function changePassword(
  db: Db,
  audit: AuditContext,
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string } & RequestMeta,
  now: Date = new Date(),
): Promise<{ ok: true; endedSessions: number } | { ok: false; errors: Record<string, string> } | CredentialFailure> {
  if (!mayUpdateProfile(audit, input.userId)) return { ok: false, errors: { form: "identity:errors.notAllowed" } };
  const user = await findUserById(db, input.userId);
  if (!user?.password_hash) return { ok: false, errors: { form: "identity:errors.notAllowed" } };
  const refused = await admitAttempt(db, user.email, input.clientAddress, now);
  if (refused) return refused;
  if (!(await verifyPassword(user.password_hash, input.currentPassword)))
    return refusedProof(db, user.email, user, input, now, { currentPassword: "identity:errors.passwordWrong" });
  const policyError =
    passwordPolicyError(input.newPassword, user.email) ??
    (input.newPassword === input.currentPassword ? "identity:errors.passwordUnchanged" : null);
  if (policyError) {
    await resetRateLimit(db, pairKey(user.email, input.clientAddress));
    return { ok: false, errors: { newPassword: policyError } };
  }
  const hash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const endedSessions = await endAllSessions(trx, user.id, input.sessionId);
    await clearFailures(trx, user.email, user.id);
    await writeUserChange(
      trx,
      audit,
      user.id,
      (eb) => ({ password_hash: hash, updated_at: now, version: eb("version", "+", 1) }),
      {
        action: "user.password_change",
        before: { password_hash: user.password_hash },
        after: { password_hash: hash, ended_sessions: endedSessions },
      },
    );
    return { ok: true, endedSessions } as const;
  });
}

/** Ends every session of the user except the current one ("sign out everywhere else"). */
export async function endOtherSessions(
  db: Db,
  audit: AuditContext,
  input: { userId: string; sessionId: string },
): Promise<{ ok: true; ended: number } | { ok: false; errors: Record<string, string> }> {
  if (!mayUpdateProfile(audit, input.userId)) return { ok: false, errors: { form: "identity:errors.notAllowed" } };
  return db.transaction().execute(async (trx) => {
    const ended = await endAllSessions(trx, input.userId, input.sessionId);
    await recordAudit(trx, audit, {
      action: "user.sessions_end",
      subjectType: "user",
      subjectId: input.userId,
      after: { ended_sessions: ended },
    });
    return { ok: true, ended } as const;
  });
}

/**
 * Starts (or restarts) setting up two-factor authentication: a new secret is stored, not yet in
 * force, and shown on the set-up page until the user confirms it with a code.
 */
export async function startTwoFactorSetup(
  db: Db,
  audit: AuditContext,
  input: { userId: string },
): Promise<CommandOutcome> {
  if (!mayUpdateProfile(audit, input.userId)) return { ok: false, errors: { form: "identity:errors.notAllowed" } };
  return db.transaction().execute(async (trx) => {
    const user = await lockedUser(trx, input.userId, ["totp_enabled_at", "totp_secret"]).executeTakeFirstOrThrow();
    if (user.totp_enabled_at) return { ok: false, errors: { form: "identity:errors.twoFactorAlreadyOn" } } as const;
    const secret = createTotpSecret();
    await writeUserChange(
      trx,
      audit,
      input.userId,
      { totp_secret: secret, totp_last_step: null, updated_at: new Date() },
      { action: "user.two_factor_start", before: { totp_secret: user.totp_secret }, after: { totp_secret: secret } },
    );
    return { ok: true } as const;
  });
}

/**
 * Confirms the set-up with a first code from the app: two-factor authentication is then on, and
 * the current session counts as verified.
 */
export async function confirmTwoFactorSetup(
  db: Db,
  audit: AuditContext,
  input: { userId: string; sessionId: string; code: string },
  now: Date = new Date(),
): Promise<CommandOutcome> {
  if (!mayUpdateProfile(audit, input.userId)) return { ok: false, errors: { form: "identity:errors.notAllowed" } };
  const sessionKey = `two-factor-setup:session:${input.sessionId}`;
  if (await hitOverLimit(db, sessionKey, LIMITS.twoFactorSetupPerSession, now))
    return { ok: false, errors: { code: "identity:errors.tooManyCodes" } };
  const result = await db.transaction().execute(async (trx): Promise<CommandOutcome> => {
    const user = await lockedUser(trx, input.userId, [
      "totp_secret",
      "totp_enabled_at",
      "totp_last_step",
    ]).executeTakeFirstOrThrow();
    if (user.totp_enabled_at || !user.totp_secret)
      return { ok: false, errors: { form: "identity:errors.twoFactorNotPending" } };
    const step = verifyTotpCode(user.totp_secret, input.code, user.totp_last_step, now.getTime());
    if (step === null) return { ok: false, errors: { code: "identity:errors.codeWrong" } };
    await trx
      .updateTable("user_session")
      .set({ two_factor_verified: true })
      .where("id", "=", input.sessionId)
      .where("user_id", "=", input.userId)
      .execute();
    await writeUserChange(
      trx,
      audit,
      input.userId,
      { totp_enabled_at: now, totp_last_step: step, updated_at: now },
      { action: "user.two_factor_enable", before: { totp_enabled_at: null }, after: { totp_enabled_at: now } },
    );
    return { ok: true } as const;
  });
  if (result.ok) await resetRateLimit(db, sessionKey);
  return result;
}

/**
 * Turns two-factor authentication off after checking the password and a current code. Not
 * allowed for roles that require it (administrators and coordinators).
 */
export async function disableTwoFactor(
  db: Db,
  audit: AuditContext,
  input: { userId: string; password: string; code: string } & RequestMeta,
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> } | CredentialFailure> {
  if (!mayUpdateProfile(audit, input.userId)) return { ok: false, errors: { form: "identity:errors.notAllowed" } };
  if (requiresTwoFactor(audit.actor)) return { ok: false, errors: { form: "identity:errors.twoFactorRequired" } };
  const user = await findUserById(db, input.userId);
  if (!user?.password_hash || !user.totp_secret || !user.totp_enabled_at)
    return { ok: false, errors: { form: "identity:errors.twoFactorNotOn" } };
  const refused = await admitAttempt(db, user.email, input.clientAddress, now);
  if (refused) return refused;
  const isPasswordRight = await verifyPassword(user.password_hash, input.password);
  const step = isPasswordRight
    ? verifyTotpCode(user.totp_secret, input.code, user.totp_last_step, now.getTime())
    : null;
  if (!isPasswordRight || step === null) {
    const errors: Record<string, string> = isPasswordRight
      ? { code: "identity:errors.codeWrong" }
      : { password: "identity:errors.passwordWrong" };
    return refusedProof(db, user.email, user, input, now, errors);
  }
  return db.transaction().execute(async (trx) => {
    if (!(await acceptTotpStep(trx, user.id, step)))
      return { ok: false, errors: { code: "identity:errors.codeWrong" } } as const;
    await clearFailures(trx, user.email, user.id);
    const off = { totp_secret: null, totp_enabled_at: null };
    await writeUserChange(
      trx,
      audit,
      user.id,
      { ...off, updated_at: now },
      {
        action: "user.two_factor_disable",
        before: { totp_secret: user.totp_secret, totp_enabled_at: user.totp_enabled_at },
        after: off,
      },
    );
    return { ok: true } as const;
  });
}
