import { data } from "react-router";
import { localeFromParams } from "#app/i18n/locales.ts";
import { needsPolicy } from "#app/modules/needs/needs.policy.ts";
import { loadAttachmentSubject, recordAttachmentView } from "#app/modules/needs/needs.privacy.server.ts";
import { CaseIdSchema } from "#app/modules/needs/workspace/needs-handling.schema.ts";
import { requireUser } from "#app/services/guards.server.ts";
import type { Route } from "./+types/case-attachment";

/**
 * A case attachment, served only to those the policy allows (the submitter's own files count as
 * personal data: the Office, or the institution with the submitter's consent). Anything else,
 * including an attachment of another case, answers 404 so ids cannot be probed. Downloads of the
 * submitter's files are audited.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  const actor = requireUser(context, request, locale);
  const caseId = CaseIdSchema.safeParse(params.id);
  const attachmentId = CaseIdSchema.safeParse(params.attachmentId);
  if (!caseId.success || !attachmentId.success) throw data(null, { status: 404 });
  const found = await loadAttachmentSubject(context.db, caseId.data, attachmentId.data);
  if (!found || !needsPolicy.can(actor, "need.attachment.read", found.subject)) throw data(null, { status: 404 });
  const file = await context.files.get(found.fileId);
  if (!file) throw data(null, { status: 404 });
  if (found.subject.uploadedBy === "submitter")
    await recordAttachmentView(context.db, { actor, requestId: context.requestId }, caseId.data, attachmentId.data);
  return new Response(file.body, {
    status: 200,
    headers: { ...context.files.headersFor(file.file), "Cache-Control": "private, no-store" },
  });
}
