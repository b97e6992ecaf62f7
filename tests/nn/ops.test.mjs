// Operator by operator: small graph models written here in the TF.js format, run by shian's runner
// (nn-run) and by TF.js on the WebAssembly backend on the same random input; every output must agree.
// Covers padding modes, strides, dilations, fused bias and activations, broadcasting, quantized
// weights (float16, uint8), and the data-movement operators. SHIAN_NN_RUN names the tool.
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
const TOL = 1e-5;

let tf;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shian-nnops-'));
before(async () => { tf = await initTf(); });
after(() => { if (!process.env.KEEP) fs.rmSync(tmp, { recursive: true, force: true }); });

// deterministic uniform values in [-1, 1)
function rand(n, seed) {
  let s = seed >>> 0 || 1;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    a[i] = (s / 4294967296) * 2 - 1;
  }
  return a;
}
const prod = (shape) => shape.reduce((a, b) => a * b, 1);
const b64 = (s) => Buffer.from(s).toString('base64');
const ints = (l) => ({ list: { i: l.map(String) } });
const str = (s) => ({ s: b64(s) });

// A graph builder: consts become weights of one shard; quant: 'float16' | 'uint8' per const.
function graph(inputShape) {
  const nodes = [{ name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: inputShape.map((d) => ({ size: String(d) })) } } } }];
  const weights = [];
  const bufs = [];
  let seed = 7;
  const g = {
    nodes,
    const(name, shape, { dtype = 'float32', values, quant } = {}) {
      const v = values ? (dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values)) : rand(prod(shape), seed++);
      nodes.push({ name, op: 'Const', attr: { dtype: { type: dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT' } } });
      const spec = { name, shape, dtype };
      if (quant === 'float16') {
        spec.quantization = { dtype: 'float16', original_dtype: 'float32' };
        const h = new Uint16Array(v.length);
        for (let i = 0; i < v.length; i++) h[i] = toHalf(v[i]);
        bufs.push(Buffer.from(h.buffer));
      } else if (quant === 'uint8') {
        let min = Infinity; let max = -Infinity;
        for (const x of v) { min = Math.min(min, x); max = Math.max(max, x); }
        const scale = (max - min) / 255;
        spec.quantization = { dtype: 'uint8', scale, min, original_dtype: 'float32' };
        bufs.push(Buffer.from(Uint8Array.from(v, (x) => Math.round((x - min) / scale))));
      } else {
        bufs.push(Buffer.from(v.buffer));
      }
      weights.push(spec);
      return name;
    },
    node(name, op, input, attr = {}) { nodes.push({ name, op, input, attr }); return name; },
    write(dir) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'w.bin'), Buffer.concat(bufs));
      const mj = { format: 'graph-model', modelTopology: { node: nodes, library: {}, versions: {} }, weightsManifest: [{ paths: ['w.bin'], weights }] };
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(mj));
      return path.join(dir, 'model.json');
    },
  };
  return g;
}

function toHalf(f) { // float32 -> IEEE binary16, round to nearest even
  const b = new DataView(new ArrayBuffer(4)); b.setFloat32(0, f);
  const x = b.getUint32(0); const sign = (x >>> 16) & 0x8000; let e = ((x >>> 23) & 0xff) - 127 + 15; let m = x & 0x7fffff;
  if (e <= 0) { if (e < -10) return sign; m |= 0x800000; const sh = 14 - e; let h = m >>> sh; const rem = m & ((1 << sh) - 1); const half = 1 << (sh - 1); if (rem > half || (rem === half && (h & 1))) h++; return sign | h; }
  if (e >= 31) return sign | 0x7c00;
  let h = (e << 10) | (m >>> 13); const rem = m & 0x1fff; if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return sign | h;
}

