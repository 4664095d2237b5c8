import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";
import {
  DEMO_ACCOUNTS_FILE,
  logDestination,
  readableDestination,
  readableLogLine,
  startupMessage,
} from "./log-output.ts";

function capture() {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  return { out, text: () => chunks.join("") };
}

describe("log output", () => {
  it("in a terminal, writes each event as one readable line: time, level, message, fields; an error's stack below", () => {
    const { out, text } = capture();
    const logger = createLogger({ logLevel: "info" }, readableDestination(out));
    logger.info({ port: 3000, database: "pglite" }, "listening");
    logger.warn({ path: "/sq/needs new" }, "slow request");
    logger.error({ err: new Error("connection refused") }, "mail not sent");
    const lines = text().split("\n");
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO {2}listening port=3000 database=pglite$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d WARN {2}slow request path="\/sq\/needs new"$/);
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d ERROR mail not sent$/);
    expect(lines[3]).toBe("    Error: connection refused");
    expect(lines[4]).toMatch(/^ {4}\s*at /);
    expect(text()).not.toContain('"level"');
    expect(text()).not.toContain("service=");
  });

  it("keeps the logger's redaction in readable lines", () => {
    const { out, text } = capture();
    createLogger({ logLevel: "info" }, readableDestination(out)).info({ password: "hunter2" }, "sign-in");
    expect(text()).not.toContain("hunter2");
    expect(text()).toContain('password="[redacted]"');
  });

  it("passes a line that is not JSON through unchanged", () => {
    expect(readableLogLine("plain text")).toBe("plain text");
  });

  it("chooses readable lines for a terminal and pino's JSON destination otherwise", () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.WriteStream;
    const { out, text } = capture();
    const destination = logDestination(Object.assign(out, { isTTY: true }) as unknown as NodeJS.WriteStream);
    destination.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: "hello" })}\n`);
    expect(text()).toMatch(/INFO .*hello/);
    expect(text()).not.toContain("{");
    expect(logDestination(terminal)).not.toHaveProperty("fd");
    const pipe = logDestination(Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream);
    expect(pipe).toHaveProperty("fd", 1);
  });
});

describe("the startup message", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("says where to open the platform, and where the demo accounts are only when this install has them", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-log-output-"));
    dirs.push(dataDir);
    expect(startupMessage({ publicUrl: "http://localhost:3000", dataDir })).toBe("Open http://localhost:3000/");
    fs.writeFileSync(path.join(dataDir, DEMO_ACCOUNTS_FILE), "[]", { mode: 0o600 });
    expect(startupMessage({ publicUrl: "https://platform.example.org", dataDir })).toBe(
      `Open https://platform.example.org/; demo accounts: see ${path.join(dataDir, DEMO_ACCOUNTS_FILE)}`,
    );
  });
});
