import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/** The name authenticator apps show next to the code. */
export const TOTP_ISSUER = "Community Affairs Platform";
/** RFC 6238 defaults, which every authenticator app understands. */
const TOTP_SETTINGS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** Codes of the previous and next 30-second step are accepted too (clock drift, typing time). */
const TOTP_WINDOW = 1;

/** A new random TOTP secret (160 bits, as RFC 4226 recommends), in base32 as apps expect it. */
export function createTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = ""): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, secret: Secret.fromBase32(secret), ...TOTP_SETTINGS });
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountLabel: string): string {
  return totp(secret, accountLabel).toString();
}

/** The current code for a secret (tests and the demo helpers only; people read it from their app). */
export function currentTotpCode(secret: string, now: number = Date.now()): string {
  return totp(secret).generate({ timestamp: now });
}

/** The time step (30-second period number) a moment falls in. */
export function totpStep(now: number = Date.now()): number {
  return TOTP.counter({ period: TOTP_SETTINGS.period, timestamp: now });
}

/**
 * Checks a code against a secret and returns the time step it belongs to, or null when it is
 * wrong. A step at or before `lastAcceptedStep` is refused: each code works only once.
 */
export function verifyTotpCode(
  secret: string,
  code: string,
  lastAcceptedStep: number | null,
  now: number = Date.now(),
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  let delta: number | null;
  try {
    delta = totp(secret).validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  } catch {
    return null;
  }
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  if (lastAcceptedStep !== null && step <= lastAcceptedStep) return null;
  return step;
}

/** The secret grouped in fours, easier to type into an app by hand. */
export function formatTotpSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The QR code of the `otpauth://` URI as an SVG document, drawn on the server so no script is needed. */
export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
