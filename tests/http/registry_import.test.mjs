// Registry imports and exports: `lmo-portal import/export` round trips (JSON and CSV) that
// reproduce the registry exactly, idempotence, revisions on change, all-or-nothing on bad
// input with reports naming file, record or line, field and reason; and the admin import API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, repoRoot, startPortal } from '../support/portal_server.mjs';

const registryDir = join(repoRoot, 'data', 'registry');
const run = (...args) => spawnSync(binary, args, { encoding: 'utf8', timeout: 120000 });
const json = (result) => JSON.parse(result.stdout);
const withTemp = async (body) => {
  const dir = mkdtempSync(join(tmpdir(), 'lmo-import-'));
  try { await body(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
};
const dirFiles = (dir) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

test('export then import into an empty database reproduces the registry exactly (JSON and CSV)', async () => withTemp(async (dir) => {
  let r = run('import', '--format', 'json', '--data', join(dir, 'a'), registryDir);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const first = json(r);
  assert.ok(first.added > 400);
  assert.equal(first.rejected, 0);
  assert.equal(run('export', '--data', join(dir, 'a'), '--out', join(dir, 'out-a')).status, 0);
  assert.equal(run('import', '--data', join(dir, 'b'), join(dir, 'out-a')).status, 0);
  assert.equal(run('export', '--data', join(dir, 'b'), '--out', join(dir, 'out-b')).status, 0);
  assert.deepEqual(dirFiles(join(dir, 'out-b')), dirFiles(join(dir, 'out-a')));
  assert.equal(run('export', '--data', join(dir, 'b'), '--out', join(dir, 'csv'), '--format', 'csv').status, 0);
  assert.equal(run('import', '--data', join(dir, 'c'), join(dir, 'csv')).status, 0);
  assert.equal(run('export', '--data', join(dir, 'c'), '--out', join(dir, 'out-c')).status, 0);
  assert.deepEqual(dirFiles(join(dir, 'out-c')), dirFiles(join(dir, 'out-a')));
}));

test('re-importing changes nothing; a changed record gets a new revision', async () => withTemp(async (dir) => {
  const data = join(dir, 'var');
  assert.equal(run('import', '--data', data, registryDir).status, 0);
  const again = json(run('import', '--format', 'json', '--data', data, registryDir));
  assert.equal(again.added, 0);
  assert.equal(again.updated, 0);
  assert.equal(again.unchanged, again.records);
  const lmos = JSON.parse(readFileSync(join(registryDir, 'lmos.json'), 'utf8'));
  const mon810 = lmos.find((l) => l.uid === 'MON-ØØ81Ø-6');
  mon810.aliases.push('Maize 810 (test)');
  writeFileSync(join(dir, 'lmos.json'), JSON.stringify([mon810]));
  const changed = json(run('import', '--format', 'json', '--data', data, join(dir, 'lmos.json')));
  assert.deepEqual([changed.added, changed.updated, changed.unchanged], [0, 1, 0]);
  const portal = await startPortal({ dataDir: data, args: ['--access-log', 'off'] });
  try {
    const history = await (await fetch(`${portal.base}/api/v1/history/lmos/MON810`)).json();
    assert.deepEqual(history.revisions.map((r) => r.revision), [1, 2]);
    assert.ok(history.revisions[1].record.aliases.includes('Maize 810 (test)'));
    assert.ok(!history.revisions[0].record.aliases.includes('Maize 810 (test)'));
  } finally {
    await portal.stop();
  }
}));

test('a malformed file changes nothing, even beside valid files', async () => withTemp(async (dir) => {
  const data = join(dir, 'var');
  cpSync(join(registryDir, 'organisms.json'), join(dir, 'organisms.json'));
  writeFileSync(join(dir, 'decisions.json'), '[{"id": "broken", ');
  const r = run('import', '--format', 'json', '--data', data, join(dir, 'organisms.json'), join(dir, 'decisions.json'));
  assert.equal(r.status, 1);
  const report = json(r);
  assert.equal(report.malformed, true);
  assert.equal(report.applied, false);
  assert.equal(report.rejections[0].file, 'decisions.json');
  assert.match(report.rejections[0].reason, /not valid JSON/);
  assert.equal(run('export', '--data', data, '--out', join(dir, 'out')).status, 0);
  assert.equal(readFileSync(join(dir, 'out', 'organisms.json'), 'utf8'), '[\n]\n', 'nothing was written');
}));

test('rejected records are reported by file, record or line, field and reason; --partial writes the rest', async () => withTemp(async (dir) => {
  const data = join(dir, 'var');
  assert.equal(run('import', '--data', data, registryDir).status, 0);
  const decision = JSON.parse(readFileSync(join(registryDir, 'decisions.json'), 'utf8'))[0];
  const good = { ...decision, id: 'test-good', date: '2020-01-01' };
  const badCountry = { ...decision, id: 'test-bad-country', country: 'Germany' };
  const unknownLmo = { ...decision, id: 'test-unknown-lmo', lmos: ['XYZ-99999-9'] };
  writeFileSync(join(dir, 'decisions.json'), JSON.stringify([good, badCountry, unknownLmo]));
  let report = json(run('import', '--format', 'json', '--data', data, join(dir, 'decisions.json')));
  assert.equal(report.applied, false);
  assert.equal(report.rejected, 2);
  const country = report.rejections.find((x) => x.field === 'country');
  assert.equal(country.file, 'decisions.json');
  assert.match(country.record, /record 2 \(test-bad-country\)/);
  assert.ok(report.rejections.some((x) => /XYZ-99999-9/.test(x.reason)));
  report = json(run('import', '--format', 'json', '--partial', '--data', data, join(dir, 'decisions.json')));
  assert.equal(report.added, 1);

  const csv = 'id,country,lmos,scope,result,date,source,retrieved,verified\r\n' +
    'csv-ok,DE,MON-ØØ81Ø-6,food=true | feed=true,approved,2021-05-01,https://example.org,2026-11-27,true\r\n' +
    'csv-bad,DE,MON-ØØ81Ø-6,food=maybe,approved,2021-05-01,https://example.org,2026-11-27,true\r\n';
  writeFileSync(join(dir, 'decisions.csv'), csv);
  report = json(run('import', '--format', 'json', '--data', data, join(dir, 'decisions.csv')));
  assert.equal(report.rejected, 1);
  assert.deepEqual([report.rejections[0].record, report.rejections[0].field], ['line 3', 'scope']);
}));

test('the admin import API: token required, 200 with a report, 400 malformed, 422 rejected', async () => withTemp(async (dir) => {
  const token = 'test-admin-token-0123456789abcdef';
  const portal = await startPortal({ dataDir: join(dir, 'var'), args: ['--access-log', 'off', '--admin-token', token] });
  try {
    const url = (file, extra = '') => `${portal.base}/api/v1/admin/imports?file=${file}${extra}`;
    const organisms = readFileSync(join(registryDir, 'organisms.json'), 'utf8');
    let r = await fetch(url('organisms.json'), { method: 'POST', body: organisms });
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate'), /^Bearer/);
    r = await fetch(url('organisms.json'), { method: 'POST', body: organisms, headers: { Authorization: 'Bearer wrong-token-0123456789abcdef' } });
    assert.equal(r.status, 401);
    const auth = { Authorization: `Bearer ${token}` };
    r = await fetch(url('organisms.json'), { method: 'POST', body: organisms, headers: auth });
    assert.equal(r.status, 200);
    const report = await r.json();
    assert.equal(report.rejected, 0);
    assert.equal(report.unchanged, report.records, 'the bundled organisms are already there');
    r = await fetch(url('decisions.json'), { method: 'POST', body: '[{', headers: auth });
    assert.equal(r.status, 400);
    const malformed = await r.json();
    assert.equal(malformed.error.code, 'invalid_import');
    assert.match(malformed.error.message, /not valid JSON/);
    r = await fetch(url('decisions.json'), { method: 'POST', body: JSON.stringify([{ id: 'x' }]), headers: auth });
    assert.equal(r.status, 422);
    const rejected = await r.json();
    assert.equal(rejected.applied, false);
    assert.ok(rejected.rejections[0].field.length > 0);
  } finally {
    await portal.stop();
  }
  const closed = await startPortal({ args: ['--access-log', 'off'] });
  try {
    // Without the server's admin-token, imports need an administrator's API token.
    const r = await fetch(`${closed.base}/api/v1/admin/imports?file=x.json`, { method: 'POST', body: '[]' });
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate'), /^Bearer/);
  } finally {
    await closed.stop();
  }
}));

test('Biosafety Clearing-House records: an LMO record and a decision naming it import together, linked', async () => withTemp(async (dir) => {
  const data = join(dir, 'var');
  const fixtures = join(repoRoot, 'tests', 'fixtures', 'bch');
  assert.equal(run('import', '--data', data, registryDir).status, 0);
  const decisionOnly = json(run('import', '--format', 'json', '--data', data, join(fixtures, 'eu_decision.json')));
  assert.equal(decisionOnly.applied, false, 'a decision naming an unknown BCH record is rejected');
  assert.match(decisionOnly.rejections[0].reason, /bch:5B7E3E8C/);
  const both = json(run('import', '--format', 'json', '--data', data, join(fixtures, 'mon810_info.json'), join(fixtures, 'eu_decision.json')));
  assert.equal(both.rejected, 0, JSON.stringify(both.rejections));
  assert.equal(both.applied, true);
  const lab = json(run('import', '--format', 'json', '--data', data, join(fixtures, 'jrc_lab.json')));
  assert.equal(lab.rejected, 0);
  const portal = await startPortal({ dataDir: data, args: ['--access-log', 'off'] });
  try {
    const decisions = await (await fetch(`${portal.base}/api/v1/decisions?lmo=MON810`)).json();
    const imported = decisions.decisions.find((d) => d.id === 'bch-2A9F4D7C-9C32-861E-8344-FF562C3F0D3F');
    assert.ok(imported, 'the imported decision is linked to MON810');
    assert.equal(imported.country, 'EU');
    assert.equal(imported.date, '2017-12-21');
    const mon810 = await (await fetch(`${portal.base}/api/v1/lmos/MON810`)).json();
    assert.equal(mon810.bch_record, 'BCH-LMO-SCBD-14750-19');
  } finally {
    await portal.stop();
  }
  const index = json(run('import', '--format', 'json', '--partial', '--data', data, join(fixtures, 'index_response.json')));
  assert.ok(index.records >= 2);
}));
