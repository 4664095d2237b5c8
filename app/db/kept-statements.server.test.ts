import { describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "./client.server.ts";
import { KeptStatements } from "./kept-statements.server.ts";
import { withQueryStats } from "./query-stats.server.ts";
import { setUpTestDatabase } from "../../tests/support/test-database.ts";

const handle = setUpTestDatabase();

describe("KeptStatements", () => {
  it("runs the statement the builder makes, with each call's values, building each shape once", async () => {
    const build = vi.fn(
      (
        db: DatabaseHandle["db"],
        shape: string,
        slot: <K extends "name" | "limit">(name: K) => { name: string; limit: number }[K],
      ) => {
        let query = db.selectFrom("municipality").select(["kas_code", "name_sq"]);
        if (shape === "named") query = query.where("name_sq", "=", slot("name"));
        return query.orderBy("kas_code").limit(slot("limit"));
      },
    );
    const kept = new KeptStatements<{ name: string; limit: number }, { kas_code: string; name_sq: string }>(build);
    const direct = (name: string | null, limit: number) => {
      let query = handle.db.selectFrom("municipality").select(["kas_code", "name_sq"]);
      if (name !== null) query = query.where("name_sq", "=", name);
      return query.orderBy("kas_code").limit(limit).execute();
    };
    const { result: first, stats } = await withQueryStats(() => kept.execute(handle.db, "all", { name: "", limit: 3 }));
    expect(first).toEqual(await direct(null, 3));
    expect(first).toHaveLength(3);
    expect(stats.queries).toBe(1);
    expect(await kept.execute(handle.db, "all", { name: "", limit: 5 })).toEqual(await direct(null, 5));
    expect(await kept.execute(handle.db, "named", { name: "Prizren", limit: 5 })).toEqual(await direct("Prizren", 5));
    expect(await kept.execute(handle.db, "named", { name: "Pejë", limit: 5 })).toEqual(await direct("Pejë", 5));
    expect(await kept.execute(handle.db, "named", { name: "Prizren", limit: 5 })).toHaveLength(1);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it("removes NUL characters from the values, as every other query does (decision 026)", async () => {
    const kept = new KeptStatements<{ name: string }, { kas_code: string }>((db, _shape, slot) =>
      db.selectFrom("municipality").select("kas_code").where("name_sq", "=", slot("name")),
    );
    expect(await kept.execute(handle.db, "", { name: "Priz\u0000ren" })).toHaveLength(1);
  });
});
