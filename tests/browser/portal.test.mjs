// The portal in a real browser (Debian's Chromium driven by playwright-core): Home and the
// Customs Portal page in each language, switching language, the printer-friendly view and
// print media, keyboard access, screenshots in build/screenshots/, and axe-core with zero
// serious or critical accessibility violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startPortal, repoRoot } from '../support/portal_server.mjs';
import { languages, pageText } from '../support/bundled_data.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const shots = join(repoRoot, 'build', 'screenshots');
mkdirSync(shots, { recursive: true });

let portal;
let browser;
let context;
before(async () => {
  portal = await startPortal({ args: ['--access-log', 'off'] });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // bypassCSP only lets the test inject axe-core; the portal's own pages run no inline script.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
});
after(async () => {
  await browser?.close();
  await portal?.stop();
});

async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

test('Home and Customs Portal in each language: title, lang, screenshot, no serious axe violations', async () => {
  const page = await context.newPage();
  for (const lang of languages) {
    for (const slug of ['home', 'customs-portal']) {
      const path = slug === 'home' ? `/${lang}/` : `/${lang}/${slug}`;
      const response = await page.goto(portal.base + path);
      assert.equal(response.status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal((await page.textContent('main h1')).trim(), pageText(slug, lang).title);
      // The stylesheet is applied (served from /static, allowed by the CSP).
      const band = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
      assert.equal(band, 'rgb(11, 79, 108)');
      await page.screenshot({ path: join(shots, `${slug}-${lang}.png`), fullPage: true });
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `${path}:\n${describe(violations)}`);
    }
  }
  await page.close();
});

test('the language switcher keeps the current page', async () => {
  const page = await context.newPage();
  await page.goto(`${portal.base}/en/customs-portal`);
  await page.click('.language-switcher a[hreflang="fr"]');
  await page.waitForURL(`${portal.base}/fr/customs-portal`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal((await page.textContent('main h1')).trim(), pageText('customs-portal', 'fr').title);
  await page.click('.language-switcher a[hreflang="es"]');
  await page.waitForURL(`${portal.base}/es/customs-portal`);
  assert.equal(await page.getAttribute('.language-switcher a[aria-current="true"]', 'hreflang'), 'es');
  await page.close();
});

test('the printer-friendly view has no navigation, keeps its language and prints to PDF', async () => {
  const page = await context.newPage();
  await page.goto(`${portal.base}/es/customs-portal`);
  await page.click('a.print-link');
  await page.waitForURL(`${portal.base}/es/customs-portal/print`);
  assert.equal(await page.locator('.main-nav').count(), 0);
  assert.equal(await page.locator('.language-switcher').count(), 0);
  assert.equal((await page.textContent('main h1')).trim(), pageText('customs-portal', 'es').title);
  await page.screenshot({ path: join(shots, 'customs-portal-es-print.png'), fullPage: true });
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, describe(violations));
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: join(shots, 'customs-portal-es.pdf'), format: 'A4' });
  assert.ok(pdf.length > 10000, 'a real PDF');
  await page.close();
});

test('print media hides navigation on the ordinary page too', async () => {
  const page = await context.newPage();
  await page.goto(`${portal.base}/en/htpi`);
  assert.equal(await page.isVisible('.main-nav'), true);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.main-nav'), false);
  assert.equal(await page.isVisible('.language-switcher'), false);
  assert.equal(await page.isVisible('main h1'), true);
  await page.close();
});

test('keyboard users reach a visible skip link first, and it moves focus to the content', async () => {
  const page = await context.newPage();
  await page.goto(`${portal.base}/fr/htpi`);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.className);
  assert.equal(focused, 'skip-link');
  const top = await page.evaluate(() => document.activeElement.getBoundingClientRect().top);
  assert.ok(top >= 0, 'the skip link is on screen when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.close();
});

test('the 404 page is a proper, accessible page in the requested language', async () => {
  const page = await context.newPage();
  const response = await page.goto(`${portal.base}/fr/page-inexistante`);
  assert.equal(response.status(), 404);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.getAttribute('main a[href="/fr/"]', 'href'), '/fr/');
  await page.screenshot({ path: join(shots, 'not-found-fr.png') });
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, describe(violations));
  await page.close();
});

