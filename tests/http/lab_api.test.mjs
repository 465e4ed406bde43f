// Laboratory tools over the JSON API (issue 5): sampling plans, estimation from pooled results,
// the screening matrix and quantification/compliance. Every 200 body is validated against the
// response schema of the served OpenAPI document; numbers are checked against the published
// oracles of domain.md §7 and against independent computations written here; bad input gets
// 400/415 naming the field; no body ever holds NaN or Infinity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startPortal, assertSecurityHeaders } from '../support/portal_server.mjs';

const LAB = '/api/v1/lab';
const SPEC_ID = 'https://lmo-portal.test/openapi.json';
const labPaths = {
  post: ['/sampling/evaluate', '/sampling/search', '/sampling/seeds', '/estimates/pooled', '/estimates/stacked',
    '/matrix/interpret', '/matrix/panel', '/quantify/qpcr', '/quantify/dpcr', '/quantify/decide'],
  get: ['/crops', '/matrix', '/thresholds'],
};

let portal;
let spec;
let ajv;
let registryMatrix;

before(async () => {
  portal = await startPortal({ args: ['--access-log', 'off'] });
  spec = await (await fetch(portal.base + '/api/v1/openapi.json')).json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
});
after(async () => { await portal.stop(); });

// ---------------------------------------------------------------- helpers

const pointer = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function validatorFor(path, method, status) {
  const response = spec.paths[path]?.[method]?.responses?.[status];
  assert.ok(response, `${method.toUpperCase()} ${path} documents ${status}`);
  assert.ok(response.content?.['application/json']?.schema, `${method.toUpperCase()} ${path} ${status} has a JSON schema`);
  const validate = ajv.getSchema(`${SPEC_ID}#/paths/${pointer(path)}/${method}/responses/${status}/content/application~1json/schema`);
  assert.ok(validate, `schema of ${method.toUpperCase()} ${path} ${status} compiles`);
  return validate;
}

function assertMatchesSchema(path, method, status, body) {
  const validate = validatorFor(path, method, status);
  assert.ok(validate(body), `${method.toUpperCase()} ${path} ${status} body matches its schema: ${JSON.stringify(validate.errors, null, 1)}`);
}

// Sends a request; checks what every lab answer must satisfy (JSON, security headers, no NaN or
// Infinity, the schema documented for its status) and returns {status, body}.
async function call(method, path, { body, type = 'application/json' } = {}) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (type) init.headers['Content-Type'] = type;
  }
  const response = await fetch(portal.base + LAB + path, init);
  const text = await response.text();
  assert.equal(response.headers.get('content-type'), 'application/json', `${path}: JSON answer`);
  assertSecurityHeaders(assert, response.headers);
  assert.doesNotMatch(text, /NaN|Infinity/, `${path}: no NaN or Infinity in ${text.slice(0, 300)}`);
  const parsed = JSON.parse(text);
  assertMatchesSchema(LAB + path.split('?')[0], method.toLowerCase(), String(response.status), parsed);
  return { status: response.status, body: parsed };
}

async function ok(path, body) {
  const r = body === undefined ? await call('GET', path) : await call('POST', path, { body });
  assert.equal(r.status, 200, `${path} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`);
  return r.body;
}

async function bad(path, body, field, { status = 400, code, type } = {}) {
  const r = await call('POST', path, { body, type });
  const shown = `${path} ${typeof body === 'string' ? body : JSON.stringify(body)}`;
  assert.equal(r.status, status, `${shown} → ${JSON.stringify(r.body)}`);
  assert.deepEqual(Object.keys(r.body), ['error'], shown);
  assert.equal(r.body.error.field, field, `${shown}: ${r.body.error.message}`);
  assert.ok(r.body.error.message.length > 0, shown);
  if (code) assert.equal(r.body.error.code, code, shown);
  return r.body.error;
}

