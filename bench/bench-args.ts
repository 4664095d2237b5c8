import { parseArgs, type ParseArgsConfig } from "node:util";

/** A benchmark's command-line options, by kind. */
export interface BenchOptions<D extends string, O extends string, F extends string> {
  /** Options taking a value, with the value they have when not given (as it would be written on the command line). */
  defaults?: Record<D, string>;
  /** Options taking a value, undefined when not given. */
  optional?: readonly O[];
  /** Switches, false when not given. */
  flags?: readonly F[];
}

/**
 * Reads a benchmark's options from the command line (`node:util`'s `parseArgs`, strict: an unknown
 * option or a missing value is an error): `defaults` and `optional` as strings, `flags` as booleans.
 */
export function parseBenchArgs<D extends string = never, O extends string = never, F extends string = never>({
  defaults,
  optional = [],
  flags = [],
}: BenchOptions<D, O, F>): Record<D, string> & Partial<Record<O, string>> & Record<F, boolean> {
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [name, value] of Object.entries<string>(defaults ?? ({} as Record<D, string>)))
    options[name] = { type: "string", default: value };
  for (const name of optional) options[name] = { type: "string" };
  for (const name of flags) options[name] = { type: "boolean", default: false };
  return parseArgs({ options }).values as Record<D, string> & Partial<Record<O, string>> & Record<F, boolean>;
}

/** DATABASE_URL, a scratch PostgreSQL database the benchmark may empty and fill; an error when it is not set. */
export function scratchDatabaseUrl(): string {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("Set DATABASE_URL to a scratch PostgreSQL database (see bench/README.md).");
  return databaseUrl;
}
