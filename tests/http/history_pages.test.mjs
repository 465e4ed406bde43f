// The revision history page: after an import changes a record, /{lang}/history/lmos/{key}
// lists both revisions, newest first, with the lines removed and added between them; the LMO
// page links to it; unknown types and keys are 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, repoRoot, startPortal } from '../support/portal_server.mjs';

const work = mkdtempSync(join(tmpdir(), 'lmo-history-'));
const data = join(work, 'var');
let portal;
before(async () => {
  // First start loads the bundled registry; then an import changes MON810's trade names.
  const lmos = JSON.parse(readFileSync(join(repoRoot, 'data', 'registry', 'lmos.json'), 'utf8'));
  const mon810 = lmos.find((l) => l.uid === 'MON-ØØ81Ø-6');
  mon810.trade_names = [...mon810.trade_names, 'YieldGard VT (test)'];
  writeFileSync(join(work, 'lmos.json'), JSON.stringify([mon810]));
  let r = spawnSync(binary, ['import', '--data', data, join(repoRoot, 'data', 'registry')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  r = spawnSync(binary, ['import', '--data', data, '--partial', join(work, 'lmos.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  portal = await startPortal({ dataDir: data, args: ['--access-log', 'off'] });
});
after(async () => { await portal.stop(); rmSync(work, { recursive: true, force: true }); });

test('the history shows both revisions and what changed', async () => {
  const lmo = await (await fetch(`${portal.base}/en/registry/MON810`)).text();
  const link = lmo.match(/href="(\/en\/history\/lmos\/[^"]+)"/)[1];
  const response = await fetch(portal.base + link);
  assert.equal(response.status, 200);
  const html = await response.text();
  const revisions = [...html.matchAll(/<h2>Revision (\d+)/g)].map((m) => m[1]);
  assert.deepEqual(revisions, ['2', '1']);
  assert.match(html, /<ins>\+ +&quot;YieldGard VT \(test\)&quot;<\/ins>/);
  assert.match(html, /<del>− +&quot;YieldGard Corn Borer&quot;<\/del>/);
  assert.match(html, /first version/);
  assert.equal((await fetch(`${portal.base}/en/history/nothing/x`)).status, 404);
  assert.equal((await fetch(`${portal.base}/en/history/lmos/NO-SUCH-1`)).status, 404);
});
