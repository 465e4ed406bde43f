// The border check against the declaration table in tests/declarations/: every case through
// `lmo-portal check` (outcome, exit code, findings present and absent) and a sample through
// POST /api/v1/checks; malformed declarations answered with the field named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, repoRoot, startPortal } from '../support/portal_server.mjs';

const casesDir = join(repoRoot, 'tests', 'declarations');
const cases = readdirSync(casesDir).filter((f) => /^\d+.*\.json$/.test(f)).sort()
  .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(casesDir, f), 'utf8')) }));
const work = mkdtempSync(join(tmpdir(), 'lmo-check-'));
let portal;
before(async () => { portal = await startPortal({ args: ['--access-log', 'off'] }); });
after(async () => { await portal.stop(); rmSync(work, { recursive: true, force: true }); });

test('the table has at least 30 declarations covering every outcome', () => {
  assert.ok(cases.length >= 30);
  const outcomes = new Set(cases.map((c) => c.expected.outcome));
  assert.deepEqual([...outcomes].sort(), ['hold', 'release', 'request_documents', 'sample_and_test']);
});

for (const c of cases) {
  test(`check ${c.file}: ${c.title}`, () => {
    const file = join(work, c.file);
    writeFileSync(file, JSON.stringify(c.declaration));
    const result = spawnSync(binary, ['check', '--format', 'json', '--data', join(work, 'var'), file], { encoding: 'utf8', timeout: 30000 });
    assert.equal(result.status, c.expected.exit_code, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.outcome, c.expected.outcome, `${c.why}\nfindings: ${report.findings.map((f) => f.rule).join(', ')}`);
    const rules = report.findings.map((f) => f.rule);
    for (const rule of c.expected.findings) assert.ok(rules.includes(rule), `finding ${rule} expected; got ${rules.join(', ')}`);
    for (const rule of c.expected.absent_findings || []) assert.ok(!rules.includes(rule), `finding ${rule} must not be reported`);
    for (const finding of report.findings) {
      assert.ok(finding.legal_basis && finding.requirement && finding.action, `${finding.rule} cites its basis and says what to do`);
    }
  });
}

test('POST /api/v1/checks answers in the requested language with the same outcome', async () => {
  const c = cases.find((x) => x.expected.outcome === 'request_documents');
  const response = await fetch(`${portal.base}/api/v1/checks?lang=fr`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(c.declaration),
  });
  assert.equal(response.status, 200);
  const report = await response.json();
  assert.equal(report.outcome, 'request_documents');
  assert.equal(report.exit_code, 10);
  const mandatory = report.findings.find((f) => f.severity === 'mandatory');
  assert.match(mandatory.requirement, /[éèàç]|document|doit/, 'French requirement text');
  assert.ok(Array.isArray(report.next_steps.laboratories));
});

test('malformed declarations get 400 naming the field; wrong media type 415', async () => {
  const post = (body, type = 'application/json') => fetch(`${portal.base}/api/v1/checks`, { method: 'POST', headers: { 'Content-Type': type }, body });
  const cases400 = [
    ['{"importing_country": "DE"', 'body'],
    ['[]', 'body'],
    ['{"declared_use": "food_feed_processing"}', 'importing_country'],
    ['{"importing_country": "DE", "declared_use": "smuggling"}', 'declared_use'],
    ['{"importing_country": "DE", "declared_use": "unknown", "lmos": [{"colour": "red"}]}', 'lmos[0].colour'],
    ['{"importing_country": "DE", "declared_use": "unknown", "quantity": {"value": "many"}}', 'quantity.value'],
    ['{"importing_country": "DE", "declared_use": "unknown", "hs_code": "maize"}', 'hs_code'],
    ['{"importing_country": "ZZ", "declared_use": "unknown"}', 'importing_country'],
  ];
  for (const [body, field] of cases400) {
    const response = await post(body);
    assert.equal(response.status, 400, body);
    assert.equal((await response.json()).error.field, field, body);
  }
  assert.equal((await post('x=1', 'application/x-www-form-urlencoded')).status, 415);
  const cli = spawnSync(binary, ['check', '--data', join(work, 'var2'), join(work, 'missing.json')], { encoding: 'utf8' });
  assert.equal(cli.status, 2);
});

test('the HTML form checks a shipment and shows a printable report in the officer language', async () => {
  const form = await fetch(`${portal.base}/es/check`);
  assert.equal(form.status, 200);
  const formHtml = await form.text();
  assert.match(formHtml, /<form method="post" action="\/es\/check"/);
  assert.match(formHtml, /<label for="importing_country">/);
  const c = cases.find((x) => x.file.startsWith('01-'));
  const d = c.declaration;
  const body = new URLSearchParams({
    importing_country: d.importing_country, declared_use: d.declared_use, hs_code: d.hs_code || '',
    document_text: d.document_text || '', check_date: d.check_date,
    may_contain: (d.may_contain || []).map((l) => l.identifier || l.name).join('\n'),
    lmos: (d.lmos || []).map((l) => l.identifier || l.name).join('\n'),
    contact_name: d.parties?.contact_point?.name || '', contact_address: d.parties?.contact_point?.address || '',
  });
  const report = await fetch(`${portal.base}/fr/check`, { method: 'POST', body });
  assert.equal(report.status, 200);
  const html = await report.text();
  assert.match(html, /<html lang="fr"/);
  assert.match(html, new RegExp(`outcome--${c.expected.outcome}`));
  assert.match(html, /LMO-\d{8}-[0-9A-F]{6}/, 'a reference number');
  assert.match(html, new RegExp(`datetime="${d.check_date}"`));
  const bad = await fetch(`${portal.base}/en/check`, { method: 'POST', body: new URLSearchParams({ importing_country: 'Germany', declared_use: 'unknown' }) });
  assert.equal(bad.status, 422);
  const badHtml = await bad.text();
  assert.match(badHtml, /role="alert"/);
  assert.match(badHtml, /href="#importing_country"/);
  assert.match(badHtml, /value="Germany"/, 'the form keeps what was typed');
});

