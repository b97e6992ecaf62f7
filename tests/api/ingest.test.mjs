// Observations from AI sources, over HTTP with real images: the generic endpoint (JSON, JSON with a
// base64 snapshot, multipart) and Hikvision ISAPI pushes (XML, JSON, multipart with a JPEG); a burst
// merged into one alert; outcomes that store an observation but raise no alert; duplicates; and
// hostile or broken payloads, each rejected with nothing stored.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';
import { jpeg, png } from './images.mjs';

const HOUR = 3600 * 1000;
const MAC = '44:19:b6:0a:0b:0c';
const B = '----shianBoundary7MA4YWxkTrZu0gW';
let srv, t01, t02, box, photo, shot, entity, cams;

// What this file's cameras hold, read through the API (observations, alerts and their merged
// counts), and the snapshot files on disk; never the database file.
function countFiles(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((n, d) => n + (d.isDirectory() ? countFiles(path.join(dir, d.name)) : 1), 0);
}
const clientOf = (name) => (name === 'far' ? t02 : t01);
const observationsOf = async (camera, client = t01) => (await client.get(`/api/v1/cameras/${camera.id}/observations?limit=500`)).data.items;
const alertsOf = async (camera, violation, client = t01) =>
  (await client.get(`/api/v1/alerts?camera_id=${camera.id}&limit=200${violation ? `&violation=${violation}` : ''}`)).data.items;
async function stored() {
  const parts = [];
  for (const [name, c] of Object.entries(cams)) {
    const alerts = await alertsOf(c, null, clientOf(name));
    parts.push(`${(await observationsOf(c, clientOf(name))).length}:${alerts.length}:${alerts.reduce((n, a) => n + a.observation_count, 0)}`);
  }
  return `${parts.join('/')}/${countFiles(path.join(srv.dir, 'files'))}`;
}
const cameraOf = async (camera) => (await t01.get(`/api/v1/cameras/${camera.id}`)).data.camera;

