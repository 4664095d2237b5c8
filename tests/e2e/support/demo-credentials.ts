import fs from "node:fs";
import path from "node:path";
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

/**
 * Reads the credentials a server wrote at its first start in its DATA_DIR (demo-accounts.json);
 * for the shared server (global-setup.ts) and for test files that start a server of their own.
 */
export function readDemoCredentials(dataDir: string): DemoCredentials {
  const file = path.join(dataDir, "demo-accounts.json");
  if (!fs.existsSync(file)) throw new Error(`The server wrote no demo credentials in ${dataDir}.`);
  const accounts = (
    JSON.parse(fs.readFileSync(file, "utf8")) as {
      accounts: { email: string; password: string; totpSecret: string | null }[];
    }
  ).accounts;
  return {
    password: accounts[0]?.password ?? "",
    totpSecrets: Object.fromEntries(
      accounts.filter((a) => a.totpSecret !== null).map((a) => [a.email, a.totpSecret as string]),
    ),
  };
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
