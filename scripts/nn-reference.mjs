#!/usr/bin/env node
// The reference for shian's neural-network runner (src/nn/): runs a TF.js graph model with
// @tensorflow/tfjs on the WebAssembly backend (@tensorflow/tfjs-backend-wasm, loaded from
// node_modules, no network), on an input tensor read from a file, so that both implementations see
// the same numbers. For NanoDet it also decodes the detections the way @vladmandic/human does
// (src/object/nanodet.ts): one NMS across classes, with the change stated in src/nn/nanodet.h: NMS
// gets the boxes' corners [y1, x1, y2, x2] rather than human's [y, x, h, w] (humanBoxOrder: true
// keeps human's slip, to check this decoding against human's own pipeline). For BlazeFace it
// decodes the faces as human's src/face/blazeface.ts getBoxes() does (see src/nn/blazeface.h): the
// same tf ops, up to the detector's box (human's later 1.4x enlarging and squaring left out).
//
//   node scripts/nn-reference.mjs MODEL.json --input x.f32 --shape 1,3,416,416 [--nanodet | --blazeface]
//        [--rgb rgb.u8 --width W --height H] [--out-dir DIR] [--repeat N]
//
// Prints JSON: outputs (name, shape, file of raw float32 when --out-dir), detections, run_ms, and with
// --rgb the max difference between the given input and TF.js's own pre-processing of the RGB bytes.
// As a module: initTf(), loadModel(), nanodetDecode(), preprocess(), blazefacePreprocess(), blazefaceDecode().
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function initTf() {
  const tf = require('@tensorflow/tfjs');
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  await tf.setBackend('wasm');
  await tf.ready();
  return tf;
}

export async function loadModel(tf, jsonPath) {
  const mj = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const dir = path.dirname(jsonPath);
  const specs = [];
  const bufs = [];
  for (const g of mj.weightsManifest) {
    specs.push(...g.weights);
    for (const p of g.paths) bufs.push(fs.readFileSync(path.join(dir, p)));
  }
  const all = Buffer.concat(bufs);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.length);
  return tf.loadGraphModel(tf.io.fromMemory({ modelTopology: mj.modelTopology, weightSpecs: specs, weightData, signature: mj.signature }));
}

