import path from "node:path";
import { trustedProxyHops } from "#app/services/client-address.ts";
import { s3SettingsFromEnv, type S3BlobSettings } from "#app/services/blob-store.server.ts";

/** Settings read once from the environment (see README, "Configuration"). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  isProduction: boolean;
  logLevel: string;
  /** Seed demo content into an empty database: by default only outside production on the embedded database (`npm start` opts in for the one-command demo); SEED_DEMO=true opts in anywhere. */
  seedDemo: boolean;
  /** Create the demo accounts (one per role) in a database without users: never in production unless SEED_DEMO_ACCOUNTS=true (which `npm start` sets for the one-command demo: no NODE_ENV, no DATABASE_URL). */
  seedDemoAccounts: boolean;
  smtp: { url: string | undefined; from: string };
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
  /** Months after a need case is finished before its submitter's personal data is erased. */
  needsRetentionMonths: number;
  /**
   * Send the `Server-Timing` header (SQL query count and time, server time) on every response:
   * only for benchmarks (`SERVER_TIMING=true`), since the figures tell apart requests that should
   * look alike, e.g. a sign-in for an existing account from one for an unknown address.
   */
  serverTiming: boolean;
  /** Reverse proxies in front that append the client to X-Forwarded-For (`TRUST_PROXY`); 0: the socket address is the client. */
  trustProxyHops: number;
  /** Requests of one client worked on at once, and waiting beyond those (decision 041). */
  clientGate: { maxActive: number; maxWaiting: number };
  /** Where stored files' bytes go: an S3-compatible bucket (FILE_STORAGE_URL), or null for DATA_DIR/files. */
  fileStorage: S3BlobSettings | null;
  /** Bearer token that /metrics requires; unset: /metrics answers 404 unless METRICS_PORT serves it apart. */
  metricsToken: string | undefined;
  /** A separate port (on HOST, or METRICS_HOST) that serves /metrics alone, without a token; 0 = none. */
  metricsPort: number;
  metricsHost: string;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number.parseInt(value, 10);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got "${value}".`);
  return parsed;
}

function metricsTokenFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 16) throw new Error("METRICS_TOKEN must be at least 16 characters.");
  return value;
}

/** Reads and checks the configuration; throws a readable message on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env.PORT, 3000, "PORT");
  const isProduction = env.NODE_ENV === "production";
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? "data"),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    isProduction,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === "true" : !isProduction && !env.DATABASE_URL,
    seedDemoAccounts: !isProduction || env.SEED_DEMO_ACCOUNTS === "true",
    smtp: { url: env.SMTP_URL || undefined, from: env.MAIL_FROM ?? "Community Affairs Platform <no-reply@localhost>" },
    maxUploadBytes: intFrom(env.MAX_UPLOAD_BYTES, 20 * 1024 * 1024, "MAX_UPLOAD_BYTES"),
    needsRetentionMonths: intFrom(env.NEEDS_RETENTION_MONTHS, 24, "NEEDS_RETENTION_MONTHS"),
    serverTiming: env.SERVER_TIMING === "true",
    trustProxyHops: trustedProxyHops(env.TRUST_PROXY),
    clientGate: {
      maxActive: Math.max(1, intFrom(env.CLIENT_MAX_ACTIVE_REQUESTS, 4, "CLIENT_MAX_ACTIVE_REQUESTS")),
      maxWaiting: intFrom(env.CLIENT_MAX_WAITING_REQUESTS, 64, "CLIENT_MAX_WAITING_REQUESTS"),
    },
    fileStorage: s3SettingsFromEnv(env),
    metricsToken: metricsTokenFrom(env.METRICS_TOKEN),
    metricsPort: intFrom(env.METRICS_PORT, 0, "METRICS_PORT"),
    metricsHost: env.METRICS_HOST ?? "127.0.0.1",
  };
}
