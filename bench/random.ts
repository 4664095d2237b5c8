/**
 * A small seeded pseudo-random generator (mulberry32) with the helpers the data generators need.
 * Same seed, same sequence, on every machine: benchmark data can be rebuilt exactly.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** `n` lower-case hex digits. */
  hex(n: number): string;
  /** A UUID in version 8 format (RFC 9562, "custom"), so generated ids never pass for random v4 ones. */
  uuid(): string;
  /** An independent generator for a named sub-stream (one per entity generator, so adding one leaves the others' data unchanged). */
  fork(label: string): Random;
}

/** A 32-bit hash of a string (FNV-1a), to turn labels into seeds. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Creates a generator from a seed (any whole number). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (n: number) => {
    let out = "";
    for (let i = 0; i < n; i++) out += "0123456789abcdef"[Math.floor(next() * 16)];
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError("Cannot pick from an empty list.");
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      if (!(total > 0)) throw new RangeError("Weights must add up to more than zero.");
      let target = next() * total;
      for (const [value, weight] of entries) {
        target -= weight;
        if (target < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-8${hex(3)}-${"89ab"[int(0, 3)]}${hex(3)}-${hex(12)}`,
    fork: (label) => createRandom(hashString(`${seed}:${label}`)),
  };
}
