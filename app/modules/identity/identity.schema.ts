import { z } from "zod";
import { LOCALES } from "#app/i18n/locales.ts";
import { ROLES } from "#app/services/authorization.ts";
import { idSchema } from "#app/services/ids.ts";

/** Shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for a passphrase). */
export const PASSWORD_MIN_LENGTH = 12;
/** Longest password accepted: long enough for any passphrase, short enough to hash cheaply. */
export const PASSWORD_MAX_LENGTH = 200;

/** Languages a user can say they speak (the platform's content languages). */
export const SPOKEN_LANGUAGES = ["sq", "sr", "en", "tr", "bs", "rom"] as const;

/** A field that must be a string; a missing field gets `key` as its message. */
function text(key: string) {
  return z.string({ error: key });
}

/** An e-mail address, trimmed and lower-cased (addresses are compared case-insensitively). */
export const EmailSchema = text("identity:errors.emailRequired")
  .trim()
  .toLowerCase()
  .min(1, "identity:errors.emailRequired")
  .max(254, "identity:errors.emailInvalid")
  .pipe(z.email("identity:errors.emailInvalid"));

/** A password being typed to prove who one is (no policy: the policy applies when setting one). */
const ExistingPasswordSchema = text("identity:errors.passwordRequired")
  .min(1, "identity:errors.passwordRequired")
  .max(PASSWORD_MAX_LENGTH, "identity:errors.passwordTooLong");

/** A new password: length here; the rest of the policy (common passwords, not the e-mail) on the server. */
const NewPasswordFieldSchema = text("identity:errors.passwordRequired")
  .min(1, "identity:errors.passwordRequired")
  .min(PASSWORD_MIN_LENGTH, "identity:errors.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "identity:errors.passwordTooLong");

const ConfirmPasswordSchema = text("identity:errors.confirmPasswordRequired").min(
  1,
  "identity:errors.confirmPasswordRequired",
);

/** Where to go after signing in; checked again by `safeReturnTo`. */
const ReturnToSchema = z.string().max(2000).optional().catch(undefined);

/** A six-digit authenticator code; spaces typed between the digits are ignored. */
export const TwoFactorCodeFieldSchema = text("identity:errors.codeRequired")
  .transform((value) => value.replace(/[\s-]/g, ""))
  .pipe(
    z
      .string()
      .min(1, "identity:errors.codeRequired")
      .regex(/^\d{6}$/, "identity:errors.codeInvalid"),
  );

/** The sign-in form. */
export const SignInSchema = z.object({
  email: EmailSchema,
  password: ExistingPasswordSchema,
  returnTo: ReturnToSchema,
});

/** The second step of signing in: the authenticator code. */
export const TwoFactorSignInSchema = z.object({
  code: TwoFactorCodeFieldSchema,
  returnTo: ReturnToSchema,
});

/** "I forgot my password": the address to send the link to. */
export const ForgotPasswordSchema = z.object({ email: EmailSchema });

/** A new password typed twice. */
export const NewPasswordSchema = z
  .object({ newPassword: NewPasswordFieldSchema, confirmPassword: ConfirmPasswordSchema })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ["confirmPassword"],
    message: "identity:errors.passwordsDoNotMatch",
  });

/** Changing one's password: the current one, and the new one twice. */
export const ChangePasswordSchema = z
  .object({
    currentPassword: ExistingPasswordSchema,
    newPassword: NewPasswordFieldSchema,
    confirmPassword: ConfirmPasswordSchema,
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ["confirmPassword"],
    message: "identity:errors.passwordsDoNotMatch",
  });

/** Accepting an invitation as a new user: a name and a password typed twice. */
export const AcceptInvitationNewUserSchema = z
  .object({
    name: text("identity:errors.nameRequired")
      .trim()
      .min(1, "identity:errors.nameRequired")
      .max(200, "identity:errors.nameTooLong"),
    newPassword: NewPasswordFieldSchema,
    confirmPassword: ConfirmPasswordSchema,
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ["confirmPassword"],
    message: "identity:errors.passwordsDoNotMatch",
  });

/** Accepting an invitation with an existing account: its password. */
export const AcceptInvitationExistingUserSchema = z.object({ password: ExistingPasswordSchema });

/** Turning two-factor authentication off: the password and a current code. */
export const DisableTwoFactorSchema = z.object({ password: ExistingPasswordSchema, code: TwoFactorCodeFieldSchema });

/** Confirming the two-factor set-up with the first code. */
export const ConfirmTwoFactorSchema = z.object({ code: TwoFactorCodeFieldSchema, returnTo: ReturnToSchema });

/** One checkbox or several: always an array. */
const CheckboxListSchema = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.enum(values, key)));

/** The profile's details form (name, languages), with the version it was loaded at. */
export const ProfileDetailsSchema = z.object({
  version: idSchema("identity:errors.versionMissing"),
  name: text("identity:errors.nameRequired")
    .trim()
    .min(1, "identity:errors.nameRequired")
    .max(200, "identity:errors.nameTooLong"),
  preferredLocale: z.enum(LOCALES, "identity:errors.localeInvalid"),
  languages: CheckboxListSchema(SPOKEN_LANGUAGES, "identity:errors.languageInvalid"),
});

/** The single-use token in a link sent by e-mail (43 URL-safe characters; anything else is unknown). */
export const EmailTokenSchema = z.string().regex(/^[\w-]{20,100}$/);

/** What an administrator gives to invite someone (checked again inside `createInvitation`). */
export const InvitationInputSchema = z.object({
  email: EmailSchema,
  name: text("identity:errors.nameRequired")
    .trim()
    .min(1, "identity:errors.nameRequired")
    .max(200, "identity:errors.nameTooLong"),
  role: z.enum(ROLES, "identity:errors.roleInvalid"),
  organisationId: z.number().int().positive().nullable(),
  kasCode: z
    .string()
    .regex(/^\d{1,3}$/, "identity:errors.municipalityInvalid")
    .nullable(),
});

export type SignInForm = z.infer<typeof SignInSchema>;
export type ProfileDetailsForm = z.infer<typeof ProfileDetailsSchema>;
