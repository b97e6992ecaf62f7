// Food-safety training sessions (培训; issue 17): a county or township official plans a session (title,
// date, place, audience, material) in their jurisdiction and, once held, records who attended — an
// appointed officer or a person by name from a business inside the session's division, once each; bad
// input is refused naming the field in Chinese and changes nothing; figures by township add up.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, as, startServer } from './harness.mjs';

let srv, county, t01, t02, e1, e1b, e2, held, ahead;

before(async () => {
  srv = await startServer({ entities: 120, seed: 19 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  [e1, e1b] = (await t01.get('/api/v1/entities?status=active&limit=2')).data.items;
  [e2] = (await t02.get('/api/v1/entities?status=active&limit=1')).data.items;
});
after(async () => { await srv.stop(); });

test('a session: fields checked by name in Chinese, nothing stored on a refusal, officials only, in their jurisdiction', async () => {
  const today = srv.today();
  const base = { title: '餐饮服务食品安全操作规范培训', held_on: addDays(today, -2), place: '城关镇政府三楼会议室', audience: 'managers',
    material: '《餐饮服务食品安全操作规范》要点；食品安全总监、食品安全员职责' };
  for (const [body, field] of [
    [{ title: '培训' }, 'title'],
    [{ held_on: '2026-02-30' }, 'held_on'],
    [{ held_on: addDays(today, 400) }, 'held_on'],
    [{ place: '' }, 'place'],
    [{ audience: 'everyone' }, 'audience'],
    [{ division_code: t02.user.division_code }, 'division_code'],
  ]) {
    const r = await t01.post('/api/v1/training-sessions', { ...base, ...body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field, JSON.stringify(body));
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await t01.get('/api/v1/training-sessions')).data.total, 0);
  assert.equal((await (await as(srv.base, 'inspector01')).post('/api/v1/training-sessions', base)).status, 403);
  assert.equal((await (await as(srv.base, `b${e1.id}`)).get('/api/v1/training-sessions')).status, 403);
  const r = await t01.post('/api/v1/training-sessions', base);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  held = r.data;
  assert.deepEqual([held.division_code, held.held, held.attendees, held.people], [t01.user.division_code, true, 0, []]);
  ahead = (await county.post('/api/v1/training-sessions', { ...base, title: '小作坊生产规范培训', held_on: addDays(today, 10), audience: 'workshops' })).data;
  assert.equal(ahead.held, false);
  assert.deepEqual((await t01.get('/api/v1/training-sessions')).data.items.map((s) => s.id), [held.id]);
  assert.deepEqual((await county.get('/api/v1/training-sessions')).data.items.map((s) => s.id), [ahead.id, held.id]);
  assert.equal((await t02.get(`/api/v1/training-sessions/${held.id}`)).status, 404);
});

test('attendance: by appointment or name, from businesses inside the session\'s division, once each, only once held', async () => {
  const officer = (await t01.post('/api/v1/fs-appointments', { entity_id: e1.id, role: 'officer', name: '刘安全' })).data;
  const other = (await t02.post('/api/v1/fs-appointments', { entity_id: e2.id, role: 'officer', name: '王安全' })).data;
  const url = `/api/v1/training-sessions/${held.id}/attendees`;
  for (const [client, body, field, to] of [
    [t01, { appointment_id: other.id }, 'appointment_id'],
    [t01, { entity_id: e1.id }, 'person_name'],
    [t01, { entity_id: e1.id, person_name: 'x' }, 'person_name'],
    [t01, { entity_id: e2.id, person_name: '张三' }, 'entity_id'],
    [county, { entity_id: e2.id, person_name: '张三' }, 'entity_id'],
    [county, { entity_id: e1.id, person_name: '张三' }, 'held_on', `/api/v1/training-sessions/${ahead.id}/attendees`],
  ]) {
    const r = await client.post(to || url, body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field, JSON.stringify(body));
  }
  assert.equal((await t01.get(`/api/v1/training-sessions/${held.id}`)).data.attendees, 0);
  assert.equal((await t01.post(url, { appointment_id: officer.id })).status, 201);
  assert.equal((await t01.post(url, { appointment_id: officer.id })).data.error.field, 'appointment_id');
  assert.equal((await county.post(url, { entity_id: e1.id, person_name: '周厨师' })).status, 201);
  const last = await t01.post(url, { entity_id: e1b.id, person_name: '周厨师' });
  assert.equal(last.status, 201, JSON.stringify(last.data));
  assert.deepEqual(last.data.people.map((p) => [p.entity_id, p.person_name, p.appointment_id]),
    [[e1.id, '刘安全', officer.id], [e1.id, '周厨师', null], [e1b.id, '周厨师', null]]);
  assert.equal(last.data.attendees, 3);
  assert.equal((await t02.post(url, { entity_id: e2.id, person_name: '李四' })).status, 404);
});

test('figures: sessions by the township holding them, attendances and businesses by the business\'s township, adding up', async () => {
  const year = Number(srv.today().slice(0, 4));
  const f = (await county.get(`/api/v1/training-sessions/figures?year=${Number(held.held_on.slice(0, 4))}`)).data;
  for (const k of ['sessions', 'attendees', 'businesses']) assert.equal(f.townships.reduce((s, t) => s + t[k], 0), f.total[k], k);
  const town = f.townships.find((t) => t.code === t01.user.division_code);
  assert.deepEqual([town.attendees, town.businesses], [3, 2]);
  assert.ok(town.sessions >= 1 && town.name);
  const mine = (await t01.get(`/api/v1/training-sessions/figures?year=${Number(held.held_on.slice(0, 4))}`)).data;
  assert.deepEqual(mine.townships.map((t) => t.code), [t01.user.division_code]);
  assert.equal((await t02.get(`/api/v1/training-sessions/figures?year=${year}`)).data.total.attendees, 0);
  assert.equal((await t01.get('/api/v1/training-sessions/figures?year=1999')).status, 400);
});
