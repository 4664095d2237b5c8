import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The secret that signs CSRF tokens: APP_SECRET when set (required when several instances
 * share a database), otherwise a random secret created once in DATA_DIR/app-secret.
 */
export function resolveAppSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.APP_SECRET) {
    if (env.APP_SECRET.length < 32) throw new Error("APP_SECRET must be at least 32 characters long.");
    return env.APP_SECRET;
  }
  const file = path.join(dataDir, "app-secret");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}
