import { data, redirect } from "react-router";
import type { z } from "zod";
import type { ServerContext } from "#app/context.ts";
import type { Db } from "#app/db/client.server.ts";
import { localeFromParams, type Locale } from "#app/i18n/locales.ts";
import { listAuditHistory } from "#app/modules/audit/audit.queries.server.ts";
import { auditPolicy } from "#app/modules/audit/audit.policy.ts";
import type { AuditContext } from "#app/services/audit.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import type { CommandResult } from "#app/services/commands.server.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { formValues, parseForm } from "#app/services/forms.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { requireParam } from "#app/services/ids.ts";
import { savedNoticeOf } from "#app/services/saved-notice.ts";

/*
 * The workspace's record pages (a user, an organisation; decision 050): what their loaders start with
 * and their actions, written once. A page declares its record (`recordPage`: the id in its address,
 * how the record is read, who may open the page and post its forms, its subject in the audit log, its
 * saved notices) and the intents its forms post (`recordIntent`: the form's schema, the command it runs
 * on the record, the notice after it); `RecordPageFrame` (components/record-page.tsx) renders what the
 * pages have in common.
 */

type SignedIn = Extract<Actor, { kind: "user" }>;

/** What a record page's loader and action receive. */
export interface RecordPageArgs {
  request: Request;
  params: { lang?: string; id?: string };
  context: ServerContext;
}

/** A workspace record page, at `/<lang>/workspace/<path>/<id>`. */
export interface RecordPage<I extends string | number, R, N extends string> {
  /** The page's folder in the workspace (`users`, `organisations`). */
  path: string;
  /** The record's id in the address (what it refuses is a 404). */
  idSchema: z.ZodType<I>;
  /** The record, or null (a 404). */
  read: (db: Db, id: I) => Promise<R | null>;
  /** Throws a 403 unless the actor may open the page. */
  authorize: (actor: Actor, id: I) => void;
  /** Throws a 403 unless the actor may post the page's forms (an intent may ask for more). */
  authorizeChange: (actor: Actor, id: I) => void;
  /** The record's subject type in the audit log (its history). */
  subjectType: string;
  /** The notices the page shows after a saved write (`?saved=`). */
  notices: readonly N[];
}

/** Declares a record page (the types come from what it names). */
export function recordPage<I extends string | number, R, N extends string>(
  page: RecordPage<I, R, N>,
): RecordPage<I, R, N> {
  return page;
}

/**
 * The start of a record page's loader: the page's language, the signed-in actor (or the redirect to
 * sign in), the record (a 404 when the id is malformed or names none), the check that the actor may
 * open the page (403); then, read at the same time, what the page needs besides (`alongside`) and the
 * record's last ten audit entries (for readers of the audit log, null for others); and the address's
 * saved notice.
 */
export async function openRecordPage<I extends string | number, R, N extends string, T>(
  { request, params, context }: RecordPageArgs,
  page: RecordPage<I, R, N>,
  alongside: (db: Db, locale: Locale, record: R) => Promise<T>,
) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireParam(page.idSchema, params.id);
  const record = await page.read(context.db, id);
  if (!record) throw data(null, { status: 404 });
  page.authorize(actor, id);
  const [extra, history] = await Promise.all([
    alongside(context.db, locale, record),
    auditPolicy.can(actor, "audit.read", null)
      ? listAuditHistory(context.db, page.subjectType, id, { limit: 10 })
      : null,
  ]);
  return { locale, actor, id, record, extra, history, saved: savedNoticeOf(new URL(request.url), page.notices) };
}

/** A record page's answer to a refused form: the intent, the errors (translation keys), the values to show again. */
function refusal(intent: string, status: number, errors: Record<string, string>, values: Record<string, string>) {
  return data({ intent, errors, values }, { status });
}

/** What a record page's action answers when it does not redirect. */
export type RecordRefusal = ReturnType<typeof refusal>;

/** The form posted to a record page, as one of its intents sees it. */
export interface RecordForm<I> {
  db: Db;
  actor: SignedIn;
  id: I;
  form: FormData;
  audit: AuditContext;
  /** The page's check that the actor may post its forms (a 403 thrown otherwise). */
  allow: (actor: Actor, id: I) => void;
  /** The record page's address, where a saved write comes back to. */
  here: string;
  /** The page's refusal: the status, the errors, and the values to show again (by default what was submitted). */
  refuse: (status: number, errors: Record<string, string>, values?: Record<string, string>) => RecordRefusal;
}

