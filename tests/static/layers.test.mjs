// The layers of docs/ARCHITECTURE.md, checked on the source: a file includes only headers of its own
// area or of the layers below it, so that there is no include circle between areas and each rule has
// one home. Ranks, lowest first; an area may include any area of a lower rank, and its own.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const SRC = path.resolve('src');
const RANK = [
  ['core'], ['store'],
  ['domain/ledger'], // the Merkle log: audit entries (domain/base) append to it
  ['domain/base'], ['domain/identity'], ['domain/registry'], ['domain/risk'], ['domain/loop'],
  ['domain/supervision'], ['domain/video'], ['domain/sampling'], ['domain/trace'], ['domain/complaints'], ['domain/enforcement'],
  ['domain/brands'], ['domain/people'], // marks and authorisations (suspended by sampling's and enforcement's events); directors, officers, exams
  ['domain/famous'], // 名特优 workshops: criteria over the areas' records, revoked by sampling's and enforcement's events
  ['domain/portal'],
  ['domain/workshop'], // small workshops: registration, certificates (issue 17)
  ['domain/licence'], // food business licences under the commitment system (issue 17)
  ['domain/demonstration'], // 示范创建: campaigns, tasks, meetings, vetoes, model units (issue 17)
  ['domain/home'], // a business's to-do list: reads every area's rows for it
  ['domain'], // domain/seed.c: seeds every area's reference data
  ['adapters', 'transfer'], ['jobs'], ['demo'], ['http'], ['cli'],
];
// the analyser's own binary and runner stand apart: they may use core/ and the pure video rules only
const APART = { nn: ['core', 'nn'], vision: ['core', 'nn', 'vision', 'domain/video'], 'cli-vision': ['core', 'vision', 'nn'] };

function areaOf(rel) { // "domain/video/alert.c" → "domain/video"; "http/server.c" → "http"
  const parts = rel.split('/');
  if (parts[0] === 'domain') return parts.length > 2 ? `domain/${parts[1]}` : 'domain';
  return parts[0];
}
const rankOf = (area) => RANK.findIndex((r) => r.includes(area));

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.[ch]$/.test(name)) yield path.relative(SRC, p);
  }
}

test('every include goes to the same area or a lower layer (no circle between areas)', () => {
  const wrong = [];
  let files = 0;
  for (const rel of sources(SRC)) {
    files++;
    const from = areaOf(rel);
    for (const m of readFileSync(path.join(SRC, rel), 'utf8').matchAll(/^#include "([^"]+)"/gm)) {
      if (m[1].startsWith('gen/')) continue;
      const to = areaOf(m[1]);
      if (to === from) continue;
      if (APART[from]) {
        if (!APART[from].includes(to)) wrong.push(`${rel} → ${m[1]}`);
        continue;
      }
      const a = rankOf(from), b = rankOf(to);
      assert.ok(a >= 0, `${rel}: area ${from} has no layer in this test`);
      if (b < 0 || b >= a) wrong.push(`${rel} → ${m[1]}`);
    }
  }
  assert.ok(files > 100, `read ${files} files`);
  assert.deepEqual(wrong, []);
});
