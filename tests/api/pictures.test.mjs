// Pictures where people would rather look than read: the demo county's cameras show darknet's photos
// (read from the installed package, stored as a camera's post is) and its AI alerts the detector's
// boxes on them; a patrol is recorded 正常 only for a camera with a picture; without the photos the
// demo still completes and says so once.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { as, startServer } from './harness.mjs';
import { png } from './images.mjs';

const PHOTOS = '/usr/share/darknet/data'; // the Debian package darknet (scripts/deps.sh)
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

// data/video/demo-photos.csv: file, label, score, x, y, w, h
const sights = readFileSync('data/video/demo-photos.csv', 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))
  .map((l) => { const [file, label, , ...box] = l.split(','); return { file, label, box: box.map(Number) }; });
const photoOf = Object.fromEntries([...new Set(sights.map((s) => s.file))].map((f) => [sha(readFileSync(path.join(PHOTOS, f))), f]));

let srv, county, t01;
before(async () => {
  srv = await startServer({ entities: 400, seed: 47 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
});
after(async () => { await srv?.stop(); });

async function allCameras(who) {
  const items = [];
  let cursor = '';
  do {
    const r = await who.get(`/api/v1/cameras?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    items.push(...r.data.items);
    cursor = r.data.next_cursor;
  } while (cursor);
  return items;
}

async function picture(who, id) {
  const r = await who.get(`/api/v1/attachments/${id}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/jpeg');
  return photoOf[sha(r.data)];
}

test('the demo\'s cameras show darknet\'s photos; never-heard cameras show none; said once', async () => {
  assert.equal(srv.demoOutput.match(/监控画面 camera pictures/g)?.length, 1, srv.demoOutput);
  const cams = await allCameras(county);
  const heard = cams.filter((c) => c.last_heartbeat_at !== null);
  assert.ok(heard.length > 20);
  assert.ok(heard.every((c) => c.last_snapshot_id > 0), 'every camera heard from has its latest picture');
  assert.ok(cams.filter((c) => c.last_heartbeat_at === null).every((c) => c.last_snapshot_id === null));
  // the bytes served are the package's photo, byte for byte, and the cameras do not all show one
  const shown = new Set();
  for (const c of heard.slice(0, 12)) shown.add(await picture(county, c.last_snapshot_id));
  assert.ok(!shown.has(undefined), 'a picture that is none of the photos');
  assert.ok(shown.size >= 3, [...shown].join());
  // the camera's pictures list names it with its size
  const c = heard[0];
  const list = (await county.get(`/api/v1/cameras/${c.id}/pictures`)).data.items;
  assert.equal(list[0].id, c.last_snapshot_id);
  assert.ok(list[0].width > 300 && list[0].height > 300);
});

test('the AI alerts show the detector\'s box on a photo of what they are about', async () => {
  const alerts = [];
  for (const status of ['open', 'confirmed']) {
    let cursor = '';
    do {
      const r = (await county.get(`/api/v1/alerts?status=${status}&limit=200${cursor ? `&cursor=${cursor}` : ''}`)).data;
      alerts.push(...r.items);
      cursor = r.next_cursor;
    } while (cursor);
  }
  const withPicture = alerts.filter((a) => a.snapshot_id);
  assert.ok(withPicture.length >= 10, `${withPicture.length} of ${alerts.length}`);
  for (const a of withPicture.slice(0, 15)) {
    const file = await picture(county, a.snapshot_id);
    const subject = a.violation === 'animal' ? 'dog' : 'person';
    assert.ok(sights.some((s) => s.file === file && s.label === subject && s.box.every((v, i) => Math.abs(v - a.box[i]) < 1e-4)),
      `${a.violation} alert ${a.id}: box ${a.box} on ${file}`);
    const obs = (await county.get(`/api/v1/cameras/${a.camera_id}/observations?limit=500`)).data.items.filter((o) => o.alert_id === a.id);
    assert.ok(obs.length > 0 && obs.every((o) => o.snapshot_id > 0));
    if (a.violation === 'animal') assert.ok(obs.every((o) => o.label === 'dog'), 'the detector\'s word, mapped to animal');
  }
  // a confirmed one's order shows the same picture to the business
  const confirmed = withPicture.find((a) => a.status === 'confirmed' && a.rectification_id);
  const order = (await county.get(`/api/v1/rectifications/${confirmed.rectification_id}`)).data;
  assert.equal((order.rectification || order).snapshot_id, confirmed.snapshot_id);
});

test('a patrol is recorded 正常 only for a camera with a picture; a refusal changes nothing', async () => {
  const shop = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const add = async (name, file) => {
    const r = await t01.post('/api/v1/cameras', { entity_id: shop.id, name, area: 'kitchen', stream_url: `file:/srv/${file}.mp4` });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    return r.data.camera;
  };
  const blind = await add('无画面后厨', 'blind');
  const later = await add('稍后有画面', 'later');
  await srv.setSetting('patrol_cameras_per_week', '500'); // every camera of the township this week
  const tasks = (await t01.get('/api/v1/patrols')).data.items;
  const taskOf = (cam) => tasks.find((t) => t.camera_id === cam.id);
  const demo = tasks.find((t) => t.last_snapshot_id && t.status === 'open');
  assert.ok(demo, 'a demo camera of the township with its picture');
  assert.equal(taskOf(blind).last_snapshot_id, null);

  for (const cam of [blind, later]) {
    const r = await t01.post(`/api/v1/patrols/${taskOf(cam).id}`, { outcome: 'normal', findings: '未见异常' });
    assert.equal(r.status, 400);
    assert.equal(r.data.error.field, 'outcome');
    assert.match(r.data.error.message, /没有画面，不能记录为正常/);
  }
  const again = (await t01.get('/api/v1/patrols')).data.items;
  assert.ok([blind, later].every((cam) => again.find((t) => t.camera_id === cam.id).status === 'open'));

  // no picture: what can be said is that there is none, or a problem
  let r = await t01.post(`/api/v1/patrols/${taskOf(blind).id}`, { outcome: 'offline', findings: '无画面' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual([r.data.task.outcome, r.data.task.snapshot_id], ['offline', null]);
  // a picture arrives (as shian-vision posts one): now normal is accepted, and the picture kept
  const snap = await t01.req('POST', `/api/v1/cameras/${later.id}/snapshot`, { raw: png(64, 48) });
  assert.equal(snap.status, 201, JSON.stringify(snap.data));
  r = await t01.post(`/api/v1/patrols/${taskOf(later).id}`, { outcome: 'normal', findings: '未见异常' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.task.snapshot_id, snap.data.attachment?.id ?? snap.data.id);
  // the demo's pictures count as pictures
  r = await t01.post(`/api/v1/patrols/${demo.id}`, { outcome: 'normal', findings: '人员着装规范' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.task.snapshot_id, demo.last_snapshot_id);
});

test('without darknet\'s photos the demo completes, says so once, and its cameras have no pictures', async () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'shian-no-photos-'));
  const bare = await startServer({ entities: 60, seed: 5, demoArgs: [`--demo_photos_dir=${empty}`] });
  try {
    assert.equal(bare.demoOutput.match(/未找到示例照片/g)?.length, 1, bare.demoOutput);
    assert.match(bare.demoOutput, /install the Debian package darknet/);
    const c = await as(bare.base, 'county');
    const cams = await allCameras(c);
    assert.ok(cams.length > 0);
    assert.ok(cams.every((x) => x.last_snapshot_id === null));
    assert.ok((await c.get('/api/v1/alerts?limit=200')).data.items.every((a) => a.snapshot_id === null));
  } finally {
    await bare.stop();
    rmSync(empty, { recursive: true, force: true });
  }
});
