// JSON API v1: pages, resources, activities, languages, the error format, and the OpenAPI
// document checked by a real OpenAPI 3.1 validator and against the live endpoints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startPortal, assertSecurityHeaders } from '../support/portal_server.mjs';
import { languages, pages, resources, activities, pageText } from '../support/bundled_data.mjs';

let portal;
before(async () => { portal = await startPortal({ args: ['--access-log', 'off'] }); });
after(async () => { await portal.stop(); });

const getJson = async (path) => {
  const response = await fetch(portal.base + path);
  assert.equal(response.headers.get('content-type'), 'application/json', path);
  assertSecurityHeaders(assert, response.headers);
  return { status: response.status, body: await response.json() };
};

const assertError = (body, code, field) => {
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  assert.equal(body.error.field, field);
};

test('the OpenAPI document is valid OpenAPI 3.1', async () => {
  const { status, body } = await getJson('/api/v1/openapi.json');
  assert.equal(status, 200);
  assert.equal(body.openapi.slice(0, 3), '3.1');
  const validator = new Validator();
  const result = await validator.validate(body);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1));
});

test('every documented path answers, and every API endpoint is documented', async () => {
  const { body: spec } = await getJson('/api/v1/openapi.json');
  const documented = Object.keys(spec.paths);
  const pathValues = { slug: 'htpi', id: 'MON-Ø4Ø32-6', code: 'QT-EVE-ZM-020', type: 'lmos', key: 'MON810' };
  const countryCode = 'DE';
  const pathExample = (path, name) => spec.paths[path].get.parameters?.find((p) => p.in === 'path' && p.name === name)?.examples;
  const valueFor = (path, name) => {
    const example = pathExample(path, name);
    if (example) return Object.values(example)[0].value;
    if (path.startsWith('/api/v1/laboratories/')) return 'eurl-gmff';
    if (path.startsWith('/api/v1/countries/')) return countryCode;
    return pathValues[name];
  };
  const requiredQuery = { country: 'DE', lmo: '40-3-2', use: 'food', uid: 'MON-00810-6' };
  for (const path of documented) {
    const operation = spec.paths[path].get;
    if (!operation) continue;  // POST-only paths are exercised by their own tests
    let concrete = path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(valueFor(path, name)));
    const required = (operation.parameters || []).filter((p) => p.in === 'query' && p.required);
    if (required.length) concrete += '?' + required.map((p) => `${p.name}=${encodeURIComponent(requiredQuery[p.name])}`).join('&');
    const response = await fetch(portal.base + concrete);
    assert.equal(response.status, 200, `${concrete} answers`);
    assert.ok(operation.responses['200'], `${path} documents 200`);
    assert.ok(operation.operationId, `${path} has an operationId`);
  }
  for (const path of ['/api/v1/openapi.json', '/api/v1/languages', '/api/v1/pages', '/api/v1/pages/{slug}',
    '/api/v1/resources', '/api/v1/activities', '/healthz', '/readyz', '/metrics',
    '/api/v1/lmos', '/api/v1/lmos/{id}', '/api/v1/approvals', '/api/v1/decisions', '/api/v1/methods',
    '/api/v1/methods/{code}', '/api/v1/laboratories', '/api/v1/laboratories/{id}', '/api/v1/organisms',
    '/api/v1/developers', '/api/v1/elements', '/api/v1/traits', '/api/v1/standards', '/api/v1/transport-rules',
    '/api/v1/export/{type}', '/api/v1/uids/validate', '/api/v1/authorities', '/api/v1/countries/{code}',
    '/api/v1/history/{type}/{key}', '/api/v1/admin/imports', '/api/v1/checks', '/api/v1/declarations/screen']) {
    assert.ok(documented.includes(path), `${path} is documented`);
  }
});

