import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { daysBefore, oneTableGenerator } from "./generator.ts";

/** Every generated job's kind starts with this, so no real worker ever claims one. */
export const SYNTHETIC_JOB_PREFIX = "bench.";

const KINDS = [
  ["report-export", 35],
  ["machine-translation", 30],
  ["csv-import", 15],
  ["mail-digest", 20],
] as const;

const ERRORS = [
  "The translation service did not answer within 30 s.",
  "Row 418: the municipality code “39” does not exist.",
  "SMTP 451: temporary local problem, try again later.",
];

/**
 * Job history: `perScale` 100, created over the last 90 days; 91 % succeeded, 6 % failed after
 * their attempts, 3 % queued for later. Kinds are prefixed "bench." so no handler ever claims them.
 */
export const jobsGenerator = oneTableGenerator({
  table: "job",
  perScale: 100,
  rows({ random, anchor, reference }) {
    return () => {
      const kind = random.weighted(KINDS.map(([k, w]) => [k, w] as const));
      const status = random.weighted([
        ["succeeded", 91],
        ["failed", 6],
        ["queued", 3],
      ] as const);
      const created = daysBefore(anchor, random.next() * 90);
      const total = kind === "csv-import" ? random.int(50, 5_000) : kind === "mail-digest" ? random.int(1, 400) : null;
      const municipality = random.pick(reference.municipalities);
      const attempts =
        status === "failed"
          ? 5
          : status === "queued"
            ? 0
            : random.weighted([
                [1, 90],
                [2, 8],
                [3, 2],
              ] as const);
      return {
        kind: `${SYNTHETIC_JOB_PREFIX}${kind}`,
        payload: sql`cast(${JSON.stringify({ municipality: municipality.kasCode, requestedBy: random.int(1, 400), locale: random.pick(["sq", "sr", "en"]) })}::text as jsonb)`,
        status,
        attempts,
        max_attempts: 5,
        run_at: status === "queued" ? new Date(anchor.getTime() + random.int(1, 72) * 3_600_000) : created,
        locked_by: status === "queued" ? null : `app-${random.int(1, 3)}:${random.int(1000, 9999)}`,
        locked_at: status === "queued" ? null : created,
        progress_done:
          status === "succeeded" ? (total ?? 0) : status === "failed" && total !== null ? random.int(0, total) : 0,
        progress_total: total,
        result:
          status === "succeeded"
            ? sql`cast(${JSON.stringify({ rows: total ?? random.int(1, 50), bytes: random.int(2_000, 900_000) })}::text as jsonb)`
            : null,
        last_error: status === "failed" ? random.pick(ERRORS) : null,
        created_at: created,
        finished_at: status === "queued" ? null : new Date(created.getTime() + random.int(200, 600_000)),
      };
    };
  },
  insert: async (db, rows) => (await db.insertInto("job").values(rows).returning("id").execute()).map((r) => r.id),
  async clear(db: Db) {
    await db.deleteFrom("job").where("kind", "like", `${SYNTHETIC_JOB_PREFIX}%`).execute();
  },
});
