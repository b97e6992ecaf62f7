// 食安封签 seal by seal (issue 17): the business reports which numbers of its batch it sealed orders with;
// anyone scanning a seal's printed code (PREFIX-NUMBER, no login) reads the business that issued it, the
// batch's date and whether the seal was reported used — and nothing personal; a number in no issued batch
// answers "not issued". Another business's batch is not there for a business (404), and a refused report
// stores nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, businessesWithLogin, startServer } from './harness.mjs';
import { decodeQr } from './qr.mjs';

let srv, t01, t02, biz, other, entity, batch, anon;

before(async () => {
  srv = await startServer({ entities: 120, seed: 29 });
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  [[entity, biz], [, other]] = await businessesWithLogin(t01, srv.base);
  anon = new Client(srv.base);
  const r = await t01.post('/api/v1/seal-batches', { entity_id: entity.id, prefix: 'SU26', first_no: 1, last_no: 100 });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  batch = r.data;
});
after(async () => { await srv.stop(); });

const scan = (code) => anon.get(`/api/v1/public/seals/${encodeURIComponent(code)}`);

test('a public scan: the business and the batch\'s date, not yet used; no personal data; unknown numbers are "not issued"', async () => {
  const r = await scan('SU26-5');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data, { code: 'SU26-5', prefix: 'SU26', seal_no: 5, business_name: entity.name, shop_id: entity.id,
    township: r.data.township, issued_on: srv.today(), used: false, used_on: null });
  assert.ok(r.data.township);
  const full = (await t01.get(`/api/v1/entities/${entity.id}`)).data.entity;
  const text = JSON.stringify(r.data);
  for (const secret of [full.uscc, full.legal_rep, full.legal_rep_phone, full.contact_phone].filter(Boolean))
    assert.ok(!text.includes(secret), `no ${secret} in the public answer`);
  for (const code of ['SU26-101', 'SU26-0000', 'ZZ99-1']) {
    const n = await scan(code);
    if (code === 'SU26-0000') { assert.deepEqual([n.status, n.data.error.field], [400, 'code']); continue; }
    assert.equal(n.status, 404, code);
    assert.match(n.data.error.message, /未发放/);
  }
  for (const code of ['su26-5', 'SU26', 'SU26-x1', 'S-1']) assert.deepEqual([(await scan(code)).status, (await scan(code)).data.error.field], [400, 'code'], code);
});

test('the QR code to print on a seal opens its public check; none for a number never issued', async () => {
  const r = await anon.get('/api/v1/public/seals/SU26-000009/qr.png');
  assert.equal(r.status, 200);
  assert.match(decodeQr(r.data), /^http:\/\/[^/]+\/#\/seal\/SU26-9$/);
  assert.equal((await anon.get('/api/v1/public/seals/SU26-101/qr.png')).status, 404);
  assert.equal((await anon.get('/api/v1/public/seals/su26-1/qr.png')).status, 400);
});

test('the business reports seals used; the scan then shows them used, the batch its figures; refusals store nothing', async () => {
  const url = `/api/v1/seal-batches/${batch.id}/uses`;
  for (const [body, field] of [
    [{}, 'seal_nos'],
    [{ seal_nos: [] }, 'seal_nos'],
    [{ seal_nos: [7, 101] }, 'seal_nos[1]'],
    [{ seal_nos: [7, 7] }, 'seal_nos[1]'],
    [{ seal_nos: ['7'] }, 'seal_nos[0]'],
  ]) {
    const r = await biz.post(url, body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field, JSON.stringify(body));
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  // another business, and another township's official, do not find the batch at all
  assert.equal((await other.post(url, { seal_nos: [7] })).status, 404);
  assert.equal((await t02.post(url, { seal_nos: [7] })).status, 404);
  assert.equal((await other.get(`/api/v1/seal-batches/${batch.id}`)).status, 404);
  assert.equal((await scan('SU26-7')).data.used, false, 'nothing stored by a refusal');

  const r = await biz.post(url, { seal_nos: [5, 6, 7] });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual([r.data.size, r.data.used, r.data.seals_reported, r.data.used_on], [100, 3, 3, srv.today()]);
  const used = await scan('SU26-000007');
  assert.deepEqual([used.data.code, used.data.used, used.data.used_on], ['SU26-7', true, srv.today()]);
  assert.equal((await scan('SU26-8')).data.used, false);
  // once reported, a seal stays reported: all or none
  const again = await biz.post(url, { seal_nos: [8, 6] });
  assert.deepEqual([again.status, again.data.error.field], [400, 'seal_nos[1]']);
  assert.equal((await scan('SU26-8')).data.used, false);
  // the running total never falls below the seals reported one by one
  assert.equal((await biz.post(`/api/v1/seal-batches/${batch.id}/use`, { used: 2 })).data.error.field, 'used');
  assert.equal((await biz.post(`/api/v1/seal-batches/${batch.id}/use`, { used: 40 })).data.used, 40);
  assert.equal((await biz.post(url, { seal_nos: [8] })).data.used, 40, 'a report below the total leaves it');
  const got = (await t01.get(`/api/v1/seal-batches/${batch.id}`)).data;
  assert.deepEqual([got.used, got.seals_reported], [40, 4]);
});
