// Types of scripts/build-stamp.mjs, for bench/build.ts.
import type { SpawnSyncOptions, SpawnSyncReturns } from "node:child_process";

export declare const ROOT: string;
export declare const STAMP_FILE: string;
export declare const SERVER_ENTRY: string;
export declare function sourceHash(): string;
export declare function isBuildCurrent(hash?: string): boolean;
export declare function runBuild(options: Omit<SpawnSyncOptions, "cwd">): SpawnSyncReturns<Buffer>;
