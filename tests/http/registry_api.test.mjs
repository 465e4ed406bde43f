// The registry's JSON API against the bundled registry: search in every spelling with facets
// and paging, LMO detail, approvals (EU bloc, stack fallback), conditional GET, exports, and
// bad input answered with 4xx naming the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPortal, repoRoot } from '../support/portal_server.mjs';

const registry = (name) => JSON.parse(readFileSync(join(repoRoot, 'data', 'registry', `${name}.json`), 'utf8'));
const lmos = registry('lmos');
const decisions = registry('decisions');

let portal;
before(async () => { portal = await startPortal({ args: ['--access-log', 'off'] }); });
after(async () => { await portal.stop(); });

const get = async (path, headers = {}) => {
  const response = await fetch(portal.base + path, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text && response.headers.get('content-type') === 'application/json' ? JSON.parse(text) : null };
};
const q = (params) => new URLSearchParams(params).toString();

test('an identifier in any spelling, or part of one, finds its LMO', async () => {
  for (const spelling of ['MON-ØØ81Ø-6', 'MON-00810-6', 'mon 00810 6', 'MON008106', 'mon-øø81ø-6', 'MON810', 'MON 810']) {
    const { status, body } = await get(`/api/v1/lmos?${q({ q: spelling })}`);
    assert.equal(status, 200);
    assert.equal(body.items[0].key, 'MON-ØØ81Ø-6', spelling);
  }
  for (const part of ['ØØ81Ø', '00810']) {
    const { body } = await get(`/api/v1/lmos?${q({ q: part, per_page: 100 })}`);
    assert.ok(body.items.some((l) => l.key === 'MON-ØØ81Ø-6'), part);
  }
});

test('organism names match in every language, with or without accents', async () => {
  const maize = lmos.filter((l) => l.organism === 'zea-mays').length;
  for (const word of ['maize', 'maiz', 'maíz', 'maïs', 'MAIS', 'zea mays']) {
    const { body } = await get(`/api/v1/lmos?${q({ q: word })}`);
    assert.equal(body.total, maize, word);
  }
});

test('facets count the matches and filters narrow them; pages do not overlap', async () => {
  const { body } = await get(`/api/v1/lmos?${q({ lang: 'es', per_page: 10 })}`);
  assert.equal(body.total, lmos.length);
  const maize = body.facets.organism.find((f) => f.value === 'zea-mays');
  assert.equal(maize.label, 'maíz');
  assert.equal(maize.count, lmos.filter((l) => l.organism === 'zea-mays').length);
  const filtered = await get(`/api/v1/lmos?${q({ organism: 'zea-mays', per_page: 100 })}`);
  assert.equal(filtered.body.total, maize.count);
  assert.ok(filtered.body.items.every((l) => l.organism === 'zea-mays'));
  const page1 = await get(`/api/v1/lmos?${q({ per_page: 7, page: 1 })}`);
  const page2 = await get(`/api/v1/lmos?${q({ per_page: 7, page: 2 })}`);
  const keys1 = new Set(page1.body.items.map((l) => l.key));
  assert.equal(page2.body.items.length, 7);
  assert.ok(page2.body.items.every((l) => !keys1.has(l.key)));
  const eu = await get(`/api/v1/lmos?${q({ approved_in: 'EU', per_page: 100 })}`);
  const euKeys = new Set(decisions.filter((d) => d.country === 'EU' && d.result.startsWith('approved')).flatMap((d) => d.lmos));
  assert.equal(eu.body.total, euKeys.size);
});

test('an LMO in detail: organism, traits, elements, methods, decisions and parents', async () => {
  const { status, body } = await get(`/api/v1/lmos/${encodeURIComponent('40-3-2')}?lang=fr`);
  assert.equal(status, 200);
  assert.equal(body.key, 'MON-Ø4Ø32-6');
  assert.equal(body.organism_record.id, 'glycine-max');
  assert.ok(body.decisions.length >= 1);
  assert.ok(body.decisions.some((d) => d.id === 'eu-1996-281-40-3-2'));
  const stack = lmos.find((l) => l.kind === 'stack');
  const detail = await get(`/api/v1/lmos/${encodeURIComponent(stack.uid)}`);
  assert.equal(detail.body.parent_events.length, stack.parents.length);
  const withMon810 = lmos.find((l) => l.kind === 'stack' && l.parents.includes('MON-ØØ81Ø-6'));
  const stackDetail = await get(`/api/v1/lmos/${encodeURIComponent(withMon810.uid)}`);
  assert.ok(stackDetail.body.methods.some((m) => m.code === 'QT-EVE-ZM-020'), 'a stack lists the methods of its parent events');
  const mon810 = await get(`/api/v1/lmos/${encodeURIComponent('MON-00810-6')}`);
  assert.ok(mon810.body.methods.some((m) => m.code === 'QT-EVE-ZM-020'), 'the event-specific method');
  assert.equal(mon810.body.methods[0].scope, 'event', 'event-specific methods first');
});