/** One intent of a record page's action: it refuses the form, or saves and redirects (thrown). */
export type RecordIntent<I> = (form: RecordForm<I>) => Promise<RecordRefusal>;

/**
 * A record page's action: the page's language, the signed-in actor, the record's id (404), the posted
 * form and its `intent`, handed to that intent of the page; an intent the page does not have is
 * refused (400).
 */
export async function recordAction<I extends string | number>(
  { request, params, context }: RecordPageArgs,
  page: Pick<RecordPage<I, unknown, string>, "path" | "idSchema" | "authorizeChange">,
  intents: Record<string, RecordIntent<I>>,
): Promise<RecordRefusal> {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireParam(page.idSchema, params.id);
  const form = await submittedForm(request, context);
  const intent = String(form.get("intent") ?? "");
  const refuse = (status: number, errors: Record<string, string>, values = formValues(form)) =>
    refusal(intent, status, errors, values);
  const run = Object.hasOwn(intents, intent) ? intents[intent] : undefined;
  if (!run) return refuse(400, { form: "core:form.invalid" });
  return run({
    db: context.db,
    actor,
    id,
    form,
    audit: { actor, requestId: context.requestId },
    allow: page.authorizeChange,
    here: `/${locale}/workspace/${page.path}/${id}`,
    refuse,
  });
}

/**
 * An intent that runs one command on the record: the form is parsed by `schema` and the actor checked
 * (a 403: by the page's `authorizeChange`, or the intent's own `allow`); a form the schema refuses
 * answers 400 with its errors by field (or `invalid`, where the page has no field to show them at); a
 * failed command answers with its status and errors (and the values `refusedValues` makes of the
 * submitted ones); a saved write redirects back to the page with its notice (`saved`, which may end
 * with the part of the page to show: `contactAdded#contacts`).
 */
export function recordIntent<I, S extends z.ZodType, C extends CommandResult>(
  schema: S,
  command: (db: Db, audit: AuditContext, id: I, input: z.infer<S>) => Promise<C>,
  saved: string,
  options: {
    allow?: (actor: Actor, id: I) => void;
    invalid?: Record<string, string>;
    refusedValues?: (failure: Extract<C, { ok: false }>, submitted: Record<string, string>) => Record<string, string>;
  } = {},
): RecordIntent<I> {
  return async ({ db, actor, id, form, audit, allow, here, refuse }) => {
    const parsed = parseForm(schema, form);
    (options.allow ?? allow)(actor, id);
    if (!parsed.ok) return refuse(400, options.invalid ?? parsed.errors);
    const result = await command(db, audit, id, parsed.data);
    if (!result.ok) {
      const failure = result as Extract<C, { ok: false }>;
      return refuse(failure.status, failure.errors, options.refusedValues?.(failure, formValues(form)));
    }
    throw redirect(`${here}?saved=${saved}`);
  };
}

/**
 * The intents `deactivate` and `reactivate`, which `ActiveStatusSection` posts with the record's
 * version: `setActive` sets the record's active flag (a form without a valid version is refused as a
 * whole), and the page says the record was deactivated or reactivated. Who may do it is the page's
 * `authorizeChange`, or `allow` when it asks for more.
 */
export function activeStatusIntents<I>(
  schema: z.ZodType<{ version: number }>,
  setActive: (
    db: Db,
    audit: AuditContext,
    id: I,
    input: { version: number; isActive: boolean },
  ) => Promise<CommandResult>,
  allow?: (actor: Actor, id: I) => void,
): Record<"deactivate" | "reactivate", RecordIntent<I>> {
  const settingActive = (isActive: boolean) =>
    recordIntent(
      schema,
      (db, audit, id: I, { version }) => setActive(db, audit, id, { version, isActive }),
      isActive ? "reactivated" : "deactivated",
      { allow, invalid: { form: "core:form.invalid" } },
    );
  return { deactivate: settingActive(false), reactivate: settingActive(true) };
}
