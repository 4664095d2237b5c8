import { Secret, TOTP } from "otpauth";
import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { isChromiumAvailable, JAVASCRIPT_MODES, launchBrowser, VIEWPORTS, waitForHydration } from "./support/browser.ts";

/**
 * Signing in and out, a wrong password, two-factor authentication, a password reset and an
 * invitation, in a browser with JavaScript and one without. The server holds the demo accounts
 * (SEED_DEMO_ACCOUNTS=true in global-setup.ts) and no SMTP server, so mail is held in the outbox,
 * which the administrator reads in the workspace to follow the links.
 */

const baseUrl = inject("baseUrl");
const LOCALE = "en";
const DEMO_DOMAIN = "demo.cap.example.org";
/** The shared password of the demo accounts (app/db/seed/demo-accounts.server.ts). */
const DEMO_PASSWORD = "Demo-password-2026!";
const ADMIN_EMAIL = `admin@${DEMO_DOMAIN}`;
/** The administrator's fixed demo TOTP secret. */
const ADMIN_TOTP_SECRET = "PRMU6YHXTJUMZJRJBVPZKBNWR7KDIRY6";
const SESSION_COOKIE = "cap_session";
const TOTP_PERIOD_MS = 30_000;

/**
 * Accounts per mode, so that the two runs never touch the same account's password or limits.
 * Failing attempts never use the administrator's e-mail (sign-in is rate limited per e-mail).
 */
const ACCOUNTS = {
  "JavaScript on": { signIn: `focal.point@${DEMO_DOMAIN}`, wrongPassword: `municipal.officer@${DEMO_DOMAIN}` },
  "JavaScript off": { signIn: `donor@${DEMO_DOMAIN}`, wrongPassword: `coordinator@${DEMO_DOMAIN}` },
} as const;

function totpCode(step: number): string {
  return new TOTP({ secret: Secret.fromBase32(ADMIN_TOTP_SECRET), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: step * TOTP_PERIOD_MS });
}

/** Every code works only once per 30-second step: the last step used for the administrator. */
let lastAdminStep = -1;

/**
 * A code for a step after the last one used that the server accepts now (it takes the previous and
 * next step too), waiting for the next step when none is left.
 */
async function freshAdminCode(): Promise<string> {
  for (;;) {
    const current = Math.floor(Date.now() / TOTP_PERIOD_MS);
    const step = Math.max(current, lastAdminStep + 1);
    // The next step only when far enough from the boundary that the server still counts it.
    if (step === current || (step === current + 1 && Date.now() % TOTP_PERIOD_MS < TOTP_PERIOD_MS - 3_000)) {
      lastAdminStep = step;
      return totpCode(step);
    }
    await new Promise((resolve) => setTimeout(resolve, TOTP_PERIOD_MS - (Date.now() % TOTP_PERIOD_MS) + 200));
  }
}

/** A six-digit code that no step around now accepts. */
function wrongAdminCode(): string {
  const current = Math.floor(Date.now() / TOTP_PERIOD_MS);
  const valid = new Set([-2, -1, 0, 1, 2].map((offset) => totpCode(current + offset)));
  let candidate = 123456;
  while (valid.has(String(candidate).padStart(6, "0"))) candidate = (candidate + 111_111) % 1_000_000;
  return String(candidate).padStart(6, "0");
}