test('a page in each language, with the English fallback marked', async () => {
  for (const { slug } of pages) {
    for (const lang of languages) {
      const { status, body } = await getJson(`/api/v1/pages/${slug}?lang=${lang}`);
      assert.equal(status, 200);
      assert.equal(body.slug, slug);
      assert.equal(body.lang, lang);
      assert.deepEqual(body.title, { text: pageText(slug, lang).title, lang, fallback: false });
      assert.equal(body.body_html.lang, lang);
      assert.ok(body.body_html.text.length > 500);
      assert.deepEqual(body.languages, ['en', 'es', 'fr']);
      assert.equal(body.links.html, slug === 'home' ? `/${lang}/` : `/${lang}/${slug}`);
      assert.equal(typeof body.provenance.source, 'string');
    }
  }
  const { body } = await getJson('/api/v1/pages/customs-portal?lang=fr');
  assert.deepEqual(body.breadcrumbs.map((b) => b.slug), ['home', 'cartagena-protocol', 'htpi']);
});

test('the page list has every page without bodies', async () => {
  const { body } = await getJson('/api/v1/pages?lang=es');
  assert.deepEqual(body.pages.map((p) => p.slug), pages.map((p) => p.slug));
  assert.ok(body.pages.every((p) => !('body_html' in p)));
});

test('resources: all records, filtered by kind, titles in the requested language', async () => {
  const { body } = await getJson('/api/v1/resources?lang=es');
  assert.equal(body.count, resources.length);
  assert.deepEqual(body.resources.map((r) => r.id), resources.map((r) => r.id));
  for (const record of body.resources) {
    const source = resources.find((r) => r.id === record.id);
    assert.equal(record.title.text, source.title.es || source.title.en);
    assert.equal(record.url, source.url);
    assert.equal(record.provenance.verified, source.verified);
  }
  const videos = await getJson('/api/v1/resources?kind=video');
  assert.deepEqual(videos.body.resources.map((r) => r.id), resources.filter((r) => r.kind === 'video').map((r) => r.id));
});

test('activities: newest first, filtered by region and year', async () => {
  const { body } = await getJson('/api/v1/activities?lang=fr');
  assert.equal(body.count, activities.length);
  const starts = body.activities.map((a) => a.start);
  assert.deepEqual(starts, [...starts].sort().reverse());
  const region = activities[0].region;
  const byRegion = await getJson(`/api/v1/activities?region=${encodeURIComponent(region)}`);
  assert.deepEqual(byRegion.body.activities.map((a) => a.id).sort(),
    activities.filter((a) => a.region === region).map((a) => a.id).sort());
  const year = activities[0].start.slice(0, 4);
  const byYear = await getJson(`/api/v1/activities?year=${year}`);
  assert.ok(byYear.body.count >= 1);
  assert.ok(byYear.body.activities.every((a) => a.start.startsWith(year)));
});

test('bad parameters get 400 naming the field; unknown records 404', async () => {
  let r = await getJson('/api/v1/pages/htpi?lang=xx');
  assert.equal(r.status, 400);
  assertError(r.body, 'unsupported_language', 'lang');
  r = await getJson('/api/v1/resources?colour=blue');
  assert.equal(r.status, 400);
  assertError(r.body, 'unknown_parameter', 'colour');
  r = await getJson('/api/v1/activities?year=20x1');
  assert.equal(r.status, 400);
  assertError(r.body, 'bad_request', 'year');
  r = await getJson('/api/v1/resources?lang=%ZZ');
  assert.equal(r.status, 400);
  assertError(r.body, 'bad_request', 'lang');
  r = await getJson('/api/v1/pages/no-such-page');
  assert.equal(r.status, 404);
  assertError(r.body, 'not_found', 'slug');
});

test('languages lists the catalogs with their names and direction', async () => {
  const { body } = await getJson('/api/v1/languages');
  assert.deepEqual(body.languages.map((l) => l.code), ['en', 'es', 'fr']);
  assert.deepEqual(body.languages.map((l) => l.native_name), ['English', 'Español', 'Français']);
  assert.ok(body.languages.every((l) => l.direction === 'ltr'));
});
