// Adding a language is adding a catalog: with an Arabic catalog compiled beside the bundled
// ones, /ar/ pages exist, are laid out right-to-left, and show English content (marked with
// lang="en" and a notice) where no Arabic text exists yet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortal, repoRoot } from '../support/portal_server.mjs';

let portal;
let locales;
before(async () => {
  locales = mkdtempSync(join(tmpdir(), 'lmo-locales-'));
  cpSync(join(repoRoot, 'build', 'locale'), locales, { recursive: true });
  const po = join(locales, 'ar.po');
  writeFileSync(po, [
    'msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: ar\\n"', '',
    'msgid "language-native-name"', 'msgstr "العربية"', '',
    'msgid "language-direction"', 'msgstr "rtl"', '',
    'msgid "Skip to main content"', 'msgstr "انتقل إلى المحتوى الرئيسي"', '',
  ].join('\n'));
  mkdirSync(join(locales, 'ar', 'LC_MESSAGES'), { recursive: true });
  execFileSync('msgfmt', ['-o', join(locales, 'ar', 'LC_MESSAGES', 'lmo-portal.mo'), po]);
  portal = await startPortal({ args: ['--locale-dir', locales, '--access-log', 'off'] });
});
after(async () => {
  await portal.stop();
  rmSync(locales, { recursive: true, force: true });
});

test('an Arabic catalog makes right-to-left Arabic pages with marked English content', async () => {
  const response = await fetch(`${portal.base}/ar/htpi`);
  assert.equal(response.status, 200);
  const body = await response.text();
  assert.match(body, /<html lang="ar" dir="rtl">/);
  assert.match(body, /انتقل إلى المحتوى الرئيسي/);
  assert.match(body, /<article class="content-page content-page--htpi" lang="en">/);
  assert.match(body, /class="notice notice--fallback"[\s\S]*?<span lang="en">English<\/span>/);
  assert.match(body, /href="\/ar\/htpi" hreflang="ar" lang="ar" dir="rtl"[^>]*>العربية</);
  // Untranslated interface text falls back to English instead of disappearing.
  assert.match(body, /Printer-friendly version/);
});

test('Accept-Language can now choose Arabic, and the API lists it', async () => {
  const response = await fetch(`${portal.base}/`, { headers: { 'Accept-Language': 'ar-EG, en;q=0.5' }, redirect: 'manual' });
  assert.equal(response.headers.get('location'), '/ar/');
  const languages = await (await fetch(`${portal.base}/api/v1/languages`)).json();
  assert.deepEqual(languages.languages.map((l) => l.code), ['en', 'ar', 'es', 'fr']);
  assert.equal(languages.languages[1].direction, 'rtl');
  const page = await (await fetch(`${portal.base}/api/v1/pages/htpi?lang=ar`)).json();
  assert.equal(page.body_html.lang, 'en');
  assert.equal(page.body_html.fallback, true);
});
