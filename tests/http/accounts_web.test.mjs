// Signing in over HTTP against a real server and database: the login form's double-submit
// CSRF token, the session cookie's attributes, the account page, wrong passwords (401, audited),
// forged or missing CSRF tokens (403), session fixation (a session presented at login is ended
// and a new one issued), throttling (429 with Retry-After, even with the right password),
// sign-out, and no password in the access log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, startPortal } from '../support/portal_server.mjs';

const work = mkdtempSync(join(tmpdir(), 'lmo-login-'));
const data = join(work, 'var');
const password = 'inspect the hold at Manzanillo';
let portal;
before(async () => {
  for (const [name, role, secret] of [['officer.de', 'officer:DE', password], ['victim', 'officer', 'a second officer passphrase'],
    ['guessed', 'officer', 'a third officer passphrase'], ['chief', 'admin', 'the administrator passphrase']]) {
    const r = spawnSync(binary, ['user', 'add', name, '--role', role, '--password-stdin', '--data', data], { input: `${secret}\n`, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  portal = await startPortal({ dataDir: data, args: ['--access-log', 'on'] });
});
after(async () => { await portal.stop(); rmSync(work, { recursive: true, force: true }); });

const cookiesOf = (response) => response.headers.getSetCookie();
const valueOf = (setCookies, name) => {
  const found = setCookies.find((c) => c.startsWith(`${name}=`));
  return found ? found.slice(name.length + 1).split(';')[0] : undefined;
};
async function loginForm(lang = 'en') {
  const response = await fetch(`${portal.base}/${lang}/login`);
  const html = await response.text();
  return { csrf: html.match(/name="csrf" value="([^"]+)"/)[1], cookie: valueOf(cookiesOf(response), 'lmo_login_csrf') };
}
async function login(username, secret, { csrf, cookie, extraCookie = '', headers = {} } = {}) {
  const form = csrf === undefined ? await loginForm() : { csrf, cookie };
  return fetch(`${portal.base}/en/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lmo_login_csrf=${form.cookie ?? ''}${extraCookie}`, ...headers },
    body: new URLSearchParams({ csrf: form.csrf, username, password: secret }).toString(),
  });
}
const account = (session) => fetch(`${portal.base}/en/account`, { redirect: 'manual', headers: { cookie: `lmo_session=${session}` } });
function audit(args) {
  const r = spawnSync(binary, ['user', 'audit', '--format', 'json', '--data', data, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('signing in sets an HttpOnly, SameSite session cookie and shows the account', async () => {
  const form = await loginForm();
  assert.match(form.cookie, /^[A-Za-z0-9_-]{43}$/);
  const response = await login('officer.de', password, form);
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/en/account');
  const setCookie = cookiesOf(response).find((c) => c.startsWith('lmo_session='));
  assert.match(setCookie, /; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/);
  assert.doesNotMatch(setCookie, /Secure/);
  const session = valueOf(cookiesOf(response), 'lmo_session');
  const page = await account(session);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<strong>officer\.de<\/strong>/);
  assert.match(html, /Border officer — Germany/);
  const secure = await login('officer.de', password, { headers: { 'x-forwarded-proto': 'https' } });
  assert.match(cookiesOf(secure).find((c) => c.startsWith('lmo_session=')), /; Secure/);
});

test('wrong passwords and unknown users get 401 and are audited with the address', async () => {
  let response = await login('victim', 'not the right password');
  assert.equal(response.status, 401);
  assert.match(await response.text(), /user name or the password is wrong/);
  response = await login('nobody.at.all', 'not the right password');
  assert.equal(response.status, 401);
  const failures = audit(['--action', 'login.failed']);
  assert.deepEqual(failures.slice(0, 2).map((e) => [e.target, e.detail, e.address]),
    [['nobody.at.all', 'unknown user', '127.0.0.1'], ['victim', 'wrong password', '127.0.0.1']]);
  assert.ok(failures[0].request_id.length > 0);
});

test('a missing or forged CSRF token is refused with 403 and audited', async () => {
  const form = await loginForm();
  let response = await login('officer.de', password, { csrf: 'forged-token', cookie: form.cookie });
  assert.equal(response.status, 403);
  response = await login('officer.de', password, { csrf: form.csrf, cookie: '' });
  assert.equal(response.status, 403);
  assert.ok(audit(['--action', 'csrf.rejected']).length >= 2);
  // Signing out needs the session's own token too.
  const session = valueOf(cookiesOf(await login('officer.de', password)), 'lmo_session');
  response = await fetch(`${portal.base}/en/logout`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lmo_session=${session}` }, body: 'csrf=nope',
  });
  assert.equal(response.status, 403);
  assert.equal((await account(session)).status, 200);  // still signed in
});

test('session fixation: a session presented at login is ended and a new token issued', async () => {
  const first = valueOf(cookiesOf(await login('officer.de', password)), 'lmo_session');
  assert.equal((await account(first)).status, 200);
  const second = valueOf(cookiesOf(await login('officer.de', password, { extraCookie: `; lmo_session=${first}` })), 'lmo_session');
  assert.notEqual(second, first);
  assert.equal((await account(first)).status, 303);
  assert.equal((await account(second)).status, 200);
  assert.equal((await account('made-up-token')).status, 303);
});

test('signing out ends the session and clears the cookie', async () => {
  const session = valueOf(cookiesOf(await login('officer.de', password)), 'lmo_session');
  const html = await (await account(session)).text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const response = await fetch(`${portal.base}/en/logout`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lmo_session=${session}` },
    body: new URLSearchParams({ csrf }).toString(),
  });
  assert.equal(response.status, 303);
  assert.match(cookiesOf(response).find((c) => c.startsWith('lmo_session=')), /^lmo_session=; .*Max-Age=0/);
  assert.equal((await account(session)).status, 303);
});

test('throttling: after 5 failures the account answers 429, even to the right password', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await login('guessed', `wrong guess number ${i}`)).status, 401);
  const response = await login('guessed', 'a third officer passphrase');
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('retry-after'), '900');
  assert.ok(audit(['--action', 'login.throttled']).length >= 1);
});

