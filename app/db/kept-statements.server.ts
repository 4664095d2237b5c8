import { createQueryId, type CompiledQuery, type Compilable } from "kysely";
import type { Db } from "./client.server.ts";
import { withoutNul } from "./nul-free-text.server.ts";

/** Where a named parameter goes in a statement compiled once (a value no query ever passes itself). */
class Slot {
  constructor(readonly name: string) {}
}

/** What a statement's builder is given for a parameter: its slot, typed as the value it stands for. */
export type SlotOf<Values> = <K extends keyof Values & string>(name: K) => Values[K];

/**
 * Statements of a fixed shape, compiled once and run many times with new values (decision 072). A list
 * endpoint builds the same query on every request and only its values change (a filter, the page); building
 * it with Kysely (every step copies and freezes its tree) and compiling it cost more CPU than reading the
 * rows. Here each shape (the caller names it: which filters are present) is built once with a slot in place
 * of every value, compiled, and kept; a request puts its values in the slots. The SQL text and the
 * parameters are exactly those the builder would have made, NUL characters removed as the plugin does
 * (decision 026); the statement runs through the same executor, so it is logged and counted as any other.
 * The compiled text depends on the dialect: kept per database handle.
 */
export class KeptStatements<Values extends Record<string, unknown>, Row> {
  readonly #compiled = new WeakMap<Db, Map<string, CompiledQuery<Row>>>();

  constructor(readonly build: (db: Db, shape: string, slot: SlotOf<Values>) => Compilable<Row>) {}

  /** The rows of the statement of `shape`, with `values` in its slots. */
  async execute(db: Db, shape: string, values: Values): Promise<Row[]> {
    let shapes = this.#compiled.get(db);
    if (!shapes) this.#compiled.set(db, (shapes = new Map()));
    let compiled = shapes.get(shape);
    if (!compiled) {
      compiled = this.build(db, shape, ((name: string) => new Slot(name)) as SlotOf<Values>).compile();
      shapes.set(shape, compiled);
    }
    const parameters = compiled.parameters.map((parameter) =>
      parameter instanceof Slot ? withoutNul(values[parameter.name]) : parameter,
    );
    const result = await db.executeQuery<Row>({ ...compiled, parameters, queryId: createQueryId() });
    return result.rows;
  }
}
