// The laboratory tools through their HTML pages and the command line: each form answers with
// the service's numbers (published oracles of domain.md §7), server-drawn SVG charts, the
// reader's decimal notation, 422 with the field named for bad input, printer-friendly views;
// the CLI subcommands print JSON and exit 2 on bad input; the border check proposes a
// sampling plan and a screening panel when a consignment is to be sampled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, repoRoot, startPortal } from '../support/portal_server.mjs';

const work = mkdtempSync(join(tmpdir(), 'lmo-lab-'));
let portal;
before(async () => { portal = await startPortal({ args: ['--access-log', 'off'] }); });
after(async () => { await portal.stop(); rmSync(work, { recursive: true, force: true }); });

async function page(path, init) {
  const response = await fetch(portal.base + path, init);
  return { status: response.status, html: await response.text() };
}
const text = (html) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
function post(fields) {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}
function cli(args, input) {
  return spawnSync(binary, args, { encoding: 'utf8', input, timeout: 30000 });
}

test('the lab index links the four tools and is marked in the navigation', async () => {
  const { status, html } = await page('/en/lab');
  assert.equal(status, 200);
  for (const tool of ['sampling', 'estimate', 'matrix', 'quantify']) assert.match(html, new RegExp(`href="/en/lab/${tool}"`));
  assert.match(html, /<a href="\/en\/lab" aria-current="page">/);
});

test('sampling: the ISTA plan of 2 pools of 150 seeds, its risks and its OC chart', async () => {
  const { status, html } = await page('/en/lab/sampling?tool=evaluate&type=pooled&pools=2&pool_size=150&acceptance_number=0&aql_percent=0.1&lql_percent=1');
  assert.equal(status, 200);
  const t = text(html);
  assert.match(t, /Seeds in the sample 300/);
  assert.match(t, /β = 4\.9 %/);        // (1 − 0.01)^300 = 0.0490
  assert.match(t, /α = 25\.9 %/);       // 1 − (1 − 0.001)^300 = 0.2593
  assert.match(html, /<svg[^>]*role="img"[^>]*aria-labelledby="oc-chart-title oc-chart-desc"/);
  assert.match(html, /AQL 0\.1 %/);
  assert.doesNotMatch(html, /NaN|Infinity/);
  const printable = await page('/en/lab/sampling?tool=evaluate&type=pooled&pools=2&pool_size=150&acceptance_number=0&lql_percent=1&print=1');
  assert.equal(printable.status, 200);
  assert.doesNotMatch(printable.html, /class="main-nav"/);
  assert.match(printable.html, /<svg/);
});

test('sampling: the plan search finds 2 × 150 for "accept 0, LQL 1 %, β 5 %" (French notation)', async () => {
  const { status, html } = await page('/fr/lab/sampling?tool=search&lql_percent=1&max_consumer_risk_percent=5&cost_per_assay=100&cost_per_seed=0,01&max_pool_size=150');
  assert.equal(status, 200);
  const first = text(html.match(/<tbody><tr>.*?<\/tr>/s)[0]);
  assert.match(first, /2 × 150/);
  assert.match(first, /4,9 %/);  // text() turns the narrow no-break space into a space
});

test('sampling: seeds to detect 0.1 % with 95 % confidence, and the maize sample mass', async () => {
  const { html } = await page('/es/lab/sampling?tool=seeds&proportion_percent=0,1&confidence_percent=95&crop=zea-mays');
  assert.match(text(html), /2995 semillas|2995 seeds|2995/);
  assert.match(html, /<option value="zea-mays" selected>/);
});

test('sampling: bad input is a 422 page naming the field, values kept', async () => {
  const { status, html } = await page('/en/lab/sampling?tool=evaluate&type=pooled&pools=0&pool_size=150');
  assert.equal(status, 422);
  assert.match(html, /role="alert"[^]*<code>pools<\/code>/);
  assert.match(html, /id="pool_size" name="pool_size" inputmode="numeric" value="150"/);
  const text_in_number = await page('/en/lab/sampling?tool=evaluate&type=individual&seeds=many');
  assert.equal(text_in_number.status, 422);
  assert.match(text_in_number.html, /<code>seeds<\/code>/);
});

