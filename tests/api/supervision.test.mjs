// The supervision loop over HTTP: checklists, the reproducible double random draw, recording an
// inspection, rectification by the business, verification by the official, working-day deadlines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, PASSWORD, as, startServer } from './harness.mjs';

let srv, county, t01, t02;
before(async () => {
  srv = await startServer({ entities: 600, seed: 21 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
});
after(async () => { await srv.stop(); });

test('deadlines count working days on the holiday calendar', async () => {
  // 2026-09-30 (Wed) + 3 working days: Oct 1-7 are the National Day holiday, Oct 10 (Sat) is worked
  let r = await county.get('/api/v1/calendar/deadline?from=2026-09-30&days=3');
  assert.equal(r.data.deadline, '2026-10-10');
  // 2026-02-13 (Fri) + 1: Feb 14 (Sat) is an adjusted working day before the Spring Festival
  r = await county.get('/api/v1/calendar/deadline?from=2026-02-13&days=1');
  assert.equal(r.data.deadline, '2026-02-14');
  r = await county.get('/api/v1/calendar/deadline?from=2026-11-20&days=1'); // a plain Friday → Monday
  assert.equal(r.data.deadline, '2026-11-23');
  r = await county.get('/api/v1/calendar/deadline?from=2026-02-30&days=1');
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'from');
});

test('default checklists ship per business kind; a bureau adds its own, versioned', async () => {
  const list = (await county.get('/api/v1/checklists')).data.items;
  const codes = list.map((c) => c.code).sort();
  assert.deepEqual(codes, ['catering', 'production', 'school_canteen', 'selling', 'workshop']);
  const catering = list.find((c) => c.code === 'catering');
  assert.ok(catering.items_count >= 15 && catering.key_count > 0 && catering.dimensions >= 8);
  const one = (await county.get(`/api/v1/checklists/${catering.id}`)).data.checklist;
  assert.ok(one.items.every((i) => i.dimension && i.content && typeof i.key === 'boolean'));
  // a rectification standard of the bureau's own: version 1, then version 2 retires version 1
  const body = { code: 'rectify-2026', name: '专项整治验收标准', kinds: ['caterer'],
    items: [{ dimension: '环境卫生', content: '后厨地面无积水', key: false }, { dimension: '原料', content: '无过期原料', key: true, basis: '《食品安全法》第三十四条' }] };
  const v1 = await county.post('/api/v1/checklists', body);
  assert.equal(v1.status, 201);
  assert.equal(v1.data.checklist.version, 1);
  const v2 = await county.post('/api/v1/checklists', { ...body, items: [...body.items, { dimension: '人员', content: '持健康证上岗', key: true }] });
  assert.equal(v2.data.checklist.version, 2);
  assert.equal((await county.get(`/api/v1/checklists/${v1.data.checklist.id}`)).data.checklist.status, 'retired');
  for (const [patch, field] of [[{ code: 'Bad Code' }, 'code'], [{ kinds: ['boat'] }, 'kinds'], [{ items: [] }, 'items'],
    [{ items: [{ dimension: '', content: 'x' }] }, 'items[0].dimension']]) {
    const r = await county.post('/api/v1/checklists', { ...body, ...patch });
    assert.equal(r.status, 400, JSON.stringify(patch));
    assert.equal(r.data.error.field, field);
  }
  assert.equal((await t01.post('/api/v1/checklists', body)).status, 403);
});

test('the double random draw is recorded with its seed and replays to the same result', async () => {
  const bad = await t01.post('/api/v1/draws', { count: 3, team_size: 1 });
  assert.equal(bad.status, 400);
  assert.equal(bad.data.error.field, 'team_size');
  const r = await t01.post('/api/v1/draws', { count: 3, seed: 424242 });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.seed, 424242);
  assert.equal(r.data.result.length, 3);
  for (const pick of r.data.result) {
    assert.equal(pick.inspectors.length, 2);
    assert.notEqual(pick.inspectors[0], pick.inspectors[1]);
    const e = (await t01.get(`/api/v1/entities/${pick.entity_id}`)).data.entity;
    assert.equal(e.township_code, t01.user.division_code); // drawn from the official's own township
    assert.equal(e.status, 'active');
  }
  const v = (await county.get(`/api/v1/draws/${r.data.draw_id}/verify`)).data;
  assert.equal(v.reproduced, true);
  assert.deepEqual(v.result, r.data.result.map(({ entity_id, inspectors }) => ({ entity_id, inspectors })));
  // the tasks are on each drawn inspector's list
  const inspectorId = r.data.result[0].inspectors[0];
  const insp = await as(srv.base, `inspector${String(inspectorId - 2).padStart(2, '0')}`);
  assert.equal(insp.user.id, inspectorId);
  const mine = (await insp.get('/api/v1/inspections?mine=1&status=assigned')).data.items;
  assert.ok(mine.some((i) => i.id === r.data.result[0].inspection_id));
});