const near = (actual, expected, tolerance, message) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message}: ${actual} is not within ${tolerance} of ${expected}`);
const rel = (actual, expected, relative, message) => near(actual, expected, Math.abs(expected) * relative, message);

// Independent statistics for the cross-checks.
function binomPmf(k, n, q) {
  if (q <= 0) return k === 0 ? 1 : 0;
  if (q >= 1) return k === n ? 1 : 0;
  let logC = 0;
  for (let i = 1; i <= k; i += 1) logC += Math.log(n - k + i) - Math.log(i);
  return Math.exp(logC + k * Math.log(q) + (n - k) * Math.log1p(-q));
}
function binomCdf(x, n, q) {  // terms built one from the other, in logs (n up to 10^5)
  if (q <= 0) return 1;
  if (q >= 1) return x >= n ? 1 : 0;
  const step = Math.log(q) - Math.log1p(-q);
  let logTerm = n * Math.log1p(-q);
  let sum = Math.exp(logTerm);
  for (let k = 0; k < Math.min(x, n); k += 1) {
    logTerm += Math.log(n - k) - Math.log(k + 1) + step;
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}
function bisect(f, lo, hi) {  // f increasing on [lo, hi]; the root
  for (let i = 0; i < 100; i += 1) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}
// Clopper–Pearson bounds on a binomial share x/m.
const cpLower = (x, m, a) => (x === 0 ? 0 : bisect((q) => (1 - binomCdf(x - 1, m, q)) - a, 0, 1));
const cpUpper = (x, m, a) => (x === m ? 1 : bisect((q) => a - binomCdf(x, m, q), 0, 1));
const poolToSeed = (q, n) => -Math.expm1(Math.log1p(-q) / n);  // p = 1 − (1 − q)^(1/n)
const poolPositive = (p, n) => -Math.expm1(n * Math.log1p(-p)); // q = 1 − (1 − p)^n

// ---------------------------------------------------------------- the document

test('every lab route is documented with its error responses, tagged lab', () => {
  assert.ok(spec.tags.some((t) => t.name === 'lab'), 'tag lab declared');
  const errorRef = { $ref: '#/components/schemas/Error' };
  for (const method of ['post', 'get']) {
    for (const path of labPaths[method]) {
      const operation = spec.paths[LAB + path]?.[method];
      assert.ok(operation, `${method.toUpperCase()} ${LAB}${path} documented`);
      assert.ok(operation.operationId, `${LAB}${path} has an operationId`);
      assert.deepEqual(operation.tags, ['lab'], `${LAB}${path} tagged lab`);
      assert.ok(operation.responses['200'].content['application/json'].schema, `${LAB}${path} 200 schema`);
      const statuses = method === 'post' ? ['400', '413', '415'] : ['400'];
      for (const status of statuses) {
        assert.deepEqual(operation.responses[status]?.content?.['application/json']?.schema, errorRef, `${LAB}${path} ${status}`);
      }
      if (method === 'post') {
        assert.equal(operation.requestBody.required, true);
        assert.ok(operation.requestBody.content['application/json'].schema, `${LAB}${path} request schema`);
      }
    }
  }
  const documented = Object.keys(spec.paths).filter((p) => p.startsWith(LAB + '/')).sort();
  assert.deepEqual(documented, [...labPaths.post, ...labPaths.get].map((p) => LAB + p).sort(), 'no stray lab paths');
  assert.ok(!JSON.stringify(spec).includes('#/components/responses/'), 'every $ref resolves in this document');
});

// ---------------------------------------------------------------- sampling

test('seeds to detect 0.1 % with 95 % confidence: 2995 (oracle), and the sample mass from the crop table', async () => {
  const body = await ok('/sampling/seeds', { proportion: 0.001, confidence: 0.95 });
  assert.equal(body.seeds, 2995);
  assert.equal(body.pool_size, 1);
  assert.equal(body.acceptance_number, 0);
  assert.deepEqual(body.plan, { type: 'individual', seeds: 2995, acceptance_number: 0, false_positive_rate: 0, false_negative_rate: 0 });
  near(body.acceptance_probability, 0.999 ** 2995, 1e-12, 'Pacc at 0.1 %');
  assert.ok(body.acceptance_probability <= 0.05 && 0.999 ** 2994 > 0.05, '2995 is the fewest seeds');
  assert.equal(body.mass, null);
  assert.equal(body.sample, null);

  const { crops } = await ok('/crops');
  const maize = crops.find((c) => c.id === 'zea-mays');
  assert.ok(maize, 'maize in the crop table');
  const withCrop = await ok('/sampling/seeds', { proportion: 0.001, crop: 'zea-mays', sample_mass_g: 500 });
  assert.equal(withCrop.seeds, 2995);
  assert.equal(withCrop.mass.basis, 'crop_typical');
  assert.equal(withCrop.mass.crop.id, 'zea-mays');
  const tkw = maize.thousand_kernel_weight_g;
  near(withCrop.mass.grams, (2995 * tkw.typical) / 1000, 1e-6, 'grams at the typical weight');
  near(withCrop.mass.grams_min, (2995 * tkw.min) / 1000, 1e-6, 'grams at the lightest seeds');
  near(withCrop.mass.grams_max, (2995 * tkw.max) / 1000, 1e-6, 'grams at the heaviest seeds');
  assert.equal(withCrop.sample.seeds, Math.floor((500 * 1000) / tkw.typical));
  assert.equal(withCrop.sample.sufficient, withCrop.sample.seeds >= 2995);

  const given = await ok('/sampling/seeds', { proportion: 0.001, thousand_kernel_weight_g: 300, sample_mass_g: 1000 });
  assert.equal(given.mass.basis, 'given');
  near(given.mass.grams, 898.5, 1e-9, 'grams at 300 g per 1000');
  assert.deepEqual(given.sample, { grams: 1000, seeds: 3333, sufficient: true });

  // Pooled analogue: the fewest pools of 100 with c = 0 meeting the confidence.
  const pooled = await ok('/sampling/seeds', { proportion: 0.001, confidence: 0.95, pool_size: 100 });
  assert.equal(pooled.pools, Math.ceil(Math.log(0.05) / (100 * Math.log1p(-0.001))));
  assert.equal(pooled.seeds, pooled.pools * 100);
  assert.ok(pooled.acceptance_probability <= 0.05);
});

test('c = 0 individual plans N = 10/20/100: Pacc at 1 % ≈ 90.4/81.8/36.6 % and at 5 % ≈ 60/36/0.6 % (published table)', async () => {
  const published = { 10: [0.90, 0.60], 20: [0.82, 0.36], 100: [0.37, 0.006] };
  for (const seeds of [10, 20, 100]) {
    const body = await ok('/sampling/evaluate', { type: 'individual', seeds, acceptance_number: 0, aql: 0.001, lql: 0.01, points: 60 });
    assert.equal(body.seeds_total, seeds);
    assert.equal(body.assays_max, seeds);
    near(body.lql.acceptance_probability, 0.99 ** seeds, 1e-12, `Pacc(1 %) for N = ${seeds}`);
    near(body.lql.acceptance_probability, published[seeds][0], 0.011, `published Pacc(1 %) for N = ${seeds}`);
    assert.equal(body.lql.consumer_risk, body.lql.acceptance_probability);
    near(body.aql.producer_risk, 1 - 0.999 ** seeds, 1e-12, `α at 0.1 % for N = ${seeds}`);
    const oc = body.operating_characteristic;
    assert.ok(oc.length >= 60);
    assert.deepEqual(oc[0], { p: 0, acceptance_probability: 1 });
    for (let i = 1; i < oc.length; i += 1) {
      assert.ok(oc[i].p > oc[i - 1].p, 'OC sorted by p');
      assert.ok(oc[i].acceptance_probability <= oc[i - 1].acceptance_probability, 'Pacc decreasing in p');
      near(oc[i].acceptance_probability, (1 - oc[i].p) ** seeds, 1e-12, `OC point p = ${oc[i].p}`);
    }
    assert.ok(oc.some((pt) => pt.p === 0.01) && oc.some((pt) => pt.p === 0.001), 'AQL and LQL on the curve');
    near(oc[oc.length - 1].p, 0.03, 1e-12, 'curve runs to 3 × LQL');
    const at5 = await ok('/sampling/evaluate', { type: 'individual', seeds, lql: 0.05, points: 10 });
    near(at5.lql.acceptance_probability, published[seeds][1], 0.011, `published Pacc(5 %) for N = ${seeds}`);
  }
  // With an acceptance number: the binomial sum, and Pacc increasing in c.
  const c2 = await ok('/sampling/evaluate', { type: 'individual', seeds: 100, acceptance_number: 2, lql: 0.01, points: 10 });
  near(c2.lql.acceptance_probability, binomCdf(2, 100, 0.01), 1e-12, 'Pacc with c = 2');
  assert.ok(c2.lql.acceptance_probability > 0.99 ** 100);
});

test('pooled plan 2 × 150 seeds, c = 0: consumer risk at LQL 1 % below 5 % (ISTA oracle); assay errors; double stage', async () => {
  const body = await ok('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 150, acceptance_number: 0, lql: 0.01, max_pool_size: 150 });
  assert.equal(body.seeds_total, 300);
  assert.equal(body.assays_max, 2);
  assert.equal(body.aql, null);
  assert.ok(body.lql.consumer_risk < 0.05, `β = ${body.lql.consumer_risk}`);
  near(body.lql.consumer_risk, 0.99 ** 300, 1e-12, 'β = (1 − p)^(mn)');
  near(body.lql.expected_assays, 2, 0, 'single stage: every pool assayed');

  const fpr = 0.02;
  const fnr = 0.05;
  const errors = await ok('/sampling/evaluate', { type: 'pooled', pools: 10, pool_size: 50, acceptance_number: 1, aql: 0.0005, lql: 0.01, false_positive_rate: fpr, false_negative_rate: fnr });
  for (const [marker, p] of [['aql', 0.0005], ['lql', 0.01]]) {
    const q = poolPositive(p, 50);
    const qObs = (1 - fnr) * q + fpr * (1 - q);
    near(errors[marker].acceptance_probability, binomCdf(1, 10, qObs), 1e-12, `Pacc with assay errors at ${marker}`);
  }
  near(errors.aql.producer_risk, 1 - errors.aql.acceptance_probability, 1e-15, 'α = 1 − Pacc(AQL)');

  const plan = { type: 'double_stage', pool_size: 100, pools: 4, acceptance_number: 0, rejection_number: 2, second_pools: 4, second_acceptance_number: 1 };
  const ds = await ok('/sampling/evaluate', { ...plan, aql: 0.001, lql: 0.01 });
  assert.deepEqual(ds.plan, { ...plan, false_positive_rate: 0, false_negative_rate: 0 });
  assert.equal(ds.seeds_total, 800);
  assert.equal(ds.assays_max, 8);
  for (const [marker, p] of [['aql', 0.001], ['lql', 0.01]]) {
    const q = poolPositive(p, 100);
    // accept if X1 ≤ c1; second stage when c1 < X1 < r1, accept if X1 + X2 ≤ c2
    const pacc = binomCdf(0, 4, q) + binomPmf(1, 4, q) * binomCdf(0, 4, q);
    const expectedAssays = 4 + 4 * binomPmf(1, 4, q);
    near(ds[marker].acceptance_probability, pacc, 1e-12, `double-stage Pacc at ${marker}`);
    near(ds[marker].expected_assays, expectedAssays, 1e-9, `double-stage expected assays at ${marker}`);
  }
});

test('plan search: 2 pools of 150 seeds is the cheapest plan (ISTA oracle), and no cheaper plan exists', async () => {
  const criteria = { max_pool_size: 150, cost_per_assay: 100, cost_per_seed: 0.01, lql: 0.01, max_consumer_risk: 0.05 };
  const body = await ok('/sampling/search', { ...criteria, limit: 5 });
  assert.equal(body.status, 'found');
  assert.deepEqual(body.plans[0].plan, { type: 'pooled', pools: 2, pool_size: 150, acceptance_number: 0, false_positive_rate: 0, false_negative_rate: 0 });
  assert.equal(body.plans[0].rank, 1);
  near(body.plans[0].cost, 2 * 100 + 300 * 0.01, 1e-9, 'cost = assays × 100 + seeds × 0.01');
  assert.equal(body.plans[0].producer_risk, null);
  assert.equal(body.criteria.max_pool_size, 150);
  assert.ok(body.plans.length >= 2 && body.plans.length <= 5);
  body.plans.forEach((candidate, i) => {
    assert.equal(candidate.rank, i + 1);
    assert.ok(candidate.consumer_risk <= 0.05, `plan ${i + 1} meets β`);
    assert.ok(candidate.plan.pool_size <= 150, `plan ${i + 1} respects the largest pool`);
    if (i > 0) assert.ok(candidate.cost >= body.plans[i - 1].cost, 'cheapest first');
    const { pools, pool_size: n, acceptance_number: c } = candidate.plan;
    near(candidate.consumer_risk, binomCdf(c, pools, poolPositive(0.01, n)), 1e-12, `β of plan ${i + 1}`);
    near(candidate.cost, pools * 100 + pools * n * 0.01, 1e-9, `cost of plan ${i + 1}`);
  });
  // Brute force over single-stage plans with up to 5 pools.
  let best = Infinity;
  for (let m = 1; m <= 5; m += 1) {
    for (let c = 0; c < m; c += 1) {
      for (let n = 1; n <= 150; n += 1) {
        if (binomCdf(c, m, poolPositive(0.01, n)) <= 0.05) best = Math.min(best, m * 100 + m * n * 0.01);
      }
    }
  }
  near(body.plans[0].cost, best, 1e-9, 'no cheaper plan meets β');

  const byLod = await ok('/sampling/search', { lql: 0.01, lod: 0.01, limit: 1 });
  assert.equal(byLod.criteria.max_pool_size, 100, 'largest pool = 1 / lod');
  assert.ok(byLod.plans[0].plan.pool_size <= 100);

  const none = await ok('/sampling/search', { ...criteria, max_seeds: 10 });
  assert.equal(none.status, 'none_found');
  assert.deepEqual(none.plans, []);

  const withAql = await ok('/sampling/search', { lql: 0.01, aql: 0.001, max_producer_risk: 0.1, max_pool_size: 150, include_double_stage: true, limit: 3 });
  assert.equal(withAql.status, 'found');
  for (const candidate of withAql.plans) {
    assert.ok(candidate.producer_risk <= 0.1 && candidate.consumer_risk <= 0.05, `${JSON.stringify(candidate.plan)} meets α and β`);
  }
});

test('crops list the thousand-kernel weights with provenance', async () => {
  const body = await ok('/crops');
  assert.equal(body.unit, 'g per 1000 seeds');
  assert.ok(body.crops.length >= 1);
  for (const crop of body.crops) {
    const { min, typical, max } = crop.thousand_kernel_weight_g;
    assert.ok(min > 0 && min <= typical && typical <= max, `${crop.id} weights ordered`);
    assert.ok(crop.retrieved && crop.source, `${crop.id} has provenance`);
  }
  assert.equal(new Set(body.crops.map((c) => c.id)).size, body.crops.length, 'crop ids unique');
});

test('sampling: bad input is a 400 naming the field', async () => {
  await bad('/sampling/seeds', { proportion: 0 }, 'proportion', { code: 'invalid_request' });
  await bad('/sampling/seeds', { proportion: 1 }, 'proportion');
  await bad('/sampling/seeds', { proportion: -0.2 }, 'proportion');
  await bad('/sampling/seeds', { proportion: 0.01, confidence: 1 }, 'confidence');
  await bad('/sampling/seeds', { proportion: 0.01, crop: 'banana' }, 'crop');
  await bad('/sampling/seeds', { proportion: 0.01, sample_mass_g: 100 }, 'sample_mass_g');
  await bad('/sampling/seeds', { proportion: 1e-300 }, 'proportion');
  await bad('/sampling/seeds', { proportion: 0.01, colour: 'red' }, 'colour');
  await bad('/sampling/evaluate', { pools: 2, pool_size: 10 }, 'type');
  await bad('/sampling/evaluate', { type: 'triple', pools: 2 }, 'type');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 0, pool_size: 10 }, 'pools');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 10, acceptance_number: 3 }, 'acceptance_number');
  await bad('/sampling/evaluate', { type: 'individual', seeds: 10, acceptance_number: 11 }, 'acceptance_number');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 200, max_pool_size: 150 }, 'pool_size');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 200, lod: 0.01 }, 'pool_size');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 20, lql: 0 }, 'lql');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 20, lql: 1.5 }, 'lql');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 20, aql: 0.05, lql: 0.01 }, 'aql');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 20, false_positive_rate: 0.6, false_negative_rate: 0.5 }, 'false_negative_rate');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 20, points: 3 }, 'points');
  await bad('/sampling/evaluate', { type: 'pooled', pools: 2, pool_size: 20, seeds: 5 }, 'seeds');
  await bad('/sampling/search', { lql: 0.01 }, 'max_pool_size');
  await bad('/sampling/search', { lql: 0, max_pool_size: 150 }, 'lql');
  await bad('/sampling/search', { lql: 0.01, max_pool_size: 150, max_pools: 0 }, 'max_pools');
  await bad('/sampling/search', { lql: 0.01, max_pool_size: 150, budget: 10 }, 'budget');
});

// ---------------------------------------------------------------- estimation

test('pooled estimate, one pool size: closed-form MLE and Clopper–Pearson interval (computed here)', async () => {
  const body = await ok('/estimates/pooled', { pool_size: 100, pools: 10, positive_pools: 2 });
  assert.equal(body.method, 'exact_clopper_pearson');
  assert.equal(body.status, 'estimated');
  assert.equal(body.seeds, 1000);
  near(body.estimate.fraction, poolToSeed(0.2, 100), 1e-15, 'p̂ = 1 − (1 − x/m)^(1/n)');
  near(body.estimate.percent, 100 * body.estimate.fraction, 1e-12, 'percent = 100 × fraction');
  assert.equal(body.interval.kind, 'two_sided');
  rel(body.interval.lower.fraction, poolToSeed(cpLower(2, 10, 0.025), 100), 1e-6, 'CP lower bound');
  rel(body.interval.upper.fraction, poolToSeed(cpUpper(2, 10, 0.025), 100), 1e-6, 'CP upper bound');
  assert.ok(body.interval.lower.fraction <= body.estimate.fraction && body.estimate.fraction <= body.interval.upper.fraction, 'CI contains the MLE');

  const upper = await ok('/estimates/pooled', { pool_size: 100, pools: 10, positive_pools: 0, interval: 'upper', confidence: 0.95 });
  assert.equal(upper.estimate.fraction, 0);
  assert.equal(upper.interval.kind, 'upper');
  assert.equal(upper.interval.lower.fraction, 0);
  rel(upper.interval.upper.fraction, -Math.expm1(Math.log(0.05) / 1000), 1e-9, 'zero positives: 1 − α^(1/(mn))');

  // More pools with the same share of positives never widen the interval.
  const more = await ok('/estimates/pooled', { pool_size: 100, pools: 40, positive_pools: 8 });
  assert.ok(more.interval.upper.fraction - more.interval.lower.fraction < body.interval.upper.fraction - body.interval.lower.fraction);

  // Groups of one pool size are merged and answered exactly.
  const merged = await ok('/estimates/pooled', { groups: [{ pool_size: 100, pools: 4, positive_pools: 1 }, { pool_size: 100, pools: 6, positive_pools: 1 }] });
  assert.equal(merged.method, 'exact_clopper_pearson');
  near(merged.estimate.fraction, body.estimate.fraction, 1e-15, 'merged groups = one group');
});

test('pooled estimate: all pools positive is above the measurable range, with no number for the estimate', async () => {
  const body = await ok('/estimates/pooled', { pool_size: 100, pools: 10, positive_pools: 10 });
  assert.equal(body.status, 'above_measurable_range');
  assert.equal(body.estimate, null);
  rel(body.lower_bound.fraction, poolToSeed(cpLower(10, 10, 0.05), 100), 1e-6, 'one-sided lower bound');
  assert.match(body.explanation, /above the range/);

  const groups = await ok('/estimates/pooled', { groups: [{ pool_size: 100, pools: 10, positive_pools: 10 }, { pool_size: 50, pools: 20, positive_pools: 20 }] });
  assert.equal(groups.status, 'above_measurable_range');
  assert.equal(groups.estimate, null);
  assert.ok(groups.lower_bound.fraction > 0);
});

test('pooled estimate, several pool sizes: the MLE maximises the product likelihood (Hepworth)', async () => {
  const groups = [{ pool_size: 100, pools: 10, positive_pools: 3 }, { pool_size: 50, pools: 20, positive_pools: 2 }];
  const body = await ok('/estimates/pooled', { groups });
  assert.equal(body.method, 'likelihood_ratio');
  assert.equal(body.status, 'estimated');
  assert.equal(body.pools, 30);
  assert.equal(body.positive_pools, 5);
  assert.equal(body.seeds, 2000);
  const logLik = (p) => groups.reduce((sum, g) => sum + g.positive_pools * Math.log(poolPositive(p, g.pool_size))
    + (g.pools - g.positive_pools) * g.pool_size * Math.log1p(-p), 0);
  const p = body.estimate.fraction;
  near(body.log_likelihood, logLik(p), 1e-6, 'reported log-likelihood');
  assert.ok(logLik(p) >= logLik(p * 1.01) && logLik(p) >= logLik(p * 0.99), 'a maximum');
  assert.ok(body.interval.lower.fraction < p && p < body.interval.upper.fraction, 'CI contains the MLE');
  // The likelihood-ratio bounds sit where the log-likelihood has dropped by χ²(1, 0.95)/2.
  for (const bound of [body.interval.lower.fraction, body.interval.upper.fraction]) {
    near(logLik(p) - logLik(bound), 3.841458820694124 / 2, 0.01, 'profile likelihood bound');
  }
});

test('stacked events: multinomial ML shares that add up, and all pools positive reported without numbers', async () => {
  const request = { pool_size: 20, events: ['MON89034', 'NK603'], class_counts: { none: 30, MON89034: 4, NK603: 3, 'MON89034+NK603': 3 }, pools: 40, fpr: 0.01, fnr: 0.02 };
  const body = await ok('/estimates/stacked', request);
  assert.equal(body.method, 'multinomial_em');
  assert.ok(['converged', 'boundary'].includes(body.status), body.status);
  assert.deepEqual(body.events, ['MON89034', 'NK603']);
  assert.deepEqual(body.seed_types.map((s) => s.type), ['non_gm', 'MON89034', 'NK603', 'MON89034+NK603']);
  near(body.seed_types.reduce((s, t) => s + t.estimate.fraction, 0), 1, 1e-9, 'seed-type shares add up to 1');
  for (const carrier of body.event_carriers) {
    const sum = body.seed_types.filter((t) => t.events.includes(carrier.event)).reduce((s, t) => s + t.estimate.fraction, 0);
    near(carrier.estimate.fraction, sum, 1e-12, `${carrier.event} carriers`);
  }
  near(body.gm_seeds.fraction, 1 - body.seed_types[0].estimate.fraction, 1e-12, 'GM seeds = 1 − non-GM');
  for (const cls of body.classes) assert.equal(cls.observed, request.class_counts[cls.class] ?? 0, cls.class);
  near(body.classes.reduce((s, c) => s + c.expected, 0), 40, 1e-6, 'expected counts add up to the pools');
  assert.deepEqual(body.assay, [{ event: 'MON89034', fpr: 0.01, fnr: 0.02 }, { event: 'NK603', fpr: 0.01, fnr: 0.02 }]);
  assert.deepEqual(body.saturated_events, []);

  const saturated = await ok('/estimates/stacked', { pool_size: 20, events: ['A', 'B'], class_counts: { 'A+B': 10 }, pools: 10 });
  assert.equal(saturated.status, 'all_pools_positive');
  assert.deepEqual(saturated.saturated_events, ['A', 'B']);
  assert.equal(saturated.gm_seeds, null);
  assert.ok(saturated.seed_types.every((t) => t.estimate === null));
  assert.ok(saturated.event_carriers.every((c) => c.estimate === null));
  assert.equal(saturated.log_likelihood, null);
});

test('estimation: bad input is a 400 naming the field', async () => {
  await bad('/estimates/pooled', { pool_size: 100, pools: 0, positive_pools: 0 }, 'pools');
  await bad('/estimates/pooled', { pool_size: 100, pools: 5, positive_pools: 6 }, 'positive_pools');
  await bad('/estimates/pooled', { pool_size: 0, pools: 5, positive_pools: 1 }, 'pool_size');
  await bad('/estimates/pooled', { pool_size: 10, pools: 5, positive_pools: 1, confidence: 1.5 }, 'confidence');
  await bad('/estimates/pooled', { pool_size: 10, pools: 5, positive_pools: 1, confidence: 0 }, 'confidence');
  await bad('/estimates/pooled', { pool_size: 10, pools: 5, positive_pools: 1, fpr: 0.5, fnr: 0.5 }, 'fnr');
  await bad('/estimates/pooled', { pool_size: 10, pools: 5, positive_pools: 1, interval: 'sideways' }, 'interval');
  await bad('/estimates/pooled', { groups: [] }, 'groups');
  await bad('/estimates/pooled', { groups: [{ pool_size: 100, pools: 10, positive_pools: 3 }, { pool_size: 50, pools: 0, positive_pools: 0 }] }, 'groups[1].pools');
  await bad('/estimates/pooled', { pool_size: 10, pools: 5, positive_pools: 1, seeds: 50 }, 'seeds');
  await bad('/estimates/stacked', { pool_size: 20, events: ['A', 'A'], class_counts: { none: 3 } }, 'events[1]');
  await bad('/estimates/stacked', { pool_size: 20, events: ['A', 'B'], class_counts: { none: 3, C: 1 } }, 'class_counts.C');
  await bad('/estimates/stacked', { pool_size: 20, events: ['A', 'B'], class_counts: { none: 3, A: -1 } }, 'class_counts.A');
  await bad('/estimates/stacked', { pool_size: 20, events: ['A', 'B'], class_counts: { none: 3, A: 1 }, pools: 5 }, 'class_counts');
  await bad('/estimates/stacked', { pool_size: 20, events: ['A', 'B'], class_counts: { none: 3, A: 1 }, fnr: [0.1] }, 'fnr');
});

// ---------------------------------------------------------------- screening matrix

async function matrix() {
  if (!registryMatrix) registryMatrix = await ok('/matrix');
  return registryMatrix;
}

test('the registry matrix: events and screening methods with what each detects', async () => {
  const body = await matrix();
  assert.equal(body.event_count, body.events.length);
  assert.equal(body.method_count, body.methods.length);
  assert.ok(body.event_count > 10 && body.method_count > 5);
  const eventNames = new Set(body.events.map((e) => e.name));
  assert.equal(eventNames.size, body.events.length, 'event names unique');
  assert.equal(new Set(body.methods.map((m) => m.name)).size, body.methods.length, 'method names unique');
  for (const method of body.methods) {
    for (const event of method.detects) assert.ok(eventNames.has(event), `${method.name} detects a known event ${event}`);
  }
  const p35s = body.methods.find((m) => m.name === 'QT-ELE-00-004');
  assert.ok(p35s, 'the P-35S screening method QT-ELE-00-004');
  assert.equal(p35s.kind, 'element');
  assert.ok(p35s.targets.includes('p-35s'));
  assert.ok(p35s.virus, 'P-35S positives may come from CaMV');
  assert.ok(body.methods.some((m) => m.kind === 'virus_marker'), 'a plant-virus marker');
});

test('interpretation on the registry matrix with an EU overlay: exclusions, candidates and explanations follow from the matrix', async () => {
  const m = await matrix();
  const byName = new Map(m.methods.map((x) => [x.name, x]));
  const p35s = m.methods.find((x) => x.kind === 'element' && x.targets.includes('p-35s'));
  const pat = m.methods.find((x) => x.kind === 'element' && x.targets.includes('cs-pat'));
  const mon810 = m.methods.find((x) => x.kind === 'event' && x.detects.includes('MON-ØØ81Ø-6'));
  assert.ok(p35s && pat && mon810, 'P-35S, pat and MON810 methods in the registry');
  const results = { [p35s.name]: 'positive', [pat.name]: 'negative', [mon810.name]: 'positive' };
  const body = await ok('/matrix/interpret', { results, country: 'EU', max_explanations: 50 });
  assert.deepEqual(body.matrix, { source: 'registry', events: m.event_count, methods: m.method_count });
  assert.deepEqual([...body.positives].sort(), [p35s.name, mon810.name].sort());
  assert.deepEqual(body.negatives, [pat.name]);

  const excluded = new Set(pat.detects);
  assert.deepEqual(body.excluded.map((e) => e.event).sort(), [...excluded].sort(), 'excluded = detected by a negative');
  assert.ok(body.excluded.every((e) => e.by.length === 1 && e.by[0] === pat.name));
  const candidates = m.events.map((e) => e.name).filter((e) => !excluded.has(e));
  assert.deepEqual(body.candidates.map((c) => c.event).sort(), candidates.sort(), 'candidates = the rest');
  for (const candidate of body.candidates) {
    const explains = body.positives.filter((name) => byName.get(name).detects.includes(candidate.event));
    assert.deepEqual([...candidate.explains].sort(), explains.sort(), `${candidate.event} explains`);
  }

  // Minimum explanations: sets of candidates covering every explained positive, all of one size.
  const explained = body.positives.filter((name) => !body.unexplained_positives.some((u) => u.method === name));
  assert.deepEqual(body.unexplained_positives, []);
  assert.equal(body.possible_unauthorised_gmo, false);
  const me = body.minimum_explanations;
  assert.equal(me.status, 'complete');
  assert.equal(me.size, 1, 'MON810 (or a stack with it) explains both positives alone');
  const bothExplained = body.candidates.filter((c) => explained.every((name) => c.explains.includes(name))).map((c) => c.event);
  assert.equal(me.count, bothExplained.length, 'every single event explaining both positives is an explanation');
  assert.deepEqual(me.listed.map((set) => set[0]).sort(), bothExplained.sort());
  assert.ok(bothExplained.includes('MON-ØØ81Ø-6'));
  for (const candidate of body.candidates) assert.equal(candidate.in_every_explanation, me.in_every.includes(candidate.event));

  for (const next of body.next_tests.tests) {
    assert.equal(results[next.method], undefined, `${next.method} is untested`);
    assert.ok(next.information_bits > 0 && next.information_bits <= 1);
  }
  const bits = body.next_tests.tests.map((t) => t.information_bits);
  assert.deepEqual(bits, [...bits].sort((a, b) => b - a), 'next tests ranked by information');

  // The overlay: applied for the EU, each candidate marked, agreeing with the approvals API.
  assert.equal(body.authorisation.status, 'applied');
  assert.equal(body.authorisation.country, 'EU');
  assert.equal(body.authorisation.use, 'food');
  assert.ok(body.candidates.every((c) => ['approved', 'not_approved', 'unknown'].includes(c.authorisation)));
  let compared = 0;
  for (const candidate of body.candidates.filter((c) => c.explains.length)) {
    const url = `${portal.base}/api/v1/approvals?country=EU&use=food&lmo=${encodeURIComponent(candidate.event)}`;
    const response = await fetch(url);
    if (response.status !== 200) continue;
    const approval = await response.json();
    if (['approved', 'approved_with_conditions'].includes(approval.status)) {
      assert.equal(candidate.authorisation, 'approved', `${candidate.event} approved in the EU per /approvals`);
      compared += 1;
    } else if (approval.status === 'not_approved') {
      assert.equal(candidate.authorisation, 'not_approved', `${candidate.event} not approved in the EU per /approvals`);
      compared += 1;
    }
  }
  assert.ok(compared >= 3, `overlay compared with /approvals for ${compared} candidates`);

  const de = await ok('/matrix/interpret', { results: [{ method: p35s.name, result: 'positive' }], country: 'DE', use: 'feed', max_explanations: 0, max_next_tests: 0 });
  assert.equal(de.authorisation.status, 'applied');
  assert.equal(de.authorisation.country, 'DE');
  assert.equal(de.authorisation.use, 'feed');
  assert.ok(de.candidates.every((c) => 'authorisation' in c));
  assert.deepEqual(de.minimum_explanations.listed, []);
  assert.deepEqual(de.next_tests.tests, []);

  const noOverlay = await ok('/matrix/interpret', { results: { [p35s.name]: 'positive' }, max_explanations: 0 });
  assert.equal(noOverlay.authorisation, null);
  assert.ok(noOverlay.candidates.every((c) => !('authorisation' in c)));
});

test('interpretation of a laboratory CSV matrix: exact explanations, next test, unexplained positives and the plant-virus check', async () => {
  const csv = 'method,cost,A,B,C,D\nP-35S,1,1,1,0,0\nT-nos,1,1,0,1,0\nbar,2,0,1,0,1\npat,1,0,0,1,1';
  const body = await ok('/matrix/interpret', { matrix_csv: csv, results: { 'P-35S': 'positive', 'T-nos': 'negative' } });
  assert.deepEqual(body.matrix, { source: 'request', events: 4, methods: 4 });
  assert.deepEqual(body.excluded.map((e) => e.event), ['A', 'C']);
  assert.deepEqual(body.candidates.map((c) => c.event), ['B', 'D']);
  assert.deepEqual(body.minimum_explanations.listed, [['B']]);
  assert.deepEqual(body.minimum_explanations.in_every, ['B']);
  assert.equal(body.minimum_explanations.listed_all, true);
  // bar detects both B and D (no information); pat splits them.
  assert.deepEqual(body.next_tests.tests.map((t) => t.method), ['pat']);
  near(body.next_tests.tests[0].information_bits, 1, 1e-12, 'an even split is one bit');
  assert.equal(body.authorisation, null);

  const virusCsv = 'method,kind,A,B\nP-35S,element,1,0\nCaMV,virus_marker,0,0\nbar,element,1,1';
  const unexplained = await ok('/matrix/interpret', { matrix_csv: virusCsv, results: { 'P-35S': 'positive', bar: 'negative' } });
  assert.deepEqual(unexplained.candidates, []);
  assert.equal(unexplained.possible_unauthorised_gmo, true);
  assert.equal(unexplained.unexplained_positives.length, 1);
  const [flag] = unexplained.unexplained_positives;
  assert.equal(flag.method, 'P-35S');
  assert.equal(flag.assessment, 'check_plant_virus');
  assert.match(flag.virus, /mosaic virus/i);
  assert.deepEqual(flag.virus_markers, [{ method: 'CaMV', result: 'untested' }]);
  const markerPositive = await ok('/matrix/interpret', { matrix_csv: virusCsv, results: { 'P-35S': 'positive', bar: 'negative', CaMV: 'positive' } });
  assert.equal(markerPositive.unexplained_positives[0].assessment, 'plant_virus_marker_positive');
  const noVirus = await ok('/matrix/interpret', { matrix_csv: 'method,A,B\nbar,1,0\npat,1,1', results: { bar: 'positive', pat: 'negative' } });
  assert.equal(noVirus.unexplained_positives[0].assessment, 'possible_unauthorised_gmo');

  // The same result twice in the array form is not a contradiction.
  const repeated = await ok('/matrix/interpret', { matrix_csv: csv, results: [{ method: 'P-35S', result: 'positive' }, { method: 'P-35S', result: 'positive' }] });
  assert.deepEqual(repeated.positives, ['P-35S']);

  // An overlay on a laboratory's own events: their status is unknown.
  const overlay = await ok('/matrix/interpret', { matrix_csv: csv, results: { 'P-35S': 'positive' }, country: 'DE' });
  assert.equal(overlay.authorisation.status, 'applied');
  assert.ok(overlay.candidates.every((c) => c.authorisation === 'unknown'));
});

test('interpretation of a 300-method × 500-event CSV (over 256 KiB) is accepted and exact', async () => {
  const events = Array.from({ length: 500 }, (_, j) => `E${j}`);
  const rows = ['method,' + events.join(',')];
  for (let i = 0; i < 300; i += 1) rows.push(`M${i},` + events.map((_, j) => ((i * 7 + j * 13) % 97 < 3 ? 1 : 0)).join(','));
  const csv = rows.join('\n');
  assert.ok(csv.length > 256 * 1024);
  const detects = (i) => events.filter((_, j) => (i * 7 + j * 13) % 97 < 3);
  const body = await ok('/matrix/interpret', { matrix_csv: csv, results: { M0: 'positive', M1: 'positive', M2: 'negative' } });
  assert.deepEqual(body.matrix, { source: 'request', events: 500, methods: 300 });
  const excluded = new Set(detects(2));
  assert.equal(body.excluded.length, excluded.size);
  assert.equal(body.candidates.length, 500 - excluded.size);
  for (const set of body.minimum_explanations.listed) {
    for (const positive of [0, 1]) {
      if (body.unexplained_positives.some((u) => u.method === `M${positive}`)) continue;
      assert.ok(set.some((e) => detects(positive).includes(e)), `explanation ${set} covers M${positive}`);
    }
  }
});

test('panel design: the cheapest panel with its coverage curve (checked by enumeration)', async () => {
  const csv = 'method,cost,A,B,C,D\nP-35S,1,1,1,0,0\nT-nos,1,1,0,1,0\nbar,2,0,1,0,1\npat,1,0,0,1,1';
  const body = await ok('/matrix/panel', { matrix_csv: csv, coverage: 100, max_methods: 2 });
  assert.equal(body.status, 'optimal');
  assert.equal(body.targets, 4);
  assert.equal(body.required, 4);
  assert.equal(body.panel.cost, 2);
  assert.equal(body.panel.covered, 4);
  assert.deepEqual(body.panel.methods.map((x) => x.method).sort(), ['P-35S', 'pat']);
  assert.deepEqual(body.coverage_curve.map((pt) => [pt.max_methods, pt.covered]), [[1, 2], [2, 4]]);
  assert.ok(body.coverage_curve.every((pt) => pt.exact));
  // Enumeration: the cheapest pair covering all four events.
  const rows = { 'P-35S': [1, ['A', 'B']], 'T-nos': [1, ['A', 'C']], bar: [2, ['B', 'D']], pat: [1, ['C', 'D']] };
  let best = Infinity;
  const names = Object.keys(rows);
  for (let i = 0; i < names.length; i += 1) {
    for (let j = i + 1; j < names.length; j += 1) {
      const covered = new Set([...rows[names[i]][1], ...rows[names[j]][1]]);
      if (covered.size === 4) best = Math.min(best, rows[names[i]][0] + rows[names[j]][0]);
    }
  }
  assert.equal(body.panel.cost, best);

  const infeasible = await ok('/matrix/panel', { matrix_csv: csv, coverage: 100, max_methods: 1 });
  assert.equal(infeasible.status, 'infeasible');
  assert.equal(infeasible.panel, null);
  assert.equal(infeasible.coverage_curve[0].covered, 2);

  // Registry panel: consistent with the matrix.
  const m = await matrix();
  const detects = new Map(m.methods.map((x) => [x.name, new Set(x.detects)]));
  const registry = await ok('/matrix/panel', { coverage: 80, max_methods: 5 });
  assert.equal(registry.targets, m.event_count);
  assert.equal(registry.required, Math.ceil(0.8 * m.event_count));
  assert.equal(registry.coverage_curve.length, 5);
  let previous = 0;
  for (const point of registry.coverage_curve) {
    assert.ok(point.methods.length <= point.max_methods);
    assert.ok(point.covered >= previous, 'coverage curve non-decreasing');
    previous = point.covered;
    const union = new Set(point.methods.flatMap((name) => [...detects.get(name)]));
    assert.equal(union.size, point.covered, `curve point k = ${point.max_methods}`);
    near(point.coverage_percent, (100 * point.covered) / m.event_count, 1e-9, 'coverage percent');
  }
  const undetectable = m.events.map((e) => e.name).filter((e) => !m.methods.some((x) => x.kind !== 'virus_marker' && x.detects.includes(e)));
  assert.deepEqual([...registry.undetectable_targets].sort(), undetectable.sort());
  if (registry.status === 'optimal') assert.ok(registry.panel.covered >= registry.required);
  else assert.ok(registry.coverage_curve.at(-1).covered < registry.required);

  const targeted = await ok('/matrix/panel', { targets: ['MON810', 'NK603', 'GTS 40-3-2'], coverage: 100, max_methods: 2 });
  assert.equal(targeted.status, 'optimal');
  assert.equal(targeted.targets, 3);
  assert.equal(targeted.panel.covered, 3);
  const covered = new Set(targeted.panel.methods.flatMap((x) => [...detects.get(x.method)]));
  for (const uid of ['MON-ØØ81Ø-6', 'MON-ØØ6Ø3-6', 'MON-Ø4Ø32-6']) assert.ok(covered.has(uid), `${uid} covered`);
});

test('screening matrix: bad input is a 400 naming the field', async () => {
  const csv = 'method,A,B\nP-35S,1,0\nbar,0,1';
  await bad('/matrix/interpret', { matrix_csv: '', results: {} }, 'matrix_csv');
  await bad('/matrix/interpret', { matrix_csv: 'method,A,B\n' }, 'matrix_csv');
  await bad('/matrix/interpret', { matrix_csv: 'method,A,B\nP-35S,1,2' }, 'matrix_csv');
  await bad('/matrix/interpret', { matrix_csv: 'method,A,B\nP-35S,1,x' }, 'matrix_csv');
  await bad('/matrix/interpret', { matrix_csv: 'method,A,B\nP-35S,1' }, 'matrix_csv');
  await bad('/matrix/interpret', { matrix_csv: 'method,A,B\nP-35S,1,0\nP-35S,0,1' }, 'matrix_csv');
  await bad('/matrix/interpret', { matrix_csv: 'method,A,A\nP-35S,1,0' }, 'matrix_csv');
  await bad('/matrix/interpret', { matrix_csv: csv, results: [{ method: 'P-35S', result: 'positive' }, { method: 'P-35S', result: 'negative' }] }, 'results.P-35S');
  await bad('/matrix/interpret', { matrix_csv: csv, results: { 'P-35S': 'maybe' } }, 'results.P-35S');
  await bad('/matrix/interpret', { matrix_csv: csv, results: { nos: 'positive' } }, 'results.nos');
  await bad('/matrix/interpret', { results: { 'QT-ELE-00-004': 'positive' }, country: 'de' }, 'country');
  await bad('/matrix/interpret', { results: { 'QT-ELE-00-004': 'positive' }, use: 'feed' }, 'country');
  await bad('/matrix/interpret', { results: { 'QT-ELE-00-004': 'positive' }, country: 'DE', use: 'smuggling' }, 'use');
  await bad('/matrix/interpret', { results: { 'QT-ELE-00-004': 'positive' }, colour: 'red' }, 'colour');
  await bad('/matrix/panel', { targets: ['MON810', 'nope'] }, 'targets[1]');
  await bad('/matrix/panel', { targets: ['MON810', 'MON810'] }, 'targets[1]');
  await bad('/matrix/panel', { methods: ['QT-ELE-00-004', 'QT-ELE-00-004'] }, 'methods[1]');
  await bad('/matrix/panel', { coverage: 0 }, 'coverage');
  await bad('/matrix/panel', { coverage: 101 }, 'coverage');
  await bad('/matrix/panel', { max_methods: 0 }, 'max_methods');
  await bad('/matrix/panel', { max_methods: 21 }, 'max_methods');
  await bad('/matrix/panel', { costs: { 'QT-ELE-00-004': 0 } }, 'costs.QT-ELE-00-004');
  await bad('/matrix/panel', { matrix_csv: 'method,A\nx,1\nx,0', targets: ['A'] }, 'matrix_csv');
  await bad('/matrix/panel', { matrix_csv: 'method,A\nx,1', colour: 1 }, 'colour');
});

// ---------------------------------------------------------------- quantification

test('digital PCR: 8000 of 20000 partitions of 1 nL → λ ≈ 0.51, ≈ 510 copies/µL (oracle), with the exact interval', async () => {
  const body = await ok('/quantify/dpcr', { target: { positive: 8000, partitions: 20000, partition_volume_nl: 1, reaction_volume_ul: 20 } });
  const t = body.target;
  assert.equal(t.status, 'quantified');
  assert.equal(t.fraction_positive, 0.4);
  near(t.copies_per_partition.estimate, -Math.log(0.6), 1e-12, 'λ = −ln(1 − k/n)');
  near(t.copies_per_partition.estimate, 0.51, 0.001, 'λ oracle');
  near(t.copies_per_ul.estimate, 510, 1, 'copies/µL oracle');
  near(t.copies_in_reaction.estimate, 20 * t.copies_per_ul.estimate, 1e-6, 'copies in 20 µL');
  near(t.sample_copies_per_ul.estimate, t.copies_per_ul.estimate, 1e-9, 'dilution factor 1');
  near(t.copies_per_partition.lower, -Math.log1p(-cpLower(8000, 20000, 0.025)), 1e-6, 'CP lower mapped to λ');
  near(t.copies_per_partition.upper, -Math.log1p(-cpUpper(8000, 20000, 0.025)), 1e-6, 'CP upper mapped to λ');
  assert.equal(body.interval_method, 'clopper_pearson');

  const diluted = await ok('/quantify/dpcr', { target: { positive: 8000, partitions: 20000, partition_volume_nl: 1, dilution_factor: 10 } });
  near(diluted.target.sample_copies_per_ul.estimate, 10 * diluted.target.copies_per_ul.estimate, 1e-9, 'sample = reaction × dilution');

  const gm = await ok('/quantify/dpcr', { target: { positive: 200, partitions: 20000, partition_volume_nl: 1 }, reference: { positive: 8000, partitions: 20000, partition_volume_nl: 1 } });
  assert.equal(gm.gm_percent.status, 'quantified');
  near(gm.gm_percent.estimate, (100 * -Math.log1p(-0.01)) / -Math.log(0.6), 1e-9, 'GM % = 100 × λ_event / λ_reference');
  assert.ok(gm.gm_percent.lower < gm.gm_percent.estimate && gm.gm_percent.estimate < gm.gm_percent.upper);
  assert.equal(gm.gm_percent.per_target_confidence, 0.975);

  const saturated = await ok('/quantify/dpcr', { target: { positive: 8000, partitions: 20000, partition_volume_nl: 1 }, reference: { positive: 20000, partitions: 20000, partition_volume_nl: 1 } });
  assert.equal(saturated.reference.status, 'saturated');
  assert.equal(saturated.reference.copies_per_ul.estimate, null);
  assert.equal(saturated.reference.copies_per_ul.upper, null);
  assert.ok(saturated.reference.copies_per_ul.lower > 0);
  assert.equal(saturated.gm_percent.status, 'reference_saturated');
  assert.equal(saturated.gm_percent.estimate, null);

  const none = await ok('/quantify/dpcr', { target: { positive: 0, partitions: 20000, partition_volume_nl: 1 } });
  assert.equal(none.target.status, 'not_detected');
  assert.equal(none.target.copies_per_partition.estimate, 0);
  near(none.target.copies_per_partition.upper, -Math.log(0.025) / 20000, 1e-10, 'zero positives: upper λ = −ln(α/2)/n');
});

test('qPCR: least-squares standard curve, efficiency, copies and GM % (computed here)', async () => {
  const curve = [{ copies: 100000, cq: 20.1 }, { copies: 10000, cq: 23.45 }, { copies: 1000, cq: 26.8 }, { copies: 100, cq: 30.2 }];
  const request = { curve, event_cq: [30.9, 31.1], reference_cq: [22.0, 22.2] };
  const body = await ok('/quantify/qpcr', request);
  const xs = curve.map((c) => Math.log10(c.copies));
  const ys = curve.map((c) => c.cq);
  const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(xs);
  const my = mean(ys);
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssRes = xs.reduce((s, x, i) => s + (ys[i] - intercept - slope * x) ** 2, 0);
  const ssTot = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  const fit = body.event.curve;
  near(fit.slope, slope, 1e-9, 'slope');
  near(fit.intercept, intercept, 1e-9, 'intercept');
  near(fit.r_squared, 1 - ssRes / ssTot, 1e-9, 'R²');
  near(fit.efficiency_percent, 100 * (10 ** (-1 / slope) - 1), 1e-6, 'efficiency');
  assert.equal(fit.status, 'accepted');
  assert.equal(body.shared_curve, true);
  assert.deepEqual(body.reference.curve, body.event.curve);
  const copies = (cq) => 10 ** ((cq - intercept) / slope);
  const eventCopies = mean(request.event_cq.map(copies));
  const referenceCopies = mean(request.reference_cq.map(copies));
  rel(body.event.mean_copies, eventCopies, 1e-9, 'event copies');
  rel(body.reference.mean_copies, referenceCopies, 1e-9, 'reference copies');
  rel(body.gm_percent, (100 * eventCopies) / referenceCopies, 1e-9, 'GM %');
  assert.ok(body.event.replicates.every((r) => r.extrapolated), 'event Cq beyond the lowest calibrant');
  assert.ok(body.reference.replicates.every((r) => !r.extrapolated));
  assert.deepEqual(body.warnings, [{ code: 'extrapolated', target: 'event' }]);

  const poor = await ok('/quantify/qpcr', {
    event_curve: [{ copies: 1000, cq: 25 }, { copies: 100, cq: 29 }, { copies: 10, cq: 33 }],
    reference_curve: [{ copies: 1000, cq: 22 }, { copies: 100, cq: 25.32 }, { copies: 10, cq: 28.64 }],
    event_cq: [30], reference_cq: [24],
  });
  assert.equal(poor.shared_curve, false);
  near(poor.event.curve.slope, -4, 1e-12, 'event slope');
  assert.equal(poor.event.curve.status, 'outside_acceptance');
  assert.deepEqual(poor.event.curve.warnings, ['efficiency_below_range']);
  assert.equal(poor.reference.curve.status, 'accepted');
  assert.ok(poor.warnings.some((w) => w.code === 'efficiency_below_range' && w.target === 'event'));
});

test('compliance decisions around the 0.9 % EU labelling threshold, zero tolerance and the LOD', async () => {
  const { thresholds } = await ok('/thresholds');
  const eu = thresholds.find((t) => t.id === 'eu-labelling');
  assert.equal(eu.threshold_percent, 0.9);
  assert.equal(eu.kind, 'percent');
  const U = (x) => 2 * Math.hypot(0.1 * x, 0.05 * x);
  const cases = [
    [0.5, 'compliant', 'upper_limit_within_threshold'],
    [1.1, 'inconclusive', 'interval_includes_threshold'],
    [1.5, 'non_compliant', 'lower_limit_above_threshold'],
  ];
  for (const [value, decision, rule] of cases) {
    const body = await ok('/quantify/decide', { value, rsd_precision: 10, rsd_bias: 5, threshold: 'eu-labelling' });
    assert.equal(body.decision, decision, `x = ${value}`);
    assert.equal(body.rule, rule, `x = ${value}`);
    assert.equal(body.threshold.id, 'eu-labelling');
    assert.equal(body.threshold.percent, 0.9);
    assert.equal(body.threshold.legal_basis, eu.legal_basis);
    near(body.uncertainty.expanded, U(value), 1e-12, `U at x = ${value}`);
    near(body.interval.lower, value - U(value), 1e-12, 'x − U');
    near(body.interval.upper, value + U(value), 1e-12, 'x + U');
    assert.equal(typeof body.inequality, 'string');
  }
  // At the threshold with no uncertainty: x + U ≤ T is compliant.
  const edge = await ok('/quantify/decide', { value: 0.9, u_precision: 0, u_bias: 0, threshold: 'eu-labelling' });
  assert.equal(edge.decision, 'compliant');
  const k3 = await ok('/quantify/decide', { value: 1.5, rsd_precision: 10, rsd_bias: 5, coverage_factor: 3, threshold_percent: 0.9 });
  near(k3.uncertainty.expanded, 1.5 * U(1.5), 1e-12, 'U = k·u with k = 3');
  assert.equal(k3.threshold.id, null);

  const zero = await ok('/quantify/decide', { result: 'identified', threshold: 'eu-unauthorised-zero-tolerance' });
  assert.equal(zero.decision, 'non_compliant');
  assert.equal(zero.rule, 'presence_confirmed');
  assert.equal(zero.threshold.kind, 'presence');
  assert.equal(zero.uncertainty, null);
  const lod = await ok('/quantify/decide', { value: 0.05, lod: 0.1, threshold_percent: 0.9 });
  assert.equal(lod.decision, 'not_detected');
  assert.equal(lod.rule, 'below_detection_limit');
  const feed = await ok('/quantify/decide', { value: 0.15, u_precision: 0.01, u_bias: 0.01, threshold: 'eu-feed-technical-zero' });
  assert.equal(feed.decision, 'non_compliant');
});

test('thresholds are jurisdiction data with provenance', async () => {
  const body = await ok('/thresholds');
  const ids = body.thresholds.map((t) => t.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ['eu-labelling', 'eu-feed-technical-zero', 'eu-unauthorised-zero-tolerance']) assert.ok(ids.includes(id), id);
  for (const t of body.thresholds) {
    assert.equal(t.kind === 'presence', t.threshold_percent === null, `${t.id}: presence thresholds have no percent`);
    assert.ok(t.legal_basis && t.source.length && t.retrieved, `${t.id} provenance`);
  }
  near(body.thresholds.find((t) => t.id === 'eu-feed-technical-zero').threshold_percent, 0.1, 0, 'feed technical zero');
});

test('quantification: bad input is a 400 naming the field', async () => {
  const curve = [{ copies: 1000, cq: 25 }, { copies: 100, cq: 28.3 }, { copies: 10, cq: 31.6 }];
  await bad('/quantify/qpcr', { event_cq: [26], reference_cq: [25] }, 'curve');
  await bad('/quantify/qpcr', { curve: curve.slice(0, 2), event_cq: [26], reference_cq: [25] }, 'curve');
  await bad('/quantify/qpcr', { curve, event_curve: curve, event_cq: [26], reference_cq: [25] }, 'curve');
  await bad('/quantify/qpcr', { curve, event_cq: [], reference_cq: [25] }, 'event_cq');
  await bad('/quantify/qpcr', { curve: [...curve.slice(0, 2), { copies: 0, cq: 31.6 }], event_cq: [26], reference_cq: [25] }, 'curve[2].copies');
  await bad('/quantify/qpcr', { curve, event_cq: [26], reference_cq: [25], acceptance: { min_r_squared: 0.98, colour: 1 } }, 'acceptance.colour');
  await bad('/quantify/dpcr', { reference: { positive: 1, partitions: 10, partition_volume_nl: 1 } }, 'target');
  await bad('/quantify/dpcr', { target: { positive: 11, partitions: 10, partition_volume_nl: 1 } }, 'target.positive');
  await bad('/quantify/dpcr', { target: { positive: 1.5, partitions: 10, partition_volume_nl: 1 } }, 'target.positive');
  await bad('/quantify/dpcr', { target: { positive: '1', partitions: 10, partition_volume_nl: 1 } }, 'target.positive');
  await bad('/quantify/dpcr', { target: { positive: 1, partitions: 10, partition_volume_nl: 1, reaction_volume_ul: 0.001 } }, 'target.reaction_volume_ul');
  await bad('/quantify/dpcr', { target: { positive: 1, partitions: 10, partition_volume_nl: 1, x: 1 } }, 'target.x');
  const u = { rsd_precision: 10, rsd_bias: 5 };
  await bad('/quantify/decide', { value: 1, ...u, threshold: 'nope' }, 'threshold');
  await bad('/quantify/decide', { value: 1, ...u }, 'threshold');
  await bad('/quantify/decide', { value: 1, ...u, threshold: 'eu-labelling', threshold_percent: 1 }, 'threshold_percent');
  await bad('/quantify/decide', { ...u, threshold: 'eu-labelling' }, 'value');
  await bad('/quantify/decide', { value: -1, ...u, threshold: 'eu-labelling' }, 'value');
  await bad('/quantify/decide', { value: 1, ...u, threshold: 'eu-labelling', coverage_factor: 0 }, 'coverage_factor');
  await bad('/quantify/decide', { value: 1, ...u, threshold_percent: 101 }, 'threshold_percent');
  await bad('/quantify/decide', { value: 1, ...u, threshold: 'eu-labelling', result: 'maybe' }, 'result');
  await bad('/quantify/decide', { value: 1, threshold: 'eu-labelling' }, 'rsd_precision');
  await bad('/quantify/decide', { value: 1, rsd_precision: 10, u_precision: 0.1, rsd_bias: 5, threshold: 'eu-labelling' }, 'u_precision');
});

// ---------------------------------------------------------------- every endpoint

const minimalRequests = {
  '/sampling/evaluate': { type: 'individual', seeds: 10 },
  '/sampling/search': { lql: 0.01, max_pool_size: 150 },
  '/sampling/seeds': { proportion: 0.01 },
  '/estimates/pooled': { pool_size: 10, pools: 5, positive_pools: 1 },
  '/estimates/stacked': { pool_size: 20, events: ['A'], class_counts: { none: 3, A: 1 } },
  '/matrix/interpret': { results: { 'QT-ELE-00-004': 'positive' } },
  '/matrix/panel': {},
  '/quantify/qpcr': { curve: [{ copies: 1000, cq: 25 }, { copies: 100, cq: 28.3 }, { copies: 10, cq: 31.6 }], event_cq: [26], reference_cq: [25] },
  '/quantify/dpcr': { target: { positive: 1, partitions: 10, partition_volume_nl: 1 } },
  '/quantify/decide': { value: 1, rsd_precision: 10, rsd_bias: 5, threshold: 'eu-labelling' },
};

test('every POST endpoint: malformed JSON, a non-object, an unknown field → 400; wrong content type → 415; too large → 413', async () => {
  assert.deepEqual(Object.keys(minimalRequests).sort(), [...labPaths.post].sort());
  for (const path of labPaths.post) {
    await ok(path, minimalRequests[path]);
    await bad(path, { ...minimalRequests[path], colour: 'red' }, 'colour', { code: 'invalid_request' });
    await bad(path, '{"pools": ', 'body', { code: 'invalid_json' });
    await bad(path, '[1, 2]', 'body');
    await bad(path, 'x=1', 'body', { status: 415, code: 'unsupported_media_type', type: 'application/x-www-form-urlencoded' });
    await bad(path, '{}', 'body', { status: 415, code: 'unsupported_media_type', type: 'text/plain' });
  }
  const big = JSON.stringify({ proportion: 0.01, pad: 'x'.repeat(300 * 1024) });
  const r = await call('POST', '/sampling/seeds', { body: big });
  assert.equal(r.status, 413);
  assert.equal(r.body.error.code, 'payload_too_large');
  // application/json with parameters is JSON.
  const withCharset = await call('POST', '/sampling/seeds', { body: { proportion: 0.001 }, type: 'application/json; charset=utf-8' });
  assert.equal(withCharset.status, 200);
  assert.equal(withCharset.body.seeds, 2995);
});

test('every GET listing refuses query parameters with 400 naming them', async () => {
  for (const path of labPaths.get) {
    const r = await call('GET', `${path}?id=zea-mays`);
    assert.equal(r.status, 400, path);
    assert.equal(r.body.error.code, 'unknown_parameter');
    assert.equal(r.body.error.field, 'id');
  }
});
