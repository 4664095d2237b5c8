import { useTranslation } from "react-i18next";
import { Field } from "#app/components/form.tsx";

/** The attachment limits as the loaders give them: counts and bytes, and the same in readable megabytes. */
export interface AttachmentLimits {
  files: number;
  fileMb: string;
  totalMb: string;
  maxFileBytes: number;
  maxTotalBytes: number;
}

/**
 * The attachments file input of the public needs forms. The server checks every file; the
 * enhancement script also checks the sizes as soon as files are chosen (the messages ride along as
 * data attributes), so nobody on a slow link sends megabytes the server will refuse.
 */
export function AttachmentInput({
  aria,
  limits,
}: {
  aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
  limits: AttachmentLimits;
}) {
  const { t } = useTranslation("needs");
  return (
    <input
      {...aria}
      type="file"
      name="attachments"
      multiple
      accept="image/jpeg,image/png,image/webp,image/gif,application/pdf"
      className="block w-full max-w-full text-base"
      data-max-file-bytes={limits.maxFileBytes}
      data-max-total-bytes={limits.maxTotalBytes}
      data-max-files={limits.files}
      data-too-large={t("public.errors.attachment.too_large", { file: "{file}", fileMb: limits.fileMb })}
      data-total-too-large={t("public.errors.attachment.total_too_large", { totalMb: limits.totalMb })}
      data-too-many={t("public.errors.attachment.too_many", { files: limits.files })}
    />
  );
}

/** The attachments field of the public needs forms: the file input with the limits as its hint. */
export function AttachmentsField({ limits, error }: { limits: AttachmentLimits; error: string | undefined }) {
  const { t } = useTranslation("needs");
  return (
    <Field
      id="attachments"
      label={t("public.new.attachments")}
      hint={t("public.new.attachmentsHint", { files: limits.files, fileMb: limits.fileMb, totalMb: limits.totalMb })}
      error={error}
      optional
    >
      {(aria) => <AttachmentInput aria={aria} limits={limits} />}
    </Field>
  );
}
