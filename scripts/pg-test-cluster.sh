#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the team-server tests (issue 23): no mock stands in for the server.
#   scripts/pg-test-cluster.sh start   -> initdb into a temporary folder, start on a free loopback port,
#                                         print the superuser URL (postgresql://postgres@127.0.0.1:PORT/postgres)
#   scripts/pg-test-cluster.sh stop URL -> stop that cluster and remove its folder
# As root the cluster runs as the `postgres` user (PostgreSQL refuses to run as root); as anyone else, as
# that user. Authentication is `trust` on loopback only: every role logs in without a password, which is
# what the tests need to log in as each person with psql. Never use this for real data.
set -euo pipefail

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
export PATH="$PG_BIN:$PATH"
STATE_DIR="${TMPDIR:-/tmp}"

as_owner() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  command -v initdb >/dev/null || { echo "pg-test-cluster: initdb not found (install postgresql, or set PG_BIN)" >&2; exit 1; }
  local dir port
  dir="$(mktemp -d "$STATE_DIR/regula-pg-XXXXXX")"
  mkdir -p "$dir/data" "$dir/socket"
  touch "$dir/log"
  if [ "$(id -u)" = "0" ]; then chown -R postgres "$dir"; fi
  as_owner "initdb -D '$dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1" \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  for _ in 1 2 3; do
    port="$(free_port)"
    if as_owner "pg_ctl -D '$dir/data' -o \"-p $port -k '$dir/socket' -c listen_addresses=127.0.0.1 -c fsync=off\" -l '$dir/log' -w -t 60 start >/dev/null"; then
      echo "$dir" >"$STATE_DIR/regula-pg-$port.dir"
      echo "postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  cat "$dir/log" >&2
  rm -rf "$dir"
  exit 1
}

stop() {
  local url="${1:?usage: pg-test-cluster.sh stop URL}" port dir
  port="$(echo "$url" | sed -E 's#^.*:([0-9]+)(/.*)?$#\1#')"
  [ -f "$STATE_DIR/regula-pg-$port.dir" ] || { echo "pg-test-cluster: no cluster of ours on port $port" >&2; exit 1; }
  dir="$(cat "$STATE_DIR/regula-pg-$port.dir")"
  as_owner "pg_ctl -D '$dir/data' -m immediate -w stop >/dev/null" || true
  rm -rf "$dir" "$STATE_DIR/regula-pg-$port.dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: scripts/pg-test-cluster.sh start | stop URL" >&2; exit 2 ;;
esac
