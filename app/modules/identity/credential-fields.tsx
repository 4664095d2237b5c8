import { useTranslation } from "react-i18next";
import { Field, TextInput } from "#app/components/form.tsx";
import { TextField } from "#app/components/form-fields.tsx";
import { PASSWORD_MIN_LENGTH } from "./identity.schema.ts";

/**
 * The new password and its confirmation, as every form that sets a password asks for them
 * (accepting an invitation, resetting a forgotten password, changing it in the profile).
 */
export function NewPasswordFields({ errors }: { errors: Record<string, string | undefined> }) {
  const { t } = useTranslation("identity");
  return (
    <>
      <Field
        id="newPassword"
        label={t("fields.newPassword")}
        hint={t("fields.newPasswordHint", { min: PASSWORD_MIN_LENGTH })}
        error={errors.newPassword}
      >
        {(aria) => <TextInput {...aria} name="newPassword" type="password" autoComplete="new-password" required />}
      </Field>
      <Field id="confirmPassword" label={t("fields.confirmPassword")} error={errors.confirmPassword}>
        {(aria) => <TextInput {...aria} name="confirmPassword" type="password" autoComplete="new-password" required />}
      </Field>
    </>
  );
}

/**
 * The account's current password, wherever it is asked for (signing in, accepting an invitation with an
 * existing account, changing the password, turning two-factor off); never shown back.
 */
export function CurrentPasswordField({
  name,
  error,
}: {
  name: "password" | "currentPassword";
  error: string | undefined;
}) {
  const { t } = useTranslation("identity");
  return (
    <Field id={name} label={name === "password" ? t("fields.password") : t("fields.currentPassword")} error={error}>
      {(aria) => <TextInput {...aria} name={name} type="password" autoComplete="current-password" required />}
    </Field>
  );
}

/**
 * The e-mail address of an account, as signing in and asking for a new password take it (inside the
 * form's `FormFields`); `autoComplete` tells the browser which of the two it is.
 */
export function AccountEmailField({ autoComplete }: { autoComplete: "username" | "email" }) {
  const { t } = useTranslation("identity");
  return (
    <TextField
      name="email"
      label={t("fields.email")}
      type="email"
      autoComplete={autoComplete}
      spellCheck={false}
      required
    />
  );
}

/** The six-digit code of an authenticator app (or a recovery code), wherever two-factor is asked for. */
export function TwoFactorCodeField({ error }: { error: string | undefined }) {
  const { t } = useTranslation("identity");
  return (
    <Field id="code" label={t("fields.code")} hint={t("fields.codeHint")} error={error}>
      {(aria) => (
        <TextInput
          {...aria}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={9}
          className="max-w-40"
          required
        />
      )}
    </Field>
  );
}
