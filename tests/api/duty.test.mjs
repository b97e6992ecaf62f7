// 包保 responsibility over HTTP: assignment by level and area, duty visits feeding the
// rectification loop, completion rates ("3 × 100 %"), unassigned businesses.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, as, mondayOf, startServer } from './harness.mjs';

let srv, county, t01, t02;
before(async () => {
  srv = await startServer({ entities: 600, seed: 31 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
});
after(async () => { await srv.stop(); });

test('assign, visit, open an order from a visit, and the completion figures move', async () => {
  const un = (await t01.get('/api/v1/duty/unassigned')).data.items;
  assert.ok(un.length > 0);
  const target = un[0];
  const before = (await t01.get('/api/v1/duty/completion')).data.townships[0];
  assert.equal(before.township_code, t01.user.division_code);
  // the demo county already has 包保 of its own (src/demo/demo_duty.c): figures move from where they were
  const meBefore = (await t01.get('/api/v1/duty/completion')).data.officials.find((o) => o.user_id === t01.user.id)?.visits_done ?? 0;

  // the other township's official does not cover this business; a business user is no official
  let r = await t01.post('/api/v1/duty/assignments', { entity_id: target.id, user_id: t02.user.id });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'user_id');
  r = await t01.post('/api/v1/duty/assignments', { entity_id: target.id, user_id: (await as(srv.base, 'b1')).user.id });
  assert.equal(r.data.error.field, 'user_id');
  // t02 cannot assign t01's businesses at all
  assert.equal((await t02.post('/api/v1/duty/assignments', { entity_id: target.id, user_id: t02.user.id })).status, 400);

  r = await t01.post('/api/v1/duty/assignments', { entity_id: target.id, user_id: t01.user.id, pledge_signed: true });
  assert.equal(r.status, 204, JSON.stringify(r.data));
  const list = (await t01.get(`/api/v1/duty/assignments?user=${t01.user.id}`)).data.items;
  assert.deepEqual(list.filter((a) => a.entity_id === target.id).map((a) => [a.entity_id, a.level, a.pledge_signed]), [[target.id, 'township', true]]);
  assert.ok(!(await t01.get('/api/v1/duty/unassigned')).data.items.some((e) => e.id === target.id));

  // only the responsible official records visits; dates are real and not in the future
  assert.equal((await t02.post('/api/v1/duty/visits', { entity_id: target.id, findings: '未见异常' })).status, 403);
  assert.equal((await t01.post('/api/v1/duty/visits', { entity_id: target.id, findings: '未见异常', visited_on: '2999-01-01' })).data.error.field, 'visited_on');
  assert.equal((await t01.post('/api/v1/duty/visits', { entity_id: target.id, findings: '' })).data.error.field, 'findings');
  r = await t01.post('/api/v1/duty/visits', { entity_id: target.id, findings: '检查了后厨和仓库', problem: '仓库食品未离地存放' });
  assert.equal(r.status, 201);
  const orders = (await t01.get(`/api/v1/rectifications?entity=${target.id}`)).data.items;
  assert.deepEqual(orders.map((o) => [o.source_type, o.title]), [['duty_visit', '仓库食品未离地存放']]);

  const after = (await t01.get('/api/v1/duty/completion')).data;
  const town = after.townships[0];
  assert.equal(town.assigned, before.assigned + 1);
  assert.equal(town.visits_required, before.visits_required + 1); // township level: once a month
  assert.equal(town.visits_done, before.visits_done + 1);
  assert.ok(Math.abs(town.assignment_rate - town.assigned / town.businesses) < 1e-9);
  assert.ok(town.archive_rate > 0.9 && town.archive_rate <= 1);
  const me = after.officials.find((o) => o.user_id === t01.user.id);
  assert.equal(me.visits_done, meBefore + 1);
  // the county sees every township, t01's included; a rate with nothing to count is null, not 100 %
  const all = (await county.get('/api/v1/duty/completion')).data.townships;
  assert.equal(all.length, 42);
  for (const t of all) {
    assert.equal(t.visit_rate, t.visits_required ? t.visits_done / t.visits_required : null, t.township_name);
    assert.equal(t.assignment_rate, t.businesses ? t.assigned / t.businesses : null, t.township_name);
  }
  assert.ok(all.some((t) => t.visits_required === 0), 'the demo has a township with no 包保 yet');
});

test('the businesses without 包保 page to the end with their total; none is left out', async () => {
  const first = (await county.get('/api/v1/duty/unassigned?limit=200')).data;
  assert.ok(first.total > 200, `the demo county has more than one page (${first.total})`);
  const seen = new Set();
  for (let offset = 0; offset < first.total; offset += 200) {
    const page = (await county.get(`/api/v1/duty/unassigned?limit=200&offset=${offset}`)).data;
    assert.equal(page.total, first.total);
    assert.equal(page.items.length, Math.min(200, first.total - offset));
    for (const e of page.items) { assert.ok(!seen.has(e.id), 'no business twice'); seen.add(e.id); assert.ok(e.missing); }
  }
  assert.equal(seen.size, first.total);
  // a township official's list is its township's part of the county's
  const mine = (await t01.get('/api/v1/duty/unassigned?limit=1')).data;
  assert.ok(mine.total > 0 && mine.total < first.total);
  assert.equal((await county.get('/api/v1/duty/unassigned?limit=0')).data.error.field, 'limit');
  assert.equal((await county.get('/api/v1/duty/unassigned?limit=201')).data.error.field, 'limit');
});

test('a village grid member answers only for businesses of their grid', async () => {
  const grid = (await county.get('/api/v1/grids')).data.items.find((g) => g.entity_count > 1);
  const member = await as(srv.base, `g${String(grid.id).padStart(4, '0')}`);
  const inGrid = (await county.get(`/api/v1/entities?grid=${grid.id}&status=active&limit=5`)).data.items[0];
  const elsewhere = (await county.get(`/api/v1/entities?township=${grid.division_code.slice(0, 9)}000&status=active&limit=200`))
    .data.items.find((e) => e.grid_id !== grid.id);
  assert.equal((await county.post('/api/v1/duty/assignments', { entity_id: inGrid.id, user_id: member.user.id })).status, 204);
  if (elsewhere) {
    const r = await county.post('/api/v1/duty/assignments', { entity_id: elsewhere.id, user_id: member.user.id });
    assert.equal(r.data.error.field, 'user_id');
  }
  assert.equal((await member.post('/api/v1/duty/visits', { entity_id: inGrid.id, findings: '日常巡查，未见异常' })).status, 201);
  const c = (await county.get('/api/v1/duty/completion')).data.officials.find((o) => o.user_id === member.user.id);
  assert.deepEqual([c.level, c.visits_required, c.visits_done], ['village', 2, 1]); // twice a month
});

// every page of who is missing a record: the list pages on the server, and its pages add up to its total
async function allMissing(kind, date) {
  const out = { items: [] };
  for (let offset = 0; ; offset += 200) {
    const page = (await county.get(`/api/v1/self-records/missing?kind=${kind}&limit=200&offset=${offset}${date ? `&date=${date}` : ''}`)).data;
    Object.assign(out, { period: page.period, missing: page.missing, total: page.total });
    out.items.push(...page.items);
    if (offset + 200 >= page.total) break;
  }
  assert.equal(out.items.length, out.total);
  assert.equal(new Set(out.items.map((e) => e.id)).size, out.total, 'no business twice');
  assert.equal(out.missing, out.total);
  return out;
}

test('self-management: a business records daily, weekly and monthly; officials see who is missing what', async () => {
  const shop = (await county.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const b = await as(srv.base, `b${shop.id}`);
  const today = srv.today();
  const before = await allMissing('daily');
  assert.ok(before.total > 200, `more than one page of them (${before.total})`);
  assert.equal(before.period, today);
  assert.ok(before.items.some((e) => e.id === shop.id));
  let r = await b.post('/api/v1/self-records', { kind: 'daily', nothing_found: true, content: '按风险管控清单逐项检查' });
  assert.equal(r.status, 201);
  r = await b.post('/api/v1/self-records', { kind: 'daily', nothing_found: true, content: '再填一次' });
  assert.equal(r.status, 409); // one record a day
  r = await b.post('/api/v1/self-records', { kind: 'weekly', nothing_found: false, content: '周排查' });
  assert.equal(r.data.error.field, 'problems'); // problems found must be described
  const lastMonday = addDays(mondayOf(today), -7); // a weekly record for last Thursday counts for last week
  r = await b.post('/api/v1/self-records', { kind: 'weekly', period_date: addDays(lastMonday, 3), nothing_found: false, content: '周排查', problems: '冷藏柜温度偏高，已调整' });
  assert.equal(r.status, 201);
  assert.equal((await b.post('/api/v1/self-records', { kind: 'monthly', period_date: '2999-01-01', content: '调度' })).data.error.field, 'period_date');
  assert.equal((await b.post('/api/v1/self-records', { kind: 'yearly', content: '调度会' })).data.error.field, 'kind');
  assert.equal((await county.post('/api/v1/self-records', { kind: 'daily', content: '县局代填' })).status, 403);
  const mine = (await b.get('/api/v1/self-records')).data.items;
  assert.equal((await b.get('/api/v1/self-records?limit=1')).data.total, 2);
  assert.deepEqual(mine.map((x) => [x.kind, x.period]).sort(), [['daily', today], ['weekly', lastMonday]].sort()); // the week's Monday
  const after = await allMissing('daily');
  assert.equal(after.missing, before.missing - 1);
  assert.ok(!after.items.some((e) => e.id === b.user.entity_id));
  const week = await allMissing('weekly', addDays(lastMonday, 6));
  assert.equal(week.period, lastMonday);
  assert.ok(!week.items.some((e) => e.id === b.user.entity_id));
  // another township's official sees none of this business's records
  const own = (await county.get(`/api/v1/entities/${b.user.entity_id}`)).data.entity;
  const other = own.township_code === t01.user.division_code ? t02 : t01;
  assert.equal((await other.get(`/api/v1/self-records?entity=${b.user.entity_id}`)).data.items.length, 0);
});

test('officials a township can choose from: its own, its grid members and the county, not another township', async () => {
  const list = (await t01.get('/api/v1/officials')).data.items;
  const ids = list.map((o) => o.id);
  assert.ok(ids.includes(t01.user.id));
  assert.ok(ids.includes(county.user.id));
  assert.ok(!ids.includes(t02.user.id));
  assert.ok(list.some((o) => o.role === 'village'));
  assert.ok(list.filter((o) => o.role === 'village').every((o) => o.division_code.startsWith(t01.user.division_code.slice(0, 9))));
  assert.equal((await (await as(srv.base, 'b1')).get('/api/v1/officials')).status, 403);
});

test('the assignments in force list a page at a time, the latest first; the pages together are the completion figures', async () => {
  const levels = (await county.get('/api/v1/duty/completion')).data.levels;
  const inForce = levels.reduce((n, l) => n + l.assignments, 0);
  const first = (await county.get('/api/v1/duty/assignments?limit=100')).data;
  assert.equal(first.total, inForce, 'the total counts every assignment in force, as the completion figures do');
  assert.ok(first.total > 100, `more than a page (${first.total})`);
  const ids = [];
  for (let offset = 0; offset < first.total; offset += 500) {
    const page = (await county.get(`/api/v1/duty/assignments?limit=500&offset=${offset}`)).data;
    assert.equal(page.total, first.total);
    ids.push(...page.items.map((a) => a.assignment_id));
  }
  assert.equal(new Set(ids).size, first.total, 'every assignment on one page, none twice');
  assert.deepEqual(ids, [...ids].sort((x, y) => y - x), 'the latest first');
  // one township's: fewer, and only its own
  const mine = (await t01.get('/api/v1/duty/assignments?limit=500')).data;
  assert.ok(mine.total > 0 && mine.total < first.total);
  assert.equal((await county.get('/api/v1/duty/assignments?limit=0')).data.error.field, 'limit');
});
