// Two portal processes on one PostgreSQL database (each with its own --data folder, the same
// --database URI), as behind a load balancer: a session opened on A is valid on B and signing
// out on B ends it on A; a national record and a national rule set published on A are served by
// B within the stated bound (registry cache and rule-set watcher: about 1 s; the delay measured
// is reported); the same edit sent to A and B at the same moment with the same version succeeds
// once, the other gets 409, and the winner's content is what is stored; failed logins on either
// instance count towards one throttle. PostgreSQL only: skipped unless LMO_TEST_POSTGRES_URL is
// set; the database is created fresh and dropped at the end.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, startPortal } from '../support/portal_server.mjs';
import { signIn, unescapeHtml } from '../support/sign_in.mjs';

const POSTGRES_URL = process.env.LMO_TEST_POSTGRES_URL;
const STATED_BOUND_MS = 1000;    // what the portal promises for published records and rule sets
const TOLERANCE_MS = 500;        // polling granularity and a loaded 2-core machine
const POLL_LIMIT_MS = 3000;      // how long B is polled at most
const users = {
  officer: ['aduana.es', ['officer:ES']],
  editor: ['editor.mx', ['editor:MX']],
  reviewer: ['revisor.mx', ['reviewer:MX']],
  guessed: ['guessed', ['officer:ES']],
  burst: ['burst', ['officer:ES']],
};
const secret = (name) => `two instances passphrase number ${name.length}`;
const decisionKey = 'mx-2012-cofepris-mon87427';
const decisionLmo = 'MON-87427-7';

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], { encoding: 'utf8', timeout: 30000 });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr || r.error}`);
  return r.stdout.trim();
}

const skip = POSTGRES_URL ? false : 'LMO_TEST_POSTGRES_URL is not set (start a cluster with scripts/postgres.sh start DIR PORT)';

describe('two instances on one PostgreSQL database', { skip }, () => {
  const work = POSTGRES_URL ? mkdtempSync(join(tmpdir(), 'lmo-two-')) : undefined;
  const dbName = `lmo_two_${process.pid}_${randomBytes(4).toString('hex')}`;
  let databaseUrl;
  let created = false;
  const portals = {};
  const sessions = {};  // who → session token (opened on A unless said otherwise)

  before(async () => {
    psql(POSTGRES_URL, `CREATE DATABASE ${dbName}`);
    created = true;
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    for (const [name, roles] of Object.values(users)) {
      const r = spawnSync(binary, ['user', 'add', name, ...roles.flatMap((role) => ['--role', role]), '--password-stdin',
        '--data', join(work, 'cli'), '--database', databaseUrl], { input: `${secret(name)}\n`, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    // Both started at the same moment, as a deployment would.
    const started = await Promise.allSettled(['a', 'b'].map((name) => startPortal({
      dataDir: join(work, name), args: ['--access-log', 'off', '--database', databaseUrl],
    })));
    started.forEach((s, i) => { if (s.status === 'fulfilled') portals[i ? 'b' : 'a'] = s.value; });
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const { a } = portals;
    for (const [key, [name]] of Object.entries(users)) {
      if (key === 'guessed' || key === 'burst') continue;
      sessions[key] = await signIn(a.base, name, secret(name));
      assert.ok(sessions[key], `${name} could not sign in on A`);
    }
  });

  after(async () => {
    for (const p of Object.values(portals)) await p.stop();
    if (created) psql(POSTGRES_URL, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const get = (on, path, session) => fetch(portals[on].base + path, {
    redirect: 'manual', headers: session ? { cookie: `lmo_session=${session}` } : {},
  });
  const as = (who) => ({
    get: (on, path) => get(on, path, sessions[who]),
    csrf: async (on) => (await (await get(on, '/en/account', sessions[who])).text()).match(/name="csrf" value="([^"]+)"/)[1],
    async post(on, path, fields, csrf) {
      return fetch(portals[on].base + path, {
        method: 'POST', redirect: 'manual',
        headers: { cookie: `lmo_session=${sessions[who]}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: csrf ?? await this.csrf(on), ...fields }).toString(),
      });
    },
  });
  const editor = as('editor');
  const reviewer = as('reviewer');
  const officer = as('officer');
  const versionOf = async (who, on, path) => (await (await who.get(on, path)).text()).match(/name="version" value="(\d+)"/)?.[1];

  // Polls `probe` (async → truthy when B serves the change) every 20 ms for at most
  // POLL_LIMIT_MS; resolves with the delay in ms from `since`, or null when it never did.
  async function delayUntil(since, probe) {
    for (;;) {
      if (await probe()) return Date.now() - since;
      if (Date.now() - since > POLL_LIMIT_MS) return null;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  // Drafts `doc` on A as the editor, submits it, publishes it on A as the reviewer; resolves
  // with the moment the publication was acknowledged.
  async function publishOnA(type, doc) {
    let r = await editor.post('a', '/en/editor/drafts', { type, doc: JSON.stringify(doc) });
    assert.equal(r.status, 303, await r.text());
    const draft = r.headers.get('location');
    r = await editor.post('a', `${draft}/submit`, { version: await versionOf(editor, 'a', draft) });
    assert.equal(r.status, 303, await r.text());
    r = await reviewer.post('a', `${draft}/publish`, { version: await versionOf(reviewer, 'a', draft) });
    assert.equal(r.status, 303, await r.text());
    return Date.now();
  }

  function withinBound(t, what, delay) {
    const text = delay === null ? `not within ${POLL_LIMIT_MS} ms` : `${delay} ms`;
    t.diagnostic(`${what}: B served it ${text} after A acknowledged the publication`);
    console.log(`two instances: ${what}: ${text}`);
    assert.ok(delay !== null && delay <= STATED_BOUND_MS + TOLERANCE_MS,
      `${what} reached B ${text} after publication on A (bound ${STATED_BOUND_MS} ms + ${TOLERANCE_MS} ms tolerance)`);
  }

  test('a session opened on A is valid on B; signing out on B ends it on A', async () => {
    const session = await signIn(portals.a.base, users.officer[0], secret(users.officer[0]));
    assert.ok(session);
    for (const on of ['a', 'b']) {
      const page = await get(on, '/en/account', session);
      assert.equal(page.status, 200, `account page on ${on.toUpperCase()}`);
      assert.match(await page.text(), /<strong>aduana\.es<\/strong>/);
    }
    // The session's CSRF token is the same on both (it is bound to the session in the database).
    const csrfB = (await (await get('b', '/en/account', session)).text()).match(/name="csrf" value="([^"]+)"/)[1];
    const csrfA = (await (await get('a', '/en/account', session)).text()).match(/name="csrf" value="([^"]+)"/)[1];
    assert.equal(csrfA, csrfB);
    const out = await fetch(`${portals.b.base}/en/logout`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lmo_session=${session}` },
      body: new URLSearchParams({ csrf: csrfB }).toString(),
    });
    assert.equal(out.status, 303);
    for (const on of ['a', 'b']) {
      const page = await get(on, '/en/account', session);
      assert.equal(page.status, 303, `after signing out on B, the account page on ${on.toUpperCase()} must send to the sign-in page`);
      assert.match(page.headers.get('location'), /\/en\/login$/);
    }
  });

  test('a decision published on A is served by B (API and page) within the bound', async (t) => {
    const marker = `Published on instance A (${randomBytes(4).toString('hex')})`;
    const apiB = async () => (await (await get('b', `/api/v1/decisions/${decisionKey}`)).json()).conditions;
    const pageB = async () => (await (await get('b', `/en/registry/${decisionLmo}`)).text()).includes(marker);
    // B has read (and may have cached) the record before the change.
    assert.notEqual(await apiB(), marker);
    assert.equal(await pageB(), false);
    const start = await (await editor.get('a', `/en/editor?type=decision&key=${decisionKey}`)).text();
    const doc = JSON.parse(unescapeHtml(start.match(/<textarea id="new_doc" name="doc"[^>]*>([^<]*)<\/textarea>/)[1]));
    doc.conditions = marker;
    const published = await publishOnA('decision', doc);
    assert.equal((await (await get('a', `/api/v1/decisions/${decisionKey}`)).json()).conditions, marker, 'A serves it at once');
    const api = await delayUntil(published, async () => (await apiB()) === marker);
    const page = await delayUntil(published, pageB);
    withinBound(t, 'decision in the API', api);
    withinBound(t, 'decision on the LMO page', page);
    const history = await (await get('b', `/api/v1/history/decisions/${decisionKey}`)).json();
    assert.equal(history.revisions.at(-1).record.conditions, marker);
  });

  test('a national rule set published on A takes effect in B\'s border check within the bound', async (t) => {
    const rule = `mx.two_instances_${randomBytes(3).toString('hex')}`;
    const ruleSet = {
      jurisdiction: 'MX', version: 'two-instances.1', description: 'Mexican additions (test)', source: ['test'], retrieved: '2026-11-27',
      verified: false, overrides: [],
      additions: [{
        id: rule, regimes: ['food_feed_processing'], severity: 'mandatory', legal_basis: 'national rule (test)',
        requirement: { en: 'The permit number is stated.' }, recognised_phrases: { en: ['permit number'], es: ['número de permiso'] },
      }],
    };
    const declaration = {
      importing_country: 'MX', declared_use: 'food_feed_processing', check_date: '2026-11-27',
      document_text: 'Puede contener organismos vivos modificados; no están destinados a ser introducidos intencionalmente en el medio ambiente.',
      parties: { contact_point: { name: 'Desk', address: 'Port' } },
    };
    const rulesOn = async (on) => {
      const response = await fetch(`${portals[on].base}/api/v1/checks`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(declaration),
      });
      assert.equal(response.status, 200);
      return (await response.json()).findings.map((f) => f.rule);
    };
    assert.ok(!(await rulesOn('b')).includes(rule));
    const published = await publishOnA('rule_set', ruleSet);
    assert.ok((await rulesOn('a')).includes(rule), 'A applies it at once');
    withinBound(t, 'national rule set in the border check', await delayUntil(published, async () => (await rulesOn('b')).includes(rule)));
  });

  test('the same draft saved on A and B at once with one version: one succeeds, the other gets 409', async (t) => {
    const start = await (await editor.get('a', `/en/editor?type=decision&key=${decisionKey}`)).text();
    const base = JSON.parse(unescapeHtml(start.match(/<textarea id="new_doc" name="doc"[^>]*>([^<]*)<\/textarea>/)[1]));
    let r = await editor.post('a', '/en/editor/drafts', { type: 'decision', doc: JSON.stringify(base) });
    assert.equal(r.status, 303);
    const draft = r.headers.get('location');
    const csrf = { a: await editor.csrf('a'), b: await editor.csrf('b') };
    const rounds = 8;
    for (let round = 0; round < rounds; round++) {
      const version = await versionOf(editor, 'a', draft);
      const docs = { a: { ...base, conditions: `round ${round}: saved on A` }, b: { ...base, conditions: `round ${round}: saved on B` } };
      const [onA, onB] = await Promise.all(['a', 'b'].map((on) => editor.post(on, `${draft}/save`, { version, doc: JSON.stringify(docs[on]) }, csrf[on])));
      const statuses = [onA.status, onB.status];
      assert.deepEqual([...statuses].sort(), [303, 409], `round ${round}: A ${onA.status}, B ${onB.status}`);
      const winner = onA.status === 303 ? 'a' : 'b';
      const loser = winner === 'a' ? 'b' : 'a';
      for (const on of ['a', 'b']) {
        const page = unescapeHtml(await (await editor.get(on, draft)).text());
        assert.ok(page.includes(docs[winner].conditions), `round ${round}: ${on.toUpperCase()} shows the winner's save`);
        assert.ok(!page.includes(docs[loser].conditions), `round ${round}: the refused save is not stored`);
      }
      assert.equal(Number(await versionOf(editor, 'b', draft)), Number(version) + 1, `round ${round}: one save, one new version`);
      t.diagnostic(`round ${round}: ${winner.toUpperCase()} won, ${loser.toUpperCase()} got 409`);
    }
  });

  test('the same inspection case changed on A and B at once with one version: one succeeds, the other gets 409', async () => {
    const report = await officer.post('a', '/en/check', {
      importing_country: 'ES', declared_use: 'food_feed_processing', hs_code: '1005.10', goods_description: 'Maize seed, two instances',
      document_text: 'May contain living modified organisms intended for direct use as food or feed, or for processing; not intended for intentional introduction into the environment.',
      may_contain: 'MON-ØØ81Ø-6', contact_name: 'Import desk', contact_address: 'Valencia port', check_date: '2026-11-27',
    });
    assert.equal(report.status, 200);
    const html = await report.text();
    const hidden = (name) => unescapeHtml(html.match(new RegExp(`name="${name}" value="([^"]*)"`))[1]);
    let r = await officer.post('a', '/en/cases', { declaration: hidden('declaration') }, hidden('csrf'));
    assert.equal(r.status, 303);
    const path = r.headers.get('location');
    const csrf = { a: await officer.csrf('a'), b: await officer.csrf('b') };
    const winners = [];
    for (let round = 0; round < 6; round++) {
      const version = await versionOf(officer, 'b', path);
      const plans = { a: `plan ${round} recorded on A`, b: `plan ${round} recorded on B` };
      const [onA, onB] = await Promise.all(['a', 'b'].map((on) => officer.post(on, `${path}/sampling`, { version, plan: plans[on] }, csrf[on])));
      assert.deepEqual([onA.status, onB.status].sort(), [303, 409], `round ${round}: A ${onA.status}, B ${onB.status}`);
      const winner = onA.status === 303 ? 'a' : 'b';
      winners.push(plans[winner]);
      const page = await (await officer.get(winner === 'a' ? 'b' : 'a', path)).text();
      assert.ok(page.includes(plans[winner]), `round ${round}: the other instance shows the winner's entry`);
      assert.ok(!page.includes(plans[winner === 'a' ? 'b' : 'a']), `round ${round}: the refused entry is not stored`);
    }
    // The case holds exactly the winners' entries, in order, and nothing else.
    const page = await (await officer.get('a', path)).text();
    const plans = [...page.matchAll(/plan \d+ recorded on [AB]/g)].map((m) => m[0]);
    assert.deepEqual(plans, winners);
  });

  // One sign-in attempt on instance `on`, the way a browser makes it (form, CSRF cookie, post).
  async function attempt(on, name, password) {
    const form = await fetch(`${portals[on].base}/en/login`);
    const csrf = (await form.text()).match(/name="csrf" value="([^"]+)"/)[1];
    const cookie = form.headers.getSetCookie().find((c) => c.startsWith('lmo_login_csrf=')).split(';')[0];
    return fetch(`${portals[on].base}/en/login`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ csrf, username: name, password }).toString(),
    });
  }

  test('failed logins on either instance count towards one throttle', async () => {
    const [name] = users.guessed;
    // Five failures in all (the limit per account), alternating: neither instance alone saw five.
    for (const [i, on] of ['a', 'b', 'a', 'b', 'a'].entries()) {
      assert.equal((await attempt(on, name, `wrong guess number ${i}`)).status, 401, `failure ${i + 1} on ${on.toUpperCase()}`);
    }
    for (const on of ['b', 'a']) {
      const response = await attempt(on, name, secret(name));
      assert.equal(response.status, 429, `the right password on ${on.toUpperCase()} after five failures across both`);
      assert.ok(Number(response.headers.get('retry-after')) > 0);
    }
  });

  // Kept last: its failures count towards the per-address limit of 127.0.0.1 too.
  test('failed logins sent in parallel to both instances still get at most five password checks', async (t) => {
    const [name] = users.burst;
    const statuses = await Promise.all(Array.from({ length: 10 }, async (_, i) => (await attempt(i % 2 ? 'b' : 'a', name, `parallel guess ${i}`)).status));
    const checked = statuses.filter((s) => s === 401).length;
    t.diagnostic(`10 parallel wrong passwords across A and B: ${checked} answered 401 (password checked), ${statuses.filter((s) => s === 429).length} answered 429`);
    console.log(`two instances: parallel guesses: ${statuses.join(' ')}`);
    assert.ok(statuses.every((s) => s === 401 || s === 429), statuses.join(' '));
    assert.ok(checked <= 5, `${checked} of 10 parallel guesses had their password checked (limit 5 per account)`);
  });
});
