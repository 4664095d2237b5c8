import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createSession } from "#app/modules/identity/sessions.server.ts";
import { createProbeBuild, createTestApp } from "../support/test-app.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { createTestUser } from "../support/workspace-actors.ts";

/*
 * Issue 12, item 9: what browsers and caches may keep. Private pages carry Cache-Control: no-store,
 * pages for a signed-in reader are never stored by shared caches, HSTS and __Host- cookies when the
 * platform is served over https, and plain http on localhost keeps working.
 */

let handle: DatabaseHandle;
let token: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  const user = await createTestUser(handle.db, [{ role: "coordinator" }]);
  token = await createSession(handle.db, user.userId, { twoFactorVerified: true });
});
afterAll(() => handle.close());

function appFor(publicUrl?: string) {
  return createTestApp(handle, undefined, {
    build: createProbeBuild().build,
    env: publicUrl ? { PUBLIC_URL: publicUrl } : {},
  });
}

const PRIVATE_PAGES = [
  "/en/workspace",
  "/sq/workspace/cases/12",
  "/sr-cyrl/workspace/users",
  "/en/workspace/audit/3",
  "/en/workspace/profile/two-factor",
  "/sq/needs/track",
  "/en/needs/track/ABCD-EFGH-JKLM",
  "/en/sign-in",
  "/en/sign-in/two-factor",
  "/en/forgot-password",
  "/en/reset-password/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  "/en/verify-email/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  "/en/accept-invitation/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
];

describe("Cache-Control on private pages", () => {
  it.each(PRIVATE_PAGES)("%s is no-store, for visitors and signed-in users", async (path) => {
    const app = appFor();
    const anonymous = await app.request(path);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("cache-control")).toBe("no-store");
    const signedIn = await app.request(path, { headers: { Cookie: `cap_session=${token}` } });
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
  });

  it("leaves public pages cacheable for visitors, and makes them private, no-store for a signed-in reader", async () => {
    const app = appFor();
    for (const path of ["/en/news", "/sq/strategies", "/en/needs", "/en/needs/new"]) {
      expect((await app.request(path)).headers.get("cache-control"), path).toBeNull();
      expect(
        (await app.request(path, { headers: { Cookie: `cap_session=${token}` } })).headers.get("cache-control"),
        path,
      ).toBe("private, no-store");
    }
  });
});

describe("https deployments", () => {
  it("send HSTS only when PUBLIC_URL is https", async () => {
    expect(
      (await appFor("https://platform.example.org").request("/en/news")).headers.get("strict-transport-security"),
    ).toBe("max-age=31536000");
    expect((await appFor().request("/en/news")).headers.get("strict-transport-security")).toBeNull();
    expect(
      (await appFor("http://localhost:3999").request("/healthz")).headers.get("strict-transport-security"),
    ).toBeNull();
  });

  it("read the session only from the __Host- cookie over https, and the plain name on http", async () => {
    const https = appFor("https://platform.example.org");
    // A signed-in reader gets "private, no-store" on a public page: that shows the session was recognised.
    expect(
      (await https.request("/en/news", { headers: { Cookie: `__Host-cap_session=${token}` } })).headers.get(
        "cache-control",
      ),
    ).toBe("private, no-store");
    expect(
      (await https.request("/en/news", { headers: { Cookie: `cap_session=${token}` } })).headers.get("cache-control"),
    ).toBeNull();
    const http = appFor();
    expect(
      (await http.request("/en/news", { headers: { Cookie: `cap_session=${token}` } })).headers.get("cache-control"),
    ).toBe("private, no-store");
    expect(
      (await http.request("/en/news", { headers: { Cookie: `__Host-cap_session=${token}` } })).headers.get(
        "cache-control",
      ),
    ).toBeNull();
  });

  it("set the CSRF cookie as __Host-, Secure over https, and plainly on http", async () => {
    const overHttps =
      (await appFor("https://platform.example.org").request("/en/news")).headers.get("set-cookie") ?? "";
    expect(overHttps).toMatch(/^__Host-cap_csrf=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    const overHttp = (await appFor().request("http://localhost:3999/en/news")).headers.get("set-cookie") ?? "";
    expect(overHttp).toMatch(/^cap_csrf=[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(overHttp).not.toMatch(/max-age|expires/i);
  });

  it("give no CSRF cookie with a read of the JSON API, which has no form (but still with a page)", async () => {
    const app = appFor();
    const api = await app.request("http://localhost:3999/api/v1/municipalities");
    expect(api.status).toBe(200);
    expect(api.headers.get("set-cookie")).toBeNull();
    expect((await app.request("http://localhost:3999/en/news")).headers.get("set-cookie")).toMatch(/^cap_csrf=[\w-]+;/);
  });
});
