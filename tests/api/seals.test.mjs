// 食安封签 for takeaway (issue 17): an official issues a numbered batch to a business in scope — a bad
// prefix, an empty or oversized range and an overlap with another batch are refused naming the field,
// changing nothing — the business reports the running total it has used (never lower, never above the
// batch), and the figures by township add up.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, businessesWithLogin, startServer } from './harness.mjs';

let srv, county, t01, t02, biz, other, entity, batch, demo;

before(async () => {
  srv = await startServer({ entities: 120, seed: 23 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  [[entity, biz], [, other]] = await businessesWithLogin(t01, srv.base);
  demo = (await county.get('/api/v1/seal-batches/figures')).data.total; // the demo's batches, in a township of its own
});
after(async () => { await srv.stop(); });

test('a batch: fields named in Chinese, no overlap, officials in scope only; use reported as a rising total', async () => {
  const base = { entity_id: entity.id, prefix: 'QH26', first_no: 1, last_no: 500 };
  for (const [body, field] of [
    [{ prefix: 'qh' }, 'prefix'],
    [{ first_no: 0 }, 'first_no'],
    [{ last_no: '500' }, 'last_no'],
    [{ first_no: 10, last_no: 9 }, 'last_no'],
    [{ last_no: 200000 }, 'last_no'],
  ]) {
    const r = await t01.post('/api/v1/seal-batches', { ...base, ...body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field, JSON.stringify(body));
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await t01.get('/api/v1/seal-batches')).data.total, 0);
  assert.equal((await biz.post('/api/v1/seal-batches', base)).status, 403);
  assert.equal((await t02.post('/api/v1/seal-batches', base)).data.error.field, 'entity_id');
  const r = await t01.post('/api/v1/seal-batches', base);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  batch = r.data;
  assert.deepEqual([batch.size, batch.used, batch.issued_on], [500, 0, srv.today()]);
  assert.equal((await county.post('/api/v1/seal-batches', { ...base, first_no: 500, last_no: 600 })).data.error.field, 'first_no');
  assert.equal((await county.post('/api/v1/seal-batches', { ...base, prefix: 'QH27', first_no: 500, last_no: 600 })).status, 201);
  // use: the business reports the running total
  const url = `/api/v1/seal-batches/${batch.id}/use`;
  assert.equal((await biz.post(url, { used: 501 })).data.error.field, 'used');
  assert.equal((await biz.post(url, { used: 120 })).data.used, 120);
  assert.equal((await biz.post(url, { used: 100 })).data.error.field, 'used');
  assert.equal((await other.post(url, { used: 130 })).status, 404);
  assert.equal((await t02.post(url, { used: 130 })).status, 404);
  const mine = (await biz.get('/api/v1/seal-batches')).data;
  assert.equal(mine.total, 2);
  assert.deepEqual(mine.items.filter((b) => b.id === batch.id).map((b) => [b.used, b.used_on]), [[120, srv.today()]]);
  assert.equal((await other.get('/api/v1/seal-batches')).data.total, 0);
});

test('figures by township: batches, issued and used, adding up, within the caller\'s jurisdiction', async () => {
  assert.equal((await biz.get('/api/v1/seal-batches/figures')).status, 403);
  const f = (await county.get('/api/v1/seal-batches/figures')).data;
  for (const k of ['batches', 'issued', 'used']) assert.equal(f.townships.reduce((s, t) => s + t[k], 0), f.total[k], k);
  assert.deepEqual(f.total, { batches: demo.batches + 2, issued: demo.issued + 601, used: demo.used + 120 });
  assert.equal((await t02.get('/api/v1/seal-batches/figures')).data.total.batches, 0);
  assert.equal((await t01.get('/api/v1/seal-batches/figures')).data.townships.length, 1);
});
