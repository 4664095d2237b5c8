import { data } from "react-router";
import { localeFromParams } from "#app/i18n/locales.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { libraryPolicy } from "../library.policy.ts";
import { getDocument } from "../library.queries.server.ts";
import type { Route } from "./+types/workspace-document-file";
import { requireIdParam } from "#app/services/ids.ts";

/**
 * One language version's file of a library document, for those who may read the document before it
 * is published (its organisation's members, coordinators). Drafts' files are refused by the public
 * /files/:id (see library-files.server.ts); anything the reader may not see answers 404.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const id = requireIdParam(params.id);
  const doc = await getDocument(context.db, { id });
  if (!doc) throw data(null, { status: 404 });
  if (
    doc.status !== "published" &&
    !libraryPolicy.can(actor, "document.viewDraft", { organisationId: doc.organisationId })
  )
    throw data(null, { status: 404 });
  const version = doc.files.find((f) => f.locale === params.locale);
  if (!version) throw data(null, { status: 404 });
  const file = await context.files.get(version.fileId);
  if (!file) throw data(null, { status: 404 });
  return new Response(file.body, {
    status: 200,
    headers: { ...context.files.headersFor(file.file), "Cache-Control": "private, no-store" },
  });
}
