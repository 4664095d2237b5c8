import { data } from "react-router";
import type { z } from "zod";
import { formValues, parseForm } from "#app/services/forms.ts";
import {
  prepareAttachments,
  uploadedFiles,
  type AttachmentRefusal,
  type PreparedAttachment,
} from "./attachments.server.ts";
import { admitFormToken, formKey, signFormShownAt } from "./form-timing.server.ts";
import { isHoneypotFilled, isRateLimited } from "./spam-defence.server.ts";
import { submittedForm } from "#app/services/form-body.server.ts";
import type { ServerContext } from "#app/context.ts";

/** Bodies larger than this are refused before they are read (the attachments' total plus the text). */
export const MAX_REQUEST_BYTES = 13 * 1024 * 1024;

/** True when the request says it is larger than any acceptable form. */
export function isRequestTooLarge(request: Request): boolean {
  const length = Number(request.headers.get("content-length") ?? "0");
  return Number.isFinite(length) && length > MAX_REQUEST_BYTES;
}

/** The form of a request, or null when it cannot be read. */
export async function readForm(
  request: Request,
  context: Pick<ServerContext, "submittedForm">,
): Promise<FormData | null> {
  try {
    return await submittedForm(request, context);
  } catch {
    return null;
  }
}

/**
 * A form answer that shows the form again with its errors and the values typed (4xx). `shownAt`
 * is a fresh form token: the one sent may have been used up, and a browser running JavaScript
 * does not reload the page's data after a refused form.
 */
export function formError(
  status: number,
  errors: Record<string, string>,
  form: FormData | null,
  extra: { attachmentFile?: string | null; shownAt?: string | null } = {},
) {
  return data(
    {
      errors,
      values: form ? formValues(form) : {},
      attachmentFile: extra.attachmentFile ?? null,
      shownAt: extra.shownAt ?? null,
    },
    { status },
  );
}

/** The translation key of an attachment refusal. */
export function attachmentErrorKey(refusal: AttachmentRefusal): string {
  return `needs:public.errors.attachment.${refusal.reason}`;
}

/** `formError` with a fresh form token: every refusal of a public form lets the person send the corrected form again. */
export function publicFormError(context: { formSigningKey?: string }): typeof formError {
  return (status, errors, form, extra = {}) =>
    formError(status, errors, form, { ...extra, shownAt: signFormShownAt(formKey(context)) });
}

/**
 * A public form with attachments (a need, information added to one), checked in the order of the
 * spam defence: readable, the client's rate limit, the honeypot, the fill time (its token used up
 * here, before the attachments are read: a replayed form costs one lookup), then the schema and the
 * attachments, checked by content. The refusal to answer with, or the form, its data and files.
 */
export async function readPublicForm<S extends z.ZodType>(
  request: Request,
  context: Pick<ServerContext, "db" | "submittedForm" | "clientAddress" | "formSigningKey">,
  purpose: "submit" | "note",
  schema: S,
): Promise<
  | { ok: true; form: FormData; data: z.infer<S>; attachments: PreparedAttachment[] }
  | { ok: false; refusal: ReturnType<typeof formError> }
> {
  const refuse = publicFormError(context);
  const form = await readForm(request, context);
  if (!form) return { ok: false, refusal: refuse(400, { form: "needs:public.errors.unreadable" }, null) };
  if (await isRateLimited(context.db, context, purpose))
    return { ok: false, refusal: refuse(429, { form: "needs:public.errors.rateLimited" }, form) };
  if (isHoneypotFilled(form))
    return { ok: false, refusal: refuse(400, { form: "needs:public.errors.rejected" }, form) };
  const timing = await admitFormToken(context.db, formKey(context), form.get("shownAt"));
  if (timing !== "ok")
    return { ok: false, refusal: refuse(400, { form: `needs:public.errors.timing.${timing}` }, form) };
  const parsed = parseForm(schema, form, "needs:public.errors.invalid");
  const prepared = await prepareAttachments(uploadedFiles(form, "attachments"));
  if (parsed.ok && prepared.ok) return { ok: true, form, data: parsed.data, attachments: prepared.files };
  const errors = parsed.ok ? {} : { ...parsed.errors };
  if (!prepared.ok) errors.attachments = attachmentErrorKey(prepared.refusal);
  return {
    ok: false,
    refusal: refuse(400, errors, form, { attachmentFile: prepared.ok ? null : prepared.refusal.fileName }),
  };
}
