// Crash safety: while 16 writes are in flight (border officers opening inspection cases, national
// editors creating drafts), the portal is killed with SIGKILL; restarted on the same database,
// it must still hold every write whose acknowledgement (303 with the new reference or draft id)
// reached the client, with the content that was sent; the database must be intact (SQLite:
// PRAGMA integrity_check and foreign_key_check; PostgreSQL: a clean restart and readable rows),
// and the portal must serve — and accept writes — normally afterwards. Runs on SQLite always and
// on PostgreSQL when LMO_TEST_POSTGRES_URL is set (each run in a database of its own, dropped
// at the end).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, startPortal } from '../support/portal_server.mjs';
import { signIn, unescapeHtml } from '../support/sign_in.mjs';

const POSTGRES_URL = process.env.LMO_TEST_POSTGRES_URL;
const IN_FLIGHT = 16;
const KILL_AFTER_MS = 1500;
const users = { officer: ['aduana.es', 'officer:ES'], editor: ['editor.mx', 'editor:MX'] };
const secret = (name) => `crash safety passphrase number ${name.length}`;
const decisionKey = 'mx-2012-cofepris-mon87427';

// ---- databases -------------------------------------------------------------------------------

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], { encoding: 'utf8', timeout: 30000 });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr || r.error}`);
  return r.stdout.trim();
}

// A fresh, empty PostgreSQL database next to the one LMO_TEST_POSTGRES_URL names.
function createPostgresDatabase(prefix) {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  psql(POSTGRES_URL, `CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: (sql) => psql(url.toString(), sql),
    drop: () => psql(POSTGRES_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

function sqlite(file, sql) {
  const r = spawnSync('sqlite3', ['-bail', file, sql], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `sqlite3 ${sql}: ${r.stderr || r.error}`);
  return r.stdout.trim();
}

// ---- HTTP as a signed-in user ----------------------------------------------------------------

// Plain node:http on kept-alive connections: much lighter than fetch, so that the server, not this
// client, is the busy side under load. Resolves { status, headers, body }.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
after(() => agent.destroy());
function send(base, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method, headers, agent, timeout: 15000 }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

function client(base, session) {
  const cookie = `lmo_session=${session}`;
  return {
    get: (path) => send(base, 'GET', path, { cookie }),
    post: (path, fields) => send(base, 'POST', path, { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      new URLSearchParams(fields).toString()),
  };
}

async function signedIn(portal) {
  const clients = {};
  for (const [key, [name]] of Object.entries(users)) {
    const session = await signIn(portal.base, name, secret(name));
    assert.ok(session, `${name} could not sign in`);
    const c = client(portal.base, session);
    const account = await c.get('/en/account');
    assert.equal(account.status, 200);
    c.csrf = account.body.match(/name="csrf" value="([^"]+)"/)[1];
    clients[key] = c;
  }
  return clients;
}

const hidden = (html, name) => unescapeHtml(html.match(new RegExp(`name="${name}" value="([^"]*)"`))[1]);

// The two write paths, each acknowledged with a 303 whose Location names the new record.
async function writeTemplates(clients) {
  const report = await clients.officer.post('/en/check', {
    importing_country: 'ES', declared_use: 'food_feed_processing', hs_code: '1005.10', goods_description: 'Maize seed',
    document_text: 'May contain living modified organisms intended for direct use as food or feed, or for processing; not intended for intentional introduction into the environment.',
    may_contain: 'MON-ØØ81Ø-6', contact_name: 'Import desk', contact_address: 'Valencia port', check_date: '2026-11-27',
  });
  assert.equal(report.status, 200);
  const declaration = JSON.parse(hidden(report.body, 'declaration'));
  const start = (await clients.editor.get(`/en/editor?type=decision&key=${decisionKey}`)).body;
  const decision = JSON.parse(unescapeHtml(start.match(/<textarea id="new_doc" name="doc"[^>]*>([^<]*)<\/textarea>/)[1]));
  assert.equal(decision.id, decisionKey);
  return {
    case: (marker) => clients.officer.post('/en/cases', {
      csrf: clients.officer.csrf,
      declaration: JSON.stringify({ ...declaration, goods_description: marker, document_text: `${declaration.document_text} ${filler}` }),
    }),
    draft: (marker) => clients.editor.post('/en/editor/drafts', {
      csrf: clients.editor.csrf, type: 'decision', doc: JSON.stringify({ ...decision, conditions: `${marker} ${filler}` }),
    }),
  };
}

// Writes carry some bulk, so that the server (not this client) is the busy side when it is killed.
const filler = 'Shipment documents transcribed for the crash test. '.repeat(600);

const idOf = (response) => decodeURIComponent(response.headers.location?.split('/').pop() ?? '');

// Reads an acknowledged write back: the case or draft page must show the marker that was sent.
async function present(clients, write) {
  const path = write.kind === 'case' ? `/en/cases/${encodeURIComponent(write.id)}` : `/en/editor/drafts/${write.id}`;
  const response = await (write.kind === 'case' ? clients.officer : clients.editor).get(path);
  return response.status === 200 && response.body.includes(write.marker);
}

// Runs `worker` over `items` with at most `limit` at a time.
async function eachLimited(items, limit, worker) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) { const i = next++; await worker(items[i], i); }
  }));
}

