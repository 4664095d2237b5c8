import type { Transaction } from "kysely";
import type { z } from "zod";
import type { Db } from "#app/db/client.server.ts";
import type { Database } from "#app/db/schema.ts";
import { errorsByField, type FieldIssue } from "./form-errors.ts";

/*
 * What every command shares (decision 033): one result shape, one way to refuse, one transaction
 * helper. Commands own their transactions: a route hands a command the database and the command
 * opens the transaction itself. A function that must run inside a caller's transaction (because it
 * takes a row lock, or must commit or roll back with the caller's other writes) types its parameter
 * `Trx`, so that a plain connection cannot be handed to it by mistake.
 */

/** A transaction on the application's database: what a function that takes locks or joins its caller's writes asks for. */
export type Trx = Transaction<Database>;

/** Why a command refused: the HTTP status the page answers with, the errors (translation keys) by field, and values for those keys. */
export type CommandFailure = {
  ok: false;
  status: 400 | 403 | 404 | 409 | 413;
  errors: Record<string, string>;
  params?: Record<string, string>;
};

/** What a command returns: success with what the caller needs, or a failure. */
export type CommandResult<T extends object = object> = ({ ok: true } & T) | CommandFailure;

/** A failure with `status` and field errors. */
export function fail(status: CommandFailure["status"], errors: Record<string, string>): CommandFailure {
  return { ok: false, status, errors };
}

/**
 * Runs `work` in the caller's transaction when `db` is one, or in a new transaction. Failures
 * returned (not thrown) by `work` commit what it wrote; use `inCommandTransaction` and `refuse` to
 * roll back.
 */
export function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Trx) : db.transaction().execute(work);
}

/** Thrown inside a transaction to roll it back and answer with the failure. */
class Refusal extends Error {
  constructor(readonly failure: CommandFailure) {
    super("refused");
  }
}

/** Refuses from inside `inCommandTransaction`: everything written so far is rolled back. */
export function refuse(failure: CommandFailure): never {
  throw new Refusal(failure);
}

/** Runs a command's work in a new transaction; a refusal rolls it back and becomes the result. */
export async function inCommandTransaction<T extends object>(
  db: Db,
  work: (trx: Trx) => Promise<T>,
): Promise<CommandResult<T>> {
  try {
    const value = await db.transaction().execute(work);
    return { ok: true, ...value };
  } catch (error) {
    if (error instanceof Refusal) return error.failure;
    throw error;
  }
}

/** What a command that creates or changes one addressable record returns on success. */
export type SavedRecord = { id: number; slug?: string };

/** A 400 with the errors of a schema's issues by field (`errorsByField`; `fieldOf` names an issue's field). */
export function invalidInput(
  issues: readonly FieldIssue[],
  fieldOf?: (path: readonly PropertyKey[]) => string,
): CommandFailure {
  return fail(400, errorsByField(issues, { fieldOf }));
}

/**
 * Validates a command's `input` with `schema`, then runs `work` with the parsed data in the caller's or a new
 * transaction (`inTransaction`). Invalid input is a 400 with the schema's errors by field (`invalidInput`), and
 * no transaction is opened for it.
 */
export function inTransactionWithInput<S extends z.ZodType, T>(
  db: Db,
  schema: S,
  input: unknown,
  work: (trx: Trx, data: z.output<S>) => Promise<T>,
): Promise<T | CommandFailure> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return Promise.resolve(invalidInput(parsed.error.issues));
  return inTransaction(db, (trx) => work(trx, parsed.data));
}
