// The authorisation matrix: every mutating route (POST) against every kind of caller —
// anonymous, an officer of the case's country (ES), an officer of another country (MX), a
// national editor and a reviewer (MX), an administrator — asserting allow or deny. Routes
// are checked against the source (every literal POST route must be in the matrix) and the
// OpenAPI document (every POST under /api/v1/lab). "allow" means the request got past the
// permission check (2xx, 3xx, or 4xx other than 401/403); "deny" means 401, 403 or a redirect
// to the sign-in page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, repoRoot, startPortal } from '../support/portal_server.mjs';
import { signIn } from '../support/sign_in.mjs';

const work = mkdtempSync(join(tmpdir(), 'lmo-authz-'));
const data = join(work, 'var');
const callers = {
  officer_es: ['officer.es', ['officer:ES']],
  officer_mx: ['officer.mx', ['officer:MX']],
  editor_mx: ['editor.mx', ['editor:MX']],
  reviewer_mx: ['reviewer.mx', ['reviewer:MX']],
  admin: ['root.admin', ['admin']],
};
const secret = (name) => `long enough secret number ${name.length}`;
const sessions = { anonymous: undefined };
let portal;
let reference;

before(async () => {
  for (const [name, roles] of Object.values(callers)) {
    const r = spawnSync(binary, ['user', 'add', name, ...roles.flatMap((role) => ['--role', role]), '--password-stdin', '--data', data],
      { input: `${secret(name)}\n`, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  portal = await startPortal({ dataDir: data, args: ['--access-log', 'off'] });
  for (const [key, [name]] of Object.entries(callers)) sessions[key] = await signIn(portal.base, name, secret(name));
});
after(async () => { await portal.stop(); rmSync(work, { recursive: true, force: true }); });

// The session's CSRF token, read from the account page.
async function csrfOf(caller) {
  if (!sessions[caller]) return 'none';
  const html = await (await fetch(`${portal.base}/en/account`, { headers: { cookie: `lmo_session=${sessions[caller]}` } })).text();
  return html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? 'none';
}
async function send(caller, path, { form, json, text, login }) {
  const headers = {};
  if (sessions[caller]) headers.cookie = `lmo_session=${sessions[caller]}`;
  let body;
  if (login) {  // the sign-in form's own double-submit token
    const page = await fetch(`${portal.base}/en/login`);
    const token = (await page.text()).match(/name="csrf" value="([^"]+)"/)[1];
    headers.cookie = `lmo_login_csrf=${token}`;
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ csrf: token, ...login }).toString();
  } else if (form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ csrf: await csrfOf(caller), ...form }).toString();
  } else if (json) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else {
    headers['content-type'] = 'application/x-ndjson';
    body = text;
  }
  const response = await fetch(portal.base + path, { method: 'POST', redirect: 'manual', headers, body });
  await response.arrayBuffer();
  return response;
}
const denied = (response, path) => (response.status === 401 && !path.endsWith('/login')) || response.status === 403 ||
  (response.status === 303 && response.headers.get('location').endsWith('/login'));

const everyone = Object.keys({ anonymous: 0, ...callers });
const allowOnly = (...who) => Object.fromEntries(everyone.map((c) => [c, who.includes(c) ? 'allow' : 'deny']));
const allowAll = allowOnly(...everyone);
const signedIn = allowOnly(...Object.keys(callers));
const mxDecision = {
  id: 'mx-2012-cofepris-mon87427', country: 'MX', lmos: ['MON-87427-7'], scope: { food: true, feed: true, processing: true },
  result: 'approved', date: '2012-11-16', authority: 'COFEPRIS (Secretary of Health)', source: ['authorisation matrix test'],
  retrieved: '2026-11-27', verified: false,
};
let draftId;
const esDeclaration = {
  importing_country: 'ES', declared_use: 'food_feed_processing', hs_code: '1005.10', document_text: 'May contain living modified organisms.',
  check_date: '2026-11-27',
};

