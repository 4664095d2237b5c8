import fs from "node:fs";
import { Secret, TOTP } from "otpauth";

/*
 * Signing in as a demo account over HTTP, as the benchmarks that drive a running server do
 * (bench/load.ts, bench/profile-url.ts): through the real forms, as a browser without JavaScript.
 */

/** A demo account's password and TOTP secret, as the server wrote them to demo-accounts.json. */
export interface DemoAccount {
  password: string;
  totpSecret: string | null;
}

/** The demo accounts of a demo-accounts.json (written by the server that created them), by email. */
export function readDemoAccounts(file: string): Map<string, DemoAccount> {
  const accounts = (
    JSON.parse(fs.readFileSync(file, "utf8")) as {
      accounts: ({ email: string } & DemoAccount)[];
    }
  ).accounts;
  return new Map(accounts.map((a) => [a.email, { password: a.password, totpSecret: a.totpSecret }]));
}

/**
 * Signs in through the sign-in form (and the two-factor form when asked, with a code from the
 * account's TOTP secret) at `baseUrl` in `locale`; returns the Cookie header of the session. `headers`
 * adds headers to each of its requests (e.g. a client address).
 */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  account: DemoAccount,
  { locale = "en", headers = () => ({}) }: { locale?: string; headers?: () => Record<string, string> } = {},
): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const post = async (pathname: string, fields: Record<string, string>) => {
    const response = await fetch(new URL(pathname, baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: {
        origin: new URL(baseUrl).origin,
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader(),
        ...headers(),
      },
      body: new URLSearchParams(fields),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    await response.body?.cancel();
    return response;
  };
  const returnTo = `/${locale}/workspace`;
  const first = await post(`/${locale}/sign-in`, { email, password: account.password, returnTo });
  if (first.status !== 302 && first.status !== 303) throw new Error(`Sign-in of ${email} answered ${first.status}.`);
  if ((first.headers.get("location") ?? "").includes("two-factor")) {
    if (!account.totpSecret) throw new Error(`${email} was asked for a two-factor code but has no secret.`);
    const code = new TOTP({ secret: Secret.fromBase32(account.totpSecret), algorithm: "SHA1", digits: 6, period: 30 });
    const second = await post(`/${locale}/sign-in/two-factor`, { code: code.generate(), returnTo });
    if (second.status !== 302 && second.status !== 303)
      throw new Error(`The two-factor step of ${email} answered ${second.status}.`);
  }
  return cookieHeader();
}
