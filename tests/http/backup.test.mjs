// Backup and restore round trip: a backup taken while the portal serves (and an account and a
// case exist) restores into an empty data folder with everything in it; the copy is checked
// first (a damaged or foreign file is refused and the current database is left alone); a
// backup never overwrites a file; both are audited.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, startPortal } from '../support/portal_server.mjs';

const work = mkdtempSync(join(tmpdir(), 'lmo-backup-'));
after(() => rmSync(work, { recursive: true, force: true }));
const run = (args, input) => spawnSync(binary, args, { encoding: 'utf8', input, timeout: 60000 });

test('backup while serving, restore elsewhere, refuse damaged files', async () => {
  const data = join(work, 'var');
  assert.equal(run(['user', 'add', 'keeper', '--role', 'admin', '--password-stdin', '--data', data], 'kept across the backup\n').status, 0);
  const portal = await startPortal({ dataDir: data, args: ['--access-log', 'off'] });
  let copy;
  try {
    const before = await (await fetch(`${portal.base}/api/v1/lmos?q=MON810`)).json();
    copy = join(work, 'portal-backup.db');
    let r = run(['backup', copy, '--data', data]);
    assert.equal(r.status, 0, r.stderr);
    r = run(['backup', copy, '--data', data]);
    assert.equal(r.status, 2);  // never overwrites
    assert.match(r.stderr, /already exists/);
    assert.ok(before.total >= 1);
  } finally {
    await portal.stop();
  }
  const restored = join(work, 'restored');
  let r = run(['restore', copy, '--data', restored]);
  assert.equal(r.status, 0, r.stderr);
  const users = JSON.parse(run(['user', 'list', '--format', 'json', '--data', restored]).stdout);
  assert.deepEqual(users.map((u) => u.username), ['keeper']);
  const audit = JSON.parse(run(['user', 'audit', '--format', 'json', '--data', restored]).stdout);
  assert.equal(audit[0].action, 'restore');
  const second = await startPortal({ dataDir: restored, args: ['--access-log', 'off'] });
  try {
    const found = await (await fetch(`${second.base}/api/v1/lmos?q=MON810`)).json();
    assert.ok(found.total >= 1);
  } finally {
    await second.stop();
  }
  // A damaged copy and a file that is not a database are refused; the database stays as it was.
  const damaged = join(work, 'damaged.db');
  const bytes = readFileSync(copy);
  bytes.fill(0x5a, 4096, 12288);
  writeFileSync(damaged, bytes);
  r = run(['restore', damaged, '--data', restored]);
  assert.equal(r.status, 2);
  writeFileSync(join(work, 'notes.txt'), 'not a database at all');
  r = run(['restore', join(work, 'notes.txt'), '--data', restored]);
  assert.equal(r.status, 2);
  assert.equal(existsSync(join(restored, 'portal.db.restoring')), false);
  assert.deepEqual(JSON.parse(run(['user', 'list', '--format', 'json', '--data', restored]).stdout).map((u) => u.username), ['keeper']);
});