test('approvals: EU decisions apply in member states, not elsewhere; conditions are reported', async () => {
  const de = await get(`/api/v1/approvals?${q({ country: 'DE', lmo: 'MON-04032-6', use: 'food', date: '2024-01-01' })}`);
  assert.equal(de.status, 200);
  assert.deepEqual(de.body.jurisdictions, ['DE', 'EU']);
  assert.ok(['approved', 'approved_with_conditions'].includes(de.body.status));
  assert.ok(de.body.decisions.some((d) => d.decides && d.jurisdiction === 'EU'));
  const before = await get(`/api/v1/approvals?${q({ country: 'DE', lmo: 'MON-04032-6', use: 'food', date: '1990-01-01' })}`);
  assert.equal(before.body.status, 'not_approved');
  const nowhere = await get(`/api/v1/approvals?${q({ country: 'NO', lmo: 'MON-04032-6', use: 'food' })}`);
  assert.equal(nowhere.body.status, 'no_decision');
  assert.deepEqual(nowhere.body.jurisdictions, ['NO']);
  const release = await get(`/api/v1/approvals?${q({ country: 'FR', lmo: 'MON-04032-6', use: 'release', date: '2024-01-01' })}`);
  assert.ok(['not_approved', 'no_decision'].includes(release.body.status));
});

test('approvals of a stack without its own decision fall back, labelled, to its parent events', async () => {
  const stackKeys = new Set(decisions.flatMap((d) => d.lmos));
  const stack = lmos.find((l) => l.kind === 'stack' && !stackKeys.has(l.uid));
  assert.ok(stack, 'the bundled data has a stack without a decision of its own');
  const { body } = await get(`/api/v1/approvals?${q({ country: 'DE', lmo: stack.uid, use: 'food' })}`);
  assert.equal(body.via_parent_events, true);
  assert.ok(['parents_approved', 'parent_not_approved'].includes(body.reason));
});

test('approval questions with bad input get 400 or 404 naming the field', async () => {
  const cases = [
    [{ country: 'XX', lmo: 'MON810', use: 'food' }, 400, 'country'],
    [{ country: 'de', lmo: 'MON810', use: 'food' }, 400, 'country'],
    [{ country: 'DE', lmo: 'MON810', use: 'smoking' }, 400, 'use'],
    [{ country: 'DE', lmo: 'MON810', use: 'food', date: '2024-13-01' }, 400, 'date'],
    [{ country: 'DE', use: 'food' }, 400, 'lmo'],
    [{ country: 'DE', lmo: 'XYZ-99999-1', use: 'food' }, 404, 'lmo'],
    [{ country: 'DE', lmo: 'MON810', use: 'food', colour: 'red' }, 400, 'colour'],
  ];
  for (const [params, status, field] of cases) {
    const { status: got, body } = await get(`/api/v1/approvals?${q(params)}`);
    assert.equal(got, status, JSON.stringify(params));
    assert.equal(body.error.field, field, JSON.stringify(params));
  }
  const search = await get(`/api/v1/lmos?${q({ per_page: 1000 })}`);
  assert.equal(search.status, 400);
  assert.equal(search.body.error.field, 'per_page');
  const unknown = await get('/api/v1/lmos/NOT-AN-LMO');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error.field, 'id');
});

