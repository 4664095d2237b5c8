import {
  type ReactNode,
  type InputHTMLAttributes,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";

/** Field name → error message already in the reader's language. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * The list of problems at the top of a form that failed validation: focusable, announced,
 * each message linking to its field (as in GOV.UK Frontend).
 */
export function ErrorSummary({ errors, fieldIds = {} }: { errors: FieldErrors; fieldIds?: Record<string, string> }) {
  const { t } = useTranslation("core");
  const entries = Object.entries(errors).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0) return null;
  return (
    <div
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      className="mb-6 rounded border-4 border-red-700 p-4"
    >
      <h2 id="error-summary-title" className="text-lg text-red-800">
        {t("form.errorSummaryTitle")}
      </h2>
      <ul className="mt-2 list-disc ps-5">
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldIds[name] ?? name}`} className="font-semibold text-red-800">
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled form control with its hint and error, wired with `aria-invalid` / `aria-describedby`. */
export function Field({ id, label, hint, error, optional, children }: FieldProps) {
  const { t } = useTranslation("core");
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-5 ${error ? "border-s-4 border-red-700 ps-3" : ""}`}>
      <label htmlFor={id} className="block font-semibold">
        {label} {optional ? <span className="font-normal text-slate-600">{t("form.optional")}</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="font-semibold text-red-800">
          <span className="sr-only">{t("form.errorPrefix")} </span>
          {error}
        </p>
      ) : null}
      <div className="mt-1">
        {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      </div>
    </div>
  );
}

const CONTROL =
  "block w-full max-w-full rounded border border-slate-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700";

/** A text input styled for the platform's forms. */
export function TextInput(props: InputHTMLAttributes<HTMLInputElement>) {
  return <input type="text" {...props} className={`${CONTROL} ${props.className ?? ""}`} />;
}

/** An e-mail address input: at most 254 characters, never spell-checked, not filled in by the browser unless `autoComplete` says. */
export function EmailInput({ autoComplete = "off", ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <TextInput type="email" {...props} maxLength={254} autoComplete={autoComplete} spellCheck={false} />;
}

/** A multi-line text input. */
export function TextArea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea rows={5} {...props} className={`${CONTROL} ${props.className ?? ""}`} />;
}

/** A native select: accessible and usable on any phone without JavaScript. */
export function Select(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={`${CONTROL} min-h-11 ${props.className ?? ""}`} />;
}

/**
 * A choice from a list, with a first option for "none" or "any" (`emptyLabel`, value ""): the
 * municipality, sector or kind of an item's form, and every filter of the public and workspace lists.
 */
export function ChoiceField({
  id,
  label,
  hint,
  error,
  optional,
  emptyLabel,
  options,
  value,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  optional?: boolean;
  emptyLabel?: string;
  options: readonly { value: string; label: string }[];
  value: string | undefined;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => (
        <Select {...aria} name={id} defaultValue={value}>
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          <OptionList options={options} />
        </Select>
      )}
    </Field>
  );
}

/** The `<option>`s of a native select, one per choice (value and label), in their order. */
export function OptionList({ options }: { options: readonly { value: string; label: string }[] }) {
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}
