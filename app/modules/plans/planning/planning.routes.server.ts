import { data, redirect } from "react-router";
import type { z } from "zod";
import type { ServerContext } from "#app/context.ts";
import { formatNumber } from "#app/i18n/format.ts";
import { localeFromParams, type Locale } from "#app/i18n/locales.ts";
import { authorize, authorizeRecord, requireUser } from "#app/services/guards.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import type { CommandResult } from "#app/services/commands.server.ts";
import { parseForm } from "#app/services/forms.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { acceptPlanUpload, type PlanImportPayload } from "./plan-import-job.server.ts";
import type { WorkbookError } from "./plan-workbook.server.ts";
import { loadPlanTree, type PlanTree } from "../plan-tree.server.ts";
import { planningPolicy } from "../planning.policy.ts";
import { requireIdParam } from "#app/services/ids.ts";

/** A numeric id from the URL, or a 404 (the platform's one id parser, app/services/ids.ts). */
export function idOf(value: string | undefined): number {
  return requireIdParam(value);
}

/** The whole plan tree for a workspace page, after checking the actor may see it (404 either way). */
export async function requirePlan(context: Pick<ServerContext, "db">, actor: Actor, planId: number): Promise<PlanTree> {
  const tree = await loadPlanTree(context.db, planId);
  if (!tree) throw data(null, { status: 404 });
  authorizeRecord(planningPolicy, actor, "plan.view", planSubject(tree.plan));
  return tree;
}

/** The plan tree for a page that changes the plan: `requirePlan`, then the actor must be allowed to edit it (403). */
export async function requireEditablePlan(
  context: Pick<ServerContext, "db">,
  actor: Actor,
  planId: number,
): Promise<PlanTree> {
  const tree = await requirePlan(context, actor, planId);
  authorize(planningPolicy, actor, "plan.edit", planSubject(tree.plan));
  return tree;
}

/** What the planning policy decides on about a plan: its kind, municipality and status. */
export function planSubject(plan: Pick<PlanTree["plan"], "kind" | "kasCode" | "status">) {
  return { kind: plan.kind, kasCode: plan.kasCode, status: plan.status };
}

/** The years of a plan's period, first to last (a target or a budget per year). */
export function planYears(plan: Pick<PlanTree["plan"], "periodStartYear" | "periodEndYear">): number[] {
  const years: number[] = [];
  for (let y = plan.periodStartYear; y <= plan.periodEndYear; y += 1) years.push(y);
  return years;
}

/** What the workspace pages may do with a plan, for showing or hiding forms. */
export function planAbilities(actor: Actor, tree: { plan: Pick<PlanTree["plan"], "kind" | "kasCode" | "status"> }) {
  const subject = planSubject(tree.plan);
  return {
    canEdit: planningPolicy.can(actor, "plan.edit", subject),
    canAdopt: planningPolicy.can(actor, "plan.adopt", subject),
    canClose: planningPolicy.can(actor, "plan.close", subject),
  };
}

/** A refused form: the status, the errors (translation keys) and the submitted values, for the page to show again. */
export function refusal(status: number, intent: string, errors: Record<string, string>, form: FormData) {
  return data({ intent, errors, values: submittedValues(form) }, { status });
}

/**
 * The submitted values to show again after an error (never the CSRF token). Unlike the shared
 * `formValues`, it keeps a field named `code` (here a plan, objective or measure code, not a
 * two-factor code) and gives repeated fields (checkboxes, multiple selects) as lists.
 */
export function submittedValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key === "_csrf") continue;
    const all = form
      .getAll(key)
      .filter((v): v is string => typeof v === "string")
      .map((v) => v.slice(0, 10_000));
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** A decimal for display in the reader's locale (figures are formatted in loaders). */
export function formatDecimal(value: string, locale: Locale): string {
  return formatNumber(Number(value), locale, { maximumFractionDigits: 4 });
}

/**
 * The forms of a planning page's action, each running one command: `submit(schema, command, done)`
 * parses the form with `schema` (refused with 400 and its errors), runs the command with the parsed
 * data (refused with the command's status and errors), then redirects to `done` (or to what `done`
 * makes of the command's result). `refuse` is the page's answer to a refused form, with the submitted values.
 */
