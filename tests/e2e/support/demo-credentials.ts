import { inject } from "vitest";

/**
 * The demo accounts' credentials of the server under test: generated at its first start and read
 * by global-setup.ts from DATA_DIR/demo-accounts.json (no install has a fixed demo password).
 */
export interface DemoCredentials {
  password: string;
  /** TOTP secrets by e-mail address, for the roles that require two-factor authentication. */
  totpSecrets: Record<string, string>;
}

/** The shared password of the demo accounts. */
export function demoPassword(): string {
  return inject("demoCredentials").password;
}

/** The TOTP secret of a demo account (administrator, coordinator, Prime Minister's office). */
export function demoTotpSecret(email: string): string {
  const secret = inject("demoCredentials").totpSecrets[email];
  if (!secret) throw new Error(`No TOTP secret for the demo account ${email}.`);
  return secret;
}

declare module "vitest" {
  export interface ProvidedContext {
    demoCredentials: DemoCredentials;
  }
}