test('estimation: MLE and exact interval, and "all pools positive" reported without a number', async () => {
  let { status, html } = await page('/en/lab/estimate?tool=pooled&pool_size=100&pools=10&positive_pools=2');
  assert.equal(status, 200);
  assert.match(text(html), /Estimated share of GM seeds: 0\.223 % \(0\.0255 % – 0\.809 %\)/);
  ({ html } = await page('/en/lab/estimate?tool=pooled&pool_size=100&pools=10&positive_pools=10'));
  assert.match(text(html), /Every pool was positive/);
  assert.doesNotMatch(text(html), /Estimated share of GM seeds/);
  ({ status, html } = await page('/en/lab/estimate?tool=pooled&pool_size=100&pools=10&positive_pools=11'));
  assert.equal(status, 422);
  assert.match(html, /<code>positive_pools<\/code>/);
});

test('screening matrix: a P-35S positive and a pat negative, with the EU overlay', async () => {
  const { status, html } = await page('/en/lab/matrix', post({
    tool: 'interpret', 'result_QT-ELE-00-004': 'positive', 'result_QT-ELE-00-002': 'negative', country: 'EU', use: 'food',
  }));
  assert.equal(status, 200);
  const result = html.slice(html.indexOf('id="interpret-result"'));
  assert.match(result, /Candidate events/);
  assert.match(result, /<td class="authorisation authorisation--approved">approved<\/td>/);
  assert.match(result, /<td class="authorisation authorisation--not-approved">not approved<\/td>/);
  assert.doesNotMatch(result, />T25</);  // T25 carries pat: excluded by the negative
  assert.match(result, /Excluded events/);
  const bad = await page('/en/lab/matrix', post({ tool: 'interpret', other_results: 'P-99Z: positive' }));
  assert.equal(bad.status, 422);
  assert.match(bad.html, /<code>results[^<]*<\/code>/);
  const contradictory = await page('/en/lab/matrix', post({ tool: 'interpret', matrix_csv: 'method,E1,E2\nm1,1,0\nm2,0,1\n', other_results: 'm1: positive\nm1: negative' }));
  assert.equal(contradictory.status, 422);
});

test('screening matrix: panel design with its coverage chart, and a lab CSV matrix', async () => {
  let { status, html } = await page('/fr/lab/matrix', post({ tool: 'panel', coverage: '50', max_methods: '3' }));
  assert.equal(status, 200);
  assert.match(html, /<svg[^>]*aria-labelledby="coverage-chart-title coverage-chart-desc"/);
  ({ status, html } = await page('/en/lab/matrix', post({ tool: 'panel', matrix_csv: 'method,E1,E2,E3\nm1,1,1,0\nm2,0,0,1\nm3,1,0,1\n', coverage: '100', max_methods: '2' })));
  assert.equal(status, 200);
  assert.match(text(html), /Panel: 100 % · Cost 2 .* m1 .* m3 /);  // m1 + m3 is the only pair covering E1–E3
  ({ status, html } = await page('/en/lab/matrix', post({ tool: 'panel', matrix_csv: 'method,E1\nm1,2\n' })));
  assert.equal(status, 422);
  assert.match(html, /<code>matrix_csv<\/code>/);
});