test('the loop: inspect → fail an item → business rectifies → rejected → resubmits → verified', async () => {
  // a caterer of t01 with a business login
  const e = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=50')).data.items[0];
  const inspectors = [3, 4]; // inspector01 and inspector02
  const created = await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const insp = created.data.inspection;
  assert.equal(insp.status, 'assigned');
  const items = insp.items;
  assert.ok(items.length >= 15);
  // fewer than two inspectors, another township's business: refused
  assert.equal((await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3] })).data.error.field, 'inspectors');
  const foreign = (await t02.get('/api/v1/entities?status=active&limit=1')).data.items[0];
  assert.equal((await t01.post('/api/v1/inspections', { entity_id: foreign.id, kind: 'daily', inspectors })).status, 400);
  // only an assigned inspector records; a failed item needs a note
  const i1 = await as(srv.base, 'inspector01');
  const i3 = await as(srv.base, 'inspector03');
  const general = items.find((i) => !i.key);
  const key = items.find((i) => i.key);
  assert.equal((await i3.post(`/api/v1/inspections/${insp.id}/items`, { items: [{ item_id: general.id, outcome: 'pass' }] })).status, 403);
  const noNote = await i1.post(`/api/v1/inspections/${insp.id}/items`, { items: [{ item_id: general.id, outcome: 'fail' }] });
  assert.equal(noNote.status, 400);
  assert.equal(noNote.data.error.field, 'items[0]');
  // completing before every item is recorded is refused
  await i1.post(`/api/v1/inspections/${insp.id}/items`, { items: [{ item_id: key.id, outcome: 'pass' }] });
  const early = await i1.post(`/api/v1/inspections/${insp.id}/complete`, { received_by: '店长' });
  assert.equal(early.status, 400);
  assert.equal(early.data.error.field, 'items');
  const all = items.map((i) => (i.id === general.id
    ? { item_id: i.id, outcome: 'fail', note: '后厨地面有积水，排水沟未清理' }
    : { item_id: i.id, outcome: 'pass' }));
  assert.equal((await i1.post(`/api/v1/inspections/${insp.id}/items`, { items: all })).status, 200);
  // the business does not learn of an inspection before it has happened (flying inspections are unannounced)
  const bizEarly = await as(srv.base, `b${e.id}`);
  assert.deepEqual((await bizEarly.get('/api/v1/inspections')).data.items, []);
  assert.equal((await bizEarly.get(`/api/v1/inspections/${insp.id}`)).status, 404);
  // the written result is handed over on site: who signed for it is required
  const unsigned = await i1.post(`/api/v1/inspections/${insp.id}/complete`, { summary: '一般项不符合1项，责令限期整改' });
  assert.equal(unsigned.status, 400);
  assert.equal(unsigned.data.error.field, 'received_by');
  assert.equal((await i1.get(`/api/v1/inspections/${insp.id}`)).data.inspection.status, 'assigned');
  const done = await i1.post(`/api/v1/inspections/${insp.id}/complete`, { summary: '一般项不符合1项，责令限期整改', received_by: '刘店长' });
  assert.equal(done.status, 200, JSON.stringify(done.data));
  assert.equal(done.data.inspection.result, 'pass_after_correction');
  assert.equal(done.data.inspection.received_by, '刘店长');
  assert.equal(done.data.inspection.acknowledged_at, null);
  // the business acknowledges the result in its account; the inspector cannot do it for it
  assert.equal((await i1.post(`/api/v1/inspections/${insp.id}/acknowledge`, {})).status, 403);
  const biz = await as(srv.base, `b${e.id}`);
  const ack = await biz.post(`/api/v1/inspections/${insp.id}/acknowledge`, {});
  assert.equal(ack.status, 200, JSON.stringify(ack.data));
  assert.ok(ack.data.inspection.acknowledged_at > 0);
  const again = await biz.post(`/api/v1/inspections/${insp.id}/acknowledge`, {});
  assert.equal(again.data.inspection.acknowledged_at, ack.data.inspection.acknowledged_at);
  assert.deepEqual((await biz.get('/api/v1/inspections')).data.items.map((i) => i.id), [insp.id]);
  assert.equal((await i1.post(`/api/v1/inspections/${insp.id}/items`, { items: all })).status, 400); // closed
  // one order, deadline 10 working days from today
  const orders = (await t01.get(`/api/v1/rectifications?entity=${e.id}`)).data.items;
  assert.equal(orders.length, 1);
  const order = orders[0];
  assert.equal(order.status, 'open');
  assert.equal(order.item_id, general.id);
  const today = srv.today();
  const due = (await county.get(`/api/v1/calendar/deadline?from=${today}&days=10`)).data.deadline;
  assert.equal(order.deadline, due);
  // the business sees it and submits evidence; officials cannot submit, the business cannot verify
  const inbox = (await biz.get('/api/v1/rectifications')).data.items;
  assert.deepEqual(inbox.map((o) => o.id), [order.id]);
  assert.equal((await t01.post(`/api/v1/rectifications/${order.id}/submit`, { evidence: '已清理' })).status, 403);
  const sub = await biz.post(`/api/v1/rectifications/${order.id}/submit`, { evidence: '已清理排水沟并安排每日两次清扫' });
  assert.equal(sub.data.rectification.status, 'submitted');
  assert.equal((await biz.post(`/api/v1/rectifications/${order.id}/review`, { accept: true })).status, 403);
  // another township's official cannot see or review it
  assert.equal((await t02.post(`/api/v1/rectifications/${order.id}/review`, { accept: true })).status, 404);
  const rej = await t01.post(`/api/v1/rectifications/${order.id}/review`, { accept: false, note: '照片看不出清理效果，请补充' });
  assert.equal(rej.data.rectification.status, 'open');
  assert.equal(rej.data.rectification.rejections, 1);
  await biz.post(`/api/v1/rectifications/${order.id}/submit`, { evidence: '补充清理前后对比照片' });
  const ok = await t01.post(`/api/v1/rectifications/${order.id}/review`, { accept: true, note: '现场复核合格' });
  assert.equal(ok.data.rectification.status, 'verified');
  assert.equal((await biz.post(`/api/v1/rectifications/${order.id}/submit`, { evidence: '再次提交' })).status, 400);
});

