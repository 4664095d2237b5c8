/**
 * `npx tsx bench/load-compare.ts <one-instance.json> <two-instances.json>`: the results of two
 * `npm run bench:load` runs (bench/results/load-*.json), one with `--instances 1` and one with
 * `--instances 2`, side by side per URL and concurrency at each scale both runs have: requests/s,
 * p50 and p99 of each, the throughput ratio, errors, and the servers' memory (issue 19).
 */
import fs from "node:fs";
import { formatTable } from "./stats.ts";

interface UrlResult {
  group: string;
  name: string;
  concurrency: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}
interface ScaleResult {
  scale: number;
  rss: { startMb: number[]; endMb: number[] };
  results: UrlResult[];
  loadavg: { before: number[]; after: number[] };
}
interface LoadRun {
  at: string;
  commit: string;
  settings: { instances: number; durationS: number; concurrency: number[] };
  scales: ScaleResult[];
}

function read(file: string): LoadRun {
  const run = JSON.parse(fs.readFileSync(file, "utf8")) as LoadRun;
  if (!Array.isArray(run.scales)) throw new Error(`${file} is not a bench:load result.`);
  return run;
}

const [fileA, fileB] = process.argv.slice(2);
if (!fileA || !fileB) {
  console.error("Usage: npx tsx bench/load-compare.ts <one-instance.json> <two-instances.json>");
  process.exit(2);
}
const [one, two] = [read(fileA), read(fileB)].sort((a, b) => a.settings.instances - b.settings.instances) as [
  LoadRun,
  LoadRun,
];
const mb = (list: number[]) => list.map((m) => m.toFixed(0)).join(" + ");
const load = (s: ScaleResult) =>
  `${s.loadavg.before.map((l) => l.toFixed(1)).join(" ")} → ${s.loadavg.after.map((l) => l.toFixed(1)).join(" ")}`;

for (const a of one.scales) {
  const b = two.scales.find((s) => s.scale === a.scale);
  if (!b) continue;
  console.log(
    `\n### ×${a.scale}: ${one.settings.instances} instance (${one.at.slice(0, 16)}Z, commit ${one.commit}) and ${two.settings.instances} instances (${two.at.slice(0, 16)}Z, commit ${two.commit}), ${one.settings.durationS} s per URL\n`,
  );
  console.log(`Load average before → after: ${load(a)} (1 instance), ${load(b)} (2 instances).`);
  console.log(
    `Server RSS: ${mb(a.rss.startMb)} → ${mb(a.rss.endMb)} MB (1 instance); ${mb(b.rss.startMb)} → ${mb(b.rss.endMb)} MB (2 instances).\n`,
  );
  const rows = a.results.flatMap((r) => {
    const other = b.results.find((x) => x.group === r.group && x.name === r.name && x.concurrency === r.concurrency);
    if (!other) return [];
    const errors = r.errors + other.errors === 0 ? "0" : `${r.errors} / ${other.errors}`;
    return [
      [r.group, r.name, r.concurrency, r.rps, other.rps, other.rps / r.rps, r.p50, other.p50, r.p99, other.p99, errors],
    ];
  });
  console.log("```");
  console.log(
    formatTable(
      ["who", "URL", "c", "req/s ×1 inst", "req/s ×2 inst", "2/1", "p50 1", "p50 2", "p99 1", "p99 2", "errors"],
      rows,
      [undefined, undefined, 0, 1, 1, 2, 0, 0, 0, 0, undefined],
    ),
  );
  console.log("```");
  for (const c of new Set(rows.map((r) => r[2] as number))) {
    const ratios = rows
      .filter((r) => r[2] === c)
      .map((r) => r[5] as number)
      .filter(Number.isFinite)
      .sort((x, y) => x - y);
    const median = ratios.length ? ratios[Math.floor((ratios.length - 1) / 2)]! : Number.NaN;
    console.log(
      `At ${c} clients: two instances give ${median.toFixed(2)}× the requests/s of one (median over ${ratios.length} URLs; lowest ${ratios[0]?.toFixed(2)}, highest ${ratios.at(-1)?.toFixed(2)}).`,
    );
  }
}
