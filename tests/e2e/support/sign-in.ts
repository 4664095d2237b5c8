import type { Page, Response } from "playwright-core";
import { inject } from "vitest";
import { waitForHydration } from "./browser.ts";
import { demoPassword, demoTotpSecret } from "./demo-credentials.ts";
import { passTwoFactor } from "./totp.ts";

/** The domain of the demo accounts (`coordinator@…`, `donor@…`, `focal.point@…`, `admin@…`). */
export const DEMO_DOMAIN = "demo.cap.example.org";

/**
 * Clicks a form's submit button and returns the server's answer to the POST (a document without
 * JavaScript, React Router's data request with it), once the page has loaded.
 */
export async function submitForm(page: Page, buttonName: string): Promise<Response> {
  const baseUrl = inject("baseUrl");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(baseUrl)),
    page.getByRole("button", { name: buttonName, exact: true }).click(),
  ]);
  await page.waitForLoadState("load");
  return response;
}

/** How `signInAsDemo` signs in. */
export interface DemoSignIn {
  /** The path (with its locale) the sign-in leads to; the English workspace when not given. */
  returnTo?: string;
  /** Passes the two-factor step with the account's demo TOTP secret (administrator, coordinator). */
  twoFactor?: boolean;
  /** With JavaScript on, each page of the way is used once its scripts have run. */
  javaScriptEnabled?: boolean;
}

/**
 * Signs a demo account in through the English forms of the shared test server, with the demo
 * password and, when asked, a two-factor code, and waits until the page it leads to has loaded.
 */
export async function signInAsDemo(page: Page, email: string, options: DemoSignIn = {}): Promise<void> {
  const baseUrl = inject("baseUrl");
  const returnTo = options.returnTo ?? "/en/workspace";
  const settle = async () => {
    if (options.javaScriptEnabled) await waitForHydration(page);
  };
  const signInUrl = `${baseUrl}/en/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
  const status = (await page.goto(signInUrl))?.status();
  if (status !== 200) throw new Error(`${signInUrl} answered ${status}`);
  await settle();
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(demoPassword());
  await submitForm(page, "Sign in");
  if (options.twoFactor) {
    await page.waitForURL(/\/en\/sign-in\/two-factor/);
    await settle();
    await passTwoFactor(page, demoTotpSecret(email), baseUrl);
  }
  await page.waitForURL(`${baseUrl}${returnTo}`);
  await settle();
}