test('registry responses carry ETag and Last-Modified and answer 304', async () => {
  const first = await get('/api/v1/lmos/MON810');
  const etag = first.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  assert.match(first.headers.get('last-modified'), /GMT$/);
  const again = await fetch(`${portal.base}/api/v1/lmos/MON810`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  const since = await fetch(`${portal.base}/api/v1/lmos/MON810`, { headers: { 'If-Modified-Since': first.headers.get('last-modified') } });
  assert.equal(since.status, 304);
  const other = await fetch(`${portal.base}/api/v1/lmos/MON810?lang=es`, { headers: { 'If-None-Match': '"0000000000000000"' } });
  assert.equal(other.status, 200);
});

test('exports: every record type as JSON equal to the bundled data, and as CSV', async () => {
  for (const [type, file] of [['lmos', 'lmos'], ['decisions', 'decisions'], ['methods', 'methods'], ['laboratories', 'laboratories']]) {
    const { status, body } = await get(`/api/v1/export/${type}`);
    assert.equal(status, 200);
    assert.equal(body.length, registry(file).length, type);
  }
  const csv = await get('/api/v1/export/decisions?format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines.length, decisions.length + 1);
  assert.match(lines[0], /^id,country,lmos,scope,result/);
  const bad = await get('/api/v1/export/widgets');
  assert.equal(bad.status, 404);
  assert.equal(bad.body.error.field, 'type');
});

test('identifier validation answers every input, naming the problems', async () => {
  const ok = await get(`/api/v1/uids/validate?${q({ uid: 'mon 00810 6' })}`);
  assert.equal(ok.status, 200);
  assert.equal(ok.body.status, 'valid');
  assert.equal(ok.body.canonical, 'MON-ØØ81Ø-6');
  assert.equal(ok.body.registry.known, true);
  const typo = await get(`/api/v1/uids/validate?${q({ uid: 'MON-00810-5' })}`);
  assert.equal(typo.body.status, 'valid_with_warnings');
  const mismatch = typo.body.components[0].issues.find((i) => i.code === 'check_digit_mismatch');
  assert.equal(mismatch.expected_check_digit, 6);
  const stack = await get(`/api/v1/uids/validate?${q({ uid: 'MON-89034-3 x DAS-01507-1' })}`);
  assert.equal(stack.body.stacked, true);
  assert.equal(stack.body.canonical, 'MON-89Ø34-3 × DAS-Ø15Ø7-1');
  const bad = await get(`/api/v1/uids/validate?${q({ uid: 'MON-ØØ81#-6' })}`);
  assert.equal(bad.status, 200, 'a malformed identifier is an answer, not an error');
  assert.equal(bad.body.status, 'invalid');
  assert.ok(bad.body.components[0].issues.some((i) => i.code === 'bad_character' && i.character === '#'));
  const unknown = await get(`/api/v1/uids/validate?${q({ uid: 'ABC-12345-6' })}`);
  assert.equal(unknown.body.registry.known, false);
  const missing = await get('/api/v1/uids/validate');
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.field, 'uid');
});

test('countries: authorities and the decisions that apply there; unknown codes are refused', async () => {
  const authorities = registry('authorities');
  const de = await get('/api/v1/countries/DE?lang=fr');
  assert.equal(de.status, 200);
  assert.equal(de.body.name, 'Allemagne');
  assert.deepEqual(de.body.jurisdictions, ['DE', 'EU']);
  assert.equal(de.body.authorities.length, authorities.filter((a) => a.country === 'DE').length);
  assert.equal(de.body.decisions.length, decisions.filter((d) => d.country === 'DE' || d.country === 'EU').length);
  assert.ok(de.body.authorities.every((a) => !/@/.test(JSON.stringify(a))), 'no e-mail addresses of persons');
  const list = await get('/api/v1/authorities?country=ZA');
  assert.ok(list.body.count >= 1);
  assert.ok(list.body.authorities.every((a) => a.country === 'ZA'));
  const unknown = await get('/api/v1/countries/XX');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error.field, 'code');
  const bad = await get('/api/v1/authorities?country=ZZ');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'country');
});

test('every record type has a detail endpoint; lists can be narrowed by text', async () => {
  const decision = decisions[0];
  const one = await get(`/api/v1/decisions/${encodeURIComponent(decision.id)}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.id, decision.id);
  assert.equal(one.body.country, decision.country);
  for (const [collection, file, key] of [['organisms', 'organisms', 'id'], ['developers', 'developers', 'id'],
    ['elements', 'genetic_elements', 'id'], ['traits', 'traits', 'id'], ['standards', 'standards', 'id'],
    ['transport-rules', 'transport_rules', 'id'], ['authorities', 'authorities', 'id'], ['methods', 'methods', 'code'],
    ['laboratories', 'laboratories', 'id']]) {
    const record = registry(file)[0];
    const detail = await get(`/api/v1/${collection}/${encodeURIComponent(record[key])}`);
    assert.equal(detail.status, 200, collection);
    assert.equal(detail.body[key], record[key]);
    const missing = await get(`/api/v1/${collection}/no-such-record`);
    assert.equal(missing.status, 404, collection);
    assert.equal(missing.body.error.field, collection === 'methods' ? 'code' : 'id');
  }
  const promoters = await get('/api/v1/elements?q=promoter');
  assert.ok(promoters.body.count > 0);
  assert.ok(promoters.body.elements.every((e) => JSON.stringify(e).toLowerCase().includes('promoter')));
  assert.ok(promoters.body.count < registry('genetic_elements').length);
  const approval = await get(`/api/v1/approvals?${q({ country: 'DE', lmo: 'MON-04032-6', use: 'food' })}`);
  for (const d of approval.body.decisions) {
    assert.equal((await get(d.links.self)).status, 200, 'decision links resolve');
  }
});
