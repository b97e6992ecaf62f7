// Photos on site and rectification evidence: only real, complete images are stored; they are read
// back only within the jurisdiction; a rejected upload stores nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from './harness.mjs';
import { jpeg, png } from './images.mjs';

let srv, county, t01, t02, photo, shot;
before(async () => {
  srv = await startServer({ entities: 600, seed: 51 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  photo = await jpeg(320, 240);
  shot = png(16, 9);
});
after(async () => { await srv.stop(); });

const upload = (client, url, bytes, type = 'image/jpeg') => client.req('POST', url, { raw: bytes, headers: { 'content-type': type } });

test('inspection photos and rectification evidence', async () => {
  const e = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const insp = (await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 4] })).data.inspection;
  const i1 = await as(srv.base, 'inspector01');
  const item = insp.items[0];

  let r = await upload(i1, `/api/v1/inspections/${insp.id}/photos?item_id=${item.id}`, photo);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.deepEqual([r.data.attachment.mime, r.data.attachment.width, r.data.attachment.height], ['image/jpeg', 320, 240]);
  const photoId = r.data.attachment.id;
  r = await upload(i1, `/api/v1/inspections/${insp.id}/photos`, shot, 'image/png');
  assert.deepEqual([r.data.attachment.mime, r.data.attachment.width, r.data.attachment.height], ['image/png', 16, 9]);

  // hostile and broken uploads: nothing stored
  for (const [bytes, why] of [[Buffer.from('not an image at all'), 'text'], [photo.subarray(0, photo.length - 100), 'truncated jpeg'],
    [shot.subarray(0, shot.length - 12), 'truncated png'], [Buffer.alloc(0), 'empty'],
    [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]), 'jpeg without a frame']]) {
    const bad = await upload(i1, `/api/v1/inspections/${insp.id}/photos`, bytes);
    assert.equal(bad.status, 400, why);
    assert.equal(bad.data.error.field, 'file', why);
  }
  assert.equal((await upload(i1, `/api/v1/inspections/${insp.id}/photos?item_id=999999`, photo)).data.error.field, 'item_id');
  const i3 = await as(srv.base, 'inspector03');
  assert.equal((await upload(i3, `/api/v1/inspections/${insp.id}/photos`, photo)).status, 403);
  const stored = (await county.get(`/api/v1/inspections/${insp.id}`)).data.inspection.photos;
  assert.deepEqual(stored.map((p) => p.item_id), [item.id, null]);

  // read back: the same bytes, within the jurisdiction only
  const got = await county.get(`/api/v1/attachments/${photoId}`);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
  assert.ok(Buffer.compare(got.data, photo) === 0);
  assert.equal((await i1.get(`/api/v1/attachments/${photoId}`)).status, 200);
  if (e.township_code !== t02.user.division_code) assert.equal((await t02.get(`/api/v1/attachments/${photoId}`)).status, 404);

  // the business adds a photo of what it fixed to its open order
  await i1.post(`/api/v1/inspections/${insp.id}/items`, { items: insp.items.map((i) => (i.id === item.id
    ? { item_id: i.id, outcome: 'fail', note: '证照未公示' } : { item_id: i.id, outcome: 'pass' })) });
  await i1.post(`/api/v1/inspections/${insp.id}/complete`, { received_by: '店长' });
  assert.equal((await upload(i1, `/api/v1/inspections/${insp.id}/photos`, photo)).status, 400); // completed
  const order = (await t01.get(`/api/v1/rectifications?entity=${e.id}`)).data.items[0];
  const biz = await as(srv.base, `b${e.id}`);
  r = await upload(biz, `/api/v1/rectifications/${order.id}/evidence`, shot, 'image/png');
  assert.equal(r.status, 201);
  assert.equal((await upload(t01, `/api/v1/rectifications/${order.id}/evidence`, shot, 'image/png')).status, 403);
  const other = await as(srv.base, `b${e.id + 1}`);
  assert.equal((await upload(other, `/api/v1/rectifications/${order.id}/evidence`, shot, 'image/png')).status, 404);
  const listed = (await biz.get('/api/v1/rectifications')).data.items.find((o) => o.id === order.id);
  assert.equal(listed.attachments.length, 1);
  assert.equal((await biz.get(`/api/v1/attachments/${listed.attachments[0].id}`)).status, 200);
  assert.equal((await other.get(`/api/v1/attachments/${listed.attachments[0].id}`)).status, 404);
});
