// 包保 as the seeds run it (DOMAIN.md, Responsibility; Pingyi's 双包保): several officials per business,
// one per level; the pledge and the lists as records; a business reads its own file only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from './harness.mjs';

let srv, county, t01, t02;
before(async () => {
  srv = await startServer({ entities: 600, seed: 41 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
});
after(async () => { await srv.stop(); });

test('county and township officials on one business: both lists, one per level, pledge, lists, scope', async () => {
  const target = (await t01.get('/api/v1/duty/unassigned')).data.items[0];
  // the demo county has 包保 of its own (src/demo/demo_duty.c): the figures move from where they were
  const levelsOf = async () => Object.fromEntries((await county.get('/api/v1/duty/completion')).data.levels.map((l) => [l.level, l]));
  const was = await levelsOf();
  assert.equal((await county.post('/api/v1/duty/assignments', { entity_id: target.id, user_id: county.user.id })).status, 204);
  assert.equal((await t01.post('/api/v1/duty/assignments', { entity_id: target.id, user_id: t01.user.id })).status, 204);
  // the same official twice at one level is refused, naming the field
  const again = await county.post('/api/v1/duty/assignments', { entity_id: target.id, user_id: t01.user.id });
  assert.deepEqual([again.status, again.data.error.field], [409, 'user_id']);
  const mineC = (await county.get(`/api/v1/duty/assignments?user=${county.user.id}`)).data.items;
  const mineT = (await t01.get(`/api/v1/duty/assignments?user=${t01.user.id}`)).data.items;
  assert.ok(mineC.some((a) => a.entity_id === target.id && a.level === 'county'));
  const mine = mineT.find((a) => a.entity_id === target.id);
  assert.equal(mine.level, 'township');
  // completion per level: county once a quarter, township once a month
  assert.equal((await t01.post('/api/v1/duty/visits', { entity_id: target.id, findings: '检查了后厨', problem: '仓库食品未离地存放' })).status, 201);
  const lv = await levelsOf();
  assert.deepEqual([lv.county.assignments, lv.county.visits_done], [was.county.assignments + 1, was.county.visits_done]);
  assert.deepEqual([lv.township.assignments, lv.township.visits_done], [was.township.assignments + 1, was.township.visits_done + 1]);
  // the pledge: signed once by the official, shown with its text
  let r = await county.req('POST', `/api/v1/duty/assignments/${mine.assignment_id}/pledge`, { body: {} });
  assert.equal(r.status, 403);
  r = await t01.req('POST', `/api/v1/duty/assignments/${mine.assignment_id}/pledge`, { body: {} });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.match(r.data.pledge.text, /乡镇级/);
  r = await t01.req('POST', `/api/v1/duty/assignments/${mine.assignment_id}/pledge`, { body: {} });
  assert.deepEqual([r.status, r.data.error.field], [409, 'pledge']);
  const file = (await t01.get(`/api/v1/duty/entities/${target.id}`)).data;
  assert.deepEqual(file.officials.map((o) => [o.level, o.pledge ? 'signed' : null]), [['county', null], ['township', 'signed']]);
  assert.equal(file.problems[0].order_id, file.rectifications.items?.[0]?.id ?? file.rectifications[0].id);
  assert.ok(file.responsibilities.length >= 2);
  // items: added, updated, with field errors; audited in the business's history
  r = await t01.post(`/api/v1/duty/entities/${target.id}/items`, { list: 'problem', text: '' });
  assert.equal(r.data.error.field, 'text');
  r = await t01.post(`/api/v1/duty/entities/${target.id}/items`, { list: 'problem', text: '冷藏柜温度偏高' });
  assert.equal(r.status, 201);
  const item = r.data.item.id;
  assert.equal((await t01.req('PATCH', `/api/v1/duty/items/${item}`, { body: { status: 'done' } })).data.error.field, 'status');
  assert.equal((await t01.req('PATCH', `/api/v1/duty/items/${item}`, { body: { status: 'resolved' } })).data.item.status, 'resolved');
  const hist = (await county.get(`/api/v1/entities/${target.id}/history`)).data.items.map((h) => h.action);
  for (const a of ['assign_duty', 'sign_duty_pledge', 'add_duty_item', 'update_duty_item']) assert.ok(hist.includes(a), a);
  // another township: as if missing
  assert.equal((await t02.get(`/api/v1/duty/entities/${target.id}`)).status, 404);
  assert.equal((await t02.req('PATCH', `/api/v1/duty/items/${item}`, { body: { status: 'open' } })).status, 404);
  // the business reads its own lists and writes none
  const biz = await as(srv.base, `b${target.id}`);
  assert.equal((await biz.get(`/api/v1/duty/entities/${target.id}`)).status, 200);
  assert.equal((await biz.post(`/api/v1/duty/entities/${target.id}/items`, { list: 'problem', text: '自己加的' })).status, 403);
});
