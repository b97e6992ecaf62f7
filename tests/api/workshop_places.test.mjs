// Parks, clusters and model units of small workshops (园区, 集中加工区, 示范单元): places a township or
// the county keeps, each with the registered workshops in it; scoped to the jurisdiction.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

let srv, county, t01, t02, seq = 0;
async function registered(name) {
  const r = await new Client(srv.base, { address: `198.18.11.${++seq}` }).post('/api/v1/public/workshop-applications', {
    division_code: t02.user.division_code, name, operator: '吴海燕', phone: '13707970002', address: '青石镇工业园1号',
    products: [{ code: 'XZF-08', name: '月饼' }] });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  await t02.post(`/api/v1/workshop-applications/${r.data.application.id}/review`, { decision: 'accept' });
  return (await county.post(`/api/v1/workshop-applications/${r.data.application.id}/issue`, {})).data.entity_id;
}

before(async () => {
  srv = await startServer({ entities: 80, seed: 19 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
});
after(async () => { await srv.stop(); });

test('a township keeps a park with its workshops; another township neither sees nor changes it', async () => {
  const a = await registered('青石镇吴记月饼坊'), b = await registered('青石镇郑记糕点坊');
  const bad = await t02.post('/api/v1/workshop-places', { kind: 'garden', name: '糕点园', division_code: t02.user.division_code });
  assert.equal(bad.data.error.field, 'kind');
  const foreign = await t01.post('/api/v1/workshop-places', { kind: 'park', name: '越界园区', division_code: t02.user.division_code });
  assert.equal(foreign.data.error.field, 'division_code');
  const park = await t02.post('/api/v1/workshop-places', { kind: 'park', name: '青石镇糕点小作坊园区', division_code: t02.user.division_code,
    address: '青石镇工业园', note: '统一供水、排污和检验室' });
  assert.equal(park.status, 201, JSON.stringify(park.data));
  assert.equal(park.data.kind_label, '园区');
  const dup = await t02.post('/api/v1/workshop-places', { kind: 'cluster', name: '青石镇糕点小作坊园区', division_code: t02.user.division_code });
  assert.equal(dup.status, 409);
  const id = park.data.id;
  // only registered workshops of the township join
  const other = (await t01.get('/api/v1/entities?kind=caterer&limit=1')).data.items[0];
  const refused = await t02.req('PUT', `/api/v1/workshop-places/${id}/workshops`, { body: { entity_ids: [a, other.id] } });
  assert.equal(refused.status, 400);
  assert.match(refused.data.error.message, /第2个/);
  const set = await t02.req('PUT', `/api/v1/workshop-places/${id}/workshops`, { body: { entity_ids: [a, b] } });
  assert.equal(set.status, 200, JSON.stringify(set.data));
  assert.deepEqual(set.data.workshops.map((w) => w.id).sort(), [a, b].sort());
  assert.ok(set.data.workshops.every((w) => w.joined_on === srv.today() && w.licence_no));
  const list = (await county.get('/api/v1/workshop-places?kind=park')).data;
  assert.equal(list.items.find((p) => p.id === id).workshop_count, 2);
  assert.ok(!(await t01.get('/api/v1/workshop-places')).data.items.some((p) => p.id === id));
  assert.equal((await t01.get(`/api/v1/workshop-places/${id}`)).status, 404);
  assert.equal((await t01.patch(`/api/v1/workshop-places/${id}`, { name: '改名' })).status, 404);
  const renamed = await t02.patch(`/api/v1/workshop-places/${id}`, { name: '青石镇糕点产业园' });
  assert.equal(renamed.data.name, '青石镇糕点产业园');
  assert.equal((await t02.patch(`/api/v1/workshop-places/${id}`, { name: '' })).data.error.field, 'name');
  const inspector = await as(srv.base, 'inspector01');
  assert.equal((await inspector.req('PUT', `/api/v1/workshop-places/${id}/workshops`, { body: { entity_ids: [] } })).status, 403);
  assert.equal((await t02.get(`/api/v1/workshop-places/${id}`)).data.workshops.length, 2, 'nothing changed');
});
