import { KeptJsonText } from "./kept-json.ts";

/**
 * Values a process derived from the database, kept with the generation they were derived at (issue 18):
 * a generation is a number the writing transactions bump by trigger (decisions 062, 064, 078), read in one
 * small statement before the value is made, so a kept value is used only while nothing it depends on has
 * been written — through any path, on any instance. Kept per database handle (two handles, as two
 * instances in a test, never share a value), at most `capacity` keys each, the least recently used
 * leaving first; concurrent requests at a new generation share one computation, and a failed one is not
 * kept.
 */
export class KeptPerGeneration<T> {
  readonly #byHandle = new WeakMap<object, Map<string, { generation: string; value: Promise<T> }>>();

  constructor(readonly capacity: number) {}

  /** The value for `key` made at `generation`: the kept one when it was made at that generation, else `compute()`. */
  get(handle: object, key: string, generation: string, compute: () => Promise<T>): Promise<T> {
    let byKey = this.#byHandle.get(handle);
    if (!byKey) this.#byHandle.set(handle, (byKey = new Map()));
    let entry = byKey.get(key);
    if (!entry || entry.generation !== generation) {
      const made = { generation, value: compute() };
      const store = byKey;
      made.value.catch(() => {
        if (store.get(key) === made) store.delete(key);
      });
      entry = made;
    }
    // Most recently used last, so the first key is the one to drop.
    byKey.delete(key);
    byKey.set(key, entry);
    if (byKey.size > this.capacity) byKey.delete(byKey.keys().next().value!);
    return entry.value;
  }
}

/**
 * A list's JSON answers, kept per query with the generation they were made at (decisions 078, 079): the
 * same query at the same generation is answered with the same {@link KeptJsonText} — not read, mapped or
 * serialised again, and, being the same string, found among the compressed answers (server/delivery.ts) by
 * identity rather than by hashing a new text of hundreds of kilobytes.
 */
export class KeptAnswers {
  readonly #kept: KeptPerGeneration<KeptJsonText>;

  /** `capacity`: queries kept per database handle (a page of 100 projects is about 0.5 MB of text). */
  constructor(capacity: number) {
    this.#kept = new KeptPerGeneration(capacity);
  }

  /** The answer to `query` (validated: its keys in a fixed order, so "?a=1&b=2" and "?b=2&a=1" share one) at `generation`. */
  answer(
    handle: object,
    query: Readonly<Record<string, unknown>>,
    generation: string,
    make: () => Promise<unknown>,
  ): Promise<KeptJsonText> {
    const key = JSON.stringify(
      Object.keys(query)
        .sort()
        .map((name) => [name, query[name]]),
    );
    return this.#kept.get(handle, key, generation, async () => new KeptJsonText(JSON.stringify(await make())));
  }
}
