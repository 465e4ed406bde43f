#!/usr/bin/env bash
# Benchmark: time from starting `lmo-portal serve` to its first answered request, on a fresh
# data folder (creates the SQLite database, applies migrations, loads data/) and on an
# existing one (reuses it); the same on PostgreSQL (a fresh database each run, then reused; a
# throw-away cluster from scripts/postgres.sh), against the same measurement for `nginx`
# serving a static file. Reports the median of RUNS (default 10) starts of each.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --bench >/dev/null
scripts/build.sh release >/dev/null
runs="${RUNS:-10}"
work="$(mktemp -d)"
chmod 711 "$work"  # the PostgreSQL cluster runs as the postgres user and must reach its folder
trap 'scripts/postgres.sh stop "$work/pg"; rm -rf "$work"' EXIT
source bench/lib.sh
port="$(free_port)"
pg_url="$(scripts/postgres.sh start "$work/pg" "$(free_port)")"

# Milliseconds from launch to the first 200 on URL, then stop the server.
time_to_first_response() {  # time_to_first_response URL COMMAND...
  local url="$1"; shift
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  local pid=$!
  until curl -sf -o /dev/null "$url"; do sleep 0.002; done
  end=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

fresh=(); warm=(); pg_fresh=(); pg_warm=(); nginx_times=()
for i in $(seq "$runs"); do
  rm -rf "$work/var"
  fresh+=("$(time_to_first_response "http://127.0.0.1:$port/healthz" build/bin/lmo-portal serve --port "$port" --data "$work/var")")
  warm+=("$(time_to_first_response "http://127.0.0.1:$port/healthz" build/bin/lmo-portal serve --port "$port" --data "$work/var")")
  psql -q "$pg_url" -c "DROP DATABASE IF EXISTS cold" -c "CREATE DATABASE cold" 2>/dev/null
  database="${pg_url%/*}/cold"
  pg_fresh+=("$(time_to_first_response "http://127.0.0.1:$port/healthz" build/bin/lmo-portal serve --port "$port" --data "$work/var" --database "$database")")
  pg_warm+=("$(time_to_first_response "http://127.0.0.1:$port/healthz" build/bin/lmo-portal serve --port "$port" --data "$work/var" --database "$database")")
done
mkdir -p "$work/www"; echo ok >"$work/www/healthz"
cat >"$work/nginx.conf" <<NGINX
user root; worker_processes 1; daemon off; pid $work/nginx.pid; error_log $work/error.log;
events {} http { access_log off; server { listen 127.0.0.1:$port; root $work/www; } }
NGINX
for i in $(seq "$runs"); do
  nginx_times+=("$(time_to_first_response "http://127.0.0.1:$port/healthz" nginx -c "$work/nginx.conf")")
done
med() { printf '%s\n' "$@" | median; }
f=$(med "${fresh[@]}"); w=$(med "${warm[@]}"); pf=$(med "${pg_fresh[@]}"); pw=$(med "${pg_warm[@]}"); n=$(med "${nginx_times[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b>0 ? a/b : 0)}'; }
echo "cold start to first response (median of $runs, ms):"
echo "  SQLite:     fresh database $f, existing database $w (existing/nginx $(ratio "$w" "$n"))"
echo "  PostgreSQL: fresh database $pf, existing database $pw (existing/nginx $(ratio "$pw" "$n"))"
echo "  nginx:      $n"
