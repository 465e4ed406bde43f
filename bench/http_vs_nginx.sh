#!/usr/bin/env bash
# Benchmark: the portal against nginx serving the very same bytes as static files, in the same
# run, on loopback, on each database backend:
#   /healthz, the Customs Portal page (/en/customs-portal),
#   one LMO record as JSON (/api/v1/lmos/MON-ØØ81Ø-6, MON810 as the API spells its key) and
#   the same record's HTML page (/en/registry/MON-ØØ81Ø-6).
# wrk with 2 threads and 64 connections for 10 s each (override: DURATION=30s CONNECTIONS=64
# THREADS=2). Prints requests/s and p99 for each, the portal/nginx throughput ratio, whether the
# record endpoints meet the target (ratio >= 0.5 and portal p99 < 10 ms), and the portal's
# resident memory (VmRSS, VmHWM from /proc/PID/status): idle after start, the largest VmRSS
# sampled every 0.5 s during the load, and after the load.
# For PostgreSQL a throw-away cluster (scripts/postgres.sh) is started in the run's temporary
# folder on a free port and stopped at exit.
# Usage: bench/http_vs_nginx.sh [--backend sqlite|postgresql|both]   (default both; installs
#        wrk and nginx-light if missing)
set -euo pipefail
cd "$(dirname "$0")/.."

backend=both
while [[ $# -gt 0 ]]; do
  case "$1" in
    --backend) backend="${2:?--backend needs sqlite, postgresql or both}"; shift 2 ;;
    --backend=*) backend="${1#--backend=}"; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (use --backend sqlite|postgresql|both)" >&2; exit 2 ;;
  esac
done
case "$backend" in
  sqlite|postgresql) backends=("$backend") ;;
  both) backends=(sqlite postgresql) ;;
  *) echo "--backend must be sqlite, postgresql or both" >&2; exit 2 ;;
esac

scripts/install-deps.sh --bench >/dev/null
scripts/build.sh release >/dev/null

duration="${DURATION:-10s}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
work="$(mktemp -d)"
chmod 711 "$work"  # the PostgreSQL cluster runs as the postgres user and must reach its folder
portal_pid=""; nginx_pid=""; sampler_pid=""; pg_dir=""