describe.skipIf(!isChromiumAvailable)("identity: signing in, out, two-factor, reset and invitation", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.for(JAVASCRIPT_MODES.map((mode) => [mode.name, mode.javaScriptEnabled] as const))("%s", ([modeName, javaScriptEnabled]) => {
    const accounts = ACCOUNTS[modeName];
    const contexts: BrowserContext[] = [];
    /** The administrator's signed-in context, made by the two-factor test (or on demand). */
    let adminContext: BrowserContext | undefined;
    /** The account made by the invitation test, whose password the reset test then changes. */
    let invitee: { email: string; password: string } | undefined;

    afterAll(async () => {
      for (const context of contexts) await context.close();
    });

    async function newContext(): Promise<BrowserContext> {
      const context = await browser.newContext({ javaScriptEnabled, viewport: VIEWPORTS.desktop });
      contexts.push(context);
      return context;
    }

    /** Opens a page, checks its status and, with JavaScript, waits until React has hydrated it. */
    async function open(context: BrowserContext, path: string, status = 200): Promise<Page> {
      const page = await context.newPage();
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), `status of ${path}`).toBe(status);
      if (javaScriptEnabled) await waitForHydration(page);
      return page;
    }

    async function settle(page: Page): Promise<void> {
      if (javaScriptEnabled) await waitForHydration(page);
    }

    /**
     * Clicks a form's submit button and returns the server's answer to the POST (a document
     * without JavaScript, React Router's data request with it).
     */
    async function submit(page: Page, buttonName: string): Promise<Response> {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(baseUrl)),
        page.getByRole("button", { name: buttonName, exact: true }).click(),
      ]);
      return response;
    }

    async function fillSignIn(page: Page, email: string, password: string): Promise<Response> {
      await page.locator("#email").fill(email);
      await page.locator("#password").fill(password);
      return submit(page, "Sign in");
    }

    async function errorSummary(page: Page): Promise<string> {
      const summary = page.locator('main [role="alert"]');
      await summary.waitFor();
      return (await summary.textContent()) ?? "";
    }

    /** The administrator signs in with the password and a fresh code. */
    async function signInAdmin(): Promise<BrowserContext> {
      const context = await newContext();
      const page = await open(context, `/${LOCALE}/sign-in`);
      await fillSignIn(page, ADMIN_EMAIL, DEMO_PASSWORD);
      await page.waitForURL(/\/en\/sign-in\/two-factor/);
      await settle(page);
      await page.locator("#code").fill(await freshAdminCode());
      await submit(page, "Continue");
      await page.waitForURL(`${baseUrl}/${LOCALE}/workspace`);
      await page.close();
      return context;
    }

    async function admin(): Promise<BrowserContext> {
      adminContext ??= await signInAdmin();
      return adminContext;
    }

    /** The administrator opens the newest outbox message to `to` and returns the first link to `pathPart` in it. */
    async function linkFromOutbox(to: string, pathPart: string): Promise<string> {
      const page = await open(await admin(), `/${LOCALE}/workspace/outbox`);
      const row = page.locator("main tbody tr", { hasText: to }).first();
      // Reset links are sent by a background job (the request does the same work for every address):
      // reload the outbox until the job has written the message.
      await expect
        .poll(
          async () => {
            if ((await row.count()) > 0) return true;
            await page.reload();
            await settle(page);
            return (await row.count()) > 0;
          },
          { timeout: 20_000, intervals: [250, 500, 1000] },
        )
        .toBe(true);
      await row.getByRole("link").first().click();
      await page.waitForURL(/\/en\/workspace\/outbox\/\d+$/);
      await settle(page);
      const href = await page.locator(`main pre a[href*="${pathPart}"]`).first().getAttribute("href");
      await page.close();
      if (!href) throw new Error(`No ${pathPart} link in the outbox message to ${to}.`);
      expect(href.startsWith(`${baseUrl}/${LOCALE}${pathPart}`), href).toBe(true);
      return href;
    }

    it("signs in with a session cookie that is HttpOnly and SameSite=Lax, and signs out", async () => {
      const context = await newContext();
      const signedOut = await open(context, `/${LOCALE}/workspace`);
      expect(new URL(signedOut.url()).pathname, "the workspace sends a visitor to sign in").toBe(`/${LOCALE}/sign-in`);
      await signedOut.close();

      const page = await open(context, `/${LOCALE}/sign-in?returnTo=${encodeURIComponent(`/${LOCALE}/workspace`)}`);
      const response = await fillSignIn(page, accounts.signIn, DEMO_PASSWORD);
      expect(response.status(), "the sign-in answer is a redirect").toBeLessThan(400);
      await page.waitForURL(`${baseUrl}/${LOCALE}/workspace`);
      await settle(page);
      expect(await page.locator("main h1").textContent()).toBeTruthy();

      const session = (await context.cookies(baseUrl)).find((cookie) => cookie.name === SESSION_COOKIE);
      expect(session, "the session cookie").toBeDefined();
      expect(session?.httpOnly, "HttpOnly").toBe(true);
      expect(session?.sameSite, "SameSite").toBe("Lax");
      expect(session?.path).toBe("/");
      expect(await page.evaluate(() => document.cookie).catch(() => ""), "scripts cannot read the session cookie").not.toContain(SESSION_COOKIE);

      await page.getByRole("banner").getByRole("button", { name: "Sign out", exact: true }).click();
      await page.waitForURL(`${baseUrl}/${LOCALE}/`);
      await settle(page);
      expect((await context.cookies(baseUrl)).some((cookie) => cookie.name === SESSION_COOKIE), "the session cookie is removed").toBe(false);
      await page.close();

      const after = await open(context, `/${LOCALE}/workspace`);
      expect(new URL(after.url()).pathname, "after signing out the workspace sends to sign in").toBe(`/${LOCALE}/sign-in`);
      expect(new URL(after.url()).searchParams.get("returnTo")).toBe(`/${LOCALE}/workspace`);
      await after.close();
    });

    it("refuses a wrong password with the error summary and status 400", async () => {
      const context = await newContext();
      const page = await open(context, `/${LOCALE}/sign-in`);
      const response = await fillSignIn(page, accounts.wrongPassword, "Not-the-password-2026!");
      expect(response.status(), `status of ${response.url()}`).toBe(400);
      expect(await errorSummary(page)).toContain("There is a problem");
      expect(new URL(page.url()).pathname).toBe(`/${LOCALE}/sign-in`);
      expect(await page.locator("#email").inputValue(), "the e-mail is kept").toBe(accounts.wrongPassword);
      // The server never renders a password back (with JavaScript the browser keeps what was typed).
      if (!javaScriptEnabled) expect(await page.locator("#password").inputValue(), "the password is not sent back").toBe("");
      expect((await context.cookies(baseUrl)).some((cookie) => cookie.name === SESSION_COOKIE)).toBe(false);
      await page.close();
    });

    it("asks the administrator for the two-factor code, refuses a wrong one and accepts the right one", async () => {
      const context = await newContext();
      const page = await open(context, `/${LOCALE}/sign-in`);
      await fillSignIn(page, ADMIN_EMAIL, DEMO_PASSWORD);
      await page.waitForURL(/\/en\/sign-in\/two-factor/);
      await settle(page);

      // The password alone does not open the workspace.
      const early = await open(context, `/${LOCALE}/workspace`);
      expect(new URL(early.url()).pathname).toBe(`/${LOCALE}/sign-in/two-factor`);
      await early.close();

      await page.locator("#code").fill(wrongAdminCode());
      const refused = await submit(page, "Continue");
      expect(refused.status(), "a wrong code").toBe(400);
      expect(await errorSummary(page)).toBeTruthy();
      expect(new URL(page.url()).pathname).toBe(`/${LOCALE}/sign-in/two-factor`);

      await page.locator("#code").fill(await freshAdminCode());
      await submit(page, "Continue");
      await page.waitForURL(`${baseUrl}/${LOCALE}/workspace`);
      await settle(page);
      const session = (await context.cookies(baseUrl)).find((cookie) => cookie.name === SESSION_COOKIE);
      expect(session?.httpOnly).toBe(true);
      expect(session?.sameSite).toBe("Lax");
      await page.close();
      adminContext ??= context;
    });

    it("invites a new CSO member, who accepts the e-mailed invitation and lands in the workspace", async () => {
      const email = `invitee-${javaScriptEnabled ? "js" : "nojs"}-${Date.now()}@e2e.example.org`;
      const invite = await open(await admin(), `/${LOCALE}/workspace/users/invite`);
      await invite.locator("#email").fill(email);
      await invite.locator("#name").fill("Invited Person");
      await invite.locator("#role").selectOption("cso_member");
      const organisation = await invite.locator("#organisationId option").evaluateAll((options) => options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? "" })).find((o) => o.value !== ""));
      expect(organisation, "the form offers an organisation").toBeDefined();
      await invite.locator("#organisationId").selectOption(organisation?.value ?? "");
      await invite.locator("#locale").selectOption(LOCALE);
      await submit(invite, "Send the invitation");
      await invite.waitForURL(`${baseUrl}/${LOCALE}/workspace/users?saved=invited`);
      await invite.close();

      const link = await linkFromOutbox(email, "/accept-invitation/");
      const context = await newContext();
      const accept = await open(context, new URL(link).pathname);
      expect(await accept.locator("main dl").textContent()).toContain(email);
      expect(await accept.locator("main dl").textContent()).toContain(organisation?.label.replace(/\s*\([^)]*\)\s*$/, "").trim() ?? "");
      const password = `Invited ${modeName} ${Date.now()} teapot harbour`;
      await accept.locator("#name").fill("Invited E2E Person");
      await accept.locator("#newPassword").fill(password);
      await accept.locator("#confirmPassword").fill(password);
      await submit(accept, "Create my account");
      invitee = { email, password };
      await accept.waitForURL(`${baseUrl}/${LOCALE}/workspace`);
      await settle(accept);
      expect(await accept.locator("main h1").textContent()).toBeTruthy();
      const session = (await context.cookies(baseUrl)).find((cookie) => cookie.name === SESSION_COOKIE);
      expect(session?.httpOnly).toBe(true);
      expect(session?.sameSite).toBe("Lax");
      await accept.close();

      // The invitation works once.
      const used = await context.newPage();
      expect((await used.goto(link))?.status(), "a used invitation link").toBe(410);
      await used.close();
    });
    // On the account just invited: the demo accounts' passwords stay as they are for the other test files.
    it("resets a forgotten password through the e-mailed link", async () => {
      expect(invitee, "the invitation test made the account").toBeDefined();
      if (!invitee) return;
      const context = await newContext();
      const page = await open(context, `/${LOCALE}/forgot-password`);
      await page.locator("#email").fill(invitee.email);
      await submit(page, "Send the link");
      await page.waitForURL(`${baseUrl}/${LOCALE}/forgot-password?sent=1`);
      await settle(page);
      expect(await page.locator('main [role="status"]').textContent()).toContain("If an account exists");
      await page.close();

      const link = await linkFromOutbox(invitee.email, "/reset-password/");
      const newPassword = `Reset ${modeName} ${Date.now()} kiwi lantern`;
      const reset = await open(context, new URL(link).pathname);
      await reset.locator("#newPassword").fill(newPassword);
      await reset.locator("#confirmPassword").fill(newPassword);
      await submit(reset, "Change the password");
      await reset.waitForURL(`${baseUrl}/${LOCALE}/sign-in?notice=reset`);
      await settle(reset);
      expect(await reset.locator('main [role="status"]').textContent()).toContain("Your password has been changed");
      await reset.close();

      // The link works once.
      const used = await context.newPage();
      expect((await used.goto(link))?.status(), "a used reset link").toBe(410);
      await used.close();

      const signIn = await open(context, `/${LOCALE}/sign-in`);
      expect((await fillSignIn(signIn, invitee.email, invitee.password)).status(), "the old password no longer works").toBe(400);
      await errorSummary(signIn);
      await fillSignIn(signIn, invitee.email, newPassword);
      await signIn.waitForURL(`${baseUrl}/${LOCALE}/workspace`);
      expect((await context.cookies(baseUrl)).some((cookie) => cookie.name === SESSION_COOKIE), "signed in with the new password").toBe(true);
      await signIn.close();
    });

  });
});
