#!/usr/bin/env bash
# Benchmark: the portal's /healthz and Customs Portal page against nginx serving the very
# same bytes as static files, in the same run, on loopback. wrk with 2 threads and 64
# connections for 10 s each (override: DURATION=30s CONNECTIONS=64 THREADS=2).
# Prints requests/s and p99 for each, and the portal/nginx throughput ratio.
# Usage: bench/http_vs_nginx.sh   (installs wrk and nginx-light if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --bench >/dev/null
scripts/build.sh release >/dev/null

duration="${DURATION:-10s}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
work="$(mktemp -d)"
trap 'kill "${portal_pid:-}" "${nginx_pid:-}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

source bench/lib.sh
portal_port="$(free_port)"
nginx_port="$(free_port)"

build/bin/lmo-portal serve --port "$portal_port" --data "$work/var" >"$work/portal.log" 2>&1 &
portal_pid=$!
wait_for "http://127.0.0.1:$portal_port"

# The same bytes, as nginx static files.
mkdir -p "$work/www/en"
curl -sf "http://127.0.0.1:$portal_port/healthz" >"$work/www/healthz"
curl -sf "http://127.0.0.1:$portal_port/en/customs-portal" >"$work/www/en/customs-portal"
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
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location = /healthz { default_type application/json; }
  }
}
NGINX
nginx -c "$work/nginx.conf" &
nginx_pid=$!
wait_for "http://127.0.0.1:$nginx_port"

run_wrk() {  # run_wrk URL → "requests_per_second p99_ms"
  local out
  out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1")"
  local rps p99
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")"
  local errors
  errors="$(awk '/Non-2xx|Socket errors/' <<<"$out")"
  [[ -n "$errors" ]] && echo "   wrk: $errors" >&2
  echo "$rps $p99"
}

printf '%-28s %12s %10s %12s %10s %8s\n' "endpoint" "portal rps" "p99 ms" "nginx rps" "p99 ms" "ratio"
for path in /healthz /en/customs-portal; do
  read -r p_rps p_p99 < <(run_wrk "http://127.0.0.1:$portal_port$path")
  read -r n_rps n_p99 < <(run_wrk "http://127.0.0.1:$nginx_port${path}")
  ratio="$(awk -v a="$p_rps" -v b="$n_rps" 'BEGIN {printf "%.2f", a/b}')"
  printf '%-28s %12.0f %10.2f %12.0f %10.2f %8s\n' "$path" "$p_rps" "$p_p99" "$n_rps" "$n_p99" "$ratio"
done
echo "page size: $(stat -c %s "$work/www/en/customs-portal") bytes; wrk -t$threads -c$connections -d$duration; loopback; $(nproc) cores"