test('orders page by deadline with their total, to the last one; a township sees its part', async () => {
  const all = (await county.get('/api/v1/rectifications?status=&limit=7')).data;
  assert.ok(all.total > 7, `the demo county has orders on more than one page (${all.total})`);
  const seen = [];
  for (let offset = 0; offset < all.total; offset += 7) {
    const page = (await county.get(`/api/v1/rectifications?limit=7&offset=${offset}`)).data;
    assert.equal(page.total, all.total);
    seen.push(...page.items);
  }
  assert.equal(new Set(seen.map((o) => o.id)).size, all.total, 'every order once');
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1].deadline <= seen[i].deadline, 'by deadline');
  const open = (await county.get('/api/v1/rectifications?status=open&limit=1')).data.total;
  assert.equal(open, seen.filter((o) => o.status === 'open').length);
  const mine = (await t01.get('/api/v1/rectifications?limit=1')).data.total;
  assert.ok(mine < all.total);
  assert.equal((await county.get('/api/v1/rectifications?limit=201')).data.error.field, 'limit');
});

test('inspections page newest first with their total, to the last one', async () => {
  const all = (await county.get('/api/v1/inspections?status=&limit=3')).data;
  assert.ok(all.total > 3, `more than one page (${all.total})`);
  const seen = [];
  for (let offset = 0; offset < all.total; offset += 3) {
    const page = (await county.get(`/api/v1/inspections?status=&limit=3&offset=${offset}`)).data;
    assert.equal(page.total, all.total);
    seen.push(...page.items);
  }
  const ids = seen.map((i) => i.id);
  assert.equal(new Set(ids).size, all.total, 'every inspection once');
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
  const done = (await county.get('/api/v1/inspections?status=completed&limit=1')).data.total;
  assert.equal(done, seen.filter((i) => i.status === 'completed').length);
  assert.equal((await county.get('/api/v1/inspections?offset=-1')).data.error.field, 'offset');
});

