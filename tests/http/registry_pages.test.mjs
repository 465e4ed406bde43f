// The registry's HTML pages: search with facets and paging, LMO detail with its decisions
// table, canonical addresses for other spellings, print views, and 404s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPortal, repoRoot, assertSecurityHeaders } from '../support/portal_server.mjs';

const lmos = JSON.parse(readFileSync(join(repoRoot, 'data', 'registry', 'lmos.json'), 'utf8'));
let portal;
before(async () => { portal = await startPortal({ args: ['--access-log', 'off'] }); });
after(async () => { await portal.stop(); });
const get = async (path) => {
  const response = await fetch(portal.base + path, { redirect: 'manual' });
  return { response, body: await response.text() };
};

test('the search page finds LMOs in every language and shows facets with counts', async () => {
  for (const lang of ['en', 'es', 'fr']) {
    const { response, body } = await get(`/${lang}/registry?q=maiz`);
    assert.equal(response.status, 200);
    assertSecurityHeaders(assert, response.headers);
    assert.match(body, new RegExp(`<html lang="${lang}"`));
    const maize = lmos.filter((l) => l.organism === 'zea-mays').length;
    assert.match(body, new RegExp(`role="status">${maize} `));
    assert.equal((body.match(/class="lmo-card"/g) || []).length, Math.min(20, maize));
    assert.match(body, /class="facets"/);
    assert.match(body, /rel="next"/, 'more than one page of maize');
  }
  const { body } = await get('/en/registry?q=00810');
  assert.match(body, /href="\/en\/registry\/MON-%C3%98%C3%9881%C3%98-6"/);
});

test('facet links filter the results and can be cleared', async () => {
  const { body } = await get('/en/registry');
  const link = /<a href="(\/en\/registry\?organism=glycine-max)"/.exec(body);
  assert.ok(link, 'a soybean facet link');
  const filtered = await get(link[1]);
  const soy = lmos.filter((l) => l.organism === 'glycine-max').length;
  assert.match(filtered.body, new RegExp(`role="status">${soy} `));
  assert.match(filtered.body, /Clear all filters/);
});

test('an LMO page: identity, decisions table with scope columns, sources; other spellings redirect', async () => {
  const { response, body } = await get(`/en/registry/${encodeURIComponent('MON-Ø4Ø32-6')}`);
  assert.equal(response.status, 200);
  assert.match(body, /<h1>GTS 40-3-2<\/h1>/);
  assert.match(body, /<span class="uid">MON-Ø4Ø32-6<\/span>/);
  assert.match(body, /<table class="decisions">/);
  assert.match(body, /<th scope="row">European Union<\/th>/);
  assert.match(body, /<th scope="col">Food<\/th>/);
  assert.match(body, /Commission Decision 96\/281\/EC/);
  const other = await get('/fr/registry/MON-04032-6');
  assert.equal(other.response.status, 301);
  assert.equal(other.response.headers.get('location'), `/fr/registry/${encodeURIComponent('MON-Ø4Ø32-6')}`);
  const print = await get(`/es/registry/${encodeURIComponent('MON-Ø4Ø32-6')}/print`);
  assert.equal(print.response.status, 200);
  assert.doesNotMatch(print.body, /class="main-nav"/);
  const missing = await get('/en/registry/NOT-AN-LMO-1');
  assert.equal(missing.response.status, 404);
  assert.match(missing.body, /<html lang="en"/);
});

test('unverified records say so on the page', async () => {
  const unverified = lmos.find((l) => !l.verified);
  assert.ok(unverified, 'the bundled data flags at least one record');
  const key = unverified.uid || `event:${unverified.event_name}`;
  const { body } = await get(`/en/registry/${encodeURIComponent(key)}`);
  assert.match(body, /notice--unverified/);
});

test('reference pages: countries, one country, laboratories, methods, standards, in every language', async () => {
  const authorities = JSON.parse(readFileSync(join(repoRoot, 'data', 'registry', 'authorities.json'), 'utf8'));
  const labs = JSON.parse(readFileSync(join(repoRoot, 'data', 'registry', 'laboratories.json'), 'utf8'));
  const methods = JSON.parse(readFileSync(join(repoRoot, 'data', 'registry', 'methods.json'), 'utf8'));
  const rules = JSON.parse(readFileSync(join(repoRoot, 'data', 'registry', 'transport_rules.json'), 'utf8'));
  for (const lang of ['en', 'es', 'fr']) {
    const countries = await get(`/${lang}/countries`);
    assert.equal(countries.response.status, 200);
    assert.match(countries.body, new RegExp(`href="/${lang}/countries/DE"`));
    const de = await get(`/${lang}/countries/DE`);
    assert.equal(de.response.status, 200);
    const deAuthorities = authorities.filter((a) => a.country === 'DE');
    assert.equal((de.body.match(/class="record"/g) || []).length, deAuthorities.length);
    for (const a of deAuthorities) assert.ok(de.body.includes(a.institution.replaceAll('&', '&amp;')), a.institution);
    assert.match(de.body, /<table class="decisions">/);
    const labPage = await get(`/${lang}/laboratories`);
    assert.equal((labPage.body.match(/class="record"/g) || []).length, labs.length);
    const methodPage = await get(`/${lang}/methods`);
    assert.equal((methodPage.body.match(/class="record" id=/g) || []).length, methods.length);
    const eventOnly = await get(`/${lang}/methods?scope=event`);
    assert.equal((eventOnly.body.match(/class="record" id=/g) || []).length, methods.filter((m) => m.scope === 'event').length);
    const standards = await get(`/${lang}/standards`);
    for (const r of rules) assert.ok(standards.body.includes(r.un_number), r.un_number);
  }
  const mon810method = await get('/en/methods?scope=event');
  assert.match(mon810method.body, /QT-EVE-ZM-020/);
  assert.match(mon810method.body, /TCGAAGGACGAAGGACTCTAACGT/, 'primer sequences are shown');
  assert.equal((await get('/en/countries/XX')).response.status, 404);
  assert.equal((await get('/en/countries/DE/print')).response.status, 200);
});
