// Accounts from the command line: the first administrator is created with `lmo-portal user
// add` (no default account), roles are granted per country, users are disabled, and every
// change is in the audit log (JSON and CSV exports). Passwords come from standard input, are
// never printed, and are stored only as argon2id hashes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, repoRoot } from '../support/portal_server.mjs';

const work = mkdtempSync(join(tmpdir(), 'lmo-users-'));
const data = join(work, 'var');
after(() => rmSync(work, { recursive: true, force: true }));
const user = (args, input = '') => spawnSync(binary, ['user', ...args, '--data', data], { encoding: 'utf8', input, timeout: 30000 });
const secret = 'seed lots from Veracruz 2026';

test('a fresh database has no account; the first administrator is added from standard input', () => {
  let r = user(['list', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
  r = user(['add', 'admin.mx', '--role', 'admin', '--display-name', 'Administración', '--password-stdin'], `${secret}\n`);
  assert.equal(r.status, 0, r.stderr);
  r = user(['add', 'editor.mx', '--role', 'editor:MX', '--role', 'reviewer:MX', '--password-stdin'], 'another good passphrase\n');
  assert.equal(r.status, 0, r.stderr);
  r = user(['list', '--format', 'json']);
  const users = JSON.parse(r.stdout);
  assert.deepEqual(users.map((u) => [u.username, u.roles]), [['admin.mx', ['admin']], ['editor.mx', ['editor:MX', 'reviewer:MX']]]);
  assert.equal(users[0].display_name, 'Administración');
});

test('bad input exits 2 naming the field; nothing is written', () => {
  let r = user(['add', 'short', '--role', 'officer', '--password-stdin'], 'too short\n');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /password: must be at least 12 characters/);
  r = user(['add', 'ADMIN.MX', '--role', 'officer', '--password-stdin'], 'a perfectly fine passphrase\n');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /username: is already taken/);
  r = user(['add', 'nocountry', '--role', 'editor', '--password-stdin'], 'a perfectly fine passphrase\n');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /roles\[0\]: editors and reviewers act for one country/);
  r = user(['add', 'nopassword', '--role', 'officer'], '');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /password: give it on standard input/);
  r = user(['grant', 'nobody', 'officer']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /username: no such user/);
  assert.equal(JSON.parse(user(['list', '--format', 'json']).stdout).length, 2);
});

test('grants and disabling are audited; the log exports as JSON and CSV without any password', () => {
  assert.equal(user(['grant', 'editor.mx', 'officer:MX']).status, 0);
  assert.equal(user(['disable', 'editor.mx']).status, 0);
  let r = user(['list']);
  assert.match(r.stdout, /editor\.mx\teditor:MX, officer:MX, reviewer:MX\tdisabled/);
  r = user(['audit', '--format', 'json']);
  const log = JSON.parse(r.stdout);
  assert.deepEqual(log.map((e) => [e.action, e.target, e.outcome]).slice(0, 3),
    [['user.disable', 'editor.mx', 'ok'], ['user.grant', 'editor.mx', 'ok'], ['user.add', 'ADMIN.MX', 'failed']]);
  assert.ok(log.every((e) => e.actor.startsWith('cli:') && e.at.endsWith('Z')));
  r = user(['audit', '--format', 'csv', '--action', 'user.add', '--outcome', 'ok']);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'id,at,actor,action,target,outcome,address,request_id,detail');
  assert.equal(lines.length, 3);
  const files = ['portal.db', 'portal.db-wal'].map((f) => join(data, f)).filter(existsSync).map((f) => readFileSync(f, 'latin1'));
  assert.ok(files.join('').includes('$argon2id$'));
  for (const text of [JSON.stringify(log), r.stdout, ...files]) {
    assert.ok(!text.includes(secret), 'a password appears in the log or the database');
  }
});

test('imports and exports from the command line are in the audit log', () => {
  const registry = join(repoRoot, 'data', 'registry');
  let r = spawnSync(binary, ['import', '--data', data, registry], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  r = spawnSync(binary, ['export', '--data', data, '--out', join(work, 'export'), '--format', 'csv'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const log = JSON.parse(user(['audit', '--format', 'json']).stdout);
  assert.equal(log[0].action, 'export');
  assert.match(log[0].detail, /^\d+ records as csv$/);
  assert.equal(log[1].action, 'import');
  assert.match(log[1].detail, /^added \d+, updated 0, rejected 0$/);
});
