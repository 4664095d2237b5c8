import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "./security-headers.ts";

describe("createNonce", () => {
  it("gives 16 random bytes each time, never the same twice, also past the bytes drawn in one go", () => {
    const nonces = Array.from({ length: 1000 }, () => createNonce());
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    expect(new Set(nonces).size).toBe(nonces.length);
    // Not a counter: the nonces share no common first bytes.
    expect(new Set(nonces.map((nonce) => nonce.slice(0, 4))).size).toBeGreaterThan(990);
  });

  it("is what the policy lets scripts run with", () => {
    const nonce = createNonce();
    expect(contentSecurityPolicy(nonce, false)).toContain(`script-src 'self' 'nonce-${nonce}'`);
  });
});
