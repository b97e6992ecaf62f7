// Upgrade plans (提升改造) of parks, clusters and model units: a township or the county sets a place a goal,
// a checklist and steps with deadlines (a date, or working days from the start through the holiday
// calendar); steps are marked done; an open step past its day is overdue and on the officials' to-do
// list; started for acceptance by the county, the plan opens a four-level campaign of exactly the place's
// workshops, and it is accepted once each of them has passed the county review. Scoped: another
// township's official gets 404; a workshop of the place reads its plan and nothing else.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { BIN, Client, PASSWORD, addDays, as, startServer } from './harness.mjs';

let srv, county, t01, t02, standard, place, members = [], outsider;

before(async () => {
  srv = await startServer({ entities: 300, seed: 23 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  // three workshops registered in 青石镇, each with an account of its own, and a third left out of the place
  const all = [];
  for (const [i, name] of ['青石镇马记腊味坊', '青石镇牛记米粉坊', '青石镇杨记豆腐坊'].entries()) {
    const r = await new Client(srv.base, { address: `198.18.21.${i + 1}` }).post('/api/v1/public/workshop-applications', {
      division_code: t02.user.division_code, name, operator: '马建华', phone: '13707970021', address: `青石镇工业园${i + 1}号`,
      products: [{ code: 'XZF-01', name: '手工米粉' }] });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal((await t02.post(`/api/v1/workshop-applications/${r.data.application.id}/review`, { decision: 'accept' })).status, 200);
    const issued = await county.post(`/api/v1/workshop-applications/${r.data.application.id}/issue`, {});
    assert.equal(issued.status, 200, JSON.stringify(issued.data));
    all.push({ id: issued.data.entity_id, name });
  }
  [members, outsider] = [all.slice(0, 2), all[2]];
  for (const e of all) {
    const add = spawnSync(BIN, ['user', 'add', `ws${e.id}`, '--role', 'business', '--name', e.name, `--entity=${e.id}`, `--password=${PASSWORD}`,
      `--db_path=${srv.db}`, '--log_level=warn'], { encoding: 'utf8', env: srv.env() });
    assert.equal(add.status, 0, add.stderr);
  }
  const made = await county.post('/api/v1/checklists', { code: 'upgrade-2026', name: '小作坊园区提升改造验收标准', kinds: ['workshop'],
    items: [{ dimension: '环境', content: '生产区与生活区有效隔离', key: true }, { dimension: '设施', content: '配备清洗消毒设施', key: false }] });
  assert.equal(made.status, 201, JSON.stringify(made.data));
  standard = made.data.checklist;
  const p = await t02.post('/api/v1/workshop-places', { kind: 'park', name: '青石镇食品小作坊园区', division_code: t02.user.division_code });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  place = p.data;
  const set = await t02.req('PUT', `/api/v1/workshop-places/${place.id}/workshops`, { body: { entity_ids: members.map((m) => m.id) } });
  assert.equal(set.status, 200, JSON.stringify(set.data));
});
after(async () => { await srv.stop(); });

const plan = (over = {}) => ({ name: '园区提升改造', goal: '三个月内完成分区改造和清洗消毒设施配备', checklist_id: standard.id,
  steps: [{ title: '生产区与生活区隔离', owner_note: '园区管委会', due_on: addDays(srv.today(), 30) }], ...over });

// Working days as the calendar of the year says: its notice's days, else the fixed holidays off; weekends off.
async function calendarOf(years) {
  const cals = {};
  for (const y of years) cals[y] = (await county.get(`/api/v1/calendar/${y}`)).data;
  return (d) => {
    const c = cals[d.slice(0, 4)];
    const weekday = ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const listed = c.days.find((x) => x.date === d);
    if (c.notice) return listed ? listed.kind === 'workday' : weekday;
    return weekday && !c.fixed_holidays.some((x) => x.date === d);
  };
}

test('creation: every bad field named, nothing written; a foreign township and a business are refused alike', async () => {
  const url = `/api/v1/workshop-places/${place.id}/upgrade-plans`;
  const cases = [
    [{ name: '' }, 'name'], [{ goal: 'x' }, 'goal'], [{ checklist_id: 987654 }, 'checklist_id'], [{ starts_on: '2026-02-30' }, 'starts_on'],
    [{ steps: [] }, 'steps'], [{ steps: [{ title: '隔离', due_on: addDays(srv.today(), 3) }, { title: '', due_on: addDays(srv.today(), 3) }] }, 'steps[1].title'],
    [{ steps: [{ title: '隔离改造' }] }, 'steps[0].due_on'], [{ steps: [{ title: '隔离改造', due_on: addDays(srv.today(), -1) }] }, 'steps[0].due_on'],
    [{ steps: [{ title: '隔离改造', due_workdays: 0 }] }, 'steps[0].due_workdays'],
    [{ steps: [{ title: '隔离改造', due_workdays: 5, due_on: addDays(srv.today(), 9) }] }, 'steps[0].due_on'],
  ];
  for (const [over, field] of cases) {
    const r = await t02.post(url, plan(over));
    assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.data)}`);
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await t01.post(url, plan())).status, 404);
  assert.equal((await (await as(srv.base, `ws${members[0].id}`)).post(url, plan())).status, 404);
  assert.equal((await (await as(srv.base, 'inspector01')).post(url, plan())).status, 403);
  assert.equal((await county.get(`/api/v1/upgrade-plans?place_id=${place.id}`)).data.total, 0, 'nothing was written');
});

test('a deadline in working days skips the holiday the calendar has; a date stays as given', async () => {
  const y = Number(srv.today().slice(0, 4));
  const isWork = await calendarOf([y, y + 1]);
  // the first weekday off after today: the plan starts the day before it
  let off = addDays(srv.today(), 1);
  while (isWork(off) || [0, 6].includes(new Date(`${off}T00:00:00Z`).getUTCDay())) off = addDays(off, 1);
  const start = addDays(off, -1);
  const expect = (n) => { let d = start; while (n > 0) { d = addDays(d, 1); if (isWork(d)) n--; } return d; };
  const naive = (n) => { let d = start; while (n > 0) { d = addDays(d, 1); if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) n--; } return d; };
  const r = await t02.post(`/api/v1/workshop-places/${place.id}/upgrade-plans`, plan({ name: '节后改造', starts_on: start,
    steps: [{ title: '清洗消毒设施', due_workdays: 3 }, { title: '验收前自查', due_on: addDays(start, 40) }] }));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const [byDays, byDate] = r.data.steps;
  assert.equal(byDays.due_on, expect(3));
  assert.notEqual(byDays.due_on, naive(3), `${off} is a day off the working days pass over`);
  assert.equal(byDays.due_workdays, 3);
  const final = (await county.get(`/api/v1/calendar/${y}`)).data.notice && (byDays.due_on.slice(0, 4) === String(y) ||
    (await county.get(`/api/v1/calendar/${y + 1}`)).data.notice);
  assert.equal(byDays.due_provisional, !final, 'provisional while a year counted through has no notice');
  assert.deepEqual([byDate.due_on, byDate.due_workdays, byDate.due_provisional], [addDays(start, 40), null, false]);
});

test('an open step past its day is overdue, on the township\'s and the county\'s to-do lists, not another township\'s; done, it leaves them', async () => {
  const r = await t02.post(`/api/v1/workshop-places/${place.id}/upgrade-plans`, plan({ name: '排水改造', starts_on: addDays(srv.today(), -20),
    steps: [{ title: '排水沟加盖', due_on: addDays(srv.today(), -5) }, { title: '更换防鼠网', due_on: addDays(srv.today(), 10) }] }));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const p = r.data;
  const late = p.steps.find((s) => s.title === '排水沟加盖');
  assert.deepEqual([late.overdue, late.days_left, p.steps_overdue], [true, -5, 1]);
  assert.equal(p.steps.find((s) => s.title === '更换防鼠网').overdue, false);
  const listed = async (who) => (await who.get('/api/v1/me/todo')).data.sections.find((s) => s.key === 'upgrade_overdue')?.items.some((i) => i.id === p.id);
  assert.equal(await listed(t02), true);
  assert.equal(await listed(county), true);
  assert.ok(!(await listed(t01)));
  assert.ok((await t02.get('/api/v1/upgrade-plans?overdue=1')).data.items.some((x) => x.id === p.id));
  // done needs a note; twice is a conflict; another township cannot
  const done = `/api/v1/upgrade-plans/${p.id}/steps/${late.id}/done`;
  assert.equal((await t02.post(done, {})).data.error.field, 'note');
  assert.equal((await t01.post(done, { note: '已加盖' })).status, 404);
  const marked = await t02.post(done, { note: '排水沟已加盖板，验收合格' });
  assert.equal(marked.status, 200, JSON.stringify(marked.data));
  const step = marked.data.steps.find((s) => s.id === late.id);
  assert.deepEqual([step.done_on, step.done_note, step.done_by, step.overdue], [srv.today(), '排水沟已加盖板，验收合格', t02.user.display_name, false]);
  assert.equal((await t02.post(done, { note: '再次完成' })).status, 409);
  assert.ok(!(await listed(t02)));
  assert.ok(!(await t02.get('/api/v1/upgrade-plans?overdue=1')).data.items.some((x) => x.id === p.id));
});

test('acceptance: the county starts it once every step is done, with exactly the place\'s workshops; the plan is accepted when each passes the county review', async () => {
  const created = await t02.post(`/api/v1/workshop-places/${place.id}/upgrade-plans`, plan({ name: '园区整体提升' }));
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const p = created.data;
  const start = `/api/v1/upgrade-plans/${p.id}/acceptance`;
  assert.equal((await county.post(start, {})).data.error.field, 'steps', 'a step is still open');
  const added = await t02.post(`/api/v1/upgrade-plans/${p.id}/steps`, { title: '配备检验室', due_workdays: 10 });
  assert.equal(added.status, 201, JSON.stringify(added.data));
  for (const s of added.data.steps) assert.equal((await t02.post(`/api/v1/upgrade-plans/${p.id}/steps/${s.id}/done`, { note: '已完成' })).status, 200);
  assert.equal((await t02.post(start, {})).status, 403, 'the county runs acceptance');
  assert.equal((await t01.post(start, {})).status, 404);
  const started = await county.post(start, {});
  assert.equal(started.status, 200, JSON.stringify(started.data));
  assert.deepEqual([started.data.status, started.data.status_label], ['acceptance', '验收中']);
  const cid = started.data.campaign_id;
  assert.deepEqual(started.data.acceptance.entities.map((e) => e.id).sort(), members.map((m) => m.id).sort());
  assert.ok(!started.data.acceptance.entities.some((e) => e.id === outsider.id));
  assert.equal((await county.post(start, {})).status, 409, 'started once');
  assert.equal((await t02.post(`/api/v1/upgrade-plans/${p.id}/steps`, { title: '再加一步', due_workdays: 2 })).status, 409);
  const [i1, i2] = standard.items;
  const pass = (entity, level) => ({ entity_id: entity.id, level, items: [{ item_id: i1.id, outcome: 'pass' }, { item_id: i2.id, outcome: 'pass' }] });
  const inspector = await as(srv.base, 'inspector01');
  const through = async (entity) => {
    const biz = await as(srv.base, `ws${entity.id}`);
    for (const [who, level] of [[biz, 1], [t02, 2], [inspector, 3], [county, 4]]) {
      const r = await who.post(`/api/v1/campaigns/${cid}/acceptance`, pass(entity, level));
      assert.equal(r.status, 204, `level ${level}: ${JSON.stringify(r.data)}`);
    }
  };
  await through(members[0]);
  const half = (await t02.get(`/api/v1/upgrade-plans/${p.id}`)).data;
  assert.equal(half.status, 'acceptance', 'one workshop still to pass');
  assert.deepEqual(half.acceptance.entities.map((e) => [e.id, e.stage]).sort(), members.map((m, i) => [m.id, i === 0 ? 4 : 0]).sort());
  // the workshop reads its place's plan (its own stage only) and cannot change it
  const biz = await as(srv.base, `ws${members[1].id}`);
  const mine = await biz.get(`/api/v1/upgrade-plans/${p.id}`);
  assert.equal(mine.status, 200, JSON.stringify(mine.data));
  assert.deepEqual(mine.data.acceptance.entities.map((e) => e.id), [members[1].id]);
  assert.equal((await biz.post(`/api/v1/upgrade-plans/${p.id}/steps`, { title: '企业自加', due_workdays: 2 })).status, 403);
  await through(members[1]);
  const accepted = (await t02.get(`/api/v1/upgrade-plans/${p.id}`)).data;
  assert.deepEqual([accepted.status, accepted.status_label], ['accepted', '已验收']);
  assert.equal((await county.get(`/api/v1/upgrade-plans?place_id=${place.id}`)).data.items.find((x) => x.id === p.id).status, 'accepted');
});

test('scope: another township\'s official and an outside business read a missing plan; lists page with a total', async () => {
  const p = (await t02.post(`/api/v1/workshop-places/${place.id}/upgrade-plans`, plan({ name: '范围测试计划' }))).data;
  const none = await t01.get('/api/v1/upgrade-plans/987654321');
  const foreign = await t01.get(`/api/v1/upgrade-plans/${p.id}`);
  assert.deepEqual([foreign.status, foreign.data.error.code], [none.status, none.data.error.code]);
  assert.equal(foreign.status, 404);
  assert.equal((await (await as(srv.base, `ws${outsider.id}`)).get(`/api/v1/upgrade-plans/${p.id}`)).status, 404, 'a workshop outside the place');
  assert.ok(!(await t01.get('/api/v1/upgrade-plans?limit=100')).data.items.some((x) => x.id === p.id));
  const page = (await t02.get(`/api/v1/upgrade-plans?place_id=${place.id}&limit=1&offset=1`)).data;
  assert.equal(page.items.length, 1);
  assert.ok(page.total >= 4);
  assert.equal((await t02.get('/api/v1/upgrade-plans?limit=1000')).status, 400);
});

test('a campaign of given businesses: exactly these, each in scope and in operation, or nothing is created', async () => {
  const before = (await county.get('/api/v1/campaigns')).data.items.length;
  const body = (ids) => ({ name: '指定主体验收', checklist_id: standard.id, entity_ids: ids });
  for (const [ids, field] of [[[members[0].id, 987654321], 'entity_ids[1]'], [[members[0].id, members[0].id], 'entity_ids[1]'], [[], 'entity_ids']]) {
    const r = await county.post('/api/v1/campaigns', body(ids));
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(r.data));
  }
  assert.equal((await county.post('/api/v1/campaigns', body(Array.from({ length: 501 }, (_, i) => i + 1)))).data.error.field, 'entity_ids', 'more than 500 is refused, not cut');
  assert.equal((await county.get('/api/v1/campaigns')).data.items.length, before, 'nothing was created');
  const made = await county.post('/api/v1/campaigns', body([outsider.id, members[1].id]));
  assert.equal(made.status, 201, JSON.stringify(made.data));
  const progress = (await county.get(`/api/v1/campaigns/${made.data.id}/progress`)).data;
  assert.deepEqual(progress.entities.map((e) => e.id).sort(), [outsider.id, members[1].id].sort());
});

test('a workshop that joins the place after acceptance started reads the plan, outside its campaign', async () => {
  const accepted = (await county.get(`/api/v1/upgrade-plans?place_id=${place.id}&limit=100`)).data.items.find((x) => x.status === 'accepted');
  assert.ok(accepted, 'the plan accepted above');
  const set = await t02.req('PUT', `/api/v1/workshop-places/${place.id}/workshops`, { body: { entity_ids: [...members, outsider].map((m) => m.id) } });
  assert.equal(set.status, 200, JSON.stringify(set.data));
  const late = await (await as(srv.base, `ws${outsider.id}`)).get(`/api/v1/upgrade-plans/${accepted.id}`);
  assert.equal(late.status, 200, JSON.stringify(late.data));
  assert.equal(late.data.acceptance, null);
  assert.equal((await t02.get(`/api/v1/upgrade-plans/${accepted.id}`)).data.status, 'accepted', 'still read from its campaign');
});
