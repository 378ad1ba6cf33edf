#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests and for trying the PostgreSQL store locally. Idempotent: installs
# Debian's `postgresql` package when initdb is missing, creates the cluster once, starts it when it is not
# running, creates the database `efa`. Prints only the variables to use, so that
#
#   eval "$(bash scripts/postgres.sh)"        # exports DATABASE_URL and EFA_POSTGRES_DIR
#   bash scripts/postgres.sh restart          # restarts the cluster (the reliability suite's fault)
#   bash scripts/postgres.sh stop
#
# The cluster lives in EFA_POSTGRES_DIR (default /tmp/efa-postgres) and listens on 127.0.0.1:EFA_POSTGRES_PORT
# (default 55432) with trust authentication for the local role `efa`: a test cluster, not a production setup.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

dir="${EFA_POSTGRES_DIR:-/tmp/efa-postgres}"
port="${EFA_POSTGRES_PORT:-55432}"
command="${1:-start}"
say() { echo "postgres.sh: $*" >&2; }

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; fi
}

if [ -z "$(bindir)" ]; then
  say "installing Debian's postgresql"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
fi
bin="$(bindir)"
if [ -z "$bin" ]; then
  say "initdb was not found under /usr/lib/postgresql after installing postgresql"
  exit 1
fi

# As root, every cluster command runs as the postgres user; otherwise as whoever runs this script.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  say "creating a cluster in $dir/data"
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U efa >/dev/null
fi

running() { as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }
start() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
}

case "$command" in
  start)
    if ! running; then
      say "starting on 127.0.0.1:$port"
      start
    fi
    ;;
  restart)
    if running; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    start
    ;;
  stop)
    if running; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    exit 0
    ;;
  *)
    say "unknown command $command (start, restart, stop)"
    exit 2
    ;;
esac

if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U efa -d postgres -tAc "select 1 from pg_database where datname = 'efa'" | grep -q 1; then
  "$bin/psql" -h 127.0.0.1 -p "$port" -U efa -d postgres -qc 'create database efa' >&2
fi
echo "export DATABASE_URL=postgres://efa@127.0.0.1:$port/efa"
echo "export EFA_POSTGRES_DIR=$dir"