test('a failed key item makes the result "fail"; corrected on site opens no order', async () => {
  const e = (await t01.get('/api/v1/entities?kind=seller&status=active&limit=50')).data.items[0];
  const insp = (await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 5] })).data.inspection;
  const i1 = await as(srv.base, 'inspector01');
  const key = insp.items.find((i) => i.key);
  const general = insp.items.find((i) => !i.key);
  const all = insp.items.map((i) => ({ item_id: i.id, outcome: 'pass' }));
  all.find((x) => x.item_id === key.id).outcome = 'fail';
  all.find((x) => x.item_id === key.id).note = '货架上有过期食品';
  Object.assign(all.find((x) => x.item_id === general.id), { outcome: 'fail', note: '未公示许可证', corrected_on_site: true });
  await i1.post(`/api/v1/inspections/${insp.id}/items`, { items: all });
  const done = await i1.post(`/api/v1/inspections/${insp.id}/complete`, { received_by: '店长' });
  assert.equal(done.data.inspection.result, 'fail');
  const orders = (await t01.get(`/api/v1/rectifications?entity=${e.id}`)).data.items;
  assert.deepEqual(orders.map((o) => [o.item_id, o.key_item]), [[key.id, true]]);
});

test('risk grade: static factors by hand, then an inspection failing a key item moves it up, with reasons and history', async () => {
  await county.post('/api/v1/risk/regrade', {});
  assert.equal((await t01.post('/api/v1/risk/regrade', {})).status, 403);
  const e = (await t01.get('/api/v1/entities?kind=school_canteen&status=active&limit=50')).data.items
    .find((x) => x.scale !== 'large') || (await county.get('/api/v1/entities?kind=school_canteen&status=active&limit=50')).data.items[0];
  const scalePoints = { large: 6, medium: 3, small: 0, micro: 0 }[e.scale] ?? 0;
  const official = e.township_code === t01.user.division_code ? t01 : county;
  let g = (await official.get(`/api/v1/entities/${e.id}/risk`)).data;
  assert.equal(g.static_score, 32 + scalePoints); // school canteen 32 (table), plus its scale
  assert.equal(g.dynamic_score, 0);
  assert.equal(g.grade, 32 + scalePoints <= 45 ? 'B' : 'C');
  assert.ok(g.reasons.some((r) => r.factor === 'kind' && r.points === 32));
  // inspect: one key item fails → +6, result fail → +10
  const insp = (await official.post('/api/v1/inspections', { entity_id: e.id, kind: 'key', inspectors: [6, 7] })).data.inspection;
  const i4 = await as(srv.base, 'inspector04');
  const key = insp.items.find((i) => i.key);
  await i4.post(`/api/v1/inspections/${insp.id}/items`, { items: insp.items.map((i) => (i.id === key.id
    ? { item_id: i.id, outcome: 'fail', note: '未按规定留样' } : { item_id: i.id, outcome: 'pass' })) });
  assert.equal((await i4.post(`/api/v1/inspections/${insp.id}/complete`, { received_by: '食堂负责人' })).data.inspection.result, 'fail');
  g = (await official.get(`/api/v1/entities/${e.id}/risk`)).data;
  assert.equal(g.dynamic_score, 16);
  assert.equal(g.score, 32 + scalePoints + 16);
  assert.equal(g.grade, 'C');
  assert.deepEqual(g.reasons.filter((r) => r.factor !== 'kind' && r.factor !== 'scale').map((r) => [r.factor, r.points]),
    [['key_item_failed', 6], ['inspection_failed', 10]]);
  assert.equal(g.history[0].cause, 'inspection');
  assert.equal(g.history[0].grade, 'C');
  assert.equal(g.visits_per_year, 3);
  const other = official === t01 ? t02 : await as(srv.base, e.township_code === t02.user.division_code ? 't03' : 't02');
  assert.equal((await other.get(`/api/v1/entities/${e.id}/risk`)).status, 404);
  const sum = (await county.get('/api/v1/risk/summary')).data;
  assert.ok(sum.totals.C >= 1);
});