test('quantification: digital PCR oracle in Spanish notation, decision, qPCR curve chart', async () => {
  let { html } = await page('/es/lab/quantify?tool=dpcr&positive=8000&partitions=20000&partition_volume_nl=1');
  assert.match(text(html), /0,5108/);
  assert.match(text(html), /510,8/);
  ({ html } = await page('/en/lab/quantify?tool=decide&value=1.1&rsd_precision=10&rsd_bias=5&threshold=eu-labelling'));
  assert.match(html, /outcome--inconclusive/);
  ({ html } = await page('/en/lab/quantify?tool=decide&value=2&rsd_precision=10&rsd_bias=5&threshold=eu-labelling'));
  assert.match(html, /outcome--non_compliant/);
  ({ html } = await page('/en/lab/quantify?tool=qpcr&curve=100000+20.1%0A10000+23.42%0A1000+26.74%0A100+30.06&event_cq=28.4&reference_cq=21.76'));
  assert.match(html, /<svg[^>]*aria-labelledby="curve-chart-title curve-chart-desc"/);
  assert.match(text(html), /GM content \(%\) 1\b|GM content \(%\) 1\.0/);
});

test('CLI: plan, estimate, matrix and quantify print JSON; bad input exits 2 naming the field', () => {
  let r = cli(['plan', 'seeds', '--proportion', '0.001', '--confidence', '0.95']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).seeds, 2995);
  r = cli(['plan', 'evaluate', '--pools', '0', '--pool-size', '150']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /pools: /);
  r = cli(['estimate', 'pooled', '--pool-size', '100', '--pools', '10', '--positive', '10']);
  assert.equal(r.status, 0);
  assert.equal(JSON.parse(r.stdout).status, 'above_measurable_range');
  assert.equal(JSON.parse(r.stdout).estimate, null);
  r = cli(['matrix', 'interpret', '--positive', 'QT-ELE-00-004', '--negative', 'QT-ELE-00-004']);
  assert.equal(r.status, 2);
  r = cli(['quantify', 'dpcr', '--request', '-'], JSON.stringify({ target: { positive: 8000, partitions: 20000, partition_volume_nl: 1 } }));
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Math.abs(JSON.parse(r.stdout).target.copies_per_ul.estimate - 510.8) < 0.1);
});

test('the border check proposes a sampling plan and a screening panel when it samples', async () => {
  const c = JSON.parse(readFileSync(join(repoRoot, 'tests', 'declarations', '25-seed-hs-code-declared-as-grain.json'), 'utf8'));
  const response = await fetch(`${portal.base}/api/v1/checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c.declaration) });
  const report = await response.json();
  assert.equal(report.outcome, 'sample_and_test');
  const lab = report.next_steps.laboratory_work;
  assert.equal(lab.sampling_plan.type, 'pooled');
  assert.ok(lab.sampling_plan.pool_size <= lab.basis.max_pool_size);
  assert.ok(lab.sampling_plan.consumer_risk <= 0.05);
  assert.ok(lab.sampling_plan.pools * lab.sampling_plan.pool_size >= 2995);
  assert.ok(lab.screening_panel.methods.length >= 1);
  const file = join(work, 'decl.json');
  writeFileSync(file, JSON.stringify(c.declaration));
  const r = cli(['check', '--format', 'text', '--data', join(work, 'var'), file]);
  assert.equal(r.status, 20);
  assert.match(r.stdout, /suggested sampling plan: \d+ pools of \d+ seeds/);
  // Released consignments get no laboratory work.
  const release = JSON.parse(readFileSync(join(repoRoot, 'tests', 'declarations', '01-ffp-soy-may-contain-release.json'), 'utf8'));
  const released = await (await fetch(`${portal.base}/api/v1/checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(release.declaration) })).json();
  assert.equal(released.next_steps.laboratory_work, null);
});

test('the authorisation overlay refuses an unknown country, on the page and in the API', async () => {
  const pageAnswer = await page('/en/lab/matrix', post({ tool: 'interpret', 'result_QT-ELE-00-004': 'positive', country: 'XX' }));
  assert.equal(pageAnswer.status, 422);
  assert.match(pageAnswer.html, /<code>country<\/code>/);
  const response = await fetch(`${portal.base}/api/v1/lab/matrix/interpret`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ results: { 'QT-ELE-00-004': 'positive' }, country: 'XX' }),
  });
  assert.equal(response.status, 400);
  assert.equal((await response.json()).error.field, 'country');
});
