// `npm run bench:startup`: how long `node scripts/start.mjs` takes to answer, (a) on an empty data
// folder (create the embedded database, migrate, load reference data, seed the demo content) and
// (b) again on that folder after a SIGTERM (cold start). The build is made (and timed) once before;
// the timed starts reuse it. Options: --runs 3, --skip-build (reuse build/ when it is current).
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseBenchArgs } from "./bench-args.ts";
import { ensureBuild, ROOT } from "./build.ts";
import { formatTable, median } from "./stats.ts";

/** One timed start of the production server. */
export interface StartTiming {
  /** From spawning the process to the first 200 from /healthz. */
  healthzMs: number;
  /** From spawning the process to the first 200 from /sq/ (a server-rendered page with queries). */
  homeMs: number;
  /** From SIGTERM to the process's exit. */
  stopMs: number;
  /** The start script rebuilt the app (sources changed under us): this run's figures include a build. */
  rebuilt: boolean;
}

const values = parseBenchArgs({
  defaults: { runs: "3" },
  flags: ["skip-build"],
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a whole number ≥ 1.");
const POLL_MS = 10;
const START_DEADLINE_MS = 300_000;

async function isPortFree(port: number): Promise<boolean> {
  const server = net.createServer();
  try {
    server.listen(port, "127.0.0.1");
    await once(server, "listening");
    return true;
  } catch {
    return false;
  } finally {
    server.close();
  }
}

/** A free port in 3410–3499 (this project's benchmark range). */
async function freePort(): Promise<number> {
  for (let port = 3410; port < 3500; port++) if (await isPortFree(port)) return port;
  throw new Error("No free port in 3410–3499.");
}

async function timeStart(dataDir: string): Promise<StartTiming> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  const exit = once(child, "exit").then(() => (exited = true));

  const firstOk = async (pathname: string): Promise<number> => {
    for (;;) {
      if (exited) throw new Error(`The server exited before ${pathname} answered:\n${output}`);
      if (performance.now() - started > START_DEADLINE_MS)
        throw new Error(`No 200 from ${pathname} within ${START_DEADLINE_MS / 1000} s:\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}${pathname}`, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  try {
    const [healthzMs, homeMs] = await Promise.all([firstOk("/healthz"), firstOk("/sq/")]);
    const stopping = performance.now();
    child.kill("SIGTERM");
    await exit;
    return {
      healthzMs,
      homeMs,
      stopMs: performance.now() - stopping,
      rebuilt: output.includes("Building the application"),
    };
  } finally {
    if (!exited) {
      child.kill("SIGKILL");
      await exit;
    }
  }
}

async function main(): Promise<void> {
  const build = ensureBuild({ force: !values["skip-build"] });
  console.log(
    build.built
      ? `Build (react-router build): ${(build.ms / 1000).toFixed(1)} s`
      : "Build: build/ is current, reused (--skip-build).",
  );

  /**
   * Times one start, again if the start script rebuilt the app (the sources changed under us, e.g.
   * someone is editing them): such a figure would include the build. `prepare` runs before each try.
   */
  async function timeWithoutRebuild(label: string, prepare: () => string): Promise<StartTiming> {
    for (let attempt = 1; ; attempt++) {
      const rebuild = ensureBuild();
      if (rebuild.built) console.log(`(sources changed: rebuilt in ${(rebuild.ms / 1000).toFixed(1)} s, untimed)`);
      const timing = await timeStart(prepare());
      if (!timing.rebuilt) return timing;
      if (attempt === 3) {
        console.log(`${label}: the sources kept changing; keeping a figure that includes a rebuild.`);
        return timing;
      }
      console.log(`${label}: the start script rebuilt the app; timing it again.`);
    }
  }

  const samples: { run: number; first: StartTiming; cold: StartTiming }[] = [];
  for (let run = 1; run <= runs; run++) {
    const dirs: string[] = [];
    try {
      const first = await timeWithoutRebuild(`run ${run}, first start`, () => {
        dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), "cap-startup-")));
        return dirs[dirs.length - 1]!;
      });
      const cold = await timeWithoutRebuild(`run ${run}, cold start`, () => dirs[dirs.length - 1]!);
      samples.push({ run, first, cold });
      console.log(
        `run ${run}: first start ${(first.homeMs / 1000).toFixed(2)} s, cold start ${(cold.homeMs / 1000).toFixed(2)} s`,
      );
    } finally {
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const seconds = (ms: number) => ms / 1000;
  const row = (label: string, pick: (s: (typeof samples)[number]) => StartTiming) => [
    label,
    ...samples.map((s) => seconds(pick(s).healthzMs)),
    seconds(median(samples.map((s) => pick(s).healthzMs))),
    ...samples.map((s) => seconds(pick(s).homeMs)),
    seconds(median(samples.map((s) => pick(s).homeMs))),
    seconds(median(samples.map((s) => pick(s).stopMs))),
  ];
  console.log(`\nSeconds from spawning \`node scripts/start.mjs\` to the first 200 (${runs} runs, embedded database)`);
  console.log(
    formatTable(
      [
        "start",
        ...samples.map((s) => `/healthz #${s.run}`),
        "/healthz p50",
        ...samples.map((s) => `/sq/ #${s.run}`),
        "/sq/ p50",
        "SIGTERM→exit p50",
      ],
      [row("first (empty DATA_DIR, seeding)", (s) => s.first), row("cold (existing DATA_DIR)", (s) => s.cold)],
      [undefined, ...Array(runs * 2 + 3).fill(2)],
    ),
  );
  if (samples.some((s) => s.first.rebuilt || s.cold.rebuilt))
    console.log("Warning: at least one start rebuilt the app; its figures include the build.");

  const outDir = path.join(ROOT, "bench", "results");
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `startup-${new Date().toISOString().replaceAll(":", "-").slice(0, 19)}.json`);
  fs.writeFileSync(
    outFile,
    JSON.stringify(
      { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, build, samples },
      null,
      2,
    ),
  );
  console.log(`\nFigures written to ${path.relative(process.cwd(), outFile)}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