test('the inspection plan: visits required by grade, done this year, the two-year full-checklist rule', async () => {
  const year = Number(srv.today().slice(0, 4));
  const plan = (await county.get(`/api/v1/plan?year=${year}`)).data;
  const active = (await county.get('/api/v1/entities?status=active&limit=1')).data.total;
  assert.equal(plan.totals.businesses, active);
  const sum = (await county.get('/api/v1/risk/summary')).data.totals;
  // every active business is graded; required visits are A 1, B 2, C 3, D 4 (settings)
  const activeGraded = plan.townships.reduce((s, t) => s + t.businesses, 0);
  assert.equal(activeGraded, active);
  assert.ok(plan.totals.required >= active && plan.totals.required <= sum.A + 2 * sum.B + 3 * sum.C + 4 * sum.D);
  // inspections completed earlier in this file count as done, and nobody here had a full check in two years
  assert.ok(plan.totals.done >= 3);
  assert.ok(plan.totals.full_due > active - 10);
  assert.ok(plan.inspectors.some((i) => i.completed >= 1));
  // who is behind or due a full check: every one of them reachable a page at a time (it stopped at 200)
  assert.ok(plan.behind_total >= plan.totals.full_due && plan.behind_total > 200);
  assert.equal(plan.behind.length, 50);
  const tail = (await county.get(`/api/v1/plan?year=${year}&limit=3&offset=${plan.behind_total - 1}`)).data;
  assert.equal(tail.behind.length, 1);
  assert.ok(tail.behind[0].behind || tail.behind[0].full_due);
  const next = (await county.get(`/api/v1/plan?year=${year}&limit=50&offset=50`)).data.behind.map((b) => b.id);
  assert.ok(!next.some((id) => plan.behind.some((b) => b.id === id)));
  assert.equal((await county.get(`/api/v1/plan?year=${year}&limit=0`)).data.error.field, 'limit');
  const mine = (await t01.get(`/api/v1/plan?year=${year}`)).data;
  assert.deepEqual(mine.townships.map((t) => t.township_code), [t01.user.division_code]);
  assert.equal((await t01.get('/api/v1/plan?year=1800')).data.error.field, 'year');
  const biz = await as(srv.base, 'b1');
  assert.equal((await biz.get('/api/v1/plan')).status, 403);
});

