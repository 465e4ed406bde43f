// Operating the portal: health and readiness, Prometheus metrics, the JSON-lines access log
// and request ids, first start vs. restart on the same database, configuration precedence,
// and graceful shutdown that lets an in-flight request finish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { startPortal, binary, statusOf } from '../support/portal_server.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('health, readiness and metrics', async () => {
  const portal = await startPortal();
  try {
    const health = await fetch(`${portal.base}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${portal.base}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal((await ready.json()).database, 'ok');
    await fetch(`${portal.base}/en/htpi`);
    await fetch(`${portal.base}/no/such/address/here`);
    const metrics = await fetch(`${portal.base}/metrics`);
    assert.match(metrics.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    assert.match(text, /^# TYPE lmo_http_requests_total counter$/m);
    assert.match(text, /^lmo_http_requests_total\{route="page",status="200"\} [1-9]\d*$/m);
    assert.match(text, /^lmo_http_requests_total\{route="not_found",status="404"\} [1-9]\d*$/m);
    assert.match(text, /^# TYPE lmo_http_request_duration_seconds histogram$/m);
    assert.match(text, /^lmo_http_request_duration_seconds_bucket\{route="page",le="\+Inf"\} [1-9]\d*$/m);
    assert.match(text, /^lmo_http_request_duration_seconds_count\{route="page"\} [1-9]\d*$/m);
    assert.match(text, /^lmo_http_open_connections \d+$/m);
  } finally {
    await portal.stop();
  }
});

test('each request gets an id, echoed in the response and in a JSON access-log line', async () => {
  const portal = await startPortal();
  try {
    const mine = await fetch(`${portal.base}/en/`, { headers: { 'X-Request-Id': 'officer-check-42' } });
    assert.equal(mine.headers.get('x-request-id'), 'officer-check-42');
    const generated = await fetch(`${portal.base}/healthz`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
    const id = generated.headers.get('x-request-id');
    assert.match(id, /^[0-9a-f]{16}$/);
    await sleep(600);  // access lines are flushed in batches every 200 ms
    const entry = portal.logs.find((line) => line.msg === 'request' && line.request_id === id);
    assert.ok(entry, 'access log line for the generated id');
    assert.equal(entry.method, 'GET');
    assert.equal(entry.path, '/healthz');
    assert.equal(entry.status, 200);
    assert.equal(entry.route, 'ops.healthz');
    assert.equal(typeof entry.duration_ms, 'number');
    assert.match(entry.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(portal.logs.some((line) => line.request_id === 'officer-check-42' && line.path === '/en/'));
  } finally {
    await portal.stop();
  }
});

test('the first start creates the database and loads the data; a restart reuses it', async () => {
  const data = mkdtempSync(join(tmpdir(), 'lmo-portal-restart-'));
  try {
    const first = await startPortal({ dataDir: data });
    assert.ok(first.logs.some((l) => l.msg === 'bundled data loaded' && l.schema_version >= 1));
    assert.ok(existsSync(join(data, 'portal.db')));
    const journal = spawnSync('sqlite3', [join(data, 'portal.db'), 'PRAGMA journal_mode;'], { encoding: 'utf8' });
    if (journal.status === 0) assert.equal(journal.stdout.trim(), 'wal');
    assert.deepEqual(await first.stop(), { code: 0, signal: null });
    assert.ok(first.logs.some((l) => l.msg === 'stopped'));
    // A clean shutdown folds the write-ahead log into the database file.
    assert.ok(!existsSync(join(data, 'portal.db-wal')) || statSync(join(data, 'portal.db-wal')).size === 0);

    const second = await startPortal({ dataDir: data });
    assert.ok(second.logs.some((l) => l.msg === 'bundled data unchanged'));
    assert.equal((await fetch(`${second.base}/en/customs-portal`)).status, 200);
    await second.stop();
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test('SIGTERM lets an in-flight request finish, then the process exits 0', async () => {
  const portal = await startPortal();
  const socket = net.connect(portal.port, '127.0.0.1');
  await new Promise((resolve) => socket.on('connect', resolve));
  let received = '';
  socket.on('data', (chunk) => { received += chunk; });
  const closed = new Promise((resolve) => socket.on('close', resolve));
  // The request is in flight: its head is sent, its body not yet.
  socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab');
  await sleep(200);
  portal.child.kill('SIGTERM');
  await sleep(200);
  socket.write('cde');
  await closed;
  assert.equal(statusOf(received), 200);
  assert.match(received, /Connection: close/i);
  assert.deepEqual(await portal.exited, { code: 0, signal: null });
  await portal.stop();
});

test('configuration: file < environment < command line; bad values are named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lmo-portal-config-'));
  try {
    const config = join(dir, 'portal.toml');
    writeFileSync(config, '# test configuration\n[serve]\nmax-connections = 77\nheader-limit = 2048\n');
    const portal = await startPortal({ args: ['--config', config, '--header-limit', '4096'], env: { LMO_MAX_CONNECTIONS: '5' } });
    try {
      // header-limit 4096 from the command line beats the file's 2048: a 3000-byte head passes.
      const ok = await fetch(`${portal.base}/healthz`, { headers: { 'X-Pad': 'p'.repeat(3000) } });
      assert.equal(ok.status, 200);
      // max-connections 5 from the environment beats the file's 77.
      const sockets = await Promise.all(Array.from({ length: 6 }, () => new Promise((resolve) => {
        const s = net.connect(portal.port, '127.0.0.1', () => resolve(s));
      })));
      await sleep(200);
      const extra = await new Promise((resolve) => {
        const s = net.connect(portal.port, '127.0.0.1');
        let got = '';
        s.on('data', (c) => { got += c; });
        s.on('close', () => resolve(got));
      });
      assert.equal(statusOf(extra), 503);
      sockets.forEach((s) => s.destroy());
    } finally {
      await portal.stop();
    }

    writeFileSync(config, 'colour = "blue"\n');
    let run = spawnSync(binary, ['serve', '--config', config, '--data', dir], { encoding: 'utf8', timeout: 10000 });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown key 'colour'/);
    run = spawnSync(binary, ['serve', '--port', 'eighty', '--data', dir], { encoding: 'utf8', timeout: 10000 });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /port \(from --port\) must be a whole number/);
    run = spawnSync(binary, ['serve', '--data', dir], { encoding: 'utf8', timeout: 10000, env: { ...process.env, LMO_THREADS: '0' } });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /threads \(from environment LMO_THREADS\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