// The latest past moment (a minute ago at most) at hh:mm Beijing time.
function beijing(hh, mm = 0) {
  const now = srv.now();
  const day = Math.floor((now + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR;
  let t = day + hh * HOUR + mm * 60000 - 8 * HOUR;
  if (t > now - 60000) t -= 24 * HOUR;
  return t;
}
const iso8 = (ms) => new Date(ms + 8 * HOUR).toISOString().replace('Z', '+08:00');

let seq = 0;
const key = () => `box7-${String(++seq).padStart(6, '0')}`;
const observation = (camera, extra = {}) => ({ camera_id: camera.id, observed_at: srv.now() - 1000, label: 'smoking',
  score: 0.91, box: [0.4, 0.5, 0.2, 0.3], idempotency_key: key(), ...extra });

function form(parts) {
  const f = new FormData();
  for (const [name, value, type, filename] of parts) {
    if (typeof value === 'string' && !type) f.append(name, value);
    else f.append(name, new Blob([value], { type: type || 'application/octet-stream' }), filename || name);
  }
  return f;
}
const postForm = (client, url, f) => client.req('POST', url, { raw: f });
const postRaw = (client, url, bytes, type) => client.req('POST', url, { raw: bytes, headers: { 'content-type': type } });

function hikXml({ type = 'noMaskDetection', state = 'active', at = srv.now() - 2000, count = 1, confidence = 87,
  channel = 1, mac = MAC.toUpperCase() } = {}) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
<ipAddress>192.168.1.64</ipAddress><portNo>80</portNo><protocol>HTTP</protocol>
<macAddress>${mac}</macAddress><channelID>${channel}</channelID><dateTime>${iso8(at)}</dateTime>
<activePostCount>${count}</activePostCount><eventType>${type}</eventType><eventState>${state}</eventState>
<eventDescription>${type} alarm</eventDescription><channelName>后厨</channelName>
<DetectionRegionList><DetectionRegionEntry><regionID>1</regionID><sensitivityLevel>50</sensitivityLevel>
<RegionCoordinatesList>
<RegionCoordinates><positionX>300</positionX><positionY>400</positionY></RegionCoordinates>
<RegionCoordinates><positionX>500</positionX><positionY>400</positionY></RegionCoordinates>
<RegionCoordinates><positionX>500</positionX><positionY>900</positionY></RegionCoordinates>
<RegionCoordinates><positionX>300</positionX><positionY>900</positionY></RegionCoordinates>
</RegionCoordinatesList>${confidence === null ? '' : `<confidence>${confidence}</confidence>`}</DetectionRegionEntry></DetectionRegionList>
</EventNotificationAlert>`;
}

before(async () => {
  srv = await startServer({ entities: 600, seed: 61 });
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  photo = await jpeg(320, 240);
  shot = png(16, 9);
  entity = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const other = (await t02.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const camera = async (client, body) => {
    const r = await client.post('/api/v1/cameras', { name: '后厨', area: 'kitchen', stream_url: 'rtsp://10.0.0.5/stream1', ...body });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    return r.data.camera;
  };
  cams = {
    plain: await camera(t01, { entity_id: entity.id }),
    // working 08:00-17:00 every day; the lower half of the picture counts
    ruled: await camera(t01, { entity_id: entity.id, name: '加工间', area: 'processing',
      schedule: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '08:00', to: '17:00' }],
      zones: [{ name: '操作台', type: 'include', points: [[0, 0.5], [1, 0.5], [1, 1], [0, 1]] }] }),
    hik: await camera(t01, { entity_id: entity.id, name: '海康', device_id: `${MAC}:1` }),
    far: await camera(t02, { entity_id: other.id }),
  };
  const tok = await t01.post('/api/v1/tokens', { name: 'AI box 7' });
  assert.equal(tok.status, 201);
  box = new Client(srv.base);
  box.token = tok.data.token;
});
after(async () => { await srv.stop(); });

test('JSON, JSON with a base64 snapshot, and multipart with a JPEG part', async () => {
  // plain JSON from an AI box, with an ISO 8601 time
  let r = await box.post('/api/v1/observations', observation(cams.plain, { observed_at: iso8(srv.now() - 60000) }));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const o = r.data.observation;
  assert.equal(o.camera_id, cams.plain.id);
  assert.equal(o.entity_id, entity.id);
  assert.deepEqual([o.label, o.violation, o.outcome, o.snapshot_id], ['smoking', 'smoking', 'alert', null]);
  assert.deepEqual(o.box, [0.4, 0.5, 0.2, 0.3]);
  assert.equal(o.score, 0.91);
  assert.equal(r.data.alert.id, o.alert_id);
  assert.deepEqual([r.data.alert.status, r.data.alert.observations, r.data.alert.violation], ['open', 1, 'smoking']);

  // base64 snapshot: stored, readable within the jurisdiction as the same bytes
  r = await box.post('/api/v1/observations', observation(cams.plain, { label: 'cat', score: 0.8,
    snapshot_base64: photo.toString('base64') }));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.observation.violation, 'animal');
  const snap = r.data.observation.snapshot_id;
  assert.ok(snap);
  assert.equal(r.data.alert.snapshot_id, snap);
  const got = await t01.get(`/api/v1/attachments/${snap}`);
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
  assert.ok(Buffer.compare(got.data, photo) === 0);
  assert.equal((await t02.get(`/api/v1/attachments/${snap}`)).status, 404);
  // the picture belongs to the observation, and is the camera's latest
  assert.equal((await observationsOf(cams.plain)).find((o) => o.id === r.data.observation.id).snapshot_id, snap);
  assert.equal((await cameraOf(cams.plain)).last_snapshot_id, snap);

  // multipart: the observation as JSON, the picture as its own part (an official's session may post too)
  r = await postForm(t01, '/api/v1/observations', form([
    ['observation', JSON.stringify(observation(cams.plain, { label: 'dog', source: 'shian_vision' }))],
    ['snapshot', shot, 'image/png', 'frame.png']]));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.observation.violation, 'animal');
  assert.equal(r.data.observation.outcome, 'merged'); // the cat a moment ago: the same animal alert
  const png2 = await t01.get(`/api/v1/attachments/${r.data.observation.snapshot_id}`);
  assert.equal(png2.headers.get('content-type'), 'image/png');
  assert.ok((await cameraOf(cams.plain)).last_heartbeat_at > srv.now() - 60000);
});

test('a burst of 5 observations is one alert with 5 observations', async () => {
  const t = srv.now() - 30000;
  const ids = new Set();
  const outcomes = [];
  for (let i = 0; i < 5; i++) {
    const r = await box.post('/api/v1/observations', observation(cams.ruled, { label: 'smoking', observed_at: t + i * 2000,
      score: 0.6 + i * 0.05 }));
    assert.equal(r.status, 201, JSON.stringify(r.data));
    ids.add(r.data.alert.id);
    outcomes.push(r.data.observation.outcome);
  }
  assert.equal(ids.size, 1);
  assert.deepEqual(outcomes, ['alert', 'merged', 'merged', 'merged', 'merged']);
  const [alert] = ids;
  const a = (await t01.get(`/api/v1/alerts/${alert}`)).data.alert;
  assert.deepEqual([a.observation_count, a.first_at, a.last_at, a.max_score], [5, t, t + 8000, 0.8]);
  assert.equal((await alertsOf(cams.ruled, 'smoking')).length, 1);
});

test('below score, outside the zone and off schedule are kept as observations without an alert', async () => {
  const on = beijing(10), off = beijing(3);
  const before = (await alertsOf(cams.ruled, 'no_mask')).length;
  for (const [extra, outcome] of [
    [{ observed_at: on, score: 0.3 }, 'below_score'],
    [{ observed_at: on, box: [0.4, 0.1, 0.2, 0.2] }, 'outside_zone'], // standing at (0.5, 0.3)
    [{ observed_at: off }, 'off_schedule'],
    [{ observed_at: on, label: 'teapot' }, 'unmapped'],
  ]) {
    const r = await box.post('/api/v1/observations', observation(cams.ruled, { label: 'no_mask', ...extra }));
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.observation.outcome, outcome);
    assert.equal(r.data.observation.alert_id, null);
    assert.equal(r.data.alert, null);
    assert.equal((await observationsOf(cams.ruled)).find((o) => o.id === r.data.observation.id).outcome, outcome);
  }
  assert.equal((await alertsOf(cams.ruled, 'no_mask')).length, before);
  // the same observation inside working hours and the zone counts (pending: no_mask needs 10 s of presence)
  const r = await box.post('/api/v1/observations', observation(cams.ruled, { label: 'no_mask', observed_at: on }));
  assert.equal(r.data.observation.outcome, 'alert');
  assert.equal(r.data.alert.status, 'pending');
  const r2 = await box.post('/api/v1/observations', observation(cams.ruled, { label: 'no_mask', observed_at: on + 12000 }));
  assert.equal(r2.data.alert.id, r.data.alert.id);
  assert.equal(r2.data.alert.status, 'open');
});

test('a repeated idempotency key stores nothing and answers the stored observation', async () => {
  const body = observation(cams.plain, { label: 'phone', idempotency_key: 'box7-dup-1', snapshot_base64: shot.toString('base64') });
  const first = await box.post('/api/v1/observations', body);
  assert.equal(first.status, 201);
  const count = await stored();
  const again = await box.post('/api/v1/observations', { ...body, score: 0.99 });
  assert.equal(again.status, 200);
  assert.equal(again.data.duplicate, true);
  assert.equal(again.data.observation.id, first.data.observation.id);
  assert.equal(again.data.observation.score, first.data.observation.score);
  assert.equal(await stored(), count);
  // the same key from another caller (the token acts as t01; the county is another) is its own observation
  const mine = await (await as(srv.base, 'county')).post('/api/v1/observations', body);
  assert.equal(mine.status, 201);
  assert.notEqual(mine.data.observation.id, first.data.observation.id);
});

test('Hikvision pushes: XML with ?token=, JSON, multipart with the JPEG, inactive events ignored', async () => {
  const cam = new Client(srv.base); // a camera that cannot set headers
  const url = `/api/v1/ingest/hikvision?token=${box.token}`;
  const at = srv.now() - 5000;
  let r = await postRaw(cam, url, hikXml({ at }), 'application/xml');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  let o = r.data.observation;
  assert.equal(o.camera_id, cams.hik.id);
  assert.deepEqual([o.label, o.violation, o.outcome], ['nomaskdetection', 'no_mask', 'alert']);
  assert.equal(o.score, 0.87);
  assert.equal(o.observed_at, at);
  assert.deepEqual(o.box, [0.3, 0.4, 0.2, 0.5]);
  assert.equal((await observationsOf(cams.hik)).find((x) => x.id === o.id).source, 'hikvision');
  // the camera sends it again (same post count): a duplicate
  r = await postRaw(cam, url, hikXml({ at }), 'application/xml');
  assert.equal(r.status, 200);
  assert.equal(r.data.duplicate, true);
  assert.equal(r.data.observation.id, o.id);
  // the next post of the same event merges into the alert
  r = await postRaw(cam, url, hikXml({ at: at + 1000, count: 2 }), 'application/xml');
  assert.equal(r.data.observation.outcome, 'merged');

  // JSON form, with a bearer token
  const json = { ipAddress: '192.168.1.64', macAddress: MAC, channelID: 1, dateTime: iso8(at + 2000), activePostCount: 1,
    eventType: 'smokeDetection', eventState: 'active', eventDescription: 'smoking',
    DetectionRegionList: [{ DetectionRegionEntry: { RegionCoordinatesList: [
      { RegionCoordinates: { positionX: 100, positionY: 100 } }, { RegionCoordinates: { positionX: 200, positionY: 300 } }] } }] };
  r = await postRaw(box, '/api/v1/ingest/hikvision', JSON.stringify(json), 'application/json');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual([r.data.observation.violation, r.data.observation.score], ['smoking', 1]);
  assert.deepEqual(r.data.observation.box, [0.1, 0.1, 0.1, 0.2]);

  // multipart as the camera sends it: the XML part and the picture part
  r = await postForm(cam, url, form([
    ['MoveDetection.xml', hikXml({ type: 'mouseDetection', at: at + 3000, confidence: 66 }), 'application/xml', 'MoveDetection.xml'],
    ['mouseDetectionPicture', photo, 'image/jpeg', 'mouseDetectionPicture.jpg']]));
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.observation.violation, 'animal');
  assert.ok(r.data.observation.snapshot_id);
  const pic = await t01.get(`/api/v1/attachments/${r.data.observation.snapshot_id}`);
  assert.ok(Buffer.compare(pic.data, photo) === 0);

  // videoloss inactive is Hikvision's heartbeat: the camera is heard from, nothing is stored;
  // another inactive event is ignored
  const count = await stored();
  r = await postRaw(cam, url, hikXml({ type: 'videoloss', state: 'inactive', count: 0 }), 'application/xml');
  assert.deepEqual([r.status, r.data.heartbeat, r.data.cameras], [200, true, 1], JSON.stringify(r.data));
  r = await postRaw(cam, url, hikXml({ type: 'smoking', state: 'inactive', count: 0 }), 'application/xml');
  assert.deepEqual([r.status, r.data.ignored], [200, true]);
  assert.equal(await stored(), count);
  // a device this bureau does not know
  r = await postRaw(cam, url, hikXml({ mac: '00:00:00:00:00:99' }), 'application/xml');
  assert.deepEqual([r.status, r.data.error.field], [404, 'device_id']);
});

test('hostile and broken payloads are rejected with nothing stored', async () => {
  const count = await stored();
  const truncated = photo.subarray(0, photo.length - 200);
  const url = '/api/v1/observations';
  const anon = new Client(srv.base);
  const wrong = new Client(srv.base);
  wrong.token = 'f'.repeat(64);
  const cases = [
    // size
    ['over-size body', () => postRaw(box, url, Buffer.alloc(9 * 1024 * 1024, 0x20), 'application/json'), 413],
    ['snapshot over 2 MiB', () => box.post(url, observation(cams.plain, { snapshot_base64: Buffer.alloc(2200000, 7).toString('base64') })), 413, 'snapshot_base64'],
    ['multipart snapshot over 2 MiB', () => postForm(box, url, form([['observation', JSON.stringify(observation(cams.plain))],
      ['snapshot', Buffer.concat([photo.subarray(0, 20), Buffer.alloc(2200000), photo.subarray(20)]), 'image/jpeg']])), 413, 'snapshot'],
    // images
    ['truncated JPEG (base64)', () => box.post(url, observation(cams.plain, { snapshot_base64: truncated.toString('base64') })), 400, 'snapshot'],
    ['truncated JPEG (multipart)', () => postForm(box, url, form([['observation', JSON.stringify(observation(cams.plain))],
      ['snapshot', truncated, 'image/jpeg', 'a.jpg']])), 400, 'snapshot'],
    ['text claiming to be an image', () => postForm(box, url, form([['observation', JSON.stringify(observation(cams.plain))],
      ['snapshot', Buffer.from('<?php system($_GET["c"]); ?>'), 'image/jpeg', 'x.jpg']])), 400, 'snapshot'],
    ['bad base64', () => box.post(url, observation(cams.plain, { snapshot_base64: 'not base64 at all!!' })), 400, 'snapshot_base64'],
    // identity and jurisdiction
    ['wrong token', () => wrong.post(url, observation(cams.plain)), 401],
    ['no token', () => anon.post(url, observation(cams.plain), { csrf: false }), 401],
    ['?token= outside the Hikvision route', () => anon.post(`${url}?token=${box.token}`, observation(cams.plain), { csrf: false }), 401],
    ['wrong ?token= on the Hikvision route', () => postRaw(anon, `/api/v1/ingest/hikvision?token=${'0'.repeat(64)}`, hikXml(), 'application/xml'), 401],
    ['a camera of another township', () => box.post(url, observation(cams.far)), 404, 'camera_id'],
    ['a guessed camera id', () => box.post(url, observation({ id: 999999 })), 404, 'camera_id'],
    ['a business', async () => (await as(srv.base, `b${entity.id}`)).post(url, observation(cams.plain)), 403],
    // values
    ['in the future', () => box.post(url, observation(cams.plain, { observed_at: srv.now() + 10 * 60000 })), 400, 'observed_at'],
    ['eight days old', () => box.post(url, observation(cams.plain, { observed_at: srv.now() - 8 * 24 * HOUR })), 400, 'observed_at'],
    ['box leaving the picture', () => box.post(url, observation(cams.plain, { box: [0.9, 0.5, 0.2, 0.2] })), 400, 'box'],
    ['score above 1', () => box.post(url, observation(cams.plain, { score: 1.2 })), 400, 'score'],
    ['unknown source', () => box.post(url, observation(cams.plain, { source: 'hikvision' })), 400, 'source'],
    ['key too long', () => box.post(url, observation(cams.plain, { idempotency_key: 'k'.repeat(129) })), 400, 'idempotency_key'],
    ['label too long', () => box.post(url, observation(cams.plain, { label: 'x'.repeat(65) })), 400, 'label'],
    // multipart
    ['multipart without a boundary', () => postRaw(box, url, `--${B}\r\nContent-Disposition: form-data; name="observation"\r\n\r\n{}\r\n--${B}--\r\n`,
      'multipart/form-data'), 400, 'body', /boundary/],
    ['truncated multipart', () => postRaw(box, url, `--${B}\r\nContent-Disposition: form-data; name="observation"\r\n\r\n${JSON.stringify(observation(cams.plain))}`,
      `multipart/form-data; boundary=${B}`), 400, 'body', /truncated/],
    ['multipart whose boundary never occurs', () => postRaw(box, url, 'just some text', `multipart/form-data; boundary=${B}`), 400, 'body', /no part/],
    ['multipart with too many parts', () => postForm(box, url, form([['observation', JSON.stringify(observation(cams.plain))],
      ...Array.from({ length: 8 }, (_, i) => [`extra${i}`, 'x'])])), 400, 'body', /too many/],
    ['multipart without the observation part', () => postForm(box, url, form([['snapshot', photo, 'image/jpeg']])), 400, 'observation'],
    ['multipart with a broken observation', () => postForm(box, url, form([['observation', '{"camera_id": ']])), 400, 'observation'],
    // Hikvision
    ['malformed XML', () => postRaw(box, '/api/v1/ingest/hikvision', hikXml().slice(0, 300), 'application/xml'), 400, 'body'],
    ['XML entity bomb', () => postRaw(box, '/api/v1/ingest/hikvision', '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
      + '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
      + hikXml().replace(/^<\?xml[^>]*>/, '').replace('noMaskDetection</eventType>', '&c;</eventType>'), 'application/xml'), 400, 'body'],
    ['XML external entity', () => postRaw(box, '/api/v1/ingest/hikvision', '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
      + hikXml().replace(/^<\?xml[^>]*>/, '').replace('<channelName>后厨', '<channelName>&x;'), 'application/xml'), 400, 'body'],
    ['another XML document', () => postRaw(box, '/api/v1/ingest/hikvision', '<html><body>hi</body></html>', 'text/xml'), 400, 'body'],
    ['Hikvision multipart with a fake picture', () => postForm(box, '/api/v1/ingest/hikvision', form([
      ['a.xml', hikXml(), 'application/xml', 'a.xml'], ['pic', Buffer.from('MZ\x90\x00 not a jpeg'), 'image/jpeg', 'pic.jpg']])), 400, 'snapshot'],
  ];
  for (const [why, send, status, field, message] of cases) {
    const r = await send();
    assert.equal(r.status, status, `${why}: ${JSON.stringify(r.data)}`);
    if (field) assert.equal(r.data.error.field, field, why);
    if (message) assert.match(`${r.data.error.message} ${r.data.error.message_en ?? ""}`, message, why); // the cause, in either tongue
    assert.equal(await stored(), count, `${why}: something was stored`);
  }
});
