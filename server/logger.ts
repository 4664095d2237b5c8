import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "./config.ts";
import { redactError, redactValue } from "./log-redaction.ts";

/**
 * Structured JSON logs (one line per event). Every line passes through the redaction of
 * log-redaction.ts: tracking codes and e-mailed tokens in paths and query strings, cookies,
 * authorization headers, passwords and tokens are never written.
 */
export function createLogger(config: Pick<Config, "logLevel">, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: "community-affairs-platform" },
    serializers: { err: (error: unknown) => (error instanceof Error ? redactError(error) : redactValue(error)) },
    formatters: { log: (object) => redactValue(object) as Record<string, unknown> },
    hooks: {
      // The message text too (a message built from a URL).
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === "string" ? (redactValue(arg) as string) : arg)) as Parameters<
            typeof method
          >,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