test('registry search and LMO pages: usable by keyboard, screenshots, no serious axe violations', async () => {
  const page = await context.newPage();
  for (const lang of languages) {
    await page.goto(`${portal.base}/${lang}/registry`);
    await page.fill('#registry-q', 'maiz');
    await page.press('#registry-q', 'Enter');
    await page.waitForURL(/registry\?q=maiz/);
    assert.ok((await page.locator('.lmo-card').count()) > 0);
    await page.screenshot({ path: join(shots, `registry-search-${lang}.png`), fullPage: false });
    let violations = await axeViolations(page);
    assert.equal(violations.length, 0, `${lang} search:\n${describe(violations)}`);
    await page.click('.lmo-card h3 a >> nth=0');
    await page.waitForSelector('.lmo-detail h1');
    await page.screenshot({ path: join(shots, `registry-lmo-${lang}.png`), fullPage: true });
    violations = await axeViolations(page);
    assert.equal(violations.length, 0, `${lang} LMO page:\n${describe(violations)}`);
  }
  await page.close();
});

test('registry reference pages have no serious axe violations', async () => {
  const page = await context.newPage();
  for (const path of ['/en/countries', '/fr/countries/DE', '/es/laboratories', '/en/methods?scope=event', '/fr/standards']) {
    await page.goto(portal.base + path);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `${path}:\n${describe(violations)}`);
  }
  await page.screenshot({ path: join(shots, 'standards-fr.png'), fullPage: false });
  await page.close();
});

test('border check: the form is usable and accessible, the report prints', async () => {
  const page = await context.newPage();
  await page.goto(`${portal.base}/en/check`);
  let violations = await axeViolations(page);
  assert.equal(violations.length, 0, `form:\n${describe(violations)}`);
  await page.fill('#importing_country', 'DE');
  await page.check('input[name="declared_use"][value="food_feed_processing"]');
  await page.fill('#document_text', 'May contain living modified organisms intended for direct use as food or feed, or for processing, not intended for intentional introduction into the environment.');
  await page.fill('#may_contain', 'MON-04032-6');
  await page.fill('#contact_name', 'Import desk');
  await page.fill('#contact_address', 'Hamburg port');
  await page.fill('#check_date', '2024-05-01');
  await page.click('button[type="submit"]');
  await page.waitForSelector('.check-report');
  assert.match(await page.textContent('.outcome'), /release/i);
  await page.screenshot({ path: join(shots, 'check-report-en.png'), fullPage: true });
  violations = await axeViolations(page);
  assert.equal(violations.length, 0, `report:\n${describe(violations)}`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.main-nav'), false);
  await page.close();
});

test('laboratory tools: forms are accessible, results carry server-drawn charts, print without navigation', async () => {
  const page = await context.newPage();
  await page.goto(`${portal.base}/en/lab`);
  let violations = await axeViolations(page);
  assert.equal(violations.length, 0, `lab index:\n${describe(violations)}`);
  // Evaluate the ISTA plan (2 pools of 150 seeds, accept none) through the form.
  await page.goto(`${portal.base}/en/lab/sampling`);
  await page.check('input[name="type"][value="pooled"]');
  await page.fill('#pools', '2');
  await page.fill('#pool_size', '150');
  await page.fill('#acceptance_number', '0');
  await page.fill('#aql_percent', '0.1');
  await page.fill('#lql_percent', '1');
  await page.click('#evaluate-heading + form button[type="submit"]');
  await page.waitForSelector('#evaluate-result');
  assert.match(await page.textContent('#evaluate-result'), /β = 4\.9\d* %/);
  assert.equal(await page.locator('figure.chart svg[role="img"]').count(), 1);
  violations = await axeViolations(page);
  assert.equal(violations.length, 0, `sampling result:\n${describe(violations)}`);
  await page.screenshot({ path: join(shots, 'lab-sampling-en.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.main-nav'), false);
  assert.equal(await page.isVisible('figure.chart svg'), true);
  await page.emulateMedia({ media: 'screen' });
  // Screening: a P-35S positive with the registry's matrix, overlay for the EU, in French.
  await page.goto(`${portal.base}/fr/lab/matrix`);
  await page.check('input[name="result_QT-ELE-00-004"][value="positive"]');
  await page.check('input[name="result_QT-ELE-00-002"][value="negative"]');
  await page.fill('#country', 'EU');
  await page.click('#interpret-heading + form button[type="submit"]');
  await page.waitForSelector('#interpret-result');
  assert.ok(await page.locator('#interpret-result td.authorisation').count() > 0);
  violations = await axeViolations(page);
  assert.equal(violations.length, 0, `matrix result:\n${describe(violations)}`);
  for (const path of ['/es/lab/estimate?tool=pooled&pool_size=100&pools=10&positive_pools=2',
    '/fr/lab/quantify?tool=qpcr&curve=100000+20.1%0A10000+23.45%0A1000+26.8&event_cq=30.9&reference_cq=22.1']) {
    await page.goto(portal.base + path);
    violations = await axeViolations(page);
    assert.equal(violations.length, 0, `${path}:\n${describe(violations)}`);
  }
  await page.close();
});