// ---- the scenario ----------------------------------------------------------------------------

// `backend`: { name, database (a --database value, or undefined for the data folder's SQLite file),
// integrity(data, when) (asserts the database is intact), count(data) → { cases, drafts } }.
async function crashScenario(t, backend) {
  const work = mkdtempSync(join(tmpdir(), 'lmo-crash-'));
  const data = join(work, 'var');
  const { database } = backend;
  const integrity = (when) => backend.integrity(data, when);
  const count = () => backend.count(data);
  const databaseArgs = database ? ['--database', database] : [];
  const args = ['--access-log', 'off', ...databaseArgs];
  const portals = [];
  const start = async () => { const p = await startPortal({ dataDir: data, args }); portals.push(p); return p; };
  try {
    for (const [name, role] of Object.values(users)) {
      const r = spawnSync(binary, ['user', 'add', name, '--role', role, '--password-stdin', '--data', data, ...databaseArgs],
        { input: `${secret(name)}\n`, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const clock = { begin: Date.now() };
    const mark = (name) => { clock[name] = Date.now(); };
    let portal = await start();
    mark('started');
    let clients = await signedIn(portal);
    const write = await writeTemplates(clients);

    // The load: IN_FLIGHT writers, each sending its next write as soon as the last one is answered,
    // until the server is gone. Only a 303 naming the new record counts as acknowledged.
    const acknowledged = [];
    const refused = {};  // status → count (not acknowledged, e.g. 500)
    let sent = 0;
    let inFlight = 0;
    let failedInFlight = 0;  // requests that got no answer: sent before or at the kill
    let killed = false;
    const run = Date.now().toString(36);
    const writers = Array.from({ length: IN_FLIGHT }, async (_, w) => {
      const kind = w % 2 === 0 ? 'case' : 'draft';
      while (!killed) {
        const marker = `crash-${run}-${kind}-${sent++}`;
        inFlight += 1;
        try {
          const response = await write[kind](marker);
          if (response.status === 303 && idOf(response)) acknowledged.push({ kind, id: idOf(response), marker });
          else refused[response.status] = (refused[response.status] ?? 0) + 1;
        } catch {
          failedInFlight += 1;
          return;  // the server is gone
        } finally {
          inFlight -= 1;
        }
      }
    });
    const began = Date.now();
    while (Date.now() - began < KILL_AFTER_MS || acknowledged.length < 20) {
      if (Date.now() - began > 10000) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const pendingAtKill = inFlight;
    killed = true;
    portal.child.kill('SIGKILL');
    const exit = await portal.exited;
    await Promise.all(writers);
    assert.equal(exit.signal, 'SIGKILL');
    assert.ok(acknowledged.length >= 20, `only ${acknowledged.length} writes were acknowledged before the kill`);
    assert.ok(pendingAtKill > 0, 'no write was in flight when the server was killed');

    // (b) The database as the crash left it.
    mark('killed');
    await integrity('after the kill');
    mark('checked');

    // Restart on the same database: the server starts cleanly and signs users in.
    portal = await start();
    clients = await signedIn(portal);
    mark('restarted');

    // (a) Every acknowledged write is there, with the content that was sent.
    const missing = [];
    await eachLimited(acknowledged, 8, async (w) => { if (!(await present(clients, w))) missing.push(w); });
    mark('read');
    const found = acknowledged.length - missing.length;
    const stored = count();
    const byKind = (kind) => acknowledged.filter((w) => w.kind === kind).length;
    const summary = `${acknowledged.length} writes acknowledged (${byKind('case')} cases, ${byKind('draft')} drafts) of ${sent} sent; `
      + `${pendingAtKill} awaiting an answer at the kill, ${failedInFlight} never answered; ${found} of ${acknowledged.length} found after the restart; `
      + `${stored.cases} cases and ${stored.drafts} drafts stored (${stored.cases + stored.drafts - found} committed without an acknowledgement); `
      + `refused: ${JSON.stringify(refused)}`;
    t.diagnostic(summary);
    console.log(`crash safety (${backend.name}): ${summary}`);
    assert.deepEqual(missing, [], `${missing.length} acknowledged writes are missing after the crash`);
    assert.ok(stored.cases >= byKind('case') && stored.drafts >= byKind('draft'));
    assert.ok(stored.cases + stored.drafts <= sent, 'more records stored than were ever sent');

    // (c) The portal serves normally: health, registry reads, and new writes.
    assert.equal((await fetch(`${portal.base}/healthz`)).status, 200);
    assert.equal((await fetch(`${portal.base}/readyz`)).status, 200);
    const lmos = await (await fetch(`${portal.base}/api/v1/lmos?q=MON810`)).json();
    assert.ok(lmos.total >= 1);
    const fresh = await writeTemplates(clients);
    for (const kind of ['case', 'draft']) {
      const marker = `after-the-crash-${run}-${kind}`;
      const response = await fresh[kind](marker);
      assert.equal(response.status, 303, `${kind} after the restart: ${response.status}`);
      assert.ok(await present(clients, { kind, id: idOf(response), marker }));
    }
    await portal.stop();
    await integrity('after a clean stop');
    mark('end');
    t.diagnostic(`phases (ms): ${Object.entries(clock).slice(1).map(([k, v], i, all) => `${k} ${v - (i ? all[i - 1][1] : clock.begin)}`).join(', ')}`);
  } finally {
    for (const p of portals) if (p.child.exitCode === null && p.child.signalCode === null) await p.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

test('SQLite: every acknowledged write survives SIGKILL and the database stays intact', { timeout: 60000 }, async (t) => {
  const file = (data) => join(data, 'portal.db');  // the data folder's default database
  await crashScenario(t, {
    name: 'SQLite',
    database: undefined,
    integrity: async (data, when) => {
      assert.equal(sqlite(file(data), 'PRAGMA integrity_check;'), 'ok', `integrity_check ${when}`);
      assert.equal(sqlite(file(data), 'PRAGMA foreign_key_check;'), '', `foreign_key_check ${when}`);
    },
    count: (data) => ({
      cases: Number(sqlite(file(data), 'SELECT count(*) FROM inspection_cases;')),
      drafts: Number(sqlite(file(data), 'SELECT count(*) FROM record_drafts;')),
    }),
  });
});

test('PostgreSQL: every acknowledged write survives SIGKILL and the server restarts cleanly', {
  timeout: 60000,
  skip: POSTGRES_URL ? false : 'LMO_TEST_POSTGRES_URL is not set (start a cluster with scripts/postgres.sh start DIR PORT)',
}, async (t) => {
  const db = createPostgresDatabase('lmo_crash');
  try {
    await crashScenario(t, {
      name: 'PostgreSQL',
      database: db.url,
      // What PostgreSQL itself guarantees is not ours to check; that the rows are there and
      // readable through the portal is (the scenario reads every acknowledged one back).
      integrity: async (data, when) => {
        assert.match(db.query('SELECT count(*) FROM inspection_cases'), /^\d+$/, `inspection_cases readable ${when}`);
      },
      count: () => ({
        cases: Number(db.query('SELECT count(*) FROM inspection_cases')),
        drafts: Number(db.query('SELECT count(*) FROM record_drafts')),
      }),
    });
  } finally {
    db.drop();
  }
});
