// The public portal's shop pages (issue 14): search by name and address, the record a resident sees
// after scanning the code at the door (the face of the latest inspection, the licence's validity,
// rectifications closed, published samples), nothing personal of the business's registry record, the
// QR code opening the page, the kitchen picture only when allowed, ratings with their limits, and
// the personal-data filter on the public proposals of 你点我检.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, addDays, as, beijingDate, startServer } from './harness.mjs';
import { png } from './images.mjs';
import { decodeQr } from './qr.mjs';

let srv, county, t01, t02, anon;
before(async () => {
  srv = await startServer({ entities: 200, seed: 23 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  anon = new Client(srv.base, { address: '203.0.113.9' });
});
after(async () => { await srv.stop(); });

// A business of t01 that is a caterer in operation, as the county reads it (with its people).
async function caterer(n = 0) {
  const items = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=50')).data.items;
  return (await county.get(`/api/v1/entities/${items[n].id}`)).data.entity;
}

// Inspects e and completes it: failNote puts one general item as failed (基本符合).
async function inspect(e, failNote) {
  const created = await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 4] });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const insp = created.data.inspection;
  const general = insp.items.find((i) => !i.key);
  const i1 = await as(srv.base, 'inspector01');
  const items = insp.items.map((i) => (failNote && i.id === general.id ? { item_id: i.id, outcome: 'fail', note: failNote } : { item_id: i.id, outcome: 'pass' }));
  assert.equal((await i1.post(`/api/v1/inspections/${insp.id}/items`, { items })).status, 200);
  const done = await i1.post(`/api/v1/inspections/${insp.id}/complete`, { received_by: '店长' });
  assert.equal(done.status, 200, JSON.stringify(done.data));
  return done.data.inspection;
}

test('search finds shops in operation by name and by address, paged with the right total', async () => {
  const e = await caterer(0);
  const byName = await anon.get(`/api/v1/public/shops?q=${encodeURIComponent(e.name)}`);
  assert.equal(byName.status, 200, JSON.stringify(byName.data));
  assert.ok(byName.data.items.some((s) => s.id === e.id), 'found by its name');
  const hit = byName.data.items.find((s) => s.id === e.id);
  assert.equal(hit.kind_label, '餐饮服务');
  assert.equal(hit.address, e.address);
  assert.ok(hit.township);
  const part = e.address.slice(-6);
  const byAddress = await anon.get(`/api/v1/public/shops?q=${encodeURIComponent(part)}`);
  assert.ok(byAddress.data.items.some((s) => s.id === e.id), `found by part of its address (${part})`);
  assert.ok(byAddress.data.items.every((s) => s.name.includes(part) || s.address.includes(part)));
  // paging: every page together is the whole list, total the count of shops in operation of the township
  const township = t01.user.division_code;
  const active = (await county.get(`/api/v1/entities?status=active&division=${township}&limit=1`)).data;
  const first = (await anon.get(`/api/v1/public/shops?division=${township}&limit=7`)).data;
  const second = (await anon.get(`/api/v1/public/shops?division=${township}&limit=7&offset=7`)).data;
  assert.equal(first.items.length, 7);
  assert.equal(first.total, second.total);
  assert.equal(first.total, active.total);
  assert.equal(new Set([...first.items, ...second.items].map((s) => s.id)).size, first.items.length + second.items.length);
  const all = [];
  for (let off = 0; off < first.total; off += 50) all.push(...(await anon.get(`/api/v1/public/shops?division=${township}&limit=50&offset=${off}`)).data.items);
  assert.equal(all.length, first.total);
  // q is text, never a pattern: % and _ match only themselves
  assert.ok((await anon.get('/api/v1/public/shops?q=_')).data.total < (await anon.get('/api/v1/public/shops')).data.total);
  assert.equal((await anon.get('/api/v1/public/shops?q=%25')).data.total, 0);
  // the places to search in: the county, then its townships (t01's among them)
  const places = (await anon.get('/api/v1/public/divisions')).data.items;
  assert.equal(places[0].level, 1);
  assert.ok(places.slice(1).every((d) => d.level === 2 && d.code.startsWith(places[0].code)));
  assert.ok(places.some((d) => d.code === township));
  // a suspended shop is not found
  const closing = await caterer(5);
  assert.equal((await t01.post(`/api/v1/entities/${closing.id}/status`, { status: 'suspended', reason: '停业整顿' })).status, 200);
  assert.ok(!(await anon.get(`/api/v1/public/shops?q=${encodeURIComponent(closing.name)}`)).data.items.some((s) => s.id === closing.id));
  // bad input: a clear error naming the field
  for (const [url, field] of [['?limit=51', 'limit'], ['?limit=0', 'limit'], ['?offset=-1', 'offset'], ['?division=999999', 'division'],
    [`?q=${encodeURIComponent('长'.repeat(51))}`, 'q']]) {
    const r = await anon.get(`/api/v1/public/shops${url}`);
    assert.equal(r.status, 400, url);
    assert.equal(r.data.error.field, field, url);
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/);
  }
});

