// Cameras over HTTP: the registry of each business, credentials kept secret (never in any reply but
// the analyser's, which only a device token gets), heartbeats, snapshots, offline cameras and
// coverage, each confined to the caller's jurisdiction.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, Client, startServer } from './harness.mjs';
import { png } from './images.mjs';

const PASSWORD = 'Hik@12345';
const USER = 'kitchencam';
let srv, county, t01, t02, admin;
const replies = []; // every JSON reply, to look for credentials in the end

// The audit entries of a camera (or of an action), newest first, as the administrator reads them.
async function audit(query) {
  const r = await admin.get(`/api/v1/audit?${query}&limit=500`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data.items;
}

// Wraps a client so that every reply it receives is kept.
function recorded(client) {
  const req = client.req.bind(client);
  client.req = async (...args) => {
    const r = await req(...args);
    if (!Buffer.isBuffer(r.data)) replies.push(JSON.stringify(r.data));
    return r;
  };
  return client;
}

async function login(name) { return recorded(await as(srv.base, name)); }

async function tokenClient(owner) {
  const r = await owner.post('/api/v1/tokens', { name: `AI盒子 ${owner.user.username}` });
  assert.equal(r.status, 201);
  const c = recorded(new Client(srv.base));
  c.token = r.data.token;
  return c;
}

// A business of the township with no camera yet (the demo county gives 60 % of them some).
async function bareBusiness(who, kind, township) {
  const list = (await who.get(`/api/v1/entities?kind=${kind}&status=active&township=${township}&limit=200`)).data.items;
  for (const e of list) {
    const cams = (await county.get(`/api/v1/cameras?entity_id=${e.id}`)).data;
    if (cams.total === 0) return e;
  }
  throw new Error(`no ${kind} without cameras in ${township}`);
}

let shop, farShop, cam, farCam;
before(async () => {
  srv = await startServer({ entities: 600, seed: 41 });
  county = await login('county');
  admin = await login('admin');
  t01 = await login('t01');
  t02 = await login('t02');
  shop = await bareBusiness(t01, 'caterer', t01.user.division_code);
  farShop = await bareBusiness(t02, 'caterer', t02.user.division_code);
});
after(async () => { await srv.stop(); });

test('a township official registers a camera; the URL is kept without its credentials', async () => {
  const r = await t01.post('/api/v1/cameras', {
    entity_id: shop.id, name: '后厨1号', area: 'kitchen',
    stream_url: `rtsp://${USER}:${encodeURIComponent(PASSWORD)}@10.12.3.4:554/Streaming/Channels/101`,
    device_id: 'A4:14:37:0B:2C:9E:1',
    schedule: [{ days: [5, 1, 2, 3, 4], from: '09:00', to: '22:00' }, { days: [6, 7], from: '10:00', to: '02:00' }],
    zones: [{ name: '灶台', type: 'include', points: [[0, 0.2], [1, 0.2], [1, 1], [0, 1]] }],
    rules: ['no_mask', 'no_hat'],
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  cam = r.data.camera;
  assert.equal(cam.entity_id, shop.id);
  assert.equal(cam.entity_name, shop.name);
  assert.equal(cam.area_label, '后厨烹饪区');
  assert.equal(cam.stream_url, 'rtsp://10.12.3.4:554/Streaming/Channels/101');
  assert.equal(cam.has_credentials, true);
  assert.equal(cam.device_id, 'a4:14:37:0b:2c:9e:1', 'a MAC and channel are stored as ISAPI names them (core/mac.h)');
  assert.deepEqual(cam.schedule[0], { days: [1, 2, 3, 4, 5], from: '09:00', to: '22:00' });
  assert.deepEqual(cam.rules, ['no_mask', 'no_hat']);
  assert.equal(cam.zones[0].points.length, 4);
  assert.deepEqual([cam.enabled, cam.online, cam.last_heartbeat_at, cam.offline_since, cam.last_snapshot_id], [true, false, null, null, null]);
  for (const k of ['username', 'password', 'stream_user', 'stream_secret']) assert.ok(!(k in cam), k);
  // stored apart, the password sealed (tests/unit/test_camera.c reads the row; the analyser's
  // configuration below gets the URL back with both)

  // the same for whoever may see it: the county, the business itself
  const owner = await login(`b${shop.id}`);
  for (const who of [t01, county, owner]) {
    const g = await who.get(`/api/v1/cameras/${cam.id}`);
    assert.equal(g.status, 200);
    assert.deepEqual(g.data.camera, cam);
  }
  // listed by business, township and status
  const byShop = (await t01.get(`/api/v1/cameras?entity_id=${shop.id}`)).data;
  assert.deepEqual([byShop.total, byShop.items.map((c) => c.id)], [1, [cam.id]]);
  const offline = (await t01.get(`/api/v1/cameras?status=offline&township=${t01.user.division_code}&limit=500`)).data.items;
  assert.ok(offline.some((c) => c.id === cam.id));
  assert.ok(offline.every((c) => c.township_code === t01.user.division_code && !c.online && c.enabled));
  assert.ok(!(await t01.get('/api/v1/cameras?status=online&limit=500')).data.items.some((c) => c.id === cam.id));

  // partial change; a new password keeps the user; the URL changes without touching the credentials
  let p = await t01.patch(`/api/v1/cameras/${cam.id}`, { name: '后厨主灶', password: 'N3w#Secret' });
  assert.equal(p.status, 200);
  assert.deepEqual([p.data.camera.name, p.data.camera.area, p.data.camera.has_credentials], ['后厨主灶', 'kitchen', true]);
  assert.deepEqual(p.data.camera.rules, ['no_mask', 'no_hat']);
  // the business's own change is a request: the camera as it would be, applied when the township approves
  const asked = await owner.patch(`/api/v1/cameras/${cam.id}`, { stream_url: 'rtsp://10.12.3.5:554/Streaming/Channels/101', schedule: [] });
  assert.equal(asked.status, 202, JSON.stringify(asked.data));
  assert.deepEqual([asked.data.request.kind, asked.data.request.status, asked.data.request.camera_id], ['update', 'pending', cam.id]);
  assert.equal(asked.data.request.camera.stream_url, 'rtsp://10.12.3.5:554/Streaming/Channels/101');
  assert.equal((await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.stream_url, cam.stream_url, 'nothing changed yet');
  assert.equal((await owner.post(`/api/v1/camera-requests/${asked.data.request.id}/decide`, { approve: true })).status, 403);
  assert.equal((await t02.post(`/api/v1/camera-requests/${asked.data.request.id}/decide`, { approve: true })).status, 404);
  const pending = (await t01.get('/api/v1/camera-requests?status=pending')).data;
  assert.ok(pending.items.some((r) => r.id === asked.data.request.id) && pending.total >= 1);
  p = await t01.post(`/api/v1/camera-requests/${asked.data.request.id}/decide`, { approve: true, note: '已核实' });
  assert.equal(p.status, 200, JSON.stringify(p.data));
  assert.deepEqual([p.data.request.status, p.data.request.decided_by_name, p.data.request.decision_note], ['approved', t01.user.display_name, '已核实']);
  p = await t01.get(`/api/v1/cameras/${cam.id}`);
  assert.deepEqual([p.data.camera.stream_url, p.data.camera.schedule, p.data.camera.has_credentials],
    ['rtsp://10.12.3.5:554/Streaming/Channels/101', [], true]);
  // a business asks to install its own cameras; it may not switch one off
  const own = await owner.post('/api/v1/cameras', { entity_id: shop.id, name: '仓库1号', area: 'storage', stream_url: 'file:///srv/video/storage.mp4' });
  assert.equal(own.status, 202, JSON.stringify(own.data));
  assert.deepEqual([own.data.request.kind, own.data.request.camera.has_credentials, own.data.request.camera_id], ['create', false, null]);
  const off = await owner.patch(`/api/v1/cameras/${cam.id}`, { enabled: false });
  assert.deepEqual([off.status, off.data.error.field], [400, 'enabled']);
  const installed = await t01.post(`/api/v1/camera-requests/${own.data.request.id}/decide`, { approve: true });
  assert.equal(installed.status, 200, JSON.stringify(installed.data));
  assert.ok(installed.data.request.camera_id > cam.id);
  assert.deepEqual((await owner.get('/api/v1/cameras')).data.items.map((c) => c.entity_id), [shop.id, shop.id]);
  assert.deepEqual((await owner.get('/api/v1/camera-requests')).data.items.map((r) => r.status), ['approved', 'approved']);
  // the changes are in the audit trail, without the secrets
  const trail = await audit(`object_type=camera&object_id=${cam.id}`);
  assert.deepEqual(trail.map((a) => a.action).filter((a) => a === 'create' || a === 'update'), ['update', 'update', 'create']);
  const cameraTrail = JSON.stringify(await audit('object_type=camera'));
  for (const secret of ['N3w', 'Hik', USER]) assert.ok(!cameraTrail.includes(secret), secret);

  farCam = (await t02.post('/api/v1/cameras', { entity_id: farShop.id, name: '后厨1号', area: 'kitchen', stream_url: 'rtsp://admin:Far%2399@10.99.1.2/Streaming/Channels/101', device_id: 'BC:AD:28:00:00:01:1' })).data.camera;
  assert.ok(farCam?.id);
});

test('each bad value is refused naming its field, and nothing changes', async () => {
  const base = { entity_id: shop.id, name: '后厨2号', area: 'kitchen', stream_url: 'rtsp://10.12.3.4/Streaming/Channels/201' };
  const cases = [
    [{ name: '' }, 'name'], [{ name: '摄'.repeat(61) }, 'name'], [{ name: 7 }, 'name'],
    [{ area: 'roof' }, 'area'], [{ area: undefined }, 'area'],
    [{ stream_url: 'ftp://10.1.1.1/a' }, 'stream_url'], [{ stream_url: 'rtsp:/10.1.1.1' }, 'stream_url'],
    [{ stream_url: `rtsp://10.1.1.1/${'a'.repeat(490)}` }, 'stream_url'], [{ stream_url: 'rtsp://10.1.1.1/后厨' }, 'stream_url'],
    [{ stream_url: 'rtsp://10.1.1.1:70000/a' }, 'stream_url'], [{ stream_url: undefined }, 'stream_url'],
    [{ stream_url: 'rtsp://a:b@10.1.1.1/a', username: 'c' }, 'stream_url'],
    [{ password: 'only-a-password' }, 'username'],
    [{ device_id: 'has space' }, 'device_id'], [{ device_id: 'x'.repeat(81) }, 'device_id'],
    [{ schedule: {} }, 'schedule'], [{ schedule: [{ days: [8], from: '08:00', to: '17:00' }] }, 'schedule[0].days'],
    [{ schedule: [{ days: [1], from: '08:00', to: '17:00' }, { days: [2], from: '25:00', to: '17:00' }] }, 'schedule[1].from'],
    [{ schedule: [{ days: [1], from: '08:00', to: '8pm' }] }, 'schedule[0].to'],
    [{ zones: [{ name: '门', type: 'mask', points: [[0, 0], [1, 1]] }] }, 'zones[0].points'],
    [{ zones: [{ name: '门', type: 'mask', points: [[0, 0], [1, 1], [1.5, 0]] }] }, 'zones[0].points[2]'],
    [{ zones: [{ name: '门', type: 'blur', points: [[0, 0], [1, 1], [1, 0]] }] }, 'zones[0].type'],
    [{ rules: ['napping'] }, 'rules[0]'], [{ rules: ['no_mask', 'no_mask'] }, 'rules[1]'],
    [{ enabled: 'yes' }, 'enabled'], [{ colour: 'red' }, 'colour'], [{ entity_id: undefined }, 'entity_id'],
  ];
  for (const [change, field] of cases) {
    const r = await t01.post('/api/v1/cameras', { ...base, ...change });
    assert.equal(r.status, 400, `${JSON.stringify(change)}: ${JSON.stringify(r.data)}`);
    assert.equal(r.data.error.field, field, JSON.stringify(change));
  }
  // a device id belongs to one camera
  const dup = await t01.post('/api/v1/cameras', { ...base, device_id: farCam.device_id });
  assert.deepEqual([dup.status, dup.data.error.field], [409, 'device_id']);
  assert.equal((await t01.get(`/api/v1/cameras?entity_id=${shop.id}`)).data.total, 2);
  // a bad change leaves the camera as it was
  const before = (await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera;
  for (const [change, field, status] of [[{ name: '' }, 'name', 400], [{ zones: [{ name: 'z', type: 'mask', points: [[0, 0]] }] }, 'zones[0].points', 400],
    [{ entity_id: farShop.id }, 'entity_id', 400], [{ device_id: farCam.device_id }, 'device_id', 409], [{ name: '新名', enabled: 0 }, 'enabled', 400]]) {
    const r = await t01.patch(`/api/v1/cameras/${cam.id}`, change);
    assert.deepEqual([r.status, r.data.error.field], [status, field], JSON.stringify(change));
  }
  assert.deepEqual((await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera, before);
  assert.equal((await t01.get('/api/v1/cameras?status=sleeping')).data.error.field, 'status');
  assert.equal((await t01.get('/api/v1/cameras?township=3607')).data.error.field, 'township');
});

test('another township\'s official, another business\'s user and guessed ids are refused, nothing changed', async () => {
  const before = (await county.get(`/api/v1/cameras/${cam.id}`)).data.camera;
  const other = await login(`b${farShop.id}`);
  const village = await login('g0001');
  for (const who of [t02, other]) {
    assert.equal((await who.get(`/api/v1/cameras/${cam.id}`)).status, 404);
    assert.equal((await who.patch(`/api/v1/cameras/${cam.id}`, { name: '被改了', enabled: false })).status, 404);
    assert.equal((await who.post(`/api/v1/cameras/${cam.id}/heartbeat`, {})).status, 404);
    assert.equal((await who.req('POST', `/api/v1/cameras/${cam.id}/snapshot`, { raw: png(16, 16) })).status, 404);
    const c = await who.post('/api/v1/cameras', { entity_id: shop.id, name: '偷装', area: 'kitchen', stream_url: 'rtsp://10.6.6.6/1' });
    assert.deepEqual([c.status, c.data.error.field], [400, 'entity_id']);
    assert.ok(!(await who.get('/api/v1/cameras?limit=500')).data.items.some((x) => x.entity_id === shop.id));
    assert.ok(!(await who.get(`/api/v1/cameras?entity_id=${shop.id}`)).data.items.length);
  }
  // a village grid member sees but does not register cameras
  assert.equal((await village.post('/api/v1/cameras', { entity_id: shop.id, name: '网格', area: 'kitchen', stream_url: 'rtsp://10.6.6.6/1' })).status, 403);
  for (const id of [cam.id + 100000, 0, -1, 'abc']) {
    assert.equal((await county.get(`/api/v1/cameras/${id}`)).status, 404);
    assert.equal((await county.patch(`/api/v1/cameras/${id}`, { name: 'x' })).status, 404);
  }
  assert.deepEqual((await county.get(`/api/v1/cameras/${cam.id}`)).data.camera, before);
  const names = [];
  for (let cursor = '', n = 0; cursor !== null && n < 100; n++) { // every camera of the county, page by page
    const p = (await county.get(`/api/v1/cameras?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).data;
    names.push(...p.items.map((c) => c.name));
    cursor = p.next_cursor;
  }
  assert.ok(names.length > 10);
  assert.deepEqual(names.filter((x) => ['偷装', '网格', '被改了'].includes(x)), []);
});

test('the analyser\'s configuration: refused to a browser session, credentials to a device token, audited', async () => {
  const denied = await county.get('/api/v1/vision/cameras');
  assert.deepEqual([denied.status, denied.data.error.code], [403, 'permission_denied']);
  const box = await tokenClient(t01);
  const r = await box.get('/api/v1/vision/cameras');
  assert.equal(r.status, 200);
  const mine = r.data.cameras.find((c) => c.id === cam.id);
  assert.equal(mine.stream_url, `rtsp://${USER}:N3w%23Secret@10.12.3.5:554/Streaming/Channels/101`);
  assert.deepEqual([mine.device_id, mine.area, mine.rules, mine.schedule], [cam.device_id, 'kitchen', ['no_mask', 'no_hat'], []]);
  assert.equal(mine.zones[0].name, '灶台');
  // only the token owner's township, only enabled cameras
  assert.ok(!r.data.cameras.some((c) => c.id === farCam.id));
  const townshipCams = (await t01.get('/api/v1/cameras?limit=500')).data.items;
  assert.deepEqual(r.data.cameras.map((c) => c.id), townshipCams.filter((c) => c.enabled).map((c) => c.id));
  // the demo county's cameras come with their (sealed, now unsealed) passwords too
  assert.ok(r.data.cameras.filter((c) => c.id !== cam.id).some((c) => /^rtsp:\/\/\w+:[^@]{8,}@(10|192)\./.test(c.stream_url)));
  const noMask = r.data.alert_rules.find((x) => x.violation === 'no_mask');
  assert.deepEqual([r.data.alert_rules.length, noMask.min_score, noMask.schedule], [8, 0.6, 'working']);
  assert.ok(r.data.label_map.some((m) => m.source === 'hikvision' && m.label === 'nomaskdetection' && m.violation === 'no_mask'));
  const [read] = await audit('action=read_credentials');
  assert.equal(read.actor, 't01');
  assert.ok(read.after.credentials_of.includes(cam.id));
  assert.equal(r.data.next_cursor, null); // one page holds them all
  // page by page: the same cameras
  const paged = [];
  for (let cursor = 0, n = 0; cursor !== null && n < 100; n++) {
    const p = await box.get(`/api/v1/vision/cameras?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(p.data.cameras.length <= 3);
    paged.push(...p.data.cameras.map((c) => c.id));
    cursor = p.data.next_cursor ?? null;
  }
  assert.deepEqual(paged, r.data.cameras.map((c) => c.id));
  assert.equal((await box.get('/api/v1/vision/cameras?limit=0')).data.error.field, 'limit');
  const far = await (await tokenClient(t02)).get('/api/v1/vision/cameras');
  assert.ok(far.data.cameras.some((c) => c.id === farCam.id && c.stream_url === 'rtsp://admin:Far%2399@10.99.1.2/Streaming/Channels/101'));
  assert.ok(!far.data.cameras.some((c) => c.id === cam.id));
});

test('heartbeats bring a camera on line and keep its figures; a box reports for its devices', async () => {
  const bad = await t01.post(`/api/v1/cameras/${cam.id}/heartbeat`, { health: { decode_fps: 'fast' } });
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'health.decode_fps']);
  assert.equal((await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.last_heartbeat_at, null);
  const t0 = srv.now();
  const r = await t01.post(`/api/v1/cameras/${cam.id}/heartbeat`, { health: { decode_fps: 25, detect_fps: 5, skipped_frames: 3, inference_ms: 41.5 } });
  assert.equal(r.status, 200);
  const c = r.data.camera;
  assert.deepEqual([c.online, c.offline_since], [true, null]);
  assert.ok(c.last_heartbeat_at >= t0 - 1000 && c.last_heartbeat_at <= srv.now() + 1000);
  assert.deepEqual(c.health, { decode_fps: 25, detect_fps: 5, inference_ms: 41.5, skipped_frames: 3 });
  assert.ok((await t01.get('/api/v1/cameras?status=online&limit=500')).data.items.some((x) => x.id === cam.id));
  // an empty heartbeat keeps the figures
  assert.deepEqual((await t01.post(`/api/v1/cameras/${cam.id}/heartbeat`)).data.camera.health, c.health);

  // an AI box with t01's token: its own device is stored; the other township's, an unknown one and a
  // broken item are reported back and not stored
  const box = await tokenClient(t01);
  const b = await box.post('/api/v1/cameras/heartbeats', { items: [
    { device_id: cam.device_id, health: { decode_fps: 12 } },
    { device_id: farCam.device_id },
    { device_id: 'FF:FF:FF:FF:FF:FF:9' },
    { health: { decode_fps: 1 } },
    { device_id: cam.device_id, health: { decode_fps: [1] } },
  ] });
  assert.equal(b.status, 200, JSON.stringify(b.data));
  assert.deepEqual([b.data.accepted, b.data.rejected], [1, 4]);
  assert.deepEqual(b.data.items.map((i) => i.ok), [true, false, false, false, false]);
  assert.equal(b.data.items[0].camera_id, cam.id);
  assert.deepEqual(b.data.items.slice(1).map((i) => [i.error.code, i.error.field]), [
    ['not_found', 'items[1].device_id'], ['not_found', 'items[2].device_id'],
    ['invalid_argument', 'items[3].device_id'], ['invalid_argument', 'items[4].health.decode_fps'],
  ]);
  assert.equal((await t02.get(`/api/v1/cameras/${farCam.id}`)).data.camera.last_heartbeat_at, null);
  assert.equal((await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.health.decode_fps, 12);
  assert.equal((await box.post('/api/v1/cameras/heartbeats', { items: [] })).data.error.field, 'items');
  assert.equal((await box.post('/api/v1/cameras/heartbeats', {})).data.error.field, 'items');
});

test('offline cameras: the silent ones of the jurisdiction, longest first, back on line with a heartbeat', async () => {
  // cam was heard; an hour passes in silence (the server restarts an hour later on the same
  // database), and the sweep's mark is kept only until it reports again
  const heard = (await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.last_heartbeat_at;
  await srv.travel(heard + 3600e3 - srv.now());
  let items = (await t01.get('/api/v1/cameras/offline')).data.items;
  const mine = items.find((c) => c.id === cam.id);
  assert.ok(mine, 'the silent camera is listed');
  assert.equal(mine.since, mine.last_heartbeat_at);
  assert.ok(mine.offline_s >= 3599 && mine.offline_s < 3700);
  assert.equal(mine.entity_name, shop.name);
  assert.equal(mine.online, false);
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].since <= items[i].since, 'longest offline first');
  assert.ok(items.every((c) => c.township_code === t01.user.division_code && c.enabled));
  // the county sees both townships' silent cameras; t02 not t01's
  const all = (await county.get('/api/v1/cameras/offline?limit=2000')).data.items.map((c) => c.id);
  assert.ok(all.includes(cam.id) && all.includes(farCam.id));
  assert.ok(!(await t02.get('/api/v1/cameras/offline')).data.items.some((c) => c.id === cam.id));
  // a disabled camera is not "offline"
  const storage = (await t01.get(`/api/v1/cameras?entity_id=${shop.id}`)).data.items.find((c) => c.area === 'storage');
  assert.ok(items.some((c) => c.id === storage.id));
  const off = await t01.patch(`/api/v1/cameras/${storage.id}`, { enabled: false });
  assert.deepEqual([off.data.camera.enabled, off.data.camera.online], [false, false]);
  assert.ok((await t01.get('/api/v1/cameras?status=disabled&limit=500')).data.items.some((c) => c.id === storage.id));
  items = (await t01.get('/api/v1/cameras/offline')).data.items;
  assert.ok(!items.some((c) => c.id === storage.id));
  // the heartbeat brings it back: gone from the list
  await t01.post(`/api/v1/cameras/${cam.id}/heartbeat`, {});
  assert.ok(!(await t01.get('/api/v1/cameras/offline')).data.items.some((c) => c.id === cam.id));
  assert.equal((await t01.get('/api/v1/cameras/offline?limit=0')).data.error.field, 'limit');
});

test('coverage per township and kind follows the cameras the test puts on line', async () => {
  const town = t01.user.division_code;
  const read = async () => {
    const c = (await t01.get('/api/v1/cameras/coverage')).data;
    return { c, town: c.townships.find((t) => t.township_code === town), kind: (k) => c.kinds.find((x) => x.kind === k) };
  };
  const start = await read();
  assert.deepEqual(start.c.townships.map((t) => t.township_code), [town]); // a township official sees its own
  assert.deepEqual(start.kind('school_canteen').required_areas, ['kitchen', 'raw_material', 'washing']);
  // kinds with no required area show only when they have cameras, and nobody must
  assert.ok(start.c.kinds.every((k) => k.required_areas.length > 0 || (k.required === 0 && k.share === null && k.cameras > 0)));
  // totals agree with the list of cameras
  const online = (await t01.get('/api/v1/cameras?status=online')).data.total;
  const offline = (await t01.get('/api/v1/cameras?status=offline')).data.total;
  assert.deepEqual([start.c.total.online, start.c.total.cameras], [online, online + offline]);
  assert.ok(Math.abs(start.town.share - start.town.covered / start.town.required) < 1e-12);

  // a caterer without cameras: a kitchen camera counts once it is on line
  const shop2 = await bareBusiness(t01, 'caterer', town);
  const k = (await t01.post('/api/v1/cameras', { entity_id: shop2.id, name: '后厨1号', area: 'kitchen', stream_url: 'rtsp://10.12.9.9/Streaming/Channels/101' })).data.camera;
  let now = await read();
  assert.deepEqual([now.town.required, now.town.covered, now.town.cameras, now.town.online],
    [start.town.required, start.town.covered, start.town.cameras + 1, start.town.online]);
  await t01.post(`/api/v1/cameras/${k.id}/heartbeat`, {});
  now = await read();
  assert.deepEqual([now.town.covered, now.town.online, now.kind('caterer').covered],
    [start.town.covered + 1, start.town.online + 1, start.kind('caterer').covered + 1]);
  assert.ok(Math.abs(now.town.share - now.town.covered / now.town.required) < 1e-12);
  // a dining camera covers nothing required; disabling the kitchen one uncovers the caterer
  const d = (await t01.post('/api/v1/cameras', { entity_id: shop2.id, name: '大厅1号', area: 'dining', stream_url: 'rtsp://10.12.9.9/Streaming/Channels/201' })).data.camera;
  await t01.post(`/api/v1/cameras/${d.id}/heartbeat`, {});
  await t01.patch(`/api/v1/cameras/${k.id}`, { enabled: false });
  now = await read();
  assert.deepEqual([now.town.covered, now.town.cameras, now.town.online],
    [start.town.covered, start.town.cameras + 1, start.town.online + 1]);

  // the county's figures: a school canteen is covered only when all three areas are on line
  const all0 = (await county.get('/api/v1/cameras/coverage')).data;
  assert.equal(all0.townships.length, 42);
  assert.equal(all0.townships.reduce((s, t) => s + t.required, 0), all0.total.required);
  assert.equal(all0.kinds.reduce((s, t) => s + t.covered, 0), all0.total.covered);
  const school = await (async () => {
    for (const t of all0.townships) {
      try { return await bareBusiness(county, 'school_canteen', t.township_code); } catch { /* next township */ }
    }
    throw new Error('no school canteen without cameras');
  })();
  const ids = [];
  for (const [i, area] of ['raw_material', 'kitchen', 'washing'].entries()) {
    const r = await county.post('/api/v1/cameras', { entity_id: school.id, name: `食堂${i + 1}号`, area, stream_url: `rtsp://10.30.0.${i + 2}/1` });
    assert.equal(r.status, 201);
    ids.push(r.data.camera.id);
  }
  for (const id of ids.slice(0, 2)) await county.post(`/api/v1/cameras/${id}/heartbeat`, {});
  const two = (await county.get('/api/v1/cameras/coverage')).data;
  const schoolKind = (c) => c.kinds.find((x) => x.kind === 'school_canteen');
  assert.equal(schoolKind(two).covered, schoolKind(all0).covered);
  assert.equal(two.total.online, all0.total.online + 2);
  await county.post(`/api/v1/cameras/${ids[2]}/heartbeat`, {});
  const three = (await county.get('/api/v1/cameras/coverage')).data;
  assert.equal(schoolKind(three).covered, schoolKind(all0).covered + 1);
  assert.equal(three.total.covered, all0.total.covered + 1);
  // a business user sees the figures of itself only
  const owner = await login(`b${shop2.id}`);
  const mineOnly = (await owner.get('/api/v1/cameras/coverage')).data;
  assert.deepEqual([mineOnly.total.required, mineOnly.total.covered, mineOnly.total.cameras, mineOnly.total.online], [1, 0, 1, 1]);
});

test('a snapshot is stored as the camera\'s latest picture and read back within the jurisdiction', async () => {
  const image = png(64, 48);
  const r = await t01.req('POST', `/api/v1/cameras/${cam.id}/snapshot`, { raw: image, headers: { 'content-type': 'image/png' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.deepEqual([r.data.attachment.mime, r.data.attachment.width, r.data.attachment.height, r.data.attachment.size],
    ['image/png', 64, 48, image.length]);
  const id = r.data.attachment.id;
  assert.equal((await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.last_snapshot_id, id);
  const back = await t01.get(`/api/v1/attachments/${id}`);
  assert.equal(back.status, 200);
  assert.equal(back.headers.get('content-type'), 'image/png');
  assert.ok(Buffer.compare(back.data, image) === 0);
  assert.equal((await (await login(`b${shop.id}`)).get(`/api/v1/attachments/${id}`)).status, 200);
  assert.equal((await t02.get(`/api/v1/attachments/${id}`)).status, 404);
  // not an image, or a truncated one: refused, the latest picture unchanged
  for (const raw of [Buffer.from('not an image at all'), image.subarray(0, 40), Buffer.alloc(0)]) {
    const bad = await t01.req('POST', `/api/v1/cameras/${cam.id}/snapshot`, { raw });
    assert.equal(bad.status, 400, JSON.stringify(bad.data));
  }
  assert.equal((await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.last_snapshot_id, id);
  assert.deepEqual((await t01.get(`/api/v1/cameras/${cam.id}/pictures`)).data.items.map((p) => p.id), [id]);
});

test('credentials in the query (?loginuse=&loginpas=) are sealed as user:pass@ are, and given back only to the analyser', async () => {
  const r = await t01.post('/api/v1/cameras', {
    entity_id: shop.id, name: '门口', area: 'storage',
    stream_url: 'http://10.12.3.9:81/videostream.cgi?loginuse=cgi_user&loginpas=Cgi%26Pass9&resolution=32',
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const c = r.data.camera;
  assert.equal(c.stream_url, 'http://10.12.3.9:81/videostream.cgi?loginuse=&loginpas=&resolution=32');
  assert.equal(c.has_credentials, true);
  const mine = (await (await tokenClient(t01)).get('/api/v1/vision/cameras')).data.cameras.find((x) => x.id === c.id);
  assert.equal(mine.stream_url, 'http://10.12.3.9:81/videostream.cgi?loginuse=cgi_user&loginpas=Cgi%26Pass9&resolution=32');
  // half a pair, or both forms at once, is refused naming the URL, and nothing is stored
  for (const stream_url of ['http://10.12.3.9/videostream.cgi?loginpas=only', 'http://a:b@10.12.3.9/v.cgi?user=c&pwd=d']) {
    const bad = await t01.post('/api/v1/cameras', { entity_id: shop.id, name: '门口2', area: 'storage', stream_url });
    assert.deepEqual([bad.status, bad.data.error.field], [400, 'stream_url'], stream_url);
  }
  assert.ok(!(await t01.get(`/api/v1/cameras?entity_id=${shop.id}`)).data.items.some((x) => x.name === '门口2'));
});

test('no reply but the analyser\'s ever carried a camera\'s credentials', () => {
  assert.ok(replies.length > 100);
  const leaks = replies.filter((t) => !t.includes('"alert_rules"') &&
    [PASSWORD, encodeURIComponent(PASSWORD), 'Cgi%26Pass9', 'Cgi&Pass9', 'cgi_user', 'N3w#Secret', 'N3w%23Secret', USER, 'Far%2399', 'Far#99', 'stream_secret', 'stream_user'].some((s) => t.includes(s)));
  assert.deepEqual(leaks, []);
});