test('the audit log page and its exports are for administrators only', async () => {
  assert.equal((await fetch(`${portal.base}/en/admin/audit`, { redirect: 'manual' })).status, 303);
  const officer = valueOf(cookiesOf(await login('officer.de', password)), 'lmo_session');
  const refused = await fetch(`${portal.base}/en/admin/audit`, { redirect: 'manual', headers: { cookie: `lmo_session=${officer}` } });
  assert.equal(refused.status, 403);
  const denied = audit(['--action', 'permission.denied']);
  assert.equal(denied[0].actor, 'officer.de');
  assert.equal(denied[0].target, '/admin/audit');
  const admin = valueOf(cookiesOf(await login('chief', 'the administrator passphrase')), 'lmo_session');
  const get = (path) => fetch(portal.base + path, { redirect: 'manual', headers: { cookie: `lmo_session=${admin}` } });
  let response = await get('/en/admin/audit?action=login.failed');
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /<td><code>login\.failed<\/code><\/td><td>nobody\.at\.all<\/td><td>failed<\/td>/);
  assert.doesNotMatch(html, /<td><code>user\.add<\/code>/);
  response = await get('/en/admin/audit/export?format=csv&outcome=denied');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/csv/);
  const csv = (await response.text()).trim().split('\r\n');
  assert.equal(csv[0], 'id,at,actor,action,target,outcome,address,request_id,detail');
  assert.ok(csv.slice(1).every((line) => line.includes(',denied,')));
  response = await get('/en/admin/audit/export?format=json');
  const all = await response.json();
  assert.ok(all.some((e) => e.action === 'user.add' && e.target === 'chief'));
  assert.ok(!JSON.stringify(all).includes('administrator passphrase'));
  assert.equal((await get('/en/admin/audit?outcome=maybe')).status, 400);
  assert.equal((await get('/en/admin/audit/export?format=xml')).status, 400);
});

