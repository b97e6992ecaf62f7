// One record of a business (一户一档, issue 15): GET /entities/{id}/timeline puts what every area holds
// about it on one line, newest first. Set up through the API: a completed inspection with its order, a
// daily self-record, a video alert, a report from the public. The county sees all of them, counted and
// paged as the list says; a kind filter keeps one kind; the business sees its own record as its pages
// show it (no alert before an official confirms it, never the report); other townships see nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';
import { png } from './images.mjs';

let srv, county, t01, t02;
before(async () => {
  srv = await startServer({ entities: 120, seed: 43 });
  [county, t01, t02] = await Promise.all(['county', 't01', 't02'].map((u) => as(srv.base, u)));
});
after(async () => { await srv?.stop(); });

const timeline = async (c, id, q = '') => {
  const r = await c.get(`/api/v1/entities/${id}/timeline${q}`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data;
};

test('a business\'s whole record on one line: every area\'s rows, newest first, filtered, paged, and as each role may see it', async () => {
  const e = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const before = (await timeline(county, e.id, '?limit=100')).total;
  const biz = await as(srv.base, `b${e.id}`);
  // an inspection: one item fails, an order follows
  const insp = (await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'key', inspectors: [3, 4] })).data.inspection;
  const i1 = await as(srv.base, 'inspector01');
  const failed = insp.items.find((i) => !i.key);
  await i1.post(`/api/v1/inspections/${insp.id}/items`, { items: insp.items.map((i) => (i.id === failed.id
    ? { item_id: i.id, outcome: 'fail', note: '冷藏柜温度偏高' } : { item_id: i.id, outcome: 'pass' })) });
  assert.equal((await i1.post(`/api/v1/inspections/${insp.id}/complete`, { summary: '一般项不符合1项', received_by: '店长' })).status, 200);
  const order = (await t01.get(`/api/v1/rectifications?entity=${e.id}&status=open`)).data.items[0];
  // the business fills today's record
  const record = await biz.post('/api/v1/self-records', { kind: 'daily', nothing_found: true, content: '逐项检查' });
  assert.equal(record.status, 201, JSON.stringify(record.data));
  // a camera sees smoking: the alert waits for an official
  const cam = (await t01.post('/api/v1/cameras', { entity_id: e.id, name: '后厨', area: 'kitchen', stream_url: 'file:/srv/tl.mp4' })).data.camera;
  const seen = await t01.post('/api/v1/observations', { camera_id: cam.id, observed_at: srv.now() - 1000, label: 'smoking', score: 0.9,
    box: [0.4, 0.3, 0.1, 0.2], idempotency_key: 'timeline-1', source: 'ai_box', snapshot_base64: png(32, 24).toString('base64') });
  assert.equal(seen.status, 201, JSON.stringify(seen.data));
  const alert = seen.data.alert;
  // a resident reports the business
  const report = await new Client(srv.base, { address: '203.0.113.61' }).post('/api/v1/public/complaints', { kind: 'report', entity_id: e.id,
    category: 'hygiene', facts: '后厨垃圾桶未加盖，苍蝇较多。', person_name: '举报人甲', person_phone: '13912390001' });
  assert.equal(report.status, 201, JSON.stringify(report.data));
  const reportId = report.data.items[0].id;

  const all = await timeline(county, e.id, '?limit=100');
  const has = (t, kind, id) => t.items.some((i) => i.kind === kind && i.id === id);
  assert.ok(has(all, 'inspection', insp.id) && has(all, 'rectification', order.id) && has(all, 'self_record', record.data.record?.id ?? record.data.id)
    && has(all, 'alert', alert.id) && has(all, 'complaint', reportId), JSON.stringify(all.items.map((i) => [i.kind, i.id])));
  assert.ok(all.total >= before + 5);
  assert.equal(all.items.length, all.total);
  for (let k = 1; k < all.items.length; k++) assert.ok(all.items[k - 1].at >= all.items[k].at, 'newest first');
  const ins = all.items.find((i) => i.kind === 'inspection' && i.id === insp.id);
  assert.deepEqual([ins.kind_label, ins.title, ins.route], ['监督检查', '重点检查', `#/inspections/${insp.id}`]);
  assert.match(ins.detail, /符合/); // the inspection's result
  // one kind, two kinds; a page is a slice of the whole
  const orders = await timeline(county, e.id, '?kind=rectification&limit=100');
  assert.ok(orders.items.every((i) => i.kind === 'rectification') && orders.total === all.items.filter((i) => i.kind === 'rectification').length);
  const two = await timeline(county, e.id, '?kind=inspection,alert&limit=100');
  assert.equal(two.total, all.items.filter((i) => ['inspection', 'alert'].includes(i.kind)).length);
  const page = await timeline(county, e.id, '?limit=2&offset=1');
  assert.deepEqual(page.items.map((i) => [i.kind, i.id]), all.items.slice(1, 3).map((i) => [i.kind, i.id]));
  assert.equal(page.total, all.total);
  assert.equal((await county.get(`/api/v1/entities/${e.id}/timeline?kind=inspection,bogus`)).data.error.field, 'kind');
  assert.equal((await county.get(`/api/v1/entities/${e.id}/timeline?limit=500`)).data.error.field, 'limit');

  // the business: its inspection, order and record; no unreviewed alert; never the report
  let own = await timeline(biz, e.id, '?limit=100');
  assert.ok(has(own, 'inspection', insp.id) && has(own, 'rectification', order.id));
  assert.ok(!has(own, 'alert', alert.id), 'an alert no official has confirmed');
  assert.ok(!own.items.some((i) => i.kind === 'complaint'), 'a report is not the business\'s to know');
  assert.equal((await timeline(biz, e.id, '?kind=complaint')).total, 0);
  assert.equal((await t01.post(`/api/v1/alerts/${alert.id}/review`, { decision: 'confirm', note: '吸烟' })).status, 200);
  own = await timeline(biz, e.id, '?limit=100');
  assert.ok(has(own, 'alert', alert.id), 'confirmed, it is the business\'s to see');

  // another township, another business, nobody signed in: as if it did not exist
  const other = (await t02.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  for (const c of [t02, await as(srv.base, `b${other.id}`)]) {
    const r = await c.get(`/api/v1/entities/${e.id}/timeline`);
    const none = await c.get('/api/v1/entities/987654321/timeline');
    assert.deepEqual([r.status, r.data.error.code], [none.status, none.data.error.code]);
    assert.equal(r.status, 404);
  }
  assert.equal((await new Client(srv.base).get(`/api/v1/entities/${e.id}/timeline`)).status, 401);
});
