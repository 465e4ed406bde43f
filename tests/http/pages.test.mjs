// The Customs Portal pages in every language: language from the URL prefix, then
// Accept-Language, then English; the switcher keeps the page; breadcrumbs; the resource and
// activity records from the store; print views; unprefixed addresses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPortal, assertSecurityHeaders } from '../support/portal_server.mjs';
import { languages, pages, resources, activities, pageText, htmlEscape } from '../support/bundled_data.mjs';

let portal;
before(async () => { portal = await startPortal({ args: ['--access-log', 'off'] }); });
after(async () => { await portal.stop(); });

const pathOf = (lang, slug) => (slug === 'home' ? `/${lang}/` : `/${lang}/${slug}`);
const get = async (path, headers = {}) => {
  const response = await fetch(portal.base + path, { headers, redirect: 'manual' });
  return { response, body: await response.text() };
};

test('every page answers in every language with its own title, lang attribute and switcher', async () => {
  for (const { slug } of pages) {
    for (const lang of languages) {
      const { response, body } = await get(pathOf(lang, slug));
      assert.equal(response.status, 200, `${slug} ${lang}`);
      assert.match(response.headers.get('content-type'), /^text\/html; charset=utf-8/);
      assertSecurityHeaders(assert, response.headers);
      assert.ok(body.includes(`<html lang="${lang}" dir="ltr">`), `${slug} ${lang}: html lang`);
      const { title } = pageText(slug, lang);
      assert.ok(body.includes(`<h1>${htmlEscape(title)}</h1>`), `${slug} ${lang}: title "${title}"`);
      for (const other of languages) {
        assert.ok(body.includes(`href="${pathOf(other, slug)}" hreflang="${other}"`),
          `${slug} ${lang}: switcher links to the same page in ${other}`);
      }
      assert.ok(body.includes(`href="${pathOf(lang, slug) === `/${lang}/` ? `/${lang}/home/print` : `${pathOf(lang, slug)}/print`}"`),
        `${slug} ${lang}: printer-friendly link`);
      assert.doesNotMatch(body, /{{|}}/, 'no unrendered template tags');
      assert.doesNotMatch(body, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
    }
  }
});

test('user-interface text is translated, not English, in Spanish and French', async () => {
  const en = (await get('/en/htpi')).body;
  const es = (await get('/es/htpi')).body;
  const fr = (await get('/fr/htpi')).body;
  assert.match(en, /Skip to main content/);
  assert.doesNotMatch(es, /Skip to main content|Printer-friendly version|Main navigation/);
  assert.doesNotMatch(fr, /Skip to main content|Printer-friendly version|Main navigation/);
  assert.match(es, /class="skip-link"[^>]*>[^<]+</);
});

test('breadcrumbs lead Home › Cartagena Protocol › HTPI › Customs Portal', async () => {
  for (const lang of languages) {
    const { body } = await get(`/${lang}/customs-portal`);
    const nav = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(body)[0];
    const titles = [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(titles.map(([href]) => href), [`/${lang}/`, `/${lang}/cartagena-protocol`, `/${lang}/htpi`]);
    assert.deepEqual(titles.map(([, text]) => text),
      ['home', 'cartagena-protocol', 'htpi'].map((slug) => htmlEscape(pageText(slug, lang).nav)));
    assert.match(nav, new RegExp(`aria-current="page">${htmlEscape(pageText('customs-portal', lang).nav)}<`));
  }
});

test('the Customs Portal page lists every resource and activity record from the store', async () => {
  for (const lang of languages) {
    const { body } = await get(`/${lang}/customs-portal`);
    for (const resource of resources) {
      assert.ok(body.includes(`href="${htmlEscape(resource.url)}"`), `${lang}: resource ${resource.id}`);
      const title = resource.title[lang] || resource.title.en;
      assert.ok(body.includes(htmlEscape(title)), `${lang}: resource title of ${resource.id}`);
    }
    for (const activity of activities) {
      const title = activity.title[lang] || activity.title.en;
      assert.ok(body.includes(htmlEscape(title)), `${lang}: activity ${activity.id}`);
      assert.ok(body.includes(`datetime="${activity.start}"`), `${lang}: start date of ${activity.id}`);
    }
    // Most recent first.
    const starts = [...body.matchAll(/<dt>[^<]+<\/dt><dd><time datetime="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(starts, [...starts].sort().reverse());
  }
});

test('no link between portal pages leads to a missing page', async () => {
  const seen = new Set();
  for (const { slug } of pages) {
    for (const lang of languages) {
      const { body } = await get(pathOf(lang, slug));
      for (const [, href] of body.matchAll(/href="(\/[^"#]*)/g)) seen.add(href);
      assert.doesNotMatch(body, /\{\{base\}\}/);
    }
  }
  assert.ok(seen.size > 20);
  for (const href of seen) {
    const { response } = await get(href);
    assert.ok([200, 301, 302].includes(response.status), `${href} answers ${response.status}`);
  }
});

test('the Technical Series 01 page has the full table of contents', async () => {
  const { body } = await get('/en/technical-series-01');
  assert.match(body, /Part A/);
  assert.match(body, /Part B/);
  assert.match(body, /Annex/);
});

test('print views carry the content without navigation and point back to the page', async () => {
  for (const lang of languages) {
    const { response, body } = await get(`/${lang}/customs-portal/print`);
    assert.equal(response.status, 200);
    assert.ok(body.includes(`<h1>${htmlEscape(pageText('customs-portal', lang).title)}</h1>`));
    assert.doesNotMatch(body, /class="main-nav"|class="language-switcher"|class="breadcrumbs"/);
    assert.match(body, /class="print-header"/);
    assert.match(body, /<meta name="robots" content="noindex">/);
    assert.ok(body.includes(`<link rel="canonical" href="/${lang}/customs-portal">`));
    const home = await get(`/${lang}/home/print`);
    assert.equal(home.response.status, 200);
    assert.ok(home.body.includes(`<h1>${htmlEscape(pageText('home', lang).title)}</h1>`));
  }
});

test('the root redirects by Accept-Language, falling back to English', async () => {
  const cases = [
    ['fr-CH, fr;q=0.9, en;q=0.8', '/fr/'],
    ['de-DE,de;q=0.9,es;q=0.5', '/es/'],
    ['de, it', '/en/'],
    ['', '/en/'],
    ['es;q=0, *;q=0.1', '/en/'],
  ];
  for (const [header, location] of cases) {
    const { response } = await get('/', header ? { 'Accept-Language': header } : {});
    assert.equal(response.status, 302, header);
    assert.equal(response.headers.get('location'), location, header);
    assert.equal(response.headers.get('vary'), 'Accept-Language');
  }
});

test('unprefixed and short addresses redirect to a language', async () => {
  let r = await get('/customs-portal', { 'Accept-Language': 'es' });
  assert.equal(r.response.status, 302);
  assert.equal(r.response.headers.get('location'), '/es/customs-portal');
  r = await get('/fr');
  assert.equal(r.response.status, 301);
  assert.equal(r.response.headers.get('location'), '/fr/');
  r = await get('/en/home');
  assert.equal(r.response.status, 301);
  assert.equal(r.response.headers.get('location'), '/en/');
  r = await get('/de/htpi');
  assert.equal(r.response.status, 404);
  r = await get('/nothing-like-this');
  assert.equal(r.response.status, 404);
});

test('static assets are cached with an ETag and revalidate with 304', async () => {
  const first = await fetch(`${portal.base}/static/css/portal.css`);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('content-type'), 'text/css; charset=utf-8');
  const css = await first.text();
  assert.match(css, /@media print/);
  const etag = first.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  const second = await fetch(`${portal.base}/static/css/portal.css`, { headers: { 'If-None-Match': etag } });
  assert.equal(second.status, 304);
  assert.equal(await second.text(), '');
});
