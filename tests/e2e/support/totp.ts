import fs from "node:fs";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import type { Page, Response } from "playwright-core";
import { inject } from "vitest";

/**
 * Two-factor codes for the browser tests. A code works once per 30-second step and account
 * (the server keeps the last step used), and several test files sign in as the same demo
 * coordinator at the same time, so each code is claimed first: a folder per account and step,
 * made atomically in a folder shared by every test process (`totpClaimsDir`, made by
 * global-setup.ts). When another file already used this step, the next one is awaited.
 */

const PERIOD_MS = 30_000;
/** Near the end of a step a code may reach the server in the next one: wait for a fresh step. */
const END_OF_STEP_MARGIN_MS = 3_000;

export function totpCode(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: step * PERIOD_MS,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A code for the current step that no other test has used, waiting for the next step when needed. */
export async function claimTotpCode(secret: string): Promise<string> {
  const dir = inject("totpClaimsDir");
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / PERIOD_MS);
    if (now % PERIOD_MS < PERIOD_MS - END_OF_STEP_MARGIN_MS) {
      try {
        fs.mkdirSync(path.join(dir, `${secret}-${step}`));
        return totpCode(secret, step);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    await sleep(PERIOD_MS - (now % PERIOD_MS) + 100);
  }
}

/**
 * Fills the two-factor form with a claimed code and presses Continue; when the server still
 * refuses it (another process submitted a later step first), tries again with a fresh step.
 * Works with JavaScript on and off: it watches the POST's answer, not the page.
 */
export async function passTwoFactor(page: Page, secret: string, baseUrl: string): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.locator("#code").fill(await claimTotpCode(secret));
    const [response]: [Response, void] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(baseUrl)),
      page.getByRole("button", { name: "Continue", exact: true }).click(),
    ]);
    await page.waitForLoadState("load");
    if (response.status() < 400) return;
  }
  throw new Error("the two-factor code was refused three times");
}

declare module "vitest" {
  export interface ProvidedContext {
    totpClaimsDir: string;
  }
}
