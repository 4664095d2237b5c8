import fs from "node:fs";
import path from "node:path";
import pino, { type DestinationStream } from "pino";

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const COLOURS: Record<number, string> = { 40: "\u001b[33m", 50: "\u001b[31m", 60: "\u001b[31m" };
const RESET = "\u001b[0m";
/** Fields every line carries that a person at a terminal does not need. */
const HIDDEN = new Set(["level", "time", "msg", "pid", "hostname", "service", "err"]);

/** A field value as `key=value`: plain when it is a simple word, JSON otherwise (quoted strings, objects). */
function field(key: string, value: unknown): string {
  if (typeof value === "string" && /^[\w./:@-]+$/.test(value)) return `${key}=${value}`;
  if (typeof value === "number" || typeof value === "boolean") return `${key}=${value}`;
  return `${key}=${JSON.stringify(value)}`;
}

/**
 * One pino JSON line as a person reads it: "10:04:05 INFO  listening port=3000 database=pglite",
 * with an error's stack on the following lines. A line that is not JSON is passed through.
 */
export function readableLogLine(json: string, options: { colour?: boolean } = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const level = typeof entry.level === "number" ? entry.level : 30;
  const time = typeof entry.time === "number" ? new Date(entry.time).toTimeString().slice(0, 8) : "--:--:--";
  const label = (LEVELS[level] ?? String(level)).padEnd(5);
  const coloured = options.colour && COLOURS[level] ? `${COLOURS[level]}${label}${RESET}` : label;
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => field(key, value));
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const stack = err ? `\n    ${(err.stack ?? err.message ?? "").split("\n").join("\n    ")}` : "";
  return `${time} ${coloured} ${[typeof entry.msg === "string" ? entry.msg : "", ...fields].filter(Boolean).join(" ")}${stack}`;
}

/** A pino destination that writes readable lines (see {@link readableLogLine}) to a terminal. */
export function readableDestination(out: NodeJS.WritableStream, options: { colour?: boolean } = {}): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split("\n")) if (line) out.write(`${readableLogLine(line, options)}\n`);
    },
  };
}

/**
 * Where the server's log goes: readable lines when standard output is a terminal (a person ran
 * `npm start`), JSON lines otherwise (a service manager, a container, a pipe to a log collector).
 */
export function logDestination(stdout: NodeJS.WriteStream = process.stdout): DestinationStream {
  return stdout.isTTY ? readableDestination(stdout, { colour: true }) : pino.destination(1);
}

/** The file in DATA_DIR that keeps the demo accounts of this install, when they were created. */
export const DEMO_ACCOUNTS_FILE = "demo-accounts.json";

/**
 * The first line of the log: where to open the platform and, when this install has demo accounts,
 * where their credentials are kept.
 */
export function startupMessage(options: { publicUrl: string; dataDir: string }): string {
  const demoFile = path.join(options.dataDir, DEMO_ACCOUNTS_FILE);
  const open = `Open ${options.publicUrl}/`;
  return fs.existsSync(demoFile) ? `${open}; demo accounts: see ${demoFile}` : open;
}