test('administrators manage users in the admin pages; others cannot', async () => {
  const admin = valueOf(cookiesOf(await login('chief', 'the administrator passphrase')), 'lmo_session');
  const officer = valueOf(cookiesOf(await login('officer.de', password)), 'lmo_session');
  const as = (token) => ({ cookie: `lmo_session=${token}` });
  let response = await fetch(`${portal.base}/en/admin/users`, { redirect: 'manual', headers: as(admin) });
  assert.equal(response.status, 200);
  const html = await response.text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  assert.match(html, /<td>officer\.de<\/td><td>officer\.de<\/td><td>officer:DE<\/td>/);
  const send = (token, action, fields) => fetch(`${portal.base}/en/admin/users/${action}`, {
    method: 'POST', redirect: 'manual', headers: { ...as(token), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  response = await send(admin, 'add', { csrf, username: 'editor.mx', display_name: 'Editora', password: 'a fresh editor passphrase', roles: 'editor:MX\nreviewer:MX' });
  assert.equal(response.status, 303);
  response = await send(admin, 'add', { csrf, username: 'weak.one', password: 'short', roles: 'officer' });
  assert.equal(response.status, 422);
  assert.match(await response.text(), /<code>password<\/code>/);
  response = await send(admin, 'add', { csrf: 'forged', username: 'sneaky', password: 'a fresh editor passphrase', roles: 'admin' });
  assert.equal(response.status, 403);
  response = await send(officer, 'add', { csrf, username: 'sneaky', password: 'a fresh editor passphrase', roles: 'admin' });
  assert.equal(response.status, 403);
  response = await send(admin, 'grant', { csrf, username: 'editor.mx', role: 'officer:MX' });
  assert.equal(response.status, 303);
  response = await send(admin, 'disable', { csrf, username: 'chief' });
  assert.equal(response.status, 422);  // not oneself
  response = await send(admin, 'disable', { csrf, username: 'editor.mx' });
  assert.equal(response.status, 303);
  assert.equal(await signInStatus('editor.mx', 'a fresh editor passphrase'), 401);
  const list = JSON.parse(spawnSync(binary, ['user', 'list', '--format', 'json', '--data', data], { encoding: 'utf8' }).stdout);
  const editor = list.find((u) => u.username === 'editor.mx');
  assert.deepEqual(editor.roles, ['editor:MX', 'officer:MX', 'reviewer:MX']);
  assert.equal(editor.disabled, true);
  assert.ok(!list.some((u) => u.username === 'sneaky' || u.username === 'weak.one'));
  const denied = audit(['--action', 'permission.denied']);
  assert.ok(denied.some((e) => e.actor === 'officer.de' && e.target === '/admin/users/add'));
});

async function signInStatus(username, secret) { return (await login(username, secret)).status; }

test('API tokens: shown once, stored hashed, scoped, revocable; imports need an administrator\'s token', async () => {
  const create = (name, args) => spawnSync(binary, ['user', 'token', 'create', name, '--data', data, ...args], { encoding: 'utf8' });
  let r = create('chief', ['--name', 'nightly import', '--scope', 'import', '--days', '30']);
  assert.equal(r.status, 0, r.stderr);
  const adminToken = r.stdout.trim();
  assert.match(adminToken, /^lmo_[A-Za-z0-9_-]{43}$/);
  r = create('officer.de', ['--name', 'officer script', '--scope', 'import']);
  const officerToken = r.stdout.trim();
  assert.equal(create('chief', ['--name', 'x', '--scope', 'everything']).status, 2);
  assert.equal(create('chief', ['--name', 'x', '--scope', 'import', '--days', '0']).status, 2);
  const list = JSON.parse(spawnSync(binary, ['user', 'token', 'list', 'chief', '--format', 'json', '--data', data], { encoding: 'utf8' }).stdout);
  assert.equal(list.length, 1);
  assert.ok(!JSON.stringify(list).includes(adminToken.slice(4)));
  const importWith = (token) => fetch(`${portal.base}/api/v1/admin/imports?file=lmos.json&dry_run=true`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '[]',
  });
  let response = await importWith(adminToken);
  assert.equal(response.status, 200, await response.clone().text());
  response = await importWith(officerToken);
  assert.equal(response.status, 403);
  response = await importWith('lmo_' + 'x'.repeat(43));
  assert.equal(response.status, 401);
  assert.equal(spawnSync(binary, ['user', 'token', 'revoke', String(list[0].id), '--data', data], { encoding: 'utf8' }).status, 0);
  response = await importWith(adminToken);
  assert.equal(response.status, 401);
  const uses = audit(['--action', 'token.use']);
  assert.deepEqual(uses.slice(0, 4).map((e) => e.outcome), ['denied', 'denied', 'ok', 'ok']);
  assert.equal(uses[0].detail, 'unknown, expired or revoked token');
  const imports = audit(['--action', 'import']);
  assert.equal(imports[0].actor, 'chief');
  const tokenText = JSON.stringify(audit(['--limit', '1000']));
  assert.ok(!tokenText.includes(adminToken) && !tokenText.includes(officerToken));
});

test('expired sessions and expired tokens are refused', async () => {
  const session = valueOf(cookiesOf(await login('officer.de', password)), 'lmo_session');
  assert.equal((await account(session)).status, 200);
  const token = spawnSync(binary, ['user', 'token', 'create', 'chief', '--name', 'short-lived', '--scope', 'import', '--days', '1', '--data', data],
    { encoding: 'utf8' }).stdout.trim();
  // Move every session and this token into the past, as time would.
  const sql = "UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'; " +
    "UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE name = 'short-lived';";
  const r = spawnSync('sqlite3', [join(data, 'portal.db'), sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await account(session)).status, 303);
  const response = await fetch(`${portal.base}/api/v1/admin/imports?file=lmos.json&dry_run=true`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '[]',
  });
  assert.equal(response.status, 401);
});

test('no password or session token appears in the access log', async () => {
  await portal.stop();  // the access log is written in batches: read it once the server is gone
  const log = portal.logs.map((line) => JSON.stringify(line)).join('\n');
  assert.ok(log.includes('"route":"login"'));
  assert.ok(!log.includes(password));
  assert.ok(!log.includes('a second officer passphrase'));
  assert.ok(!/lmo_session=/.test(log));
  assert.ok(!/Bearer lmo_/.test(log));
});
