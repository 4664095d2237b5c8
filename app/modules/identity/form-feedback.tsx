import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "#app/components/form.tsx";

/** What an identity action answers when a form cannot be accepted (400, 409 or 429). */
export interface FormFailure {
  /** Field → translation key (`identity:errors.…`); `form` for the form as a whole. */
  errors: Record<string, string>;
  /** The submitted values to show again (never passwords or codes). */
  values: Record<string, string>;
  /** Values for the messages (minutes left of a lock-out, attempts left). */
  params?: Record<string, number>;
}

/** True when the action data is a failure to show (an action may also answer with nothing). */
export function isFormFailure(value: unknown): value is FormFailure {
  return typeof value === "object" && value !== null && "errors" in value && "values" in value;
}

/** The failure's messages in the reader's language, by field. */
export function useErrorMessages(failure: FormFailure | undefined): FieldErrors {
  const { t } = useTranslation("identity");
  if (!failure) return {};
  const messages: FieldErrors = {};
  for (const [field, key] of Object.entries(failure.errors)) messages[field] = t(key, failure.params);
  return messages;
}

/**
 * An action's answer as a form page shows it: the failure when it was one (with the values sent), its messages
 * in the reader's language by field, and whether there are any.
 */
export function useFormFeedback(actionData: unknown): {
  failure: FormFailure | undefined;
  errors: FieldErrors;
  hasErrors: boolean;
} {
  const failure = isFormFailure(actionData) ? actionData : undefined;
  const errors = useErrorMessages(failure);
  return { failure, errors, hasErrors: Object.keys(errors).length > 0 };
}

/** A message confirming that something was done, announced politely to screen readers. */
export function Notice({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "info" }) {
  return (
    <div
      role="status"
      className={`mb-6 rounded border-s-4 p-4 ${tone === "success" ? "border-green-700 bg-green-50" : "border-brand-600 bg-brand-50"}`}
    >
      {children}
    </div>
  );
}
