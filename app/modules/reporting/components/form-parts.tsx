import { useTranslation } from "react-i18next";
import { FileUploadField } from "#app/components/file-upload-field.tsx";
import { TextField } from "#app/components/form-fields.tsx";
import { Translated } from "#app/components/translated.tsx";
import type { LocalizedText } from "#app/i18n/translated-text.ts";

/** The evidence file of a measure report or an observation (a document or an image, checked on the server). */
export function EvidenceFileField({ error }: { error: string | undefined }) {
  const { t } = useTranslation("reporting");
  return (
    <FileUploadField
      id="evidenceFile"
      label={t("report.evidenceFile")}
      hint={t("report.evidenceFileHint")}
      error={error}
      optional
      className="block w-full max-w-full text-base"
    />
  );
}

/** The evidence link of a measure report or an observation (optional), its value and error from the form; the hint is the form's. */
export function EvidenceUrlField({ hint }: { hint: string }) {
  const { t } = useTranslation("reporting");
  return <TextField name="evidenceUrl" label={t("report.evidenceUrl")} hint={hint} optional type="url" />;
}

/**
 * A required choice written as radio buttons (an observation's kind, a review's decision): the
 * legend, the error tied to the group, the first button carrying the group's id for the error summary.
 */
export function RadioChoice({
  name,
  legend,
  error,
  className,
  options,
  checked,
}: {
  name: string;
  legend: string;
  error: string | undefined;
  className: string;
  options: readonly { value: string; label: string }[];
  checked: string;
}) {
  return (
    <fieldset className={className} aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="font-semibold">{legend}</legend>
      {error ? (
        <p id={`${name}-error`} className="font-semibold text-red-800">
          {error}
        </p>
      ) : null}
      {options.map((o, index) => (
        <label key={o.value} className="flex min-h-11 items-center gap-2">
          <input
            type="radio"
            name={name}
            value={o.value}
            id={index === 0 ? name : undefined}
            defaultChecked={checked === o.value}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** What a CSO observation says, in the language it was written in, with a link to each piece of its evidence. */
export function ObservationBody({ text, evidence }: { text: LocalizedText | null; evidence: readonly string[] }) {
  const { t } = useTranslation("reporting");
  return (
    <>
      <Translated value={text} as="p" className="whitespace-pre-wrap break-words" />
      {evidence.map((href) => (
        <p key={href} className="text-sm">
          <a href={href} rel="noopener noreferrer nofollow">
            {t("observations.evidence")}
          </a>
        </p>
      ))}
    </>
  );
}