export function formCommands<R>(form: FormData, refuse: (status: number, errors: Record<string, string>) => R) {
  return async function submit<S extends z.ZodType, C extends CommandResult>(
    schema: S,
    command: (input: z.infer<S>) => Promise<C>,
    done: string | ((result: Extract<C, { ok: true }>) => string),
  ): Promise<R> {
    const parsed = parseForm(schema, form);
    if (!parsed.ok) return refuse(400, parsed.errors);
    const result = await command(parsed.data);
    if (!result.ok) return refuse(result.status, result.errors);
    throw redirect(typeof done === "string" ? done : done(result as Extract<C, { ok: true }>));
  };
}

/**
 * The form posted to a planning page's action: its intent, the audit context of the request, `refuse`
 * (the page's 4xx: the intent, the errors and the submitted values) and `submit` (`formCommands` with it).
 */
export async function planningForm(
  request: Request,
  context: Pick<ServerContext, "submittedForm" | "requestId">,
  actor: Extract<Actor, { kind: "user" }>,
) {
  const form = await submittedForm(request, context);
  const intent = String(form.get("intent") ?? "");
  const refuse = (status: number, errors: Record<string, string>) =>
    data({ intent, errors, values: submittedValues(form) }, { status });
  return { form, intent, audit: { actor, requestId: context.requestId }, refuse, submit: formCommands(form, refuse) };
}

/**
 * The import form of a strategy's page (a new plan) or a plan's page (into the plan): the workbook
 * queued for the background import (to its progress page), or imported at once (to `done` with the
 * plan's id), or refused with its errors and the rows' errors.
 */
export async function importWorkbook<R>(
  form: FormData,
  context: Pick<ServerContext, "db" | "files" | "requestId">,
  actor: Extract<Actor, { kind: "user" }>,
  into: Omit<PlanImportPayload, "fileId" | "userId">,
  refuse: (status: number, errors: Record<string, string>, rowErrors: WorkbookError[]) => R,
  done: (planId: number) => string,
): Promise<R> {
  const file = form.get("file");
  const upload = await acceptPlanUpload(
    context.db,
    context.files,
    actor,
    context.requestId,
    file instanceof File ? file : null,
    into,
  );
  if (upload.kind === "refused") return refuse(400, upload.errors, []);
  if (upload.kind === "queued") throw redirect(`/${into.locale}/workspace/plans/imports/${upload.jobId}`);
  const outcome = upload.outcome;
  if (!outcome.ok) return refuse(outcome.status, outcome.errors, "rowErrors" in outcome ? outcome.rowErrors : []);
  throw redirect(done(outcome.planId));
}

/** `formCommands` of a page with one form that creates something (no intent): refused with the errors and the submitted values. */
export function creationForm(form: FormData) {
  return formCommands(form, (status, errors) => data({ errors, values: submittedValues(form) }, { status }));
}

/** React Router's arguments of a planning page's loader or action (the plan's id is `planId` in the URL). */
interface PlanPageArgs {
  request: Request;
  params: { lang?: string; planId?: string };
  context: Pick<ServerContext, "actor" | "session" | "db">;
}

/** The start of a page that changes a plan: the language, the signed-in actor and the plan's tree, which they may edit (404, 403). */
export async function editablePlanPage({ request, params, context }: PlanPageArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  return { locale, actor, tree: await requireEditablePlan(context, actor, idOf(params.planId)) };
}

/**
 * The start of the action of a page on one item of a plan (`item` names its id in the URL): the language,
 * the plan's and the item's ids and the posted form (`planningForm`), once the actor may see the plan.
 */
export async function planItemForm(
  {
    request,
    params,
    context,
  }: PlanPageArgs & {
    params: Partial<Record<string, string>>;
    context: Pick<ServerContext, "submittedForm" | "requestId">;
  },
  item: string,
) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const planId = idOf(params.planId);
  const itemId = idOf(params[item]);
  const form = await planningForm(request, context, actor);
  await requirePlan(context, actor, planId);
  return { locale, planId, itemId, ...form };
}

/** `planningForm` of a page that also imports a workbook (a strategy's, a plan's): its refusals carry the rows' errors too, none but the import's. */
export async function workbookPageForm(
  request: Request,
  context: Pick<ServerContext, "submittedForm" | "requestId">,
  actor: Extract<Actor, { kind: "user" }>,
) {
  const posted = await planningForm(request, context, actor);
  const refuse = (status: number, errors: Record<string, string>, rowErrors: WorkbookError[] = []) =>
    data({ intent: posted.intent, errors, values: submittedValues(posted.form), rowErrors }, { status });
  return { ...posted, refuse, submit: formCommands(posted.form, refuse) };
}
