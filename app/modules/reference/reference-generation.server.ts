import type { Db } from "#app/db/client.server.ts";

/**
 * What a process derived from the reference tables (municipalities, census figures, settlements,
 * communities, sectors, organisation types), kept with the reference generation it read first
 * (migration 0049: bumped by statement-level triggers in every writing transaction). A request reads
 * the generation — one small statement — and reuses the kept value while it is unchanged; a write
 * through any path, on any instance, is seen at the next request. Kept per database handle, so two
 * handles (two instances in a test) never share a value; concurrent requests at a new generation
 * share one computation, and a failed one is not kept.
 */
const kept = new WeakMap<Db, Map<string, { generation: string; value: Promise<unknown> }>>();

/** The stored reference generation (one statement). */
export async function readReferenceGeneration(db: Db): Promise<string> {
  const row = await db.selectFrom("reference_generation").select("generation").executeTakeFirstOrThrow();
  return String(row.generation);
}

/** `compute()`'s value for `key`, computed again only when the reference data changed since it was kept. */
export async function keptPerReferenceGeneration<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const generation = await readReferenceGeneration(db);
  let byKey = kept.get(db);
  if (!byKey) kept.set(db, (byKey = new Map()));
  const entry = byKey.get(key);
  if (entry && entry.generation === generation) return entry.value as Promise<T>;
  const value = compute();
  byKey.set(key, { generation, value });
  value.catch(() => {
    if (byKey.get(key)?.value === value) byKey.delete(key);
  });
  return value;
}