async function compare(name, g, inputShape) {
  const dir = path.join(tmp, name);
  const file = g.write(dir);
  const xv = rand(prod(inputShape), 12345);
  fs.writeFileSync(path.join(dir, 'x.f32'), Buffer.from(xv.buffer));
  const c = JSON.parse(execFileSync(NN_RUN, [file, '--input', path.join(dir, 'x.f32'), '--shape', inputShape.join(','), '--out-dir', dir]));
  const model = await loadModel(tf, file);
  const x = tf.tensor(xv, inputShape, 'float32');
  const names = c.outputs.map((o) => o.name);
  let outs = model.execute(x, names);
  if (!Array.isArray(outs)) outs = [outs];
  assert.ok(names.length > 0);
  for (let i = 0; i < names.length; i++) {
    assert.deepEqual(c.outputs[i].shape, outs[i].shape, `${name}/${names[i]}: shape`);
    const ref = await outs[i].data();
    const got = c.outputs[i].dtype === 'int32' ? new Int32Array(fs.readFileSync(c.outputs[i].file).buffer.slice(0)) : readF32(c.outputs[i].file);
    let d = 0;
    for (let k = 0; k < ref.length; k++) d = Math.max(d, Math.abs(ref[k] - got[k]));
    assert.ok(d <= TOL * Math.max(1, ...Array.from(ref, Math.abs)), `${name}/${names[i]}: max abs difference ${d}`);
  }
  tf.dispose([x, ...outs]);
}

test('Conv2D: SAME/VALID/EXPLICIT padding, strides, dilations, 1x1, fp16 and uint8 weights', async () => {
  const s = [1, 9, 11, 5];
  const g = graph(s);
  const conv = (n, f, attr) => g.node(n, 'Conv2D', ['x', f], { T: { type: 'DT_FLOAT' }, data_format: str('NHWC'), dilations: ints([1, 1, 1, 1]), ...attr });
  conv('same_s2', g.const('f1', [3, 3, 5, 7]), { strides: ints([1, 2, 2, 1]), padding: str('SAME') });
  conv('valid_d2', g.const('f2', [3, 2, 5, 4]), { strides: ints([1, 1, 1, 1]), padding: str('VALID'), dilations: ints([1, 2, 2, 1]) });
  conv('explicit', g.const('f3', [2, 3, 5, 3]), { strides: ints([1, 2, 1, 1]), padding: str('EXPLICIT'), explicit_paddings: ints([0, 0, 1, 2, 0, 1, 0, 0]) });
  conv('pointwise', g.const('f4', [1, 1, 5, 6], { quant: 'float16' }), { strides: ints([1, 1, 1, 1]), padding: str('VALID') });
  conv('same_even', g.const('f5', [4, 4, 5, 2], { quant: 'uint8' }), { strides: ints([1, 3, 2, 1]), padding: str('SAME') });
  await compare('conv', g, s);
});

test('_FusedConv2D and depthwise: bias with Relu, Relu6, LeakyRelu, Sigmoid; channel multiplier', async () => {
  const s = [1, 8, 7, 6];
  const g = graph(s);
  const base = { T: { type: 'DT_FLOAT' }, data_format: str('NHWC'), dilations: ints([1, 1, 1, 1]), num_args: { i: '1' }, epsilon: { f: 0 } };
  const fused = (n, op, f, b, act, attr) => g.node(n, op, ['x', f, b], { ...base, fused_ops: { list: { s: [b64('BiasAdd'), ...(act ? [b64(act)] : [])] } }, ...attr });
  fused('relu', '_FusedConv2D', g.const('f1', [3, 3, 6, 4]), g.const('b1', [4]), 'Relu', { strides: ints([1, 1, 1, 1]), padding: str('SAME') });
  fused('relu6', '_FusedConv2D', g.const('f2', [1, 1, 6, 5]), g.const('b2', [5]), 'Relu6', { strides: ints([1, 1, 1, 1]), padding: str('VALID') });
  fused('leaky', '_FusedConv2D', g.const('f3', [3, 3, 6, 3]), g.const('b3', [3]), 'LeakyRelu', { strides: ints([1, 2, 2, 1]), padding: str('SAME'), leakyrelu_alpha: { f: 0.1 } });
  fused('bias', '_FusedConv2D', g.const('f4', [2, 2, 6, 3]), g.const('b4', [3]), null, { strides: ints([1, 1, 1, 1]), padding: str('VALID') });
  g.node('dw', 'DepthwiseConv2dNative', ['x', g.const('f5', [3, 3, 6, 2])], { ...base, strides: ints([1, 2, 2, 1]), padding: str('SAME') });
  g.node('dw_valid', 'DepthwiseConv2dNative', ['x', g.const('f6', [3, 3, 6, 1])], { ...base, strides: ints([1, 1, 1, 1]), padding: str('VALID'), dilations: ints([1, 2, 2, 1]) });
  fused('dw_fused', 'FusedDepthwiseConv2dNative', g.const('f7', [3, 3, 6, 1]), g.const('b7', [6]), 'Relu6', { strides: ints([1, 1, 1, 1]), padding: str('SAME') });
  fused('sig', '_FusedConv2D', g.const('f8', [1, 1, 6, 2]), g.const('b8', [2]), 'Sigmoid', { strides: ints([1, 1, 1, 1]), padding: str('VALID') });
  await compare('fused', g, s);
});

