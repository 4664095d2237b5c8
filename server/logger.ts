import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "./config.ts";

/** Structured JSON logs (one line per event); passwords, cookies and tokens are never written. */
export function createLogger(config: Pick<Config, "logLevel">, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: "community-affairs-platform" },
    redact: {
      paths: ["password", "*.password", "req.headers.cookie", "req.headers.authorization", "*.token", "token"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