test('results are published for the public without sign-in, and carry no personal data', async () => {
  const r = await fetch(`${srv.base}/api/v1/public/inspections?limit=100`);
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.ok(body.items.length >= 3); // the inspections completed above
  assert.ok(body.items.every((i) => ['pass', 'pass_after_correction', 'fail'].includes(i.result)));
  const keys = new Set(body.items.flatMap((i) => Object.keys(i)));
  for (const secret of ['legal_rep', 'legal_rep_phone', 'officer_phone', 'uscc', 'inspectors', 'note']) assert.ok(!keys.has(secret), secret);
  const one = body.items[0];
  const q = await (await fetch(`${srv.base}/api/v1/public/inspections?q=${encodeURIComponent(one.entity_name)}`)).json();
  assert.ok(q.items.every((i) => i.entity_name.includes(one.entity_name)));
  assert.equal((await fetch(`${srv.base}/api/v1/public/inspections?township=1`)).status, 400);
  // assigned but not completed inspections are not published
  const open = (await county.get('/api/v1/inspections?status=assigned')).data.items.map((i) => i.id);
  assert.ok(!body.items.some((i) => open.includes(i.id)));
});

test('a change of kind, categories or scale regrades the business, with the cause in its history', async () => {
  // a small seller of ordinary food (special foods made or sold as such score on their own, above 乳制品)
  const e = (await county.get('/api/v1/entities?kind=seller&status=active&limit=50')).data.items
    .find((x) => (x.scale === 'small' || x.scale === 'micro') && !(x.special_foods || []).length);
  const before = (await county.get(`/api/v1/entities/${e.id}/risk`)).data;
  const r = await county.patch(`/api/v1/entities/${e.id}`, { categories: ['乳制品'], scale: 'large' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const after = (await county.get(`/api/v1/entities/${e.id}/risk`)).data;
  assert.equal(after.static_score, 35 + 5); // 乳制品 35 (table) + large 6, capped at 40
  assert.ok(after.static_score > before.static_score);
  assert.equal(after.history[0].cause, 'registry');
  assert.ok(after.reasons.some((x) => x.factor === 'category' && x.detail.includes('乳制品')), JSON.stringify(after.reasons));
});

test('inspectors named by hand come from the jurisdiction: another township\'s inspector is refused as an unknown id is', async () => {
  // an inspector stationed in 青石镇 (t02)
  const add = spawnSync(BIN, ['user', 'add', 'qs_inspector', '--role', 'inspector', '--name', '青石执法员',
    `--division=${t02.user.division_code}`, `--password=${PASSWORD}`, `--db_path=${srv.db}`, '--log_level=warn'], { encoding: 'utf8', env: srv.env() });
  assert.equal(add.status, 0, add.stderr);
  const qs = await as(srv.base, 'qs_inspector');
  const mine = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const theirs = (await t02.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const count = async () => (await county.get(`/api/v1/inspections?entity=${mine.id}`)).data.items.length;
  const before = await count();
  const foreign = await t01.post('/api/v1/inspections', { entity_id: mine.id, kind: 'daily', inspectors: [3, qs.user.id] });
  const nowhere = await t01.post('/api/v1/inspections', { entity_id: mine.id, kind: 'daily', inspectors: [3, 987654321] });
  assert.deepEqual([foreign.status, foreign.data.error.code, foreign.data.error.field], [400, 'invalid_argument', 'inspectors']);
  assert.deepEqual([nowhere.status, nowhere.data.error.code, nowhere.data.error.field], [400, 'invalid_argument', 'inspectors']);
  assert.equal(foreign.data.error.message.replaceAll(String(qs.user.id), 'N'), nowhere.data.error.message.replaceAll('987654321', 'N'));
  assert.equal(await count(), before, 'nothing created');
  // in its own township, with a county inspector beside it, the same inspector is fine
  const ok = await t02.post('/api/v1/inspections', { entity_id: theirs.id, kind: 'daily', inspectors: [3, qs.user.id] });
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
  assert.deepEqual(ok.data.inspection.inspectors.map((i) => i.id ?? i).sort(), [3, qs.user.id].sort());
});
