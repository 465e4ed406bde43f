// Measures registry search latency through the JSON API (GET /api/v1/lmos, one keep-alive
// connection, queries in sequence) for the kinds of query officers type, and the same lookup
// done by `grep -F -c` over the exported lmos.json as the baseline, in the same run.
// Usage: node bench/registry_search.mjs BASE_URL EXPORTED_LMOS_JSON LABEL [REPEAT]
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [base, lmosFile, label, repeatText = '50'] = process.argv.slice(2);
const repeat = Number(repeatText);
const lmos = JSON.parse(readFileSync(lmosFile, 'utf8'));
const sample = lmos.filter((l) => l.uid)[Math.floor(lmos.length / 3)];
const uid = sample.uid;
const part = uid.replace(/-/g, '').slice(3, 8);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const get = (path) => new Promise((resolve, reject) => {
  http.get(base + path, { agent }, (response) => {
    let body = '';
    response.on('data', (chunk) => { body += chunk; });
    response.on('end', () => resolve({ status: response.statusCode, body }));
  }).on('error', reject);
});
const percentile = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

const queries = [
  ['identifier, canonical', uid, uid],
  ['identifier, plain zeros', uid.replace(/Ø/g, '0'), uid],
  ['identifier, no separators, lower case', uid.replace(/[-Ø]/g, (c) => (c === 'Ø' ? '0' : '')).toLowerCase(), uid],
  ['part of an identifier', part.replace(/Ø/g, '0'), part],
  ['event name', sample.event_name, sample.event_name],
  ['crop, no accents', 'maiz', 'maize'],
  ['trade name words', 'roundup ready', 'Roundup Ready'],
  ['no match', 'no such event anywhere', 'no such event anywhere'],
];
console.log(`\n${label}: ${lmos.length} LMOs; ${repeat} runs per query`);
console.log('query'.padEnd(40), 'matches'.padStart(8), 'p50 ms'.padStart(9), 'p99 ms'.padStart(9), 'grep -F p50 ms'.padStart(15), 'ratio'.padStart(7));
for (const [name, text, grepText] of queries) {
  const times = [];
  let total = 0;
  for (let i = 0; i < repeat + 3; i += 1) {
    const started = process.hrtime.bigint();
    const { status, body } = await get(`/api/v1/lmos?q=${encodeURIComponent(text)}&per_page=20`);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (status !== 200) throw new Error(`${name}: status ${status}`);
    total = JSON.parse(body).total;
    if (i >= 3) times.push(ms);  // the first runs warm the caches
  }
  const grepTimes = [];
  for (let i = 0; i < Math.min(repeat, 20); i += 1) {
    const started = process.hrtime.bigint();
    spawnSync('grep', ['-F', '-c', grepText, lmosFile]);
    grepTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const p50 = percentile(times, 0.5);
  const grep50 = percentile(grepTimes, 0.5);
  console.log(name.padEnd(40), String(total).padStart(8), p50.toFixed(2).padStart(9), percentile(times, 0.99).toFixed(2).padStart(9),
    grep50.toFixed(2).padStart(15), `${(grep50 / p50).toFixed(1)}x`.padStart(7));
}
const facetTimes = [];
for (let i = 0; i < repeat; i += 1) {
  const started = process.hrtime.bigint();
  await get('/api/v1/lmos?organism=zea-mays&page=3');
  facetTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
}
console.log('facet filter, page 3 (no text)'.padEnd(40), ''.padStart(8), percentile(facetTimes, 0.5).toFixed(2).padStart(9), percentile(facetTimes, 0.99).toFixed(2).padStart(9));
agent.destroy();
