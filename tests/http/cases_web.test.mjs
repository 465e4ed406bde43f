// Inspection cases over HTTP with real sessions: an officer saves a border check as a case
// from the report page, records sampling, a laboratory result and the final decision; another
// country's officer can neither see nor change it (403, audited); stale versions get 409; a
// decided case is closed; forms without the session's CSRF token get 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, startPortal } from '../support/portal_server.mjs';
import { signIn, unescapeHtml } from '../support/sign_in.mjs';

const work = mkdtempSync(join(tmpdir(), 'lmo-cases-'));
const data = join(work, 'var');
const users = { es: ['aduana.es', 'officer:ES'], mx: ['aduana.mx', 'officer:MX'], admin: ['jefe', 'admin'] };
const secret = (name) => `correct horse battery ${name.length} staple`;
let portal;
const session = {};
before(async () => {
  for (const [name, role] of Object.values(users)) {
    const r = spawnSync(binary, ['user', 'add', name, '--role', role, '--password-stdin', '--data', data], { input: `${secret(name)}\n`, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  portal = await startPortal({ dataDir: data, args: ['--access-log', 'off'] });
  for (const [key, [name]] of Object.entries(users)) session[key] = await signIn(portal.base, name, secret(name));
});
after(async () => { await portal.stop(); rmSync(work, { recursive: true, force: true }); });

const get = (who, path) => fetch(portal.base + path, { redirect: 'manual', headers: who ? { cookie: `lmo_session=${session[who]}` } : {} });
const post = (who, path, fields) => fetch(portal.base + path, {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lmo_session=${session[who]}` },
  body: new URLSearchParams(fields).toString(),
});
const hidden = (html, name) => unescapeHtml(html.match(new RegExp(`name="${name}" value="([^"]*)"`))[1]);
let reference;

test('an officer saves a border check as a case from the inspection report', async () => {
  const report = await post('es', '/en/check', {
    importing_country: 'ES', declared_use: 'food_feed_processing', hs_code: '1005.10', goods_description: 'Maize seed, lot 12',
    document_text: 'May contain living modified organisms intended for direct use as food or feed, or for processing; not intended for intentional introduction into the environment.',
    may_contain: 'MON-ØØ81Ø-6', contact_name: 'Import desk', contact_address: 'Valencia port', check_date: '2026-11-27',
  });
  assert.equal(report.status, 200);
  const html = await report.text();
  assert.match(html, /Save as an inspection case/);
  const opened = await post('es', '/en/cases', { csrf: hidden(html, 'csrf'), declaration: hidden(html, 'declaration') });
  assert.equal(opened.status, 303);
  reference = decodeURIComponent(opened.headers.get('location').split('/').pop());
  assert.match(reference, /^LMO-20261127-[0-9A-F]{6}$/);
  const page = await (await get('es', `/en/cases/${reference}`)).text();
  assert.match(page, /<strong>open<\/strong>/);
  assert.match(page, /regime\.seed_declared_as_grain/);
  assert.match(page, /Maize seed, lot 12/);
  // Not for a visitor, nor for an officer of another country; the MX officer's list lacks it.
  assert.equal((await get(null, `/en/cases/${reference}`)).status, 303);
  assert.equal((await get('mx', `/en/cases/${reference}`)).status, 403);
  assert.doesNotMatch(await (await get('mx', '/en/cases')).text(), new RegExp(reference));
  assert.match(await (await get('admin', '/en/cases')).text(), new RegExp(reference));
  // The report page offers no case to an officer of another country, who cannot open one either.
  const other = await post('mx', '/en/cases', { csrf: 'x', declaration: '{}' });
  assert.equal(other.status, 403);
});

test('sampling, laboratory result and decision; stale versions get 409; decided cases are closed', async () => {
  const page = await (await get('es', `/en/cases/${reference}`)).text();
  const csrf = hidden(page, 'csrf');
  const path = `/en/cases/${reference}`;
  assert.equal((await post('mx', `${path}/sampling`, { csrf, version: '1', plan: 'x' })).status, 403);
  assert.equal((await post('es', `${path}/sampling`, { version: '1', plan: '8 pools of 375 seeds' })).status, 403);  // no CSRF token
  assert.equal((await post('es', `${path}/laboratory`, { csrf, version: '1', method: 'QT-EVE-ZM-020', result: 'positive' })).status, 409);  // sample first
  let r = await post('es', `${path}/sampling`, { csrf, version: '1', plan: '8 pools of 375 seeds', samples: 'S-1, S-2', sample_mass_g: '939', sealed: 'true', sent_to_laboratory: 'true', laboratory: 'LNR Madrid' });
  assert.equal(r.status, 303);
  r = await post('es', `${path}/sampling`, { csrf, version: '1', plan: 'someone else, meanwhile' });
  assert.equal(r.status, 409);
  r = await post('es', `${path}/laboratory`, { csrf, version: '2', method: 'QT-EVE-ZM-020', result: 'quantified' });
  assert.equal(r.status, 422);  // a quantified result needs its GM %
  r = await post('es', `${path}/laboratory`, { csrf, version: '2', method: 'QT-EVE-ZM-020', result: 'quantified', gm_percent: '0,35' });
  assert.equal(r.status, 303);
  r = await post('es', `${path}/decision`, { csrf, version: '3', decision: 'launch' });
  assert.equal(r.status, 422);
  r = await post('es', `${path}/decision`, { csrf, version: '3', decision: 're_export', note: 'MON810 found; not authorised for sowing' });
  assert.equal(r.status, 303);
  const closed = await (await get('es', path)).text();
  assert.match(closed, /<strong>decided<\/strong>/);
  assert.match(closed, /<strong>return to the exporter<\/strong> — aduana\.es/);
  assert.match(closed, /8 pools of 375 seeds/);
  assert.match(closed, /<dt>gm_percent<\/dt><dd>0\.35<\/dd>/);
  assert.doesNotMatch(closed, /name="csrf"/);  // no more forms
  assert.equal((await post('es', `${path}/sampling`, { csrf, version: '4', plan: 'too late' })).status, 409);
  const printable = await (await get('es', `${path}?print=1`)).text();
  assert.doesNotMatch(printable, /class="main-nav"/);
  const log = JSON.parse(spawnSync(binary, ['user', 'audit', '--format', 'json', '--limit', '200', '--data', data], { encoding: 'utf8' }).stdout);
  const actions = log.map((e) => `${e.actor} ${e.action} ${e.outcome}`);
  for (const expected of ['aduana.es case.open ok', 'aduana.es case.sampling ok', 'aduana.es case.laboratory ok',
    'aduana.es case.decision ok', 'aduana.mx permission.denied denied', 'aduana.es case.sampling failed']) {
    assert.ok(actions.includes(expected), `${expected} missing from the audit log`);
  }
});