test('the shop page: the latest inspection\'s face, licence validity, closed rectifications, no personal data', async () => {
  const e = await caterer(1);
  const first = await inspect(e, null);
  const day = beijingDate(first.completed_at); // the run may cross midnight (tests at 23:59)
  let page = (await anon.get(`/api/v1/public/shops/${e.id}`)).data;
  assert.equal(page.face.face, 'good');
  assert.equal(page.face.result, 'pass');
  assert.equal(page.face.date, day);
  assert.deepEqual(page.inspections[0], { date: day, kind: 'daily', result: 'pass' });
  // a failed general item: 基本符合, the flat face; and an order to rectify
  await inspect(e, '后厨地面有积水');
  page = (await anon.get(`/api/v1/public/shops/${e.id}`)).data;
  assert.equal(page.face.face, 'fair');
  assert.equal(page.inspections[0].result, 'pass_after_correction');
  assert.ok(page.inspections.length <= 5);
  const openBefore = page.rectifications.open, closedBefore = page.rectifications.closed;
  assert.ok(openBefore >= 1);
  const order = (await t01.get(`/api/v1/rectifications?entity=${e.id}&status=open`)).data.items[0];
  const biz = await as(srv.base, `b${e.id}`);
  assert.equal((await biz.post(`/api/v1/rectifications/${order.id}/submit`, { evidence: '已清理排水沟' })).status, 200);
  assert.equal((await t01.post(`/api/v1/rectifications/${order.id}/review`, { accept: true, note: '复核合格' })).status, 200);
  page = (await anon.get(`/api/v1/public/shops/${e.id}`)).data;
  assert.deepEqual(page.rectifications, { closed: closedBefore + 1, open: openBefore - 1 });
  // licence validity as of the server's today (each case again should the server's day turn meanwhile)
  for (const [days, state] of [[200, 'valid'], [30, 'expiring'], [31, 'valid'], [0, 'expiring'], [-1, 'expired']]) {
    let today, lic;
    do {
      today = srv.today();
      const version = (await county.get(`/api/v1/entities/${e.id}`)).data.entity.version;
      const r = await t01.patch(`/api/v1/entities/${e.id}`, { version, licence_valid_until: addDays(today, days) });
      assert.equal(r.status, 200, JSON.stringify(r.data));
      lic = (await anon.get(`/api/v1/public/shops/${e.id}`)).data.licence;
    } while (srv.today() !== today);
    assert.equal(lic.valid_until, addDays(today, days));
    assert.equal(lic.state, state, `${days} days`);
  }
  page = (await anon.get(`/api/v1/public/shops/${e.id}`)).data;
  assert.equal(page.licence.number, e.licence_no);
  assert.equal(page.name, e.name);
  // nothing of the registry's people: names, phones, the credit code
  const text = JSON.stringify(page);
  const personal = ['legal_rep', 'legal_rep_phone', 'director_name', 'director_phone', 'officer_name', 'officer_phone', 'uscc']
    .map((k) => e[k]).filter((v) => typeof v === 'string' && v.length >= 2);
  assert.ok(personal.length >= 3, `the demo business has people on file: ${JSON.stringify(personal)}`);
  for (const v of personal) assert.ok(!text.includes(v), `the page shows ${v}`);
  assert.doesNotMatch(text, /1[3-9]\d{9}/);
  assert.doesNotMatch(text, /\d{17}[\dXx]/);
  for (const k of ['legal_rep', 'director_name', 'officer_name', 'phone', 'user_id', 'uscc', 'inspectors', 'received_by'])
    assert.ok(!text.includes(`"${k}"`), k);
  assert.equal(page.page_url, `${srv.base}/#/shop/${e.id}`);
  // unknown shops
  assert.equal((await anon.get('/api/v1/public/shops/987654321')).status, 404);
  assert.equal((await anon.get('/api/v1/public/shops/abc')).status, 404);
});