test('fusion at load: Conv2D + Add(bias) [+ Transpose] + activation, and where it must not fuse', async () => {
  const s = [1, 6, 5, 4];
  const g = graph(s);
  const conv = (n, f) => g.node(n, 'Conv2D', ['x', f], { T: { type: 'DT_FLOAT' }, data_format: str('NHWC'), dilations: ints([1, 1, 1, 1]), strides: ints([1, 1, 1, 1]), padding: str('SAME') });
  const perm = g.const('perm', [4], { dtype: 'int32', values: [0, 3, 1, 2] });
  // as in NanoDet: conv -> add bias -> to NCHW -> LeakyRelu
  g.node('leaky_nchw', 'LeakyRelu', [g.node('t1', 'Transpose', [g.node('a1', 'Add', [conv('c1', g.const('f1', [3, 3, 4, 5])), g.const('b1', [5])]), perm])], { alpha: { f: 0.1 } });
  // bias first, activation right after
  g.node('relu6', 'Relu6', [g.node('a2', 'AddV2', [g.const('b2', [3]), conv('c2', g.const('f2', [1, 1, 4, 3]))])]);
  // depthwise + bias, no activation
  g.node('a3', 'Add', [g.node('d3', 'DepthwiseConv2dNative', ['x', g.const('f3', [3, 3, 4, 2])], { T: { type: 'DT_FLOAT' }, data_format: str('NHWC'), dilations: ints([1, 1, 1, 1]), strides: ints([1, 2, 2, 1]), padding: str('SAME') }), g.const('b3', [8])]);
  // the conv output is read twice: nothing may fuse
  const c4 = conv('c4', g.const('f4', [3, 3, 4, 2]));
  g.node('sig4', 'Sigmoid', [g.node('a4', 'Add', [c4, g.const('b4', [2])])]);
  g.node('raw4', 'Mul', [c4, g.const('k4', [], { values: [2] })]);
  // a bias that broadcasts over more than channels: not a bias
  g.node('a5', 'Add', [conv('c5', g.const('f5', [1, 1, 4, 2])), g.const('b5', [5, 2])]);
  await compare('fusion', g, s);
});

test('element-wise: broadcasting arithmetic and activations', async () => {
  const s = [2, 4, 5, 3];
  const g = graph(s);
  g.node('add_c', 'AddV2', ['x', g.const('c', [3])]);
  g.node('mul_b', 'Mul', ['x', g.const('m', [2, 1, 5, 1])]);
  g.node('sub_s', 'Sub', [g.const('k', []), 'x']);
  g.node('div', 'RealDiv', ['x', g.const('d', [4, 1, 3], { values: Array.from({ length: 12 }, (_v, i) => 0.5 + i) })]);
  g.node('max', 'Maximum', ['x', g.const('mx', [1, 4, 1, 1])]);
  g.node('min', 'Minimum', ['x', g.const('mn', [5, 3])]);
  g.node('add', 'Add', ['x', 'x']);
  g.node('bias', 'BiasAdd', ['x', g.const('bb', [3])], { data_format: str('NHWC') });
  for (const [n, op, attr] of [['relu', 'Relu'], ['relu6', 'Relu6'], ['leaky', 'LeakyRelu', { alpha: { f: 0.1 } }], ['sigmoid', 'Sigmoid'], ['tanh', 'Tanh'], ['elu', 'Elu']]) {
    g.node(n, op, [g.node(`${n}_in`, 'Mul', ['x', g.const(`${n}_k`, [], { values: [8] })])], attr || {});
  }
  await compare('elem', g, s);
});

