/**
 * A throwaway PostgreSQL 15 cluster for a benchmark, started the way `scripts/test-pg.sh` starts the
 * test cluster (tests/support/postgres-cluster.ts): a temporary folder, `initdb` with trust authentication,
 * a free local port, fsync and full-page writes off; as root it runs as the `postgres` system user.
 * `stop()` shuts it down and removes the folder. PG_BIN overrides where initdb/pg_ctl are (default
 * /usr/lib/postgresql/15/bin).
 */
import { startThrowawayCluster, type ThrowawayCluster } from "../tests/support/postgres-cluster.ts";

export type ThrowawayPostgres = ThrowawayCluster;

/** Starts the cluster; throws with initdb's or the server's log when it cannot. */
export function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  return startThrowawayCluster("cap-bench-pg-", ["full_page_writes=off"]);
}
