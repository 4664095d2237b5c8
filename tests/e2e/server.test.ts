import { describe, expect, inject, it } from "vitest";

/** The production server over HTTP, without a browser (so it runs where Chromium is missing too). */
const baseUrl = inject("baseUrl");

describe("the production server", () => {
  it.for([
    ["sr-RS", "/sr-cyrl/"],
    ["sr-Latn-RS,sr;q=0.8", "/sr/"],
    ["en", "/en/"],
    ["en-GB,en;q=0.9", "/en/"],
    ["sq-AL", "/sq/"],
    ["de", "/sq/"],
    ["", "/sq/"],
  ] as const)("redirects / with Accept-Language %j to %s", async ([acceptLanguage, target]) => {
    const response = await fetch(`${baseUrl}/`, {
      redirect: "manual",
      headers: acceptLanguage ? { "accept-language": acceptLanguage } : {},
    });
    expect([301, 302, 303, 307, 308]).toContain(response.status);
    expect(new URL(response.headers.get("location") ?? "", baseUrl).pathname).toBe(target);
    expect(response.headers.get("vary") ?? "").toMatch(/accept-language/i);
  });

  it("answers /healthz", async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("gives every script of a page the nonce of its Content-Security-Policy", async () => {
    const response = await fetch(`${baseUrl}/en/`);
    expect(response.status).toBe(200);
    const policy = response.headers.get("content-security-policy") ?? "";
    const scriptSource =
      policy
        .split(";")
        .map((directive) => directive.trim())
        .find((directive) => directive.startsWith("script-src ")) ?? "";
    expect(scriptSource, policy).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSource)?.[1];
    expect(nonce, policy).toBeTruthy();
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      if (/\bsrc=/.test(script)) continue;
      expect(script).toContain(`nonce="${nonce}"`);
    }
  });

  it("serves the built assets with a long, immutable cache lifetime", async () => {
    const html = await (await fetch(`${baseUrl}/en/`)).text();
    const asset = /(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/.exec(html)?.[1];
    expect(asset, "the page links a built asset").toBeTruthy();
    const response = await fetch(`${baseUrl}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it("serves the other built files under their own paths, compressed when asked, and nothing else from the folder", async () => {
    const icon = await fetch(`${baseUrl}/favicon.svg`, { headers: { "Accept-Encoding": "br" } });
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
    expect(icon.headers.get("content-encoding")).toBe("br");
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await icon.text()).toContain("<svg");
    // The precompressed twin is not a file of its own, and a page path is a page.
    expect((await fetch(`${baseUrl}/favicon.svg.br`)).headers.get("content-type") ?? "").not.toContain("image/svg+xml");
    expect((await fetch(`${baseUrl}/en/`)).headers.get("content-type")).toContain("text/html");
  });
});
