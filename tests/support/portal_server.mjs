// Starts the real lmo-portal binary on an ephemeral loopback port with a fresh data folder,
// and offers small HTTP helpers for the tests. Every server is stopped by stop() (SIGTERM).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = process.env.LMO_PORTAL_BIN || join(repoRoot, 'build', 'bin', 'lmo-portal');

export async function startPortal({ args = [], env = {}, dataDir, keepData = false } = {}) {
  const data = dataDir || mkdtempSync(join(tmpdir(), 'lmo-portal-test-'));
  const child = spawn(binary, ['serve', '--host', '127.0.0.1', '--port', '0', '--data', data, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const port = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`portal did not start: ${stderr}`)), 10000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try { lines.push(JSON.parse(line)); } catch { lines.push({ unparsed: line }); }
        const last = lines[lines.length - 1];
        if (last.msg === 'listening') { clearTimeout(timer); resolve(last.port); }
      }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`portal exited ${code}: ${stderr}`)); });
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    data,
    logs: lines,
    child,
    exited,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const result = await exited;
      if (!keepData && !dataDir) rmSync(data, { recursive: true, force: true });
      return result;
    },
  };
}

// Sends raw bytes on a new TCP connection and resolves with everything received until the
// server closes the connection (or `timeoutMs`).
export function rawExchange(port, payload, { timeoutMs = 5000, writeDelaysMs = [] } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => { socket.destroy(); resolve({ received, timedOut: true }); }, timeoutMs);
    socket.on('data', (chunk) => { received += chunk.toString('latin1'); });
    socket.on('close', () => { clearTimeout(timer); resolve({ received, timedOut: false }); });
    socket.on('error', (error) => { clearTimeout(timer); if (received) resolve({ received }); else reject(error); });
    const parts = Array.isArray(payload) ? payload : [payload];
    let i = 0;
    const next = () => {
      if (i >= parts.length) return;
      socket.write(parts[i]);
      const delay = writeDelaysMs[i] ?? 0;
      i += 1;
      if (i < parts.length) setTimeout(next, delay);
    };
    socket.on('connect', next);
  });
}

export function statusOf(raw) {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  return match ? Number(match[1]) : 0;
}

export const securityHeaders = ['content-security-policy', 'x-content-type-options', 'referrer-policy'];

export function assertSecurityHeaders(assert, headers) {
  const get = (name) => (typeof headers.get === 'function' ? headers.get(name) : headers[name]);
  const csp = get('content-security-policy');
  assert.ok(csp, 'Content-Security-Policy present');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(get('x-content-type-options'), 'nosniff');
  assert.ok(get('referrer-policy'));
}