test('pooling, padding, resize', async () => {
  const s = [1, 7, 9, 4];
  const g = graph(s);
  const pool = (n, op, k, st, pad) => g.node(n, op, ['x'], { T: { type: 'DT_FLOAT' }, data_format: str('NHWC'), ksize: ints([1, k, k, 1]), strides: ints([1, st, st, 1]), padding: str(pad) });
  pool('max_same', 'MaxPool', 3, 2, 'SAME');
  pool('max_valid', 'MaxPool', 3, 2, 'VALID');
  pool('avg_same', 'AvgPool', 3, 2, 'SAME');
  pool('avg_valid', 'AvgPool', 2, 1, 'VALID');
  g.node('pad', 'Pad', ['x', g.const('p', [4, 2], { dtype: 'int32', values: [0, 0, 1, 2, 3, 0, 0, 1] })]);
  g.node('padv2', 'PadV2', ['x', g.const('p2', [4, 2], { dtype: 'int32', values: [0, 0, 2, 2, 1, 1, 0, 0] }), g.const('pv', [], { values: [-0.5] })]);
  const sz = (n, h, w) => g.const(n, [2], { dtype: 'int32', values: [h, w] });
  for (const [n, ac, hp, h, w] of [['bil_half', false, true, 13, 18], ['bil_align', true, false, 13, 18], ['bil_plain', false, false, 5, 4], ['bil_half_down', false, true, 3, 5]]) {
    g.node(n, 'ResizeBilinear', ['x', sz(`${n}_s`, h, w)], { align_corners: { b: ac }, half_pixel_centers: { b: hp } });
  }
  for (const [n, ac, hp, h, w] of [['nn_half', false, true, 13, 18], ['nn_align', true, false, 13, 18], ['nn_plain', false, false, 5, 4]]) {
    g.node(n, 'ResizeNearestNeighbor', ['x', sz(`${n}_s`, h, w)], { align_corners: { b: ac }, half_pixel_centers: { b: hp } });
  }
  await compare('pool', g, s);
});

test('data movement: Transpose, Reshape, Squeeze, ExpandDims, ConcatV2, Split, SplitV, SparseToDense', async () => {
  const s = [1, 3, 4, 6];
  const g = graph(s);
  const i32 = (n, shape, values) => g.const(n, shape, { dtype: 'int32', values });
  g.node('nchw', 'Transpose', ['x', i32('perm', [4], [0, 3, 1, 2])]);
  g.node('t3', 'Transpose', [g.node('r3', 'Reshape', ['x', i32('s3', [3], [3, -1, 6])]), i32('perm3', [3], [2, 0, 1])]);
  g.node('t_general', 'Transpose', ['x', i32('perm4', [4], [0, 2, 1, 3])]);
  g.node('t_reverse', 'Transpose', ['x', i32('perm5', [4], [3, 2, 1, 0])]);
  g.node('sq', 'Squeeze', ['x'], { squeeze_dims: ints([0]) });
  g.node('ed', 'ExpandDims', ['x', i32('ax', [], [2])]);
  g.node('cat_last', 'ConcatV2', ['x', 'x', i32('a1', [], [-1])], { N: { i: '2' } });
  g.node('cat_1', 'ConcatV2', ['x', g.node('neg', 'Mul', ['x', g.const('mk', [], { values: [-2] })]), 'x', i32('a2', [], [1])], { N: { i: '3' } });
  g.node('sv', 'SplitV', ['x', i32('sizes', [3], [1, -1, 2]), i32('sa', [], [3])], { num_split: { i: '3' } });
  for (const k of [0, 1, 2]) g.node(`sv_${k}`, 'Identity', [`sv:${k}`]);
  g.node('sp', 'Split', [i32('spa', [], [2]), 'x'], { num_split: { i: '2' } });
  g.node('sp_1', 'Identity', ['sp:1']);
  g.node('sp_0', 'Sigmoid', ['sp']);
  // NanoDet builds its Reshape shapes this way: SparseToDense of nothing, added to a constant
  const std = g.node('std', 'SparseToDense', [i32('w', [0, 1], []), i32('os', [1], [3]), i32('gv', [0], []), i32('z', [], [0])], { validate_indices: { b: true } });
  g.node('r_std', 'Reshape', ['x', g.node('shape_sum', 'AddV2', [i32('base', [3], [1, 6, -1]), std])]);
  await compare('shape', g, s);
});

