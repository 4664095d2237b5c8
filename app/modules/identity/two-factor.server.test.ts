import { describe, expect, it } from "vitest";
import {
  createTotpSecret,
  currentTotpCode,
  formatTotpSecret,
  totpQrSvg,
  totpStep,
  totpUri,
  verifyTotpCode,
} from "./two-factor.server.ts";

// RFC 6238 test secret ("12345678901234567890" in base32) and its published SHA-1 vectors.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors (SHA-1, 30 s, last 6 digits)", () => {
    expect(currentTotpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(currentTotpCode(RFC_SECRET, 1_111_111_109_000)).toBe("081804");
    expect(currentTotpCode(RFC_SECRET, 1_234_567_890_000)).toBe("005924");
  });

  it("makes 160-bit base32 secrets, different every time", () => {
    const secret = createTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(createTotpSecret()).not.toBe(secret);
    expect(formatTotpSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });

  it("accepts the current code and those of the neighbouring steps, and no others", () => {
    const secret = createTotpSecret();
    const now = 1_800_000_000_000;
    const step = totpStep(now);
    expect(verifyTotpCode(secret, currentTotpCode(secret, now), null, now)).toBe(step);
    expect(verifyTotpCode(secret, currentTotpCode(secret, now - 30_000), null, now)).toBe(step - 1);
    expect(verifyTotpCode(secret, currentTotpCode(secret, now + 30_000), null, now)).toBe(step + 1);
    const tooOld = currentTotpCode(secret, now - 60_000);
    if (![now - 30_000, now, now + 30_000].some((t) => currentTotpCode(secret, t) === tooOld)) {
      expect(verifyTotpCode(secret, tooOld, null, now)).toBeNull();
    }
    expect(verifyTotpCode(secret, "12345", null, now)).toBeNull();
    expect(verifyTotpCode(secret, "abcdef", null, now)).toBeNull();
  });

  it("refuses a code whose step was already used (replay), and earlier steps", () => {
    const secret = createTotpSecret();
    const now = 1_800_000_000_000;
    const step = totpStep(now);
    const code = currentTotpCode(secret, now);
    expect(verifyTotpCode(secret, code, step, now)).toBeNull();
    expect(verifyTotpCode(secret, currentTotpCode(secret, now - 30_000), step, now)).toBeNull();
    expect(verifyTotpCode(secret, code, step - 1, now)).toBe(step);
  });

  it("draws the otpauth URI as an SVG QR code on the server", async () => {
    const uri = totpUri("JBSWY3DPEHPK3PXP", "drita@example.org");
    expect(uri).toBe(
      "otpauth://totp/Community%20Affairs%20Platform:drita%40example.org?issuer=Community%20Affairs%20Platform&secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30",
    );
    const svg = await totpQrSvg(uri);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });
});
