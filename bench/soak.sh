#!/usr/bin/env bash
# Soak: DURATION (default 60) seconds of mixed traffic at CONNECTIONS (default 256) connections
# (wrk, THREADS=2, TIMEOUT=5s) while IDLE (default 1000) extra keep-alive connections are held
# open, each having made one request, and must still answer at the end.
# The mix (cycled by a wrk Lua script): portal pages in en/es/fr, registry search API and pages,
# an LMO record's JSON and page, approvals, border checks (POST /api/v1/checks with declarations
# from tests/declarations/), laboratory API calls, static files, a language redirect (302) and
# two 404s. Every request carries X-Request-Id soak-N, which the portal echoes, so each answer is
# checked against the status its own request expects.
# Fails (exit 1) on any unexpected status, any socket error (connect/read/write/timeout), an idle
# connection closed or not answering at the end, or resident memory (VmRSS, sampled every
# second) whose peak in the last third of the run exceeds the first third's peak by > 10 %.
# Usage: bench/soak.sh [--backend sqlite|postgresql]   (default sqlite; PostgreSQL: a
#        throw-away cluster from scripts/postgres.sh in the run's temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."

backend=sqlite
while [[ $# -gt 0 ]]; do
  case "$1" in
    --backend) backend="${2:?--backend needs sqlite or postgresql}"; shift 2 ;;
    --backend=*) backend="${1#--backend=}"; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (use --backend sqlite|postgresql)" >&2; exit 2 ;;
  esac
done
[[ "$backend" == sqlite || "$backend" == postgresql ]] || { echo "--backend must be sqlite or postgresql" >&2; exit 2; }

scripts/install-deps.sh --bench >/dev/null
scripts/build.sh release >/dev/null