// A graph as ONNX converters write it (NanoDet's pattern): NCHW tensors, each NHWC operator wrapped
// in Transposes. The runner holds these tensors as NHWC and skips the Transpose pairs (layout.c), folds
// the Pads into the convolution and the max-pool (fuse.c), and transposes back where an operator
// (Reshape) or an output wants the graph's NCHW tensor.
test('NCHW graphs from ONNX: Transpose pairs skipped, Pads folded, NCHW where needed', async () => {
  const s = [1, 4, 9, 10];
  const g = graph(s);
  const i32 = (n, shape, values) => g.const(n, shape, { dtype: 'int32', values });
  const nhwc = (n, x) => g.node(n, 'Transpose', [x, i32(`${n}_p`, [4], [0, 2, 3, 1])]);
  const nchw = (n, x) => g.node(n, 'Transpose', [x, i32(`${n}_p`, [4], [0, 3, 1, 2])]);
  const conv = (n, x, f, st) => g.node(n, 'Conv2D', [x, f], { T: { type: 'DT_FLOAT' }, data_format: str('NHWC'), dilations: ints([1, 1, 1, 1]), strides: ints([1, st, st, 1]), padding: str('VALID') });
  const pad = (n, x, p) => g.node(n, 'Pad', [x, i32(`${n}_p`, [4, 2], p)]);
  const c1 = conv('c1', nhwc('t1', pad('p1', 'x', [0, 0, 0, 0, 1, 1, 1, 1])), g.const('f1', [3, 3, 4, 6]), 1);
  const lr = g.node('lr', 'LeakyRelu', [nchw('t2', g.node('b1', 'Add', [c1, g.const('bias1', [6])]))], { alpha: { f: 0.1 } });
  const cat = g.node('cat', 'ConcatV2', [lr, g.node('sg', 'Sigmoid', [lr]), i32('cat_a', [], [1])], { N: { i: '2' } });
  g.node('add2', 'Add', [cat, g.node('cat2', 'ConcatV2', [lr, lr, i32('cat2_a', [], [-3])], { N: { i: '2' } })]);
  const pv = g.node('pv', 'PadV2', [cat, i32('pv_p', [4, 2], [0, 0, 0, 0, 1, 1, 1, 1]), g.const('pv_v', [], { values: [-1000] })]);
  const mp = g.node('mp', 'MaxPool', [nhwc('t3', pv)], { T: { type: 'DT_FLOAT' }, data_format: str('NHWC'), ksize: ints([1, 3, 3, 1]), strides: ints([1, 2, 2, 1]), padding: str('VALID') });
  g.node('madd', 'Add', [nchw('t4', mp), g.const('half', [], { values: [0.5] })]);
  g.node('sv', 'SplitV', [cat, i32('sv_s', [2], [4, -1]), i32('sv_a', [], [1])], { num_split: { i: '2' } });
  g.node('r', 'Reshape', [g.node('sv_sig', 'Sigmoid', ['sv']), i32('r_s', [3], [1, 4, -1])]);
  g.node('sv_1', 'Identity', ['sv:1']);
  const c2 = conv('c2', nhwc('t5', pad('p2', cat, [0, 0, 0, 0, 0, 1, 1, 0])), g.const('f2', [3, 3, 12, 5]), 2);
  nchw('c2_nchw', c2);
  const rs = g.node('rs', 'ResizeBilinear', [nhwc('t6', lr), i32('rs_s', [2], [5, 7])], { align_corners: { b: false }, half_pixel_centers: { b: true } });
  nchw('rs_nchw', rs);
  await compare('onnx_nchw', g, s);
});

// 3x3 stride-1 convolutions with 16 channels or more run by Winograd's F(4x4, 3x3) (winograd.c):
// output sizes that leave tiles partly outside, each padding, a bias and an activation fused.
test('Conv2D by Winograd: SAME, VALID, EXPLICIT, odd sizes, bias and LeakyRelu fused', async () => {
  const s = [1, 7, 10, 32];
  const g = graph(s);
  const conv = (n, x, f, attr) => g.node(n, 'Conv2D', [x, f], { T: { type: 'DT_FLOAT' }, data_format: str('NHWC'), dilations: ints([1, 1, 1, 1]), strides: ints([1, 1, 1, 1]), ...attr });
  conv('w_same', 'x', g.const('f1', [3, 3, 32, 40]), { padding: str('SAME') });
  conv('w_valid', 'x', g.const('f2', [3, 3, 32, 33]), { padding: str('VALID') });
  conv('w_explicit', 'x', g.const('f3', [3, 3, 32, 32]), { padding: str('EXPLICIT'), explicit_paddings: ints([0, 0, 2, 0, 1, 2, 0, 0]) });
  const c = conv('w_fused', 'x', g.const('f4', [3, 3, 32, 48], { quant: 'float16' }), { padding: str('SAME') });
  g.node('w_leaky', 'LeakyRelu', [g.node('w_bias', 'Add', [c, g.const('b4', [48])])], { alpha: { f: 0.1 } });
  await compare('winograd', g, s);
});
