import { data } from "react-router";
import { formValues } from "#app/services/forms.ts";
import type { AttachmentRefusal } from "./attachments.server.ts";
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