duration="${DURATION:-60}"; duration="${duration%s}"
connections="${CONNECTIONS:-256}"
idle="${IDLE:-1000}"
threads="${THREADS:-2}"
timeout="${TIMEOUT:-5s}"
work="$(mktemp -d)"
chmod 711 "$work"  # the PostgreSQL cluster runs as the postgres user and must reach its folder
portal_pid=""; idle_pid=""; sampler_pid=""; pg_dir=""
cleanup() {
  for pid in "$sampler_pid" "$idle_pid" "$portal_pid"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  [[ -n "$pg_dir" ]] && scripts/postgres.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT
source bench/lib.sh

# Descriptors: wrk's connections, the idle ones, and some for the database, logs and listener.
needed=$((connections + idle + 128))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # for the idle holder and wrk, children of this shell
if [[ "$(ulimit -n)" != unlimited && "$(ulimit -n)" -lt "$needed" ]]; then
  echo "ulimit -n is $(ulimit -n) (hard $(ulimit -Hn)); $needed descriptors are needed: raise the hard limit" >&2
  exit 1
fi
max_connections=$((needed > 10000 ? needed : 10000))  # the server's default is 10000
# The server closes a connection that stays silent for idle-timeout-ms (default 60 s): the held
# connections must outlive the run, so it is set beyond the run's length.
idle_timeout_ms=$(((duration + 120) * 1000))

database_args=()
if [[ "$backend" == postgresql ]]; then
  pg_dir="$work/pg"
  uri="$(scripts/postgres.sh start "$pg_dir" "$(free_port)")"
  database_args=(--database "$uri")
fi
port="$(free_port)"
base="http://127.0.0.1:$port"
build/bin/lmo-portal serve --port "$port" --data "$work/var" "${database_args[@]}" \
  --max-connections "$max_connections" --idle-timeout-ms "$idle_timeout_ms" >"$work/portal.log" 2>&1 &
portal_pid=$!
if ! wait_for "$base"; then
  echo "the portal did not start:" >&2; tail -n 20 "$work/portal.log" >&2; exit 1
fi
server_nofile="$(awk '/^Max open files/ {print $4}' "/proc/$portal_pid/limits")"
if [[ "$server_nofile" != unlimited && "$server_nofile" -lt "$needed" ]]; then
  echo "the server may open $server_nofile descriptors; $needed are needed: raise ulimit -n" >&2
  exit 1
fi

# The mix, checked once request by request against the status each one expects, then written
# as a wrk script. The declarations' JSON bodies become Lua strings (JSON string syntax is Lua's
# for these texts: no control characters but \n and \t).
cat >"$work/mix.mjs" <<'NODE'
import fs from 'node:fs';
const [base, out] = process.argv.slice(2);
const key = 'MON-ØØ81Ø-6', seg = encodeURIComponent(key);
const declaration = (file) => JSON.stringify(JSON.parse(fs.readFileSync(`tests/declarations/${file}`, 'utf8')).declaration);
const json = { 'Content-Type': 'application/json' };
const get = (path, expect = 200, headers = {}) => ({ method: 'GET', path, headers, expect });
const post = (path, body, expect = 200) => ({ method: 'POST', path, headers: json, body: typeof body === 'string' ? body : JSON.stringify(body), expect });
const mix = [
  get('/en/'), get('/es/'), get('/fr/'),
  get('/en/customs-portal'), get('/es/customs-portal'), get('/fr/cartagena-protocol'),
  get('/api/v1/lmos?q=maize'), get('/api/v1/lmos?q=MON-00810-6'), get('/api/v1/lmos?q=soja&lang=es'),
  get('/en/registry?q=maize'), get('/fr/registry?q=soja'),
  get(`/api/v1/lmos/${seg}`), get(`/en/registry/${seg}`), get(`/es/registry/${seg}`),
  get('/api/v1/approvals?country=DE&lmo=MON810&use=food'),
  get('/api/v1/uids/validate?uid=MON-00810-6'),
  post('/api/v1/checks', declaration('01-ffp-soy-may-contain-release.json')),
  post('/api/v1/checks?lang=fr', declaration('29-french-contained-release.json')),
  post('/api/v1/checks?lang=es', declaration('06-ffp-missing-contains-statement.json')),
  get('/api/v1/lab/crops'),
  post('/api/v1/lab/sampling/seeds', { proportion: 0.001, confidence: 0.95 }),
  post('/api/v1/lab/sampling/evaluate', { type: 'individual', seeds: 3000, acceptance_number: 0, aql: 0.001, lql: 0.01, points: 60 }),
  post('/api/v1/lab/quantify/dpcr', { target: { positive: 200, partitions: 20000, partition_volume_nl: 1 }, reference: { positive: 8000, partitions: 20000, partition_volume_nl: 1 } }),
  get('/en/lab/matrix'),
  get('/static/css/portal.css'), get('/static/img/favicon.svg'),
  get('/', 302, { 'Accept-Language': 'es' }),
  get('/en/no-such-page', 404), get('/api/v1/lmos/NOT-AN-LMO-1', 404),
  get('/healthz'),
];
let bad = 0;
for (const [i, m] of mix.entries()) {
  const r = await fetch(base + m.path, { method: m.method, headers: m.headers, body: m.body, redirect: 'manual' });
  const bytes = (await r.arrayBuffer()).byteLength;
  m.name = `${m.method} ${decodeURIComponent(m.path)}`;
  console.log(`${String(r.status).padStart(4)} ${String(bytes).padStart(7)} B  ${m.name}`);
  if (r.status !== m.expect) { console.log(`     expected ${m.expect}`); bad++; }
}
if (bad) process.exit(1);
const lua = (s) => JSON.stringify(s);
const entries = mix.map((m) => `  {name=${lua(m.name)}, method=${lua(m.method)}, path=${lua(m.path)}, expect=${m.expect}, ` +
  `headers={${Object.entries(m.headers).map(([k, v]) => `[${lua(k)}]=${lua(v)}`).join(', ')}}` + (m.body ? `, body=${lua(m.body)}` : '') + '}');
fs.writeFileSync(out, `-- generated by bench/soak.sh\nmix = {\n${entries.join(',\n')}\n}\n` + fs.readFileSync(0, 'utf8'));
NODE
cat >"$work/mix-tail.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end

function init(args)
  requests = {}
  for i, m in ipairs(mix) do
    local h = {}
    for k, v in pairs(m.headers) do h[k] = v end
    h["X-Request-Id"] = "soak-" .. i
    requests[i] = wrk.format(m.method, m.path, h, m.body)
  end
  counter = math.random(#requests)
  answered = 0
  unexpected = 0
  unexpected_by = {}
  statuses = {}
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function response(status, headers, body)
  answered = answered + 1
  statuses[status] = (statuses[status] or 0) + 1
  local id
  for k, v in pairs(headers) do if string.lower(k) == "x-request-id" then id = v end end
  local i = id and tonumber(string.match(id, "^soak%-(%d+)$"))
  local ok, name
  if i and mix[i] then
    ok, name = status == mix[i].expect, mix[i].name
  else
    ok, name = false, "(no request id)"
  end
  if not ok then
    unexpected = unexpected + 1
    local k = name .. " -> " .. status
    unexpected_by[k] = (unexpected_by[k] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total_answered, total_unexpected, by, st = 0, 0, {}, {}
  for _, t in ipairs(threads) do
    total_answered = total_answered + t:get("answered")
    total_unexpected = total_unexpected + t:get("unexpected")
    for k, v in pairs(t:get("unexpected_by")) do by[k] = (by[k] or 0) + v end
    for k, v in pairs(t:get("statuses")) do st[k] = (st[k] or 0) + v end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("SOAK requests %d\n", summary.requests))
  io.write(string.format("SOAK answered %d\n", total_answered))
  io.write(string.format("SOAK seconds %.2f\n", seconds))
  io.write(string.format("SOAK rps %.0f\n", summary.requests / seconds))
  io.write(string.format("SOAK p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("SOAK p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("SOAK max_ms %.2f\n", latency.max / 1000))
  io.write(string.format("SOAK unexpected %d\n", total_unexpected))
  io.write(string.format("SOAK socket_errors %d connect %d read %d write %d timeout %d\n",
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
  local codes = {}
  for k in pairs(st) do table.insert(codes, k) end
  table.sort(codes)
  for _, k in ipairs(codes) do io.write(string.format("SOAK status %d %d\n", k, st[k])) end
  for k, v in pairs(by) do io.write(string.format("SOAK unexpected_by %d %s\n", v, k)) end
end
LUA
echo "== mix (checked once before the load)"
node "$work/mix.mjs" "$base" "$work/mix.lua" <"$work/mix-tail.lua"

# The idle connections: each makes one request, then stays silent; on SIGUSR2 every one still
# open asks /healthz again and must be answered.
cat >"$work/idle.mjs" <<'NODE'
import net from 'node:net';
const [host, port, count] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const conns = [];
let closedEarly = 0, errors = 0, checking = false;
const lastErrors = new Set();
function ask(c) {  // one GET /healthz on the connection → status (or 0 on close/timeout)
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => finish(0), 15000);
    const finish = (status) => { clearTimeout(timer); c.socket.off('data', onData); c.onClose = null; resolve(status); };
    const onData = (d) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      const length = Number((/\r\ncontent-length:\s*(\d+)/i.exec(head) || [0, 0])[1]);
      if (buf.length >= end + 4 + length) finish(Number(head.split(' ')[1]));
    };
    c.onClose = () => finish(0);
    c.socket.on('data', onData);
    c.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}:${port}\r\nX-Request-Id: idle-${c.i}\r\n\r\n`);
  });
}
function open(i) {
  return new Promise((resolve) => {
    const c = { i, open: false, onClose: null };
    c.socket = net.connect({ host, port }, async () => {
      c.open = true;
      resolve(await ask(c));
    });
    c.socket.on('error', (e) => { errors++; lastErrors.add(e.code); });
    c.socket.on('close', () => {
      if (c.open && !checking) closedEarly++;
      c.open = false;
      if (c.onClose) c.onClose(); else resolve(0);
    });
    conns.push(c);
  });
}
let answered = 0;
for (let i = 0; i < count; i += 50) {
  const batch = [];
  for (let j = i; j < Math.min(count, i + 50); j++) batch.push(open(j));
  answered += (await Promise.all(batch)).filter((s) => s === 200).length;
}
console.log(`idle-opened ${conns.filter((c) => c.open).length} answered ${answered}`);
process.on('SIGUSR2', async () => {
  const stillOpen = conns.filter((c) => c.open);
  const statuses = await Promise.all(stillOpen.map((c) => ask(c)));
  checking = true;
  console.log(`idle-final still_open ${stillOpen.length} answered ${statuses.filter((s) => s === 200).length} ` +
              `closed_early ${closedEarly} errors ${errors} ${[...lastErrors].join(',')}`);
  for (const c of conns) c.socket.destroy();
  process.exit(0);
});
setInterval(() => {}, 1 << 30);
NODE
node "$work/idle.mjs" 127.0.0.1 "$port" "$idle" >"$work/idle.out" 2>&1 &
idle_pid=$!
for _ in $(seq 600); do grep -q '^idle-opened' "$work/idle.out" && break; sleep 0.1; done
grep -q '^idle-opened' "$work/idle.out" || { echo "the idle connections could not be opened:" >&2; cat "$work/idle.out" >&2; exit 1; }
read -r _ idle_opened _ idle_answered < <(grep '^idle-opened' "$work/idle.out")
echo "== $idle_opened idle keep-alive connections open ($idle_answered answered their first request)"

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$portal_pid/status"; }
rss_start="$(rss_kib)"
(while kill -0 "$portal_pid" 2>/dev/null; do rss_kib; sleep 1; done) >"$work/rss.log" 2>/dev/null &
sampler_pid=$!

echo "== wrk -t$threads -c$connections -d${duration}s --timeout $timeout --latency -s mix.lua ($backend)"
wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout "$timeout" --latency -s "$work/mix.lua" "$base" >"$work/wrk.out" 2>&1 || true
kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
rss_end="$(rss_kib)"
hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$portal_pid/status")"

kill -USR2 "$idle_pid"
for _ in $(seq 300); do grep -q '^idle-final' "$work/idle.out" && break; sleep 0.1; done
wait "$idle_pid" 2>/dev/null || true; idle_pid=""
read -r _ _ idle_still _ idle_final_answered _ idle_closed_early _ idle_errors idle_error_codes < <(grep '^idle-final' "$work/idle.out" || echo "idle-final still_open 0 answered 0 closed_early ? errors ? no-report")
alive=yes; curl -sf -o /dev/null "$base/healthz" || alive=no

grep -v '^SOAK' "$work/wrk.out" | sed 's/^/   /'
soak() { awk -v k="$1" '$1=="SOAK" && $2==k {print $3}' "$work/wrk.out"; }
requests="$(soak requests)"; rps="$(soak rps)"; p50="$(soak p50_ms)"; p99="$(soak p99_ms)"; maxms="$(soak max_ms)"
unexpected="$(soak unexpected)"; socket_errors="$(soak socket_errors)"
socket_detail="$(awk -v t="$timeout" '$1=="SOAK" && $2=="socket_errors" {print "connect " $5 ", read " $7 ", write " $9 ", timeout (no answer within " t ") " $11}' "$work/wrk.out")"
read -r rss_first rss_last rss_max samples < <(awk '
  {v[NR]=$1; if ($1>m) m=$1}
  END {t=int(NR/3); for (i=1;i<=t;i++) if (v[i]>f) f=v[i]; for (i=NR-t+1;i<=NR;i++) if (v[i]>l) l=v[i]; print f+0, l+0, m+0, NR}' "$work/rss.log")
growth="$(awk -v f="$rss_first" -v l="$rss_last" 'BEGIN {printf "%.1f", (f>0 ? (l/f-1)*100 : 0)}')"
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}'; }

echo "== soak summary ($backend, $duration s, $connections connections + $idle idle, $(nproc) cores shared by wrk and the portal)"
echo "requests:               ${requests:-?} (${rps:-?} req/s)"
echo "latency:                p50 ${p50:-?} ms, p99 ${p99:-?} ms, max ${maxms:-?} ms"
echo "responses by status:    $(awk '$1=="SOAK" && $2=="status" {printf "%s×%s ", $3, $4}' "$work/wrk.out")"
echo "unexpected responses:   ${unexpected:-?}"
awk '$1=="SOAK" && $2=="unexpected_by" {$1=$2=""; print "   " $0}' "$work/wrk.out"
echo "socket errors:          ${socket_errors:-?} ($socket_detail)"
echo "idle connections:       $idle_still of $idle still open at the end, $idle_final_answered answered /healthz; closed early $idle_closed_early; client errors $idle_errors ${idle_error_codes:-}"
echo "resident memory (MiB):  start $(mib "$rss_start"), max $(mib "$rss_max"), end $(mib "$rss_end"), peak VmHWM $(mib "$hwm");" \
     "peak of last third vs first third: $(mib "$rss_last") vs $(mib "$rss_first") ($growth %, $samples samples)"
echo "server alive after the run: $alive; descriptors allowed: $server_nofile; --max-connections $max_connections; --idle-timeout-ms $idle_timeout_ms"

failures=()
[[ -n "$requests" ]] || failures+=("wrk did not report (see above)")
[[ "${unexpected:-1}" == 0 ]] || failures+=("unexpected responses: ${unexpected:-?}")
[[ "${socket_errors:-1}" == 0 ]] || failures+=("socket errors: ${socket_errors:-?}")
[[ "$idle_still" == "$idle" && "$idle_final_answered" == "$idle" ]] || failures+=("idle connections: $idle_still open, $idle_final_answered answered of $idle")
awk -v g="$growth" 'BEGIN {exit !(g > 10)}' && failures+=("resident memory grew $growth % from the first to the last third")
[[ "$alive" == yes ]] || failures+=("the portal no longer answers /healthz")
if [[ ${#failures[@]} -gt 0 ]]; then
  printf 'SOAK FAILED: %s\n' "${failures[@]}"
  exit 1
fi
echo "SOAK PASSED"