stop_portal() { [[ -n "$portal_pid" ]] && { kill "$portal_pid" 2>/dev/null; wait "$portal_pid" 2>/dev/null || true; }; portal_pid=""; }
stop_sampler() { [[ -n "$sampler_pid" ]] && { kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true; }; sampler_pid=""; }
stop_nginx() { [[ -n "$nginx_pid" ]] && { kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null || true; }; nginx_pid=""; }
cleanup() {
  stop_sampler; stop_portal; stop_nginx
  [[ -n "$pg_dir" ]] && scripts/postgres.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

source bench/lib.sh
export LC_ALL=C.UTF-8  # ${#label} counts characters (Ø) when padding the table
pad() { printf '%s%*s' "$1" $(($2 - ${#1})) ''; }  # pad TEXT WIDTH

# The record: MON810, by its key as the API's own links spell it (percent-encoded UTF-8).
lmo_key='MON-ØØ81Ø-6'
lmo_segment="$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$lmo_key")"
paths=(/healthz /en/customs-portal "/api/v1/lmos/$lmo_segment" "/en/registry/$lmo_segment")
labels=(/healthz /en/customs-portal "/api/v1/lmos/$lmo_key" "/en/registry/$lmo_key")
record_endpoint=(no no yes yes)

memory() {  # memory PID → "VmRSS_MiB VmHWM_MiB"
  awk '/^VmRSS:/ {r=$2} /^VmHWM:/ {h=$2} END {printf "%.1f %.1f\n", r/1024, h/1024}' "/proc/$1/status"
}

run_wrk() {  # run_wrk URL → "requests_per_second p99_ms"
  local out
  out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1")"
  local rps p99
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")"
  local errors
  errors="$(awk '/Non-2xx|Socket errors/' <<<"$out")"
  [[ -n "$errors" ]] && echo "   wrk $1: $errors" >&2
  echo "$rps $p99"
}

start_nginx() {  # start_nginx ROOT PORT
  cat >"$work/nginx.conf" <<NGINX
user root;
worker_processes $threads;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log $work/nginx-access.log;
  sendfile on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  default_type text/html;
  server {
    listen 127.0.0.1:$2;
    root $1;
    location = /healthz { default_type application/json; }
    location /api/ { default_type application/json; }
  }
}
NGINX
  nginx -c "$work/nginx.conf" &
  nginx_pid=$!
  wait_for "http://127.0.0.1:$2"
}

summary=()
for db in "${backends[@]}"; do
  database_args=()
  if [[ "$db" == postgresql ]]; then
    pg_dir="$work/pg"
    uri="$(scripts/postgres.sh start "$pg_dir" "$(free_port)")"
    database_args=(--database "$uri")
  fi
  portal_port="$(free_port)"
  build/bin/lmo-portal serve --port "$portal_port" --data "$work/var-$db" "${database_args[@]}" \
    >"$work/portal-$db.log" 2>&1 &
  portal_pid=$!
  if ! wait_for "http://127.0.0.1:$portal_port"; then
    echo "the portal did not start on $db:" >&2; tail -n 20 "$work/portal-$db.log" >&2; exit 1
  fi
  sleep 1
  read -r rss_idle hwm_idle < <(memory "$portal_pid")

  # The same bytes, as nginx static files (decoded names: nginx decodes the request path).
  www="$work/www-$db"
  for i in "${!paths[@]}"; do
    file="$www${labels[$i]}"
    mkdir -p "$(dirname "$file")"
    curl -sf "http://127.0.0.1:$portal_port${paths[$i]}" >"$file"
  done
  nginx_port="$(free_port)"
  start_nginx "$www" "$nginx_port"
  for i in "${!paths[@]}"; do  # nginx must answer with exactly the portal's bytes
    curl -sf "http://127.0.0.1:$nginx_port${paths[$i]}" | cmp -s - "$www${labels[$i]}" \
      || { echo "nginx does not serve the same bytes for ${labels[$i]}" >&2; exit 1; }
  done

  echo "== $db$( [[ "$db" == postgresql ]] && echo " ($uri)")"
  printf '%s %9s %12s %8s %12s %8s %7s %s\n' "$(pad endpoint 30)" "bytes" "portal rps" "p99 ms" "nginx rps" "p99 ms" "ratio" "target"
  # VmRSS every half second while the portal is under load (VmHWM also holds the start-up peak).
  (while kill -0 "$portal_pid" 2>/dev/null; do awk '/^VmRSS:/ {print $2}' "/proc/$portal_pid/status"; sleep 0.5; done) \
    >"$work/rss-$db.log" 2>/dev/null &
  sampler_pid=$!
  for i in "${!paths[@]}"; do
    read -r p_rps p_p99 < <(run_wrk "http://127.0.0.1:$portal_port${paths[$i]}")
    read -r n_rps n_p99 < <(run_wrk "http://127.0.0.1:$nginx_port${paths[$i]}")
    ratio="$(awk -v a="$p_rps" -v b="$n_rps" 'BEGIN {printf "%.2f", a/b}')"
    target=""
    if [[ "${record_endpoint[$i]}" == yes ]]; then
      target="$(awk -v r="$ratio" -v p="$p_p99" 'BEGIN {print (r >= 0.5 && p < 10) ? "met" : "NOT met"}')"
    fi
    line="$(printf '%s %9s %12.0f %8.2f %12.0f %8.2f %7s %s' "$(pad "${labels[$i]}" 30)" "$(stat -c %s "$www${labels[$i]}")" \
      "$p_rps" "$p_p99" "$n_rps" "$n_p99" "$ratio" "$target")"
    echo "$line"
    summary+=("$(printf '%-11s %s' "$db" "$line")")
  done
  read -r rss_end hwm_end < <(memory "$portal_pid")
  stop_sampler
  rss_load="$(sort -n "$work/rss-$db.log" | tail -n 1 | awk '{printf "%.1f", $1/1024}')"
  echo "portal resident memory: idle after start VmRSS $rss_idle MiB; under load max VmRSS $rss_load MiB; after the load VmRSS $rss_end MiB;" \
       "VmHWM $hwm_end MiB (peak since start, including loading the bundled data)"
  summary+=("$(printf '%-11s memory MiB: idle VmRSS %s, under load max VmRSS %s, after load VmRSS %s, VmHWM %s' "$db" "$rss_idle" "$rss_load" "$rss_end" "$hwm_end")")
  stop_portal; stop_nginx
  if [[ "$db" == postgresql ]]; then scripts/postgres.sh stop "$pg_dir"; pg_dir=""; fi
done

if [[ ${#backends[@]} -gt 1 ]]; then
  echo "== summary"
  printf '%s\n' "${summary[@]}"
fi
echo "wrk -t$threads -c$connections -d$duration --latency; loopback; wrk, nginx ($threads workers) and the portal share $(nproc) cores;" \
     "target for the record endpoints: ratio >= 0.50 and portal p99 < 10 ms"
