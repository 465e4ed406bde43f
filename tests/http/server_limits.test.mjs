// The HTTP server's limits and bad-input handling, against the real binary on loopback:
// malformed requests, unknown routes and methods, oversized heads and bodies, slow clients,
// keep-alive, and 1000 idle connections that must not stop it from answering others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startPortal, rawExchange, statusOf, assertSecurityHeaders } from '../support/portal_server.mjs';

let portal;
before(async () => {
  portal = await startPortal({ args: ['--read-timeout-ms', '400', '--idle-timeout-ms', '30000', '--access-log', 'off'] });
});
after(async () => { await portal.stop(); });

test('a garbled request line gets 400 with a JSON error and the connection closes', async () => {
  const { received, timedOut } = await rawExchange(portal.port, 'THIS IS NOT HTTP\r\n\r\n');
  assert.equal(timedOut, false);
  assert.equal(statusOf(received), 400);
  assert.match(received, /"code":"bad_request"/);
  assert.match(received, /Content-Security-Policy:/i);
});

test('a malformed percent-escape in the path gets 400', async () => {
  const { received } = await rawExchange(portal.port, 'GET /en/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(statusOf(received), 400);
});

test('a path or a query that is not UTF-8 text gets 400, never reaching a store', async () => {
  for (const target of ['/en/history/rule_sets/%FF', '/en/registry/MON-%00', '/en/cases/LMO-%C0%AF', '/api/v1/lmos/%ED%A0%80']) {
    const { received } = await rawExchange(portal.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(received), 400, target);
  }
  const response = await fetch(`http://127.0.0.1:${portal.port}/api/v1/lmos?q=ma%EDz`);
  assert.equal(response.status, 400);
  assert.equal((await response.json()).error.field, 'q');
  const ok = await fetch(`http://127.0.0.1:${portal.port}/api/v1/lmos?q=ma%C3%ADz`);
  assert.equal(ok.status, 200);
});

test('an unknown page gets a 404 HTML page in the language of the path', async () => {
  const response = await fetch(`${portal.base}/es/no-such-page`);
  assert.equal(response.status, 404);
  assert.match(response.headers.get('content-type'), /^text\/html/);
  assertSecurityHeaders(assert, response.headers);
  const body = await response.text();
  assert.match(body, /<html lang="es"/);
  assert.match(body, /<h1>[^<]+<\/h1>/);
  assert.match(body, /href="\/es\/"/, 'links back to the Spanish home page');
});

test('an unknown API route gets a 404 JSON error', async () => {
  const response = await fetch(`${portal.base}/api/v1/nothing-here`);
  assert.equal(response.status, 404);
  assert.equal(response.headers.get('content-type'), 'application/json');
  const body = await response.json();
  assert.equal(body.error.code, 'not_found');
  assert.equal(typeof body.error.message, 'string');
  assert.ok('field' in body.error);
});

test('a known path with the wrong method gets 405 with Allow', async () => {
  const response = await fetch(`${portal.base}/api/v1/resources`, { method: 'DELETE' });
  assert.equal(response.status, 405);
  assert.equal(response.headers.get('allow'), 'GET, HEAD');
  assert.equal((await response.json()).error.code, 'method_not_allowed');
  const page = await fetch(`${portal.base}/en/htpi`, { method: 'POST', body: 'x=1' });
  assert.equal(page.status, 405);
  assert.match(page.headers.get('allow'), /GET/);
});

test('a body larger than the route accepts gets 413 before it is read', async () => {
  const head = `POST /api/v1/resources HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n`;
  const { received } = await rawExchange(portal.port, head);
  assert.equal(statusOf(received), 413);
  assert.match(received, /"code":"payload_too_large"/);
});

test('a chunked body that grows past the limit gets 413', async () => {
  const chunk = 'x'.repeat(4096);
  const head = 'GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n';
  const body = `${(4096).toString(16)}\r\n${chunk}\r\n`.repeat(4) + '0\r\n\r\n';
  const { received } = await rawExchange(portal.port, head + body);
  assert.equal(statusOf(received), 413);
});

test('headers larger than the limit get 431', async () => {
  const big = 'a'.repeat(20000);
  const { received } = await rawExchange(portal.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\n\r\n`);
  assert.equal(statusOf(received), 431);
  assert.match(received, /"code":"headers_too_large"|Request headers too large/);
});

test('a client that stops halfway through its request gets 408', async () => {
  const started = Date.now();
  const { received, timedOut } = await rawExchange(portal.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { timeoutMs: 5000 });
  assert.equal(timedOut, false, 'the server closed the connection itself');
  assert.equal(statusOf(received), 408);
  assert.ok(Date.now() - started >= 300, 'not before the read timeout');
});

test('HEAD answers with the headers of GET and no body', async () => {
  const get = await fetch(`${portal.base}/en/customs-portal`);
  const getBody = await get.text();
  const { received } = await rawExchange(portal.port, 'HEAD /en/customs-portal HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(statusOf(received), 200);
  const length = Number(/content-length: (\d+)/i.exec(received)[1]);
  assert.equal(length, Buffer.byteLength(getBody));
  assert.ok(received.endsWith('\r\n\r\n'), 'nothing after the head');
});

test('keep-alive serves several requests on one connection, pipelined', async () => {
  const request = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
  const { received } = await rawExchange(portal.port, request + request + request.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
  assert.equal(received.match(/HTTP\/1\.1 200 OK/g).length, 3);
});

test('1000 idle keep-alive connections do not stop the server from answering others', async () => {
  const sockets = [];
  try {
    await Promise.all(Array.from({ length: 1000 }, () => new Promise((resolve, reject) => {
      const socket = net.connect(portal.port, '127.0.0.1', () => {
        // One complete request each, so every connection is an idle keep-alive connection.
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      socket.once('data', () => resolve());
      socket.on('error', reject);
      sockets.push(socket);
    })));
    const started = Date.now();
    const response = await fetch(`${portal.base}/readyz`);
    assert.equal(response.status, 200);
    const metrics = await (await fetch(`${portal.base}/metrics`)).text();
    const open = Number(/^lmo_http_open_connections (\d+)$/m.exec(metrics)[1]);
    assert.ok(open >= 1000, `server holds the idle connections (${open} open)`);
    // Not a timing assertion on speed, only that it answered while they were open.
    assert.ok(Date.now() - started < 30000);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
});
