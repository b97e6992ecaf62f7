// 包保 责任清单 templates (DOMAIN.md, Responsibility: the county assigns and sets the duties): the
// county's standard duty items per level, read and replaced by the county only, audited, and the
// items a new assignment starts from; assignments made before keep theirs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

let srv, county, t01, admin;
before(async () => {
  srv = await startServer({ entities: 300, seed: 43 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  admin = await as(srv.base, 'admin');
});
after(async () => { await srv.stop(); });

test('only the county and the administrator read and change the templates', async () => {
  const biz = (await county.get('/api/v1/entities?status=active&limit=1')).data.items[0];
  const roles = { admin: 200, county: 200, t01: 403, g0001: 403, inspector01: 403, sampler01: 403, [`b${biz.id}`]: 403 };
  for (const [name, status] of Object.entries(roles)) {
    const c = await as(srv.base, name);
    assert.equal((await c.get('/api/v1/duty/templates')).status, status, `GET as ${name}`);
    if (status !== 200) assert.equal((await c.req('PUT', '/api/v1/duty/templates', { body: { village: ['外人改的责任'] } })).status, 403, `PUT as ${name}`);
  }
  assert.equal((await new Client(srv.base).get('/api/v1/duty/templates')).status, 401);
  // nothing changed by the refusals
  assert.ok(!(await county.get('/api/v1/duty/templates')).data.levels.village.includes('外人改的责任'));
});

test('bad input names the field', async () => {
  const put = (body) => county.req('PUT', '/api/v1/duty/templates', { body });
  for (const [body, field] of [[{ township: [] }, 'township'], [{ township: 'x' }, 'township'], [{ township: ['每月督导一次', ''] }, 'township[1]'],
    [{ city: ['x'] }, 'city'], [{}, 'county'], [{ village: Array(31).fill('巡查一次') }, 'village']]) {
    const r = await put(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/);
  }
});

test('a changed template is what new assignments start from; earlier ones keep their items; audited', async () => {
  const was = (await county.get('/api/v1/duty/templates')).data;
  assert.ok(was.levels.county.length > 0 && was.levels.township.length > 0);
  const earlier = (await t01.get('/api/v1/duty/unassigned')).data.items[0];
  assert.equal((await t01.post('/api/v1/duty/assignments', { entity_id: earlier.id, user_id: t01.user.id })).status, 204);
  const mine = ['每月至少督导一次，当场记录督导情况', '督促落实“日管控、周排查、月调度”', '问题整改跟踪到位'];
  const r = await county.req('PUT', '/api/v1/duty/templates', { body: { township: mine } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data.levels.township, mine);
  assert.deepEqual(r.data.levels.county, was.levels.county, 'a level not sent is kept');
  assert.equal(r.data.updated_by_name, county.user.display_name);
  assert.ok(Math.abs(r.data.updated_at - srv.now()) < 60e3, 'changed now, by the server\'s clock');
  const later = (await t01.get('/api/v1/duty/unassigned')).data.items[0];
  assert.equal((await t01.post('/api/v1/duty/assignments', { entity_id: later.id, user_id: t01.user.id })).status, 204);
  const texts = async (id) => (await t01.get(`/api/v1/duty/entities/${id}`)).data.responsibilities.map((i) => i.text);
  assert.deepEqual(await texts(later.id), mine);
  assert.deepEqual(await texts(earlier.id), was.levels.township);
  const audit = (await admin.get('/api/v1/audit?object_type=duty_template&limit=500')).data;
  const row = (audit.items || []).find((a) => a.action === 'update' && a.object_type === 'duty_template');
  assert.ok(row, JSON.stringify(audit).slice(0, 300));
  // put the shipped template back for anyone after
  assert.equal((await county.req('PUT', '/api/v1/duty/templates', { body: { township: was.levels.township } })).status, 200);
});

test('list items say who added and who last changed them', async () => {
  const e = (await t01.get('/api/v1/duty/unassigned')).data.items[0];
  assert.equal((await t01.post('/api/v1/duty/assignments', { entity_id: e.id, user_id: t01.user.id })).status, 204);
  const add = await t01.post(`/api/v1/duty/entities/${e.id}/items`, { list: 'problem', text: '冷库温度记录缺失', open_order: true });
  assert.equal(add.status, 201, JSON.stringify(add.data));
  assert.equal(add.data.item.created_by_name, t01.user.display_name);
  assert.ok(add.data.item.order_id, 'open_order opens an order of the 整改清单');
  const file = (await t01.get(`/api/v1/duty/entities/${e.id}`)).data;
  assert.ok((file.rectifications.items || file.rectifications).some((o) => o.id === add.data.item.order_id && o.title === '冷库温度记录缺失'));
  assert.equal((await t01.post(`/api/v1/duty/entities/${e.id}/items`, { list: 'problem', text: '再开一张', open_order: 'yes' })).data.error.field, 'open_order');
  const upd = await county.req('PATCH', `/api/v1/duty/items/${add.data.item.id}`, { body: { status: 'resolved' } });
  assert.equal(upd.status, 200);
  assert.equal(upd.data.item.updated_by_name, county.user.display_name);
  assert.equal(upd.data.item.created_by_name, t01.user.display_name);
});
