// Writes a synthetic declaration-line file (CSV with a header: id,hs_code,description,
// origin_country) of about SIZE bytes, for the screening benchmark: mostly ordinary goods, a
// share of grain and oilseed lines, and a few lines naming registry events or GM terms.
// Usage: node bench/generate_declarations.mjs SIZE_MB OUT_FILE
import { createWriteStream, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [sizeMb = '1024', out = 'build/declarations.csv'] = process.argv.slice(2);
const target = Number(sizeMb) * 1024 * 1024;
const lmos = JSON.parse(readFileSync(join(root, 'data', 'registry', 'lmos.json'), 'utf8'));
const names = lmos.flatMap((l) => [l.event_name, ...(l.uid ? [l.uid.replaceAll('Ø', '0')] : [])]);
let seed = 7;
const random = () => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed / 4294967296; };
const pick = (a) => a[Math.floor(random() * a.length)];
const goods = [
  ['8703.23', 'Passenger motor cars, spark-ignition, 1500-3000 cc'], ['8471.30', 'Portable computers, laptops'],
  ['6109.10', 'T-shirts of cotton, knitted'], ['0803.90', 'Fresh bananas, Cavendish, 18 kg cartons'],
  ['2204.21', 'Red wine in bottles, 75 cl'], ['3004.90', 'Medicaments in measured doses'],
  ['9403.60', 'Wooden furniture for dining rooms'], ['8517.13', 'Smartphones, 128 GB'],
];
const crops = [['1005.90', 'Yellow maize grain, bulk, US No. 2'], ['1201.90', 'Soya beans, bulk, for crushing'],
  ['1205.10', 'Rapeseed, low erucic acid, bulk'], ['1001.99', 'Wheat, other than durum, milling quality']];
const origins = ['US', 'BR', 'AR', 'CA', 'DE', 'FR', 'CN', 'IN', 'ZA', 'MX', 'UA', 'AU'];
const stream = createWriteStream(out);
stream.write('id,hs_code,description,origin_country\n');
let written = 0;
let id = 0;
const write = () => {
  let ok = true;
  while (written < target && ok) {
    id += 1;
    const r = random();
    let hs;
    let text;
    if (r < 0.7) [hs, text] = pick(goods);
    else if (r < 0.97) [hs, text] = pick(crops);
    else if (r < 0.99) { [hs, text] = pick(crops); text = `${text}, contains ${pick(names)}`; }
    else { [hs, text] = pick(crops); text = `${text}, may contain genetically modified varieties`; }
    const line = `${id},${hs},"${text}, lot ${Math.floor(random() * 1e6)}",${pick(origins)}\n`;
    written += line.length;
    ok = stream.write(line);
  }
  if (written < target) stream.once('drain', write); else stream.end();
};
write();
stream.on('finish', () => console.log(`wrote ${id} lines, ${(written / 1048576).toFixed(0)} MiB to ${out}`));
