import type { ServerContext } from "#app/context.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { requireParam } from "#app/services/ids.ts";
import { data } from "react-router";
import { authorize, requireUser } from "#app/services/guards.server.ts";
import { reportingPolicy } from "./reporting.policy.ts";
import { loadCycleBoard } from "./reporting.queries.server.ts";
import { IdParamSchema } from "./reporting.schema.ts";

/** What a reporting page's loader or action receives. */
interface ReportingPageArgs {
  request: Request;
  params: Readonly<Record<string, string | undefined>>;
  context: ServerContext;
}

/**
 * What a reporting page about one record starts from, in the order it is checked: the page's locale, the
 * signed-in user (sent to sign in when there is none), and the id of the record in the URL parameter
 * `param` (a 404 when it is not an id).
 */
export function reportingRecordPage({ request, params, context }: ReportingPageArgs, param: string) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  return { locale, actor, id: requireParam(IdParamSchema, params[param]) };
}

/**
 * What the action of a reporting page about one record starts from: the page's locale, user and record id
 * (`reportingRecordPage`), then the posted form, its intent and the audit context of the commands it runs.
 */
export async function reportingPost(args: ReportingPageArgs, param: string) {
  const page = reportingRecordPage(args, param);
  const form = await submittedForm(args.request, args.context);
  const audit = { actor: page.actor, requestId: args.context.requestId };
  return { ...page, form, intent: form.get("intent"), audit };
}

/**
 * What a page of one reporting cycle (its board, its observations) starts from: the page's locale, user
 * and cycle id (`reportingRecordPage`), the user allowed to `see` the page, and the cycle's board (a 404
 * when there is no such cycle).
 */
export async function cycleBoardPage(args: ReportingPageArgs, see: "cycle.view" | "observation.view") {
  const page = reportingRecordPage(args, "cycleId");
  authorize(reportingPolicy, page.actor, see, null);
  const board = await loadCycleBoard(args.context.db, page.id, page.locale);
  if (!board) throw data(null, { status: 404 });
  return { ...page, board };
}