test('declaration streams: CSV and NDJSON through the CLI, NDJSON through the API; malformed lines skipped', async () => {
  const csv = 'id,hs_code,description,origin_country\n' +
    'a1,1005.90,"Yellow corn, YieldGard MON810",US\n' +
    'a2,1201.90,Soya beans bulk,BR\n' +
    'a3,8703.23,Passenger cars,DE\n' +
    'a4,1005.90,"maiz genéticamente modificado, lote 7",AR\n' +
    'a5,1005.90,"grain with identifier mon 00810 6 printed",CA\n' +
    'a6,"broken\n';
  writeFileSync(join(work, 'lines.csv'), csv);
  const result = spawnSync(binary, ['screen', '--data', join(work, 'var'), join(work, 'lines.csv')], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const verdicts = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(verdicts.map((v) => [v.id, v.verdict]), [
    ['a1', 'lmo_relevant'], ['a2', 'possible'], ['a3', 'not_relevant'], ['a4', 'lmo_relevant'], ['a5', 'lmo_relevant']]);
  assert.ok(verdicts[0].registry_keys.includes('MON-ØØ81Ø-6'));
  assert.ok(verdicts[4].reasons.some((r) => r.startsWith('identifier:')));
  assert.ok(verdicts[1].reasons.includes('gm_origin:BR/glycine-max'));
  assert.match(result.stderr, /"line":7,"error"/, 'the malformed line is reported with its number');
  assert.match(result.stderr, /"malformed":1/);

  const ndjson = '{"id":1,"hs_code":"1005.90","description":"GA21 maize","origin_country":"US"}\nnot json\n{"id":3,"description":"shoes"}\n';
  const response = await fetch(`${portal.base}/api/v1/declarations/screen`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body: ndjson,
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/x-ndjson');
  const lines = (await response.text()).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.equal(lines[0].verdict, 'lmo_relevant');
  assert.equal(lines[1].line, 2);
  assert.ok(lines[1].error);
  assert.equal(lines[2].verdict, 'not_relevant');
});

test('the screening API streams: a verdict comes back before the request body has ended', async () => {
  const http = await import('node:http');
  const url = new URL(portal.base);
  const received = [];
  let gotFirst;
  const firstVerdict = new Promise((resolve) => { gotFirst = resolve; });
  const done = new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/v1/declarations/screen',
      headers: { 'Content-Type': 'application/x-ndjson' } }, (response) => {
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['transfer-encoding'], 'chunked');
      response.setEncoding('utf8');
      response.on('data', (chunk) => { received.push(chunk); if (received.join('').includes('"line":1')) gotFirst(); });
      response.on('end', resolve);
    });
    request.on('error', reject);
    request.write('{"id":"first","description":"YieldGard MON810 maize"}\n');
    firstVerdict.then(() => {
      request.write('{"id":"second","descr');
      request.end('iption":"garden chairs"}\nnot json\n');
    });
  });
  let timer;
  await Promise.race([firstVerdict, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('no verdict before the body ended')), 5000); })]);
  clearTimeout(timer);
  await done;
  const lines = received.join('').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.verdict ?? 'error'), ['lmo_relevant', 'not_relevant', 'error']);
  assert.equal(lines[2].line, 3);
});

test('screening with the importing country uses its national tariff table (EU Combined Nomenclature for DE)', async () => {
  const line = JSON.stringify({ id: 'n1', hs_code: '1005 10 90', description: 'maize for sowing, lot 7', origin_country: 'US' }) + '\n';
  const screen = (query) => fetch(`${portal.base}/api/v1/declarations/screen${query}`, {
    method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: line,
  });
  let response = await screen('?country=DE');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-tariff-table'), 'EU');
  let verdict = JSON.parse((await response.text()).trim());
  assert.equal(verdict.verdict, 'possible');
  assert.ok(verdict.reasons.includes('hs_crop:10051090→zea-mays'), verdict.reasons.join());
  response = await screen('');
  assert.equal(response.headers.get('x-tariff-table'), null);
  verdict = JSON.parse((await response.text()).trim());
  assert.ok(!verdict.reasons.some((r) => r.startsWith('hs_crop:10051090')));
  assert.ok(verdict.reasons.includes('hs_crop:100510→zea-mays'));
  response = await screen('?country=ZZ');
  assert.equal(response.status, 400);
  assert.equal((await response.json()).error.field, 'country');
  // The CLI takes the same choice.
  const file = join(work, 'national.csv');
  writeFileSync(file, 'id,hs_code,description,origin_country\nn1,1005 10 90,maize for sowing,US\n');
  const r = spawnSync(binary, ['screen', '--country', 'DE', '--data', join(work, 'var'), file], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /hs_crop:10051090→zea-mays/);
  const bad = spawnSync(binary, ['screen', '--country', 'ZZ', '--data', join(work, 'var'), file], { encoding: 'utf8', timeout: 30000 });
  assert.equal(bad.status, 2);
});