test('published samples of the shop show on its page as the announcement shows them', async () => {
  const published = (await anon.get('/api/v1/public/sampling-results?limit=100')).data.items;
  const withSample = [];
  for (const s of published) {
    const found = (await anon.get(`/api/v1/public/shops?q=${encodeURIComponent(s.entity_name)}&limit=50`)).data.items.find((x) => x.name === s.entity_name);
    if (found) { withSample.push([found, s]); break; }
  }
  assert.ok(withSample.length, 'the demo publishes sampling results of shops in operation');
  const [shop, sample] = withSample[0];
  const page = (await anon.get(`/api/v1/public/shops/${shop.id}`)).data;
  assert.ok(page.samples.length >= 1 && page.samples.length <= 5);
  assert.ok(page.samples.some((s) => s.code === sample.code));
  assert.deepEqual(Object.keys(page.samples[0]).sort(), Object.keys(sample).sort());
});

test('the QR code decodes to the shop page\'s address', async () => {
  const e = await caterer(2);
  const r = await anon.get(`/api/v1/public/shops/${e.id}/qr.png`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/png');
  const text = decodeQr(r.data);
  assert.equal(text, `${srv.base}/#/shop/${e.id}`);
  assert.equal(text, (await anon.get(`/api/v1/public/shops/${e.id}`)).data.page_url);
  assert.equal((await anon.get('/api/v1/public/shops/987654321/qr.png')).status, 404);
});

test('the kitchen picture: 404 until allowed, then the latest snapshot; only the business or officials in scope switch it', async () => {
  const e = await caterer(3);
  const other = await caterer(4);
  const cam = await t01.post('/api/v1/cameras', { entity_id: e.id, name: '后厨1号', area: 'kitchen', stream_url: 'file:/srv/k.mp4' });
  assert.equal(cam.status, 201, JSON.stringify(cam.data));
  const dining = await t01.post('/api/v1/cameras', { entity_id: e.id, name: '大堂', area: 'dining', stream_url: 'file:/srv/d.mp4' });
  assert.equal(dining.status, 201, JSON.stringify(dining.data));
  let n = 0;
  const observe = async (camera, shot) => {
    const r = await t01.post('/api/v1/observations', { camera_id: camera, observed_at: srv.now() - 1000, label: 'no_hat', score: 0.9,
      box: [0.4, 0.3, 0.1, 0.2], idempotency_key: `portal-${n++}`, source: 'ai_box', snapshot_base64: shot.toString('base64') });
    assert.equal(r.status, 201, JSON.stringify(r.data));
  };
  const kitchenShot = png(48, 36), diningShot = png(50, 30);
  await observe(cam.data.camera.id, kitchenShot);
  const url = `/api/v1/public/shops/${e.id}/camera.jpg`;
  assert.equal((await anon.get(url)).status, 404);
  let page = (await anon.get(`/api/v1/public/shops/${e.id}`)).data;
  assert.equal(page.camera, false);
  assert.equal(page.camera_allowed, false);
  // a business cannot switch another's; a township outside cannot; a grid member and an inspector may not decide
  const otherBiz = await as(srv.base, `b${other.id}`);
  assert.equal((await otherBiz.req('PUT', `/api/v1/entities/${e.id}/public-camera`, { body: { allow: true } })).status, 404);
  assert.equal((await t02.req('PUT', `/api/v1/entities/${e.id}/public-camera`, { body: { allow: true } })).status, 404);
  assert.equal((await (await as(srv.base, 'inspector01')).req('PUT', `/api/v1/entities/${e.id}/public-camera`, { body: { allow: true } })).status, 403);
  assert.equal((await anon.req('PUT', `/api/v1/entities/${e.id}/public-camera`, { body: { allow: true } })).status, 401);
  assert.equal((await anon.get(url)).status, 404);
  // bad input names the field and changes nothing
  const biz = await as(srv.base, `b${e.id}`);
  const bad = await biz.req('PUT', `/api/v1/entities/${e.id}/public-camera`, { body: { allow: 'yes' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.data.error.field, 'allow');
  assert.equal((await anon.get(url)).status, 404);
  // the business allows it: the latest picture of its kitchen camera, never the dining room's
  const on = await biz.req('PUT', `/api/v1/entities/${e.id}/public-camera`, { body: { allow: true } });
  assert.equal(on.status, 200, JSON.stringify(on.data));
  assert.deepEqual(on.data, { entity_id: e.id, allow: true });
  await observe(dining.data.camera.id, diningShot);
  let pic = await anon.get(url);
  assert.equal(pic.status, 200);
  assert.equal(pic.headers.get('content-type'), 'image/png');
  assert.ok(Buffer.compare(pic.data, kitchenShot) === 0, 'the kitchen snapshot');
  const newer = png(64, 40);
  await observe(cam.data.camera.id, newer);
  pic = await anon.get(url);
  assert.ok(Buffer.compare(pic.data, newer) === 0, 'the latest kitchen snapshot');
  page = (await anon.get(`/api/v1/public/shops/${e.id}`)).data;
  assert.equal(page.camera, true);
  assert.equal(page.camera_allowed, true);
  // the township official turns it off again; the change is audited
  assert.equal((await t01.req('PUT', `/api/v1/entities/${e.id}/public-camera`, { body: { allow: false } })).status, 200);
  assert.equal((await anon.get(url)).status, 404);
  const audit = (await (await as(srv.base, 'admin')).get(`/api/v1/audit?object_type=entity&object_id=${e.id}&action=public_camera`)).data;
  const changes = (audit.items ?? []).filter((a) => a.action === 'public_camera');
  assert.equal(changes.length, 2, JSON.stringify(audit).slice(0, 400));
});

test('ratings: a score of 1 to 5, once a day per address and shop, at most 10 an hour per address', async () => {
  const e = await caterer(6);
  const url = `/api/v1/public/shops/${e.id}/ratings`;
  const resident = new Client(srv.base, { address: '198.51.100.20' });
  for (const score of [0, 6, 3.5, '4', null]) {
    const r = await resident.post(url, { score });
    assert.equal(r.status, 400, String(score));
    assert.equal(r.data.error.field, 'score');
    assert.match(r.data.error.message, /评分/);
  }
  assert.equal((await resident.post(url, {})).status, 400);
  const first = await resident.post(url, { score: 4 });
  assert.equal(first.status, 201, JSON.stringify(first.data));
  assert.deepEqual(first.data.rating, { average: 4, count: 1 });
  // once a day: a second rating refused (on another shop, from a fresh address each try, tried again
  // should the server's day turn in between, as a run at 23:59 does)
  const other = (await caterer(7)).id;
  for (let i = 0, day, again; ; i++) {
    day = srv.today();
    const twice = new Client(srv.base, { address: `198.51.100.${40 + i}` });
    assert.equal((await twice.post(`/api/v1/public/shops/${other}/ratings`, { score: 2 })).status, 201);
    again = await twice.post(`/api/v1/public/shops/${other}/ratings`, { score: 5 });
    if (srv.today() !== day) continue;
    assert.equal(again.status, 409);
    assert.equal(again.data.error.field, 'score');
    break;
  }
  const neighbour = new Client(srv.base, { address: '198.51.100.21' });
  assert.deepEqual((await neighbour.post(url, { score: 1 })).data.rating, { average: 2.5, count: 2 });
  assert.deepEqual((await anon.get(`/api/v1/public/shops/${e.id}`)).data.rating, { average: 2.5, count: 2 });
  // the registry's history of the business stays the registry's: ratings are not in it
  assert.ok(!(await county.get(`/api/v1/entities/${e.id}/history`)).data.items.some((i) => i.action === 'rate'));
  assert.equal((await resident.post('/api/v1/public/shops/987654321/ratings', { score: 3 })).status, 404);
  // the hourly limit: the refused forms above cost nothing; 10 accepted an hour, the 11th refused
  const busy = new Client(srv.base, { address: '198.51.100.30' });
  const shops = (await anon.get(`/api/v1/public/shops?division=${t01.user.division_code}&limit=11`)).data.items;
  for (let i = 0; i < 10; i++) {
    const r = await busy.post(`/api/v1/public/shops/${shops[i].id}/ratings`, { score: 5 });
    assert.equal(r.status, 201, `${i}: ${JSON.stringify(r.data)}`);
  }
  const limited = await busy.post(`/api/v1/public/shops/${shops[10].id}/ratings`, { score: 5 });
  assert.equal(limited.status, 429);
  assert.equal(limited.data.error.code, 'too_many_requests');
  // another address is not held back
  assert.equal((await new Client(srv.base, { address: '198.51.100.31' }).post(`/api/v1/public/shops/${shops[10].id}/ratings`, { score: 5 })).status, 201);
  // the next day the same address rates the same shop again
  await srv.travel(24 * 3600e3);
  assert.equal((await resident.post(url, { score: 5 })).status, 201);
});

test('public proposals refuse personal data in food, place and reason, and keep nothing of such a form', async () => {
  const division = t01.user.division_code;
  const resident = new Client(srv.base, { address: '192.0.2.77' });
  const before = (await resident.get(`/api/v1/public/sampling-proposals?division_code=${division}&limit=100`)).data.total;
  for (const [field, value] of [['food', '花生油 13812345678'], ['place', '东门菜场 0797-8123456'], ['reason', '我的身份证36072219900101123X'],
    ['reason', '联系 li.si@example.com'], ['reason', '电话138 1234 5678']]) {
    const r = await resident.post('/api/v1/public/sampling-proposals', { division_code: division, food: '散装花生油', [field]: value });
    assert.equal(r.status, 400, value);
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message, /请勿填写手机号、身份证号等个人信息/);
  }
  assert.equal((await resident.get(`/api/v1/public/sampling-proposals?division_code=${division}&limit=100`)).data.total, before);
  // just outside the patterns: a price, a date, a 10-digit number
  const ok = await resident.post('/api/v1/public/sampling-proposals', { division_code: division, food: '凉皮',
    place: '夜市13.50元一份的摊位', reason: '2026-12-06买的，批号1381234567' });
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
});

test('with public_url set, the page and its QR code carry that address (a trailing slash dropped)', async () => {
  const other = await startServer({ entities: 20, seed: 5, args: ['--public_url=https://shian.example.gov.cn/'] });
  try {
    const shop = (await new Client(other.base).get('/api/v1/public/shops?limit=1')).data.items[0];
    const page = (await new Client(other.base).get(`/api/v1/public/shops/${shop.id}`)).data;
    assert.equal(page.page_url, `https://shian.example.gov.cn/#/shop/${shop.id}`);
    const r = await new Client(other.base).get(`/api/v1/public/shops/${shop.id}/qr.png`);
    assert.equal(decodeQr(r.data), page.page_url);
  } finally { await other.stop(); }
});
