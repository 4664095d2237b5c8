import fs from "node:fs";
import path from "node:path";
import { PG_BIN, startThrowawayCluster, type ThrowawayCluster } from "../../scripts/postgres-cluster.ts";

/*
 * A throwaway PostgreSQL 15 cluster for tests that start whole server processes (the browser tests'
 * several-instances journey), as scripts/test-pg.sh makes one for `npm run test:pg`: a temporary
 * folder, a free loopback port, trust authentication, stopped by its pid (scripts/postgres-cluster.ts).
 */

export { PG_BIN };

/** True when initdb, pg_ctl and postgres are installed (.ci/run installs them). */
export const isPostgresAvailable = ["initdb", "pg_ctl", "postgres"].every((tool) =>
  fs.existsSync(path.join(PG_BIN, tool)),
);

export type PostgresCluster = ThrowawayCluster;

/** Creates and starts a cluster (up to 100 connections: several server instances share it). */
export function startPostgresCluster(): Promise<PostgresCluster> {
  return startThrowawayCluster("cap-pg-", ["max_connections=100"]);
}