// route pattern → { request(caller) → the request, expected by caller }
function matrix() {
  const lab = JSON.parse(readFileSync(join(repoRoot, 'web', 'api', 'openapi.json'), 'utf8')).paths;
  const rows = [
    ['/api/v1/checks', () => ({ json: esDeclaration }), allowAll],
    ['/api/v1/declarations/screen', () => ({ text: '{"hs_code":"1005","description":"maize"}\n' }), allowAll],
    ['/{lang}/check', () => ({ form: { importing_country: 'ES', declared_use: 'food_feed_processing' } }), allowAll],
    ['/{lang}/lab/matrix', () => ({ form: { tool: 'panel', coverage: '50', max_methods: '2' } }), allowAll],
    ['/{lang}/login', () => ({ login: { username: 'nobody.here', password: 'wrong password here' } }), allowAll],  // 401: wrong password
    ['/{lang}/logout', () => ({ form: {} }), signedIn],
    ['/api/v1/admin/imports', () => ({ json: [] }), allowOnly()],  // sessions never count: tokens only
    ['/{lang}/cases', () => ({ form: { declaration: JSON.stringify(esDeclaration) } }), allowOnly('officer_es', 'admin')],
    ['/{lang}/cases/{reference}/sampling', () => ({ form: { version: '999', plan: 'x' } }), allowOnly('officer_es', 'admin')],
    ['/{lang}/cases/{reference}/laboratory', () => ({ form: { version: '999', method: 'x', result: 'negative' } }), allowOnly('officer_es', 'admin')],
    ['/{lang}/cases/{reference}/decision', () => ({ form: { version: '999', decision: 'release' } }), allowOnly('officer_es', 'admin')],
    ['/{lang}/editor/drafts', () => ({ form: { type: 'decision', doc: JSON.stringify(mxDecision) } }), allowOnly('editor_mx', 'admin')],
    ...['save', 'submit'].map((action) =>
      [`/{lang}/editor/drafts/{id}/${action}`, () => ({ form: { version: '999', doc: JSON.stringify(mxDecision) } }), allowOnly('editor_mx', 'admin')]),
    ...['return', 'publish'].map((action) =>
      [`/{lang}/editor/drafts/{id}/${action}`, () => ({ form: { version: '999', comment: 'x' } }), allowOnly('reviewer_mx', 'admin')]),
    ...['add', 'grant', 'disable', 'enable'].map((action) =>
      [`/{lang}/admin/users/${action}`, () => ({ form: { username: 'nobody.here', role: 'officer', password: 'x', roles: 'officer' } }), allowOnly('admin')]),
  ];
  for (const [path, item] of Object.entries(lab)) {
    if (path.startsWith('/api/v1/lab/') && item.post) rows.push([path, () => ({ json: {} }), allowAll]);
  }
  return rows;
}

test('every literal POST route in the source is in the matrix', () => {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.cpp')) files.push(path);
    }
  };
  walk(join(repoRoot, 'web'));
  const covered = new Set(matrix().map(([path]) => path));
  for (const file of files) {
    for (const [, pattern] of readFileSync(file, 'utf8').matchAll(/"POST", "([^"]+)",/g)) {
      assert.ok(covered.has(pattern), `${pattern} (${file}) is not in the authorisation matrix`);
    }
  }
});

test('every mutating route allows and denies the right callers', async () => {
  // A case of ES to act on.
  const csrf = await csrfOf('officer_es');
  const opened = await fetch(`${portal.base}/en/cases`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: `lmo_session=${sessions.officer_es}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, declaration: JSON.stringify(esDeclaration) }).toString(),
  });
  assert.equal(opened.status, 303);
  reference = opened.headers.get('location').split('/').pop();
  // A Mexican draft to act on.
  const drafted = await fetch(`${portal.base}/en/editor/drafts`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: `lmo_session=${sessions.editor_mx}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: await csrfOf('editor_mx'), type: 'decision', doc: JSON.stringify(mxDecision) }).toString(),
  });
  assert.equal(drafted.status, 303);
  draftId = drafted.headers.get('location').split('/').pop();
  const failures = [];
  for (const [pattern, request, expected] of matrix()) {
    const path = pattern.replace('{lang}', 'en').replace('{reference}', reference).replace('{id}', draftId);
    for (const caller of everyone) {
      if (pattern.endsWith('/logout') && caller !== 'anonymous') continue;  // checked last: it ends the session
      const response = await send(caller, path, request(caller));
      const got = denied(response, path) ? 'deny' : 'allow';
      if (got !== expected[caller]) failures.push(`${caller} POST ${path}: expected ${expected[caller]}, got ${got} (${response.status})`);
    }
  }
  for (const caller of Object.keys(callers)) {
    const response = await send(caller, '/en/logout', { form: {} });
    if (response.status !== 303 || response.headers.get('location') !== '/en/login') failures.push(`${caller} logout: ${response.status}`);
  }
  assert.deepEqual(failures, []);
});
