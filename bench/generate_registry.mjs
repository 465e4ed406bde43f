// Generates a synthetic registry in the project's import format (one JSON array per record
// type, like data/registry/), for benchmarks: N LMOs with valid OECD identifiers (correct
// check digits, developer prefixes from the bundled data), aliases and trade names, and M
// decisions spread over real country codes. Reference data (organisms, developers, traits,
// elements) is the bundled data. Records are marked illustrative (verified: false).
// Usage: node bench/generate_registry.mjs LMOS DECISIONS OUT_DIR [SEED]
import { mkdirSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [lmoCount = '100000', decisionCount = '500000', out = 'build/synthetic-registry', seedText = '1'] = process.argv.slice(2);
const nLmos = Number(lmoCount);
const nDecisions = Number(decisionCount);
mkdirSync(out, { recursive: true });
const bundled = (name) => JSON.parse(readFileSync(join(root, 'data', 'registry', `${name}.json`), 'utf8'));

let seed = Number(seedText) >>> 0 || 1;
const random = () => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed / 4294967296; };
const pick = (items) => items[Math.floor(random() * items.length)];

const organisms = bundled('organisms');
const developers = bundled('developers').filter((d) => d.uid_prefixes.length > 0);
const traits = bundled('traits');
const elements = bundled('genetic_elements');
const countries = JSON.parse(readFileSync(join(root, 'data', 'countries.json'), 'utf8')).countries.map((c) => c.code);
for (const name of ['organisms', 'developers', 'traits', 'genetic_elements']) {
  writeFileSync(join(out, `${name}.json`), JSON.stringify(bundled(name)));
}
for (const name of ['methods', 'laboratories', 'authorities', 'standards', 'transport_rules']) {
  writeFileSync(join(out, `${name}.json`), '[]');
}

const value = (c) => (c === 'Ø' ? 0 : c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 64);
const checkDigit = (body) => { const sum = [...body].reduce((s, c) => s + value(c), 0); return sum === 0 ? 0 : 1 + ((sum - 1) % 9); };
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZØ123456789';
const used = new Set();
const keys = [];

const write = (file, count, make) => new Promise((resolve) => {
  const stream = createWriteStream(join(out, file));
  stream.write('[\n');
  let i = 0;
  const next = () => {
    let ok = true;
    while (i < count && ok) {
      ok = stream.write(JSON.stringify(make(i)) + (i + 1 < count ? ',\n' : '\n'));
      i += 1;
    }
    if (i < count) stream.once('drain', next); else stream.end(']\n', resolve);
  };
  next();
});

await write('lmos.json', nLmos, (i) => {
  const developer = pick(developers);
  const prefix = pick(developer.uid_prefixes);
  let uid;
  let body;
  do {
    let event = '';
    for (let k = 0; k < 8 - prefix.length; k += 1) event += pick(alphabet.split(''));
    body = prefix + event;
    uid = `${prefix}-${event}-${checkDigit(body)}`;
  } while (used.has(body));
  used.add(body);
  keys.push(uid);
  const name = `${prefix}${String(i).padStart(6, '0')}`;
  const organism = pick(organisms);
  return {
    uid, event_name: name, aliases: [`${prefix} ${i}`], trade_names: [`Synthetic ${organism.common_names.en} ${i}`],
    organism: organism.id, developer: developer.id, kind: 'event', parents: [],
    traits: [pick(traits).id, pick(traits).id].filter((t, k, a) => a.indexOf(t) === k),
    elements: [pick(elements).id], bch_record: null, description: { en: `Synthetic LMO ${i} for benchmarks.` },
    source: ['bench/generate_registry.mjs'], retrieved: '2026-11-27', verified: false, note: 'Illustrative: generated for benchmarks.',
  };
});
const uses = ['food', 'feed', 'processing', 'release', 'field_trial', 'contained_use', 'transit', 'other'];
await write('decisions.json', nDecisions, (i) => {
  const scope = Object.fromEntries(uses.map((u) => [u, random() < 0.4]));
  const year = 1996 + Math.floor(random() * 30);
  return {
    id: `synthetic-${i}`, country: pick(countries), lmos: [pick(keys)], scope,
    result: random() < 0.9 ? 'approved' : 'approved-with-conditions', conditions: null,
    date: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`, expiry: null,
    authority: 'Synthetic authority', reference: `Synthetic decision ${i}`,
    source: ['bench/generate_registry.mjs'], retrieved: '2026-11-27', verified: false, note: 'Illustrative: generated for benchmarks.',
  };
});
console.log(`wrote ${nLmos} LMOs and ${nDecisions} decisions to ${out}`);
