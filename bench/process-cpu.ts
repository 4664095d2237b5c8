/**
 * CPU time of processes, from /proc (Linux): what a benchmark's server, its database and its driver each
 * spent, so that a comparison under a busy machine can be read as work per request rather than as
 * requests/s alone (decision 073's rounds compare the throughput; this says whose CPU it was).
 */
import fs from "node:fs";

/** Clock ticks a second of /proc's utime and stime (USER_HZ, 100 on every Linux the project runs on). */
const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  } catch {
    return null;
  }
}

/** The CPU time (user + system, ms) a process has used so far (NaN where there is none). */
export function processCpuMs(pid: number | undefined): number {
  const fields = pid === undefined ? null : statFields(pid);
  // After the name: state (0), ppid (1), … utime (11), stime (12).
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND : Number.NaN;
}

/** The CPU time (ms) used so far by the living children of `parentPid`, e.g. a PostgreSQL postmaster's backends. */
export function childrenCpuMs(parentPid: number): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === parentPid)
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  }
  return total;
}

/** The parent of a process (a backend's parent is its cluster's postmaster), or null. */
export function parentPid(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : null;
}

/** This process's own CPU time so far (ms): the benchmark's driver. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
