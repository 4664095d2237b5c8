import { data } from "react-router";
import type { ServerContext } from "#app/context.ts";
import type { Db } from "#app/db/client.server.ts";
import { localeFromParams } from "#app/i18n/locales.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import { requireIdParam } from "#app/services/ids.ts";
import { projectsPolicy, type ProjectSubject } from "./projects.policy.ts";
import { rawFormOf } from "./projects.schema.ts";

/**
 * Where a workspace page of one project starts: the reader's language, the signed-in actor (else the redirect to
 * sign in), the project's id from the URL and the project as `load` reads it — a 404 when there is none or the
 * actor may not read it (issue 12: a refusal never tells whether another organisation's draft exists).
 */
export async function requireReadableProject<P extends ProjectSubject>(
  args: {
    request: Request;
    params: { lang?: string; id?: string };
    context: Pick<ServerContext, "actor" | "session" | "db">;
  },
  load: (db: Db, id: number) => Promise<P | null>,
) {
  const locale = localeFromParams(args.params);
  const actor = requireUser(args.context, args.request, locale);
  const id = requireIdParam(args.params.id);
  const project = await load(args.context.db, id);
  if (!project || !projectsPolicy.can(actor, "project.read", project)) throw data(null, { status: 404 });
  return { locale, actor, id, project };
}

/**
 * Where an action of one project's workspace page starts: the reader's language, the signed-in actor (else the
 * redirect to sign in) as the audit context of the request, the project's id from the URL and the submitted form
 * (as posted and as the form readers take it). Its command checks the project and the actor.
 */
export async function startProjectAction(args: {
  request: Request;
  params: { lang?: string; id?: string };
  context: Pick<ServerContext, "actor" | "session" | "requestId" | "submittedForm">;
}) {
  const locale = localeFromParams(args.params);
  const actor = requireUser(args.context, args.request, locale);
  const id = requireIdParam(args.params.id);
  const form = await submittedForm(args.request, args.context);
  return { locale, id, form, raw: rawFormOf(form), audit: { actor, requestId: args.context.requestId } };
}