export function readF32(file) {
  const b = fs.readFileSync(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}

// human's pre-processing: resizeBilinear(image, [S, S], false) / 255, transposed to NCHW.
export function preprocess(tf, rgb, width, height, size) {
  return tf.tidy(() => {
    const img = tf.tensor4d(Float32Array.from(rgb), [1, height, width, 3], 'float32');
    const r = tf.image.resizeBilinear(img, [size, size], false);
    return tf.transpose(tf.div(r, 255), [0, 3, 1, 2]);
  });
}

const scaleBox = 2.5;
// Outputs by shape as human finds them; decoding as human's process() (see the header comment).
// keep(classIndex): the caller's label map, applied after NMS and before maxDetected (as shian does).
export async function nanodetDecode(tf, outs, size, { minConfidence = 0.2, iouThreshold = 0.4, maxDetected = 10, humanBoxOrder = false, keep = null } = {}) {
  const nClasses = 80;
  let results = [];
  for (const strideSize of [1, 2, 4]) {
    const baseSize = strideSize * 13;
    const scoresT = tf.squeeze(outs.find((a) => a.shape[1] === baseSize ** 2 && a.shape[2] === nClasses));
    const scores = await scoresT.array();
    const featuresT = tf.squeeze(outs.find((a) => a.shape[1] === baseSize ** 2 && a.shape[2] < nClasses));
    const boxesMaxT = tf.reshape(featuresT, [-1, 4, featuresT.shape[1] / 4]);
    const boxIdxT = tf.argMax(boxesMaxT, 2);
    const boxIdx = await boxIdxT.array();
    for (let i = 0; i < scoresT.shape[0]; i++) {
      for (let j = 0; j < scoresT.shape[1]; j++) {
        const score = scores[i][j];
        if (score > minConfidence && j !== 61) {
          const cx = (0.5 + Math.trunc(i % baseSize)) / baseSize;
          const cy = (0.5 + Math.trunc(i / baseSize)) / baseSize;
          const boxOffset = boxIdx[i].map((a) => a * (baseSize / strideSize / size));
          const [x, y] = [cx - (scaleBox / strideSize * boxOffset[0]), cy - (scaleBox / strideSize * boxOffset[1])];
          const [w, h] = [cx + (scaleBox / strideSize * boxOffset[2]) - x, cy + (scaleBox / strideSize * boxOffset[3]) - y];
          const boxRaw = [x, y, w, h].map((a) => Math.max(0, Math.min(a, 1)));
          results.push({ class: j, score: Math.round(100 * score) / 100, box: boxRaw });
        }
      }
    }
    tf.dispose([scoresT, featuresT, boxesMaxT, boxIdxT]);
  }
  // one NMS across classes, as human does: [y1, x1, y2, x2] (human: [y, x, h, w])
  const nmsBoxes = results.map((a) => (humanBoxOrder ? [a.box[1], a.box[0], a.box[3], a.box[2]]
    : [a.box[1], a.box[0], a.box[1] + a.box[3], a.box[0] + a.box[2]]));
  const nmsScores = results.map((a) => a.score);
  let nmsIdx = [];
  if (nmsBoxes.length > 0) {
    const nms = await tf.image.nonMaxSuppressionAsync(nmsBoxes, nmsScores, keep ? nmsBoxes.length : maxDetected, iouThreshold, minConfidence);
    nmsIdx = Array.from(await nms.data());
    tf.dispose(nms);
  }
  if (keep) nmsIdx = nmsIdx.filter((i) => keep(results[i].class)).slice(0, maxDetected);
  results = results.filter((_v, idx) => nmsIdx.includes(idx)).sort((a, b) => b.score - a.score);
  return results;
}

// human's BlazeFace pre-processing (detector.square off): resizeBilinear to [S, S], / 127.5, - 1; NHWC.
export function blazefacePreprocess(tf, rgb, width, height, size) {
  return tf.tidy(() => {
    const img = tf.tensor4d(Float32Array.from(rgb), [1, height, width, 3], 'float32');
    return tf.sub(tf.div(tf.image.resizeBilinear(img, [size, size]), tf.scalar(127.5)), tf.scalar(1));
  });
}

// human's generateAnchors (src/face/facemeshutil.ts) for BlazeFace's input size
export function blazefaceAnchors(inputSize) {
  const spec = { strides: [inputSize / 16, inputSize / 8], anchors: [2, 6] };
  const anchors = [];
  for (let i = 0; i < spec.strides.length; i++) {
    const stride = spec.strides[i];
    const gridRows = Math.floor((inputSize + stride - 1) / stride);
    const gridCols = Math.floor((inputSize + stride - 1) / stride);
    for (let gridY = 0; gridY < gridRows; gridY++) {
      const anchorY = stride * (gridY + 0.5);
      for (let gridX = 0; gridX < gridCols; gridX++) {
        const anchorX = stride * (gridX + 0.5);
        for (let n = 0; n < spec.anchors[i]; n++) anchors.push([anchorX, anchorY]);
      }
    }
  }
  return anchors;
}

// human's getBoxes() on the model's four outputs (any order): faces {score, box [x, y, w, h] as
// fractions of the image with corners clamped to 0..1, keypoints [[x, y] x 6] as fractions}.
export async function blazefaceDecode(tf, outs, inputSize, { minConfidence = 0.2, iouThreshold = 0.1, maxDetected = 10 } = {}) {
  const t = {};
  const anchorsArr = blazefaceAnchors(inputSize);
  t.anchors = tf.tensor2d(anchorsArr);
  t.inputSizeT = tf.scalar(inputSize, 'int32');
  const sorted = [...outs].sort((a, b) => a.size - b.size);
  t.concat384 = tf.concat([sorted[0], sorted[2]], 2);
  t.concat512 = tf.concat([sorted[1], sorted[3]], 2);
  t.concat = tf.concat([t.concat512, t.concat384], 1);
  t.batch = tf.squeeze(t.concat, [0]);
  // decodeBoxes
  t.boxStarts = tf.slice(t.batch, [0, 1], [-1, 2]);
  t.centers = tf.add(t.boxStarts, t.anchors);
  t.boxSizes = tf.slice(t.batch, [0, 3], [-1, 2]);
  t.boxSizesNormalized = tf.div(t.boxSizes, t.inputSizeT);
  t.centersNormalized = tf.div(t.centers, t.inputSizeT);
  t.halfBoxSize = tf.div(t.boxSizesNormalized, tf.scalar(2));
  t.starts = tf.sub(t.centersNormalized, t.halfBoxSize);
  t.ends = tf.add(t.centersNormalized, t.halfBoxSize);
  t.startNormalized = tf.mul(t.starts, t.inputSizeT);
  t.endNormalized = tf.mul(t.ends, t.inputSizeT);
  t.boxes = tf.concat2d([t.startNormalized, t.endNormalized], 1);
  t.logits = tf.slice(t.batch, [0, 0], [-1, 1]);
  t.sigmoid = tf.sigmoid(t.logits);
  t.scores = tf.squeeze(t.sigmoid);
  t.nms = await tf.image.nonMaxSuppressionAsync(t.boxes, t.scores, maxDetected, iouThreshold, minConfidence);
  const nms = await t.nms.array();
  const scores = await t.scores.data();
  const boxes = await t.boxes.array();
  const batch = await t.batch.array();
  Object.keys(t).forEach((k) => tf.dispose(t[k]));
  const clamp = (v) => Math.max(0, Math.min(v, 1));
  const faces = [];
  for (const i of nms) {
    const confidence = scores[i];
    if (!(confidence > minConfidence)) continue;
    const p = boxes[i];
    if (!(p[2] - p[0] > 0 && p[3] - p[1] > 0)) continue; // human's squaredBox.size > minSize (0)
    const [x1, y1, x2, y2] = p.map((v) => clamp(Math.fround(v / inputSize)));
    const keypoints = [];
    for (let k = 0; k < 6; k++) keypoints.push([0, 1].map((d) => (batch[i][5 + 2 * k + d] + anchorsArr[i][d]) / inputSize));
    faces.push({ score: confidence, box: [x1, y1, x2 - x1, y2 - y1], keypoints });
  }
  return faces;
}

export function outputNames(model) {
  return model.outputs.map((o) => o.name);
}

async function main(argv) {
  const opt = { repeat: 1 };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--nanodet') opt.nanodet = true;
    else if (a === '--blazeface') opt.blazeface = true;
    else if (a.startsWith('--')) opt[a.slice(2).replace(/-(.)/g, (_m, c) => c.toUpperCase())] = argv[++i];
    else rest.push(a);
  }
  if (!rest[0] || !opt.input) {
    process.stderr.write('usage: nn-reference.mjs MODEL.json --input x.f32 [--shape d,d,..] [--nanodet | --blazeface [--max-faces N]] [--rgb f --width W --height H] [--out-dir D] [--repeat N]\n');
    process.exit(2);
  }
  const tf = await initTf();
  const model = await loadModel(tf, rest[0]);
  const shape = opt.shape ? opt.shape.split(',').map(Number) : model.inputs[0].shape.map((d) => (d < 0 ? 1 : d));
  const x = tf.tensor(readF32(opt.input), shape, 'float32');
  const names = outputNames(model);
  const result = { backend: tf.getBackend(), simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')), threads: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')), input: { shape } };
  if (opt.rgb) {
    const p = (opt.blazeface ? blazefacePreprocess : preprocess)(tf, fs.readFileSync(opt.rgb), Number(opt.width), Number(opt.height), shape[2]);
    const d = tf.max(tf.abs(tf.sub(p, x)));
    result.input.preprocess_max_diff = (await d.data())[0];
    tf.dispose([p, d]);
  }
  const times = [];
  let outs;
  for (let r = 0; r < Number(opt.repeat); r++) {
    if (outs) tf.dispose(outs);
    const t0 = performance.now();
    outs = model.execute(x, names);
    if (!Array.isArray(outs)) outs = [outs];
    for (const o of outs) await o.data();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  result.run_ms = { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], runs: times.length };
  result.outputs = [];
  for (let i = 0; i < outs.length; i++) {
    const o = { name: names[i], shape: outs[i].shape };
    if (opt.outDir) {
      o.file = path.join(opt.outDir, `ref${i}.f32`);
      fs.writeFileSync(o.file, Buffer.from((await outs[i].data()).buffer));
    }
    result.outputs.push(o);
  }
  if (opt.nanodet) result.detections = await nanodetDecode(tf, outs, shape[2]);
  if (opt.blazeface) result.faces = await blazefaceDecode(tf, outs, shape[2], { maxDetected: Number(opt.maxFaces || 10) });
  process.stdout.write(JSON.stringify(result, null, 1) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`nn-reference: ${e.stack || e}\n`);
    process.exit(1);
  });
}
