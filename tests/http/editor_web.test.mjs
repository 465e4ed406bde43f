// National record editing over HTTP: an editor of Mexico drafts a change to a Mexican
// decision (starting from the published record), a reviewer returns it with a comment, the
// editor corrects and resubmits, the reviewer publishes it — and only then does the registry
// hold the new revision (history, approvals). Editors of other countries are refused; an
// editor cannot publish; invalid drafts cannot be submitted or published (422); stale
// versions get 409.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, startPortal } from '../support/portal_server.mjs';
import { signIn, unescapeHtml } from '../support/sign_in.mjs';

const work = mkdtempSync(join(tmpdir(), 'lmo-editor-'));
const data = join(work, 'var');
const users = { editor: ['editor.mx', ['editor:MX']], reviewer: ['revisor.mx', ['reviewer:MX']], foreign: ['editor.br', ['editor:BR']] };
const secret = (name) => `a long passphrase number ${name.length}`;
const sessions = {};
let portal;
before(async () => {
  for (const [name, roles] of Object.values(users)) {
    const r = spawnSync(binary, ['user', 'add', name, ...roles.flatMap((role) => ['--role', role]), '--password-stdin', '--data', data],
      { input: `${secret(name)}\n`, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  portal = await startPortal({ dataDir: data, args: ['--access-log', 'off'] });
  for (const [key, [name]] of Object.entries(users)) sessions[key] = await signIn(portal.base, name, secret(name));
});
after(async () => { await portal.stop(); rmSync(work, { recursive: true, force: true }); });

const get = (who, path) => fetch(portal.base + path, { redirect: 'manual', headers: { cookie: `lmo_session=${sessions[who]}` } });
async function csrfOf(who) {
  return (await (await get(who, '/en/account')).text()).match(/name="csrf" value="([^"]+)"/)[1];
}
async function post(who, path, fields) {
  return fetch(portal.base + path, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: `lmo_session=${sessions[who]}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: await csrfOf(who), ...fields }).toString(),
  });
}
const versionOf = async (who, path) => (await (await get(who, path)).text()).match(/name="version" value="(\d+)"/)?.[1];
const key = 'mx-2012-cofepris-mon87427';

test('draft, return, correct, submit, publish — and the registry changes only at publication', async () => {
  const start = await (await get('editor', `/en/editor?type=decision&key=${key}`)).text();
  const doc = JSON.parse(unescapeHtml(start.match(/<textarea id="new_doc" name="doc"[^>]*>([^<]*)<\/textarea>/)[1]));
  assert.equal(doc.id, key);
  doc.conditions = 'Label as genetically modified';
  let r = await post('editor', '/en/editor/drafts', { type: 'decision', doc: JSON.stringify(doc) });
  assert.equal(r.status, 303);
  const draft = r.headers.get('location');
  let page = await (await get('editor', draft)).text();
  assert.match(page, /<strong>draft<\/strong>/);
  assert.match(page, /<del>− +&quot;conditions&quot;: null,<\/del>/);
  assert.match(page, /<ins>\+ +&quot;conditions&quot;: &quot;Label as genetically modified&quot;,<\/ins>/);

  // Other countries' editors neither see nor create Mexican records.
  assert.equal((await get('foreign', draft)).status, 403);
  assert.equal((await post('foreign', '/en/editor/drafts', { type: 'decision', doc: JSON.stringify(doc) })).status, 403);

  let version = await versionOf('editor', draft);
  assert.equal((await post('editor', `${draft}/submit`, { version })).status, 303);
  assert.equal((await post('editor', `${draft}/publish`, { version: String(Number(version) + 1) })).status, 403);  // editors don't publish
  version = await versionOf('reviewer', draft);
  assert.equal((await post('reviewer', `${draft}/return`, { version, comment: '' })).status, 422);
  assert.equal((await post('reviewer', `${draft}/return`, { version, comment: 'Cite the COFEPRIS resolution.' })).status, 303);
  page = await (await get('editor', draft)).text();
  assert.match(page, /returned to the editor/);
  assert.match(page, /Cite the COFEPRIS resolution\./);

  // Correct the draft; a stale version is refused.
  doc.reference = 'COFEPRIS resolution (test)';
  version = await versionOf('editor', draft);
  assert.equal((await post('editor', `${draft}/save`, { version: '1', doc: JSON.stringify(doc) })).status, 409);
  assert.equal((await post('editor', `${draft}/save`, { version, doc: JSON.stringify(doc) })).status, 303);
  version = await versionOf('editor', draft);
  assert.equal((await post('editor', `${draft}/submit`, { version })).status, 303);
  // Not yet in the registry.
  let history = await (await fetch(`${portal.base}/api/v1/history/decisions/${key}`)).json();
  assert.equal(history.revisions.length, 1);
  version = await versionOf('reviewer', draft);
  assert.equal((await post('reviewer', `${draft}/publish`, { version })).status, 303);
  history = await (await fetch(`${portal.base}/api/v1/history/decisions/${key}`)).json();
  assert.equal(history.revisions.length, 2);
  assert.equal(history.revisions[1].record.conditions, 'Label as genetically modified');
  assert.equal(history.revisions[1].origin, 'editor:editor.mx, reviewer:revisor.mx');
  assert.match(await (await get('editor', draft)).text(), /<strong>published<\/strong>/);
});

test('invalid drafts cannot be submitted; wrong types and countries are refused', async () => {
  const broken = { id: 'mx-test-unknown-lmo', country: 'MX', lmos: ['NO-SUCH-LMO-1'], scope: { food: true }, result: 'approved', date: '2026-01-01',
    authority: 'COFEPRIS', source: ['test'], retrieved: '2026-11-27', verified: false };
  let r = await post('editor', '/en/editor/drafts', { type: 'decision', doc: JSON.stringify(broken) });
  assert.equal(r.status, 303, await r.text());
  const draft = r.headers.get('location');
  r = await post('editor', `${draft}/submit`, { version: await versionOf('editor', draft) });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /NO-SUCH-LMO-1|lmos/);
  assert.equal((await post('editor', '/en/editor/drafts', { type: 'lmo', doc: '{}' })).status, 422);
  assert.equal((await post('editor', '/en/editor/drafts', { type: 'decision', doc: 'not json' })).status, 422);
  assert.equal((await post('editor', '/en/editor/drafts', { type: 'decision', doc: JSON.stringify({ ...broken, country: 'BR' }) })).status, 403);
  const log = JSON.parse(spawnSync(binary, ['user', 'audit', '--format', 'json', '--limit', '500', '--data', data], { encoding: 'utf8' }).stdout);
  const actions = new Set(log.map((e) => `${e.actor} ${e.action} ${e.outcome}`));
  for (const expected of ['editor.mx draft.create ok', 'editor.mx draft.submit ok', 'revisor.mx draft.return ok',
    'revisor.mx record.publish ok', 'editor.br permission.denied denied', 'editor.mx draft.submit failed']) {
    assert.ok(actions.has(expected), `${expected} missing`);
  }
});

test('a national rule set drafted by an editor and published by a reviewer is in force at once and after a restart', async () => {
  const ruleSet = {
    jurisdiction: 'MX', version: 'test.1', description: 'Mexican additions (test)', source: ['test'], retrieved: '2026-11-27', verified: false,
    overrides: [],
    additions: [{
      id: 'mx.permit_number', regimes: ['food_feed_processing'], severity: 'mandatory', legal_basis: 'national rule (test)',
      requirement: { en: 'The permit number is stated.' }, recognised_phrases: { en: ['permit number'], es: ['número de permiso'] },
    }],
  };
  const declaration = (text) => ({
    importing_country: 'MX', declared_use: 'food_feed_processing', check_date: '2026-11-27',
    document_text: `Puede contener organismos vivos modificados; no están destinados a ser introducidos intencionalmente en el medio ambiente. ${text}`,
    parties: { contact_point: { name: 'Desk', address: 'Port' } },
  });
  const check = async (text) => (await (await fetch(`${portal.base}/api/v1/checks`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(declaration(text)),
  })).json()).findings.map((f) => f.rule);
  assert.ok(!(await check('')).includes('mx.permit_number'));

  const broken = { ...ruleSet, overrides: [{ rule: 'no.such.rule', severity: 'mandatory' }] };
  let r = await post('editor', '/en/editor/drafts', { type: 'rule_set', doc: JSON.stringify(broken) });
  assert.equal(r.status, 303);
  const brokenDraft = r.headers.get('location');
  assert.equal((await post('editor', `${brokenDraft}/submit`, { version: await versionOf('editor', brokenDraft) })).status, 422);
  assert.equal((await post('foreign', '/en/editor/drafts', { type: 'rule_set', doc: JSON.stringify(ruleSet) })).status, 403);

  r = await post('editor', '/en/editor/drafts', { type: 'rule_set', doc: JSON.stringify(ruleSet) });
  const draft = r.headers.get('location');
  assert.equal((await post('editor', `${draft}/submit`, { version: await versionOf('editor', draft) })).status, 303);
  assert.ok(!(await check('')).includes('mx.permit_number'));  // not before publication
  assert.equal((await post('reviewer', `${draft}/publish`, { version: await versionOf('reviewer', draft) })).status, 303);
  assert.ok((await check('')).includes('mx.permit_number'));
  assert.ok(!(await check('Número de permiso 123.')).includes('mx.permit_number'));

  const history = await (await fetch(`${portal.base}/en/history/rule_sets/MX`)).text();
  assert.match(history, /<h2>Revision 1/);
  assert.match(history, /mx\.permit_number/);

  // A restart reads the published rule set from the database.
  await portal.stop();
  portal = await startPortal({ dataDir: data, args: ['--access-log', 'off'] });
  assert.ok((await check('')).includes('mx.permit_number'));
  const cli = spawnSync(binary, ['check', '--format', 'json', '--data', data, '-'], { input: JSON.stringify(declaration('')), encoding: 'utf8' });
  assert.ok(JSON.parse(cli.stdout).findings.some((f) => f.rule === 'mx.permit_number'));
});
