#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for tests and benchmarks (Debian's postgresql-15).
# Usage: scripts/postgres.sh start DIR [PORT]   prints the connection URI on stdout
#        scripts/postgres.sh stop DIR
# The cluster trusts local connections only (127.0.0.1 and its own socket folder) and is
# tuned for tests, not production (see docs/operations.md for a real deployment).
set -euo pipefail
command="${1:?start or stop}"
dir="${2:?cluster folder}"
port="${3:-55432}"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_owner() {  # initdb and postgres refuse to run as root: run them as the postgres user then
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    if [[ ! -f "$dir/PG_VERSION" ]]; then
      mkdir -p "$dir"
      [[ $(id -u) == 0 ]] && chown postgres: "$dir"
      as_owner "$bin/initdb" -D "$dir" -U lmo --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c shared_buffers=128MB -c fsync=on" >/dev/null
    fi
    echo "postgresql://lmo@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
