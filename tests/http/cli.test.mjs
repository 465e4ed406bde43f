// The command line: `lmo-portal uid validate` in text and JSON, with its exit codes, and
// usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { binary } from '../support/portal_server.mjs';

const run = (...args) => spawnSync(binary, args, { encoding: 'utf8', timeout: 20000 });

test('uid validate: canonical forms, warnings, exit code 0 when all are valid', () => {
  const result = run('uid', 'validate', 'mon 00810 6', 'MON-00810-5', 'DP3054231');
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /valid {2}MON-ØØ81Ø-6/);
  assert.match(result.stdout, /valid_with_warnings {2}MON-ØØ81Ø-5/);
  assert.match(result.stdout, /check_digit_mismatch/);
  assert.match(result.stdout, /DP-3Ø5423-1/, 'the bundled developer prefix DP decides the split');
});

test('uid validate --format json: one result per identifier, exit code 1 when one is invalid', () => {
  const result = run('uid', 'validate', '--format', 'json', 'MON-89034-3 x DAS-01507-1', 'NOT AN ID');
  assert.equal(result.status, 1);
  const parsed = JSON.parse(result.stdout);
  assert.equal(parsed.length, 2);
  assert.equal(parsed[0].canonical, 'MON-89Ø34-3 × DAS-Ø15Ø7-1');
  assert.equal(parsed[0].stacked, true);
  assert.equal(parsed[1].status, 'invalid');
  assert.ok(parsed[1].components[0].issues.length > 0);
});

test('usage errors exit with 2 or more and say what is wrong', () => {
  let result = run('uid', 'validate');
  assert.ok(result.status >= 2 || result.status === 106, `status ${result.status}`);
  assert.match(result.stderr + result.stdout, /ID is required|required/i);
  result = run('uid', 'validate', '--format', 'xml', 'MON-ØØ81Ø-6');
  assert.notEqual(result.status, 0);
  result = run('no-such-command');
  assert.notEqual(result.status, 0);
});
