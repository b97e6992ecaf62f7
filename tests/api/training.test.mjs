// Food-safety training sessions (培训; issue 17): a county or township official plans a session (title,
// date, place, audience, material) in their jurisdiction and, once held, records who attended — an
// appointed officer or a person by name from a business inside the session's division, once each; bad
// input is refused naming the field in Chinese and changes nothing; figures by township add up. Officials
// invite businesses before the day; a business sees only the sessions it was invited to or attended (its
// own people, never another's), on its to-do list while they are to come; a session carries a link to its
// material; per session the invited and how many of them came.
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
  assert.equal((await (await as(srv.base, `b${e1.id}`)).post('/api/v1/training-sessions', base)).status, 403);
  assert.equal((await (await as(srv.base, `b${e1.id}`)).get('/api/v1/training-sessions')).data.total, 0, 'a business sees only its own');
  const r = await t01.post('/api/v1/training-sessions', base);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  held = r.data;
  assert.deepEqual([held.division_code, held.held, held.attendees, held.people], [t01.user.division_code, true, 0, []]);
  ahead = (await county.post('/api/v1/training-sessions', { ...base, title: '小作坊生产规范培训', held_on: addDays(today, 10), audience: 'workshops' })).data;
  assert.equal(ahead.held, false);
  assert.deepEqual((await t01.get('/api/v1/training-sessions')).data.items.map((s) => s.id), [held.id]);
  // the county's list holds the demo's sessions of other townships too
  assert.deepEqual((await county.get('/api/v1/training-sessions?limit=100')).data.items.map((s) => s.id).filter((id) => [held.id, ahead.id].includes(id)),
    [ahead.id, held.id]);
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

test('invitations: before the day, businesses of the session\'s division; the invited business alone sees the session, its own people only', async () => {
  const today = srv.today();
  const b1 = await as(srv.base, `b${e1.id}`), b1b = await as(srv.base, `b${e1b.id}`);
  const base = { title: '外卖封签与餐饮安全培训', place: '城关镇文化站', audience: 'all', material: '外卖食品安全封签使用要求' };
  const bad = await t01.post('/api/v1/training-sessions', { ...base, held_on: today, material_url: 'ftp://example.org/a.pdf' });
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'material_url']);
  const url = 'https://www.samr.gov.cn/spjys/szms/art/2024/art_1.html';
  const s = (await t01.post('/api/v1/training-sessions', { ...base, held_on: today, material_url: url })).data;
  assert.equal(s.material_url, url);
  const later = (await t01.post('/api/v1/training-sessions', { ...base, title: '下周的餐饮安全培训', held_on: addDays(today, 7) })).data;
  const inv = (id) => `/api/v1/training-sessions/${id}/invitations`;
  for (const [client, body, status, field] of [
    [t01, { entity_ids: [] }, 400, 'entity_ids'],
    [t01, { entity_ids: [e2.id] }, 400, 'entity_ids[0]'],
    [t01, { entity_ids: [e1.id, e1.id] }, 400, 'entity_ids[1]'],
    [t01, { entity_ids: [e1.id, 987654321] }, 400, 'entity_ids[1]'],
    [b1, { entity_ids: [e1.id] }, 403],
    [t02, { entity_ids: [e2.id] }, 404],
  ]) {
    const r = await client.post(inv(later.id), body);
    assert.equal(r.status, status, JSON.stringify(body));
    if (field) assert.equal(r.data.error.field, field, JSON.stringify(body));
  }
  assert.equal((await t01.get(`/api/v1/training-sessions/${later.id}`)).data.invited, 0, 'refusals invite no one');
  assert.equal((await t01.post(inv(held.id), { entity_ids: [e1.id] })).data.error.field, 'held_on', 'not after the day');
  const r = await t01.post(inv(later.id), { entity_ids: [e1.id] });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data.invitations.map((i) => [i.entity_id, i.attended]), [[e1.id, false]]);
  assert.equal((await t01.post(inv(later.id), { entity_ids: [e1.id] })).data.invited, 1, 'invited once');
  assert.equal((await t01.post(inv(s.id), { entity_ids: [e1.id] })).status, 200);

  // the invited business sees both sessions; the other business of the township neither
  const mine = (await b1.get('/api/v1/training-sessions')).data;
  assert.ok([later.id, s.id].every((id) => mine.items.some((x) => x.id === id && x.invited_me)));
  const seen = (await b1.get(`/api/v1/training-sessions/${later.id}`)).data;
  assert.deepEqual([seen.title, seen.invited_me, seen.invitations, seen.invited], [later.title, true, undefined, undefined]);
  assert.equal((await b1b.get(`/api/v1/training-sessions/${later.id}`)).status, 404);
  assert.ok(!(await b1b.get('/api/v1/training-sessions')).data.items.some((x) => x.id === later.id));
  // its to-do list: the sessions to come
  const todo = (await b1.get('/api/v1/me/todo')).data.sections.find((x) => x.key === 'trainings');
  assert.ok(todo.items.some((i) => i.id === later.id && i.route === `#/training/${later.id}` && i.due === later.held_on));
  assert.ok(!(await b1b.get('/api/v1/me/todo')).data.sections.some((x) => x.key === 'trainings'));

  // attendance today: per session, invited and how many of them came; a business reads its own people only
  const att = `/api/v1/training-sessions/${s.id}/attendees`;
  assert.equal((await t01.post(att, { entity_id: e1.id, person_name: '赵厨师' })).status, 201);
  const after = (await t01.post(att, { entity_id: e1b.id, person_name: '钱店长' })).data;
  assert.deepEqual([after.attendees, after.invited, after.invited_attended], [2, 1, 1]);
  const own = (await b1b.get(`/api/v1/training-sessions/${s.id}`)).data;
  assert.deepEqual([own.invited_me, own.attended_mine, own.people.map((p) => p.person_name)], [false, 1, ['钱店长']]);
  assert.equal((await b1b.post(att, { entity_id: e1b.id, person_name: '孙员工' })).status, 403);
});
