#!/usr/bin/env bash
# `npm run test:pg`: runs the Vitest suite on a real PostgreSQL 15.
# Starts a throwaway cluster in a temporary folder on a free local port, runs
# `DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres npx vitest run "$@"`, then stops the
# cluster and removes the folder, whatever happened. Extra arguments go to Vitest
# (e.g. `npm run test:pg -- tests/integration`).
# PG_BIN overrides where initdb/pg_ctl/postgres are (default /usr/lib/postgresql/15/bin).
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

for tool in initdb pg_ctl postgres; do
  if [[ ! -x "$PG_BIN/$tool" ]]; then
    echo "test-pg: $PG_BIN/$tool not found." >&2
    echo "test-pg: install the PostgreSQL 15 server (Debian/Ubuntu: apt-get install -y postgresql; .ci/run does this)," >&2
    echo "test-pg: or set PG_BIN to the folder holding initdb, pg_ctl and postgres." >&2
    exit 1
  fi
done
SHARE_DIR="$("$PG_BIN/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)"
for extension in pg_trgm unaccent; do
  if [[ ! -f "$SHARE_DIR/extension/$extension.control" ]]; then
    echo "test-pg: the $extension extension is missing from $SHARE_DIR/extension (install PostgreSQL's contrib package)." >&2
    exit 1
  fi
done

# PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` system user
# (created by the Debian package), or as a user we create for the purpose.
as_cluster_user=()
if [[ "$(id -u)" == 0 ]]; then
  cluster_user=postgres
  if ! id -u "$cluster_user" >/dev/null 2>&1; then
    cluster_user=cap-test-pg
    id -u "$cluster_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$cluster_user"
  fi
  as_cluster_user=(runuser -u "$cluster_user" --)
fi

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/cap-test-pg.XXXXXX")"
server_pid=""
cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    echo "test-pg: stopping PostgreSQL (pid $server_pid)"
    kill -INT "$server_pid" 2>/dev/null || true # fast shutdown
    local deadline=$((SECONDS + 30))
    while kill -0 "$server_pid" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.1
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "test-pg: PostgreSQL did not stop in 30 s; killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$WORK_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DATA_DIR="$WORK_DIR/data"
SOCKET_DIR="$WORK_DIR/socket"
LOG_FILE="$WORK_DIR/postgres.log"
mkdir -p "$SOCKET_DIR"
if [[ ${#as_cluster_user[@]} -gt 0 ]]; then
  chown -R "$cluster_user" "$WORK_DIR"
  if ! "${as_cluster_user[@]}" test -w "$WORK_DIR"; then
    echo "test-pg: user $cluster_user cannot reach $WORK_DIR; point TMPDIR at a folder others can traverse (e.g. TMPDIR=/tmp)." >&2
    exit 1
  fi
fi

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

echo "test-pg: creating a PostgreSQL cluster in $DATA_DIR"
"${as_cluster_user[@]}" "$PG_BIN/initdb" -D "$DATA_DIR" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$WORK_DIR/initdb.log" 2>&1 || {
  cat "$WORK_DIR/initdb.log" >&2
  exit 1
}

# The port is free when chosen but may be taken before the server binds it: try a few.
port=""
for attempt in 1 2 3 4 5; do
  candidate="$(free_port)"
  if "${as_cluster_user[@]}" "$PG_BIN/pg_ctl" start -w -t 60 -D "$DATA_DIR" -l "$LOG_FILE" \
    -o "-p $candidate -k $SOCKET_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null; then
    port="$candidate"
    break
  fi
  echo "test-pg: start on port $candidate failed (attempt $attempt)" >&2
done
if [[ -z "$port" ]]; then
  echo "test-pg: PostgreSQL did not start; its log:" >&2
  cat "$LOG_FILE" >&2 || true
  exit 1
fi
server_pid="$(head -n 1 "$DATA_DIR/postmaster.pid")"
echo "test-pg: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port (pid $server_pid)"

cd "$ROOT"
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "test-pg: DATABASE_URL=$DATABASE_URL npx vitest run $*"
npx vitest run "$@"
