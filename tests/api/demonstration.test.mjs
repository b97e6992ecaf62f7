// 示范创建 (issue 17; db/078): the county's creation campaign with its tasks (owner, deadline, progress),
// dispatch meetings whose decisions become tasks (a deadline in working days counted by the calendar
// engine from the meeting, across the Spring Festival), overdue tasks from the clock and in the
// officials' to-do lists, 一票否决 items that veto the campaign, model units; the figures; a township
// official sees and reports on its own township's tasks only; bad input changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, as, startServer } from './harness.mjs';

let srv, county, t01, t02, campaign, mine, theirs;

before(async () => {
  srv = await startServer({ entities: 120, seed: 5 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
});
after(async () => { await srv.stop(); });

test('a campaign and its tasks: the county creates them; bad input is refused naming the field and changes nothing', async () => {
  assert.equal((await t01.post('/api/v1/demonstration/campaigns', { name: '乡镇自己的创建' })).status, 403);
  let r = await county.post('/api/v1/demonstration/campaigns', { name: '创建' });
  assert.deepEqual([r.status, r.data.error.field], [400, 'name']);
  r = await county.post('/api/v1/demonstration/campaigns', { name: '国家食品安全示范城市创建', starts_on: '2026-01-01', ends_on: '2025-12-31' });
  assert.deepEqual([r.status, r.data.error.field], [400, 'ends_on']);
  r = await county.post('/api/v1/demonstration/campaigns', { name: '国家食品安全示范城市创建', starts_on: '2026-01-01', ends_on: '2028-12-31' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  campaign = r.data;
  assert.deepEqual([campaign.vetoed, campaign.figures], [false, { total: 0, done: 0, open: 0, overdue: 0 }]);
  const today = srv.today();
  const task = (b) => county.post(`/api/v1/demonstration/campaigns/${campaign.id}/tasks`, b);
  const good = { title: '农贸市场快检室全覆盖', owner_department: '县市场监管局', owner_division: t01.user.division_code, due_on: addDays(today, 30) };
  for (const [body, field] of [
    [{ ...good, title: '' }, 'title'],
    [{ ...good, owner_department: '' }, 'owner_department'],
    [{ ...good, due_on: '2026-02-30' }, 'due_on'],
    [{ ...good, due_on: undefined, due_workdays: 0 }, 'due_workdays'],
    [{ ...good, owner_division: '110101001000' }, 'owner_division'],
    [{ ...good, owner_user_id: 987654 }, 'owner_user_id'],
  ]) {
    r = await task(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await t01.post(`/api/v1/demonstration/campaigns/${campaign.id}/tasks`, good)).status, 404); // not its campaign
  assert.equal((await county.get(`/api/v1/demonstration/tasks?campaign_id=${campaign.id}`)).data.total, 0);
  mine = (await task(good)).data;
  assert.deepEqual([mine.status, mine.overdue, mine.owner_division], ['open', false, t01.user.division_code]);
  theirs = (await task({ ...good, title: '学校食堂明厨亮灶全覆盖', owner_division: t02.user.division_code, due_on: addDays(today, -1) })).data;
  assert.deepEqual([theirs.overdue, theirs.status_label], [true, '已逾期']);
  const dueToday = (await task({ ...good, title: '示范街区验收', owner_division: undefined, due_on: today })).data;
  assert.equal(dueToday.overdue, false); // due today: not yet overdue
  assert.equal(dueToday.owner_division, county.user.division_code); // the county's own
});

test('a dispatch meeting: each decision becomes a task; working days counted from the meeting across the Spring Festival', async () => {
  const meeting = (b) => county.post(`/api/v1/demonstration/campaigns/${campaign.id}/meetings`, b);
  const base = { title: '创建工作第三次调度会', held_on: '2026-02-13', attendees: '分管副县长、各乡镇主要负责人、县直相关部门' };
  const before = (await county.get(`/api/v1/demonstration/tasks?campaign_id=${campaign.id}`)).data.total;
  // a bad decision refuses the whole meeting, naming the decision's field
  let r = await meeting({ ...base, decisions: [{ title: '完成小作坊整治', owner_department: '各乡镇', due_workdays: 2 }, { title: '', owner_department: '县教育局', due_workdays: 5 }] });
  assert.deepEqual([r.status, r.data.error.field], [400, 'decisions[1].title']);
  r = await meeting({ ...base, decisions: [] });
  assert.deepEqual([r.status, r.data.error.field], [400, 'decisions']);
  r = await meeting({ ...base, held_on: addDays(srv.today(), 1), decisions: [{ title: '完成小作坊整治', owner_department: '各乡镇', due_workdays: 2 }] });
  assert.deepEqual([r.status, r.data.error.field], [400, 'held_on']);
  assert.equal((await county.get(`/api/v1/demonstration/tasks?campaign_id=${campaign.id}`)).data.total, before);
  assert.equal((await county.get(`/api/v1/demonstration/campaigns/${campaign.id}/meetings`)).data.total, 0);

  r = await meeting({ ...base, decisions: [
    { title: '完成小作坊整治', owner_department: '县市场监管局', owner_division: t02.user.division_code, due_workdays: 2 },
    { title: '编制创建迎检方案', owner_department: '县食安办', due_on: addDays(srv.today(), 60) },
  ] });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.decisions, 2);
  const tasks = (await county.get(`/api/v1/demonstration/tasks?meeting_id=${r.data.id}`)).data.items;
  const rectify = tasks.find((t) => t.title === '完成小作坊整治');
  // 2 working days from Friday 13 February 2026: the Spring Festival (15–23 February) is off, so Tuesday the 24th
  assert.deepEqual([rectify.due_on, rectify.due_rule], ['2026-02-24', '2个工作日']);
  assert.equal(rectify.due_on, (await county.get('/api/v1/calendar/deadline?from=2026-02-13&days=2')).data.deadline);
  assert.equal(rectify.overdue, srv.today() > '2026-02-24');
  const list = (await county.get(`/api/v1/demonstration/campaigns/${campaign.id}/meetings`)).data;
  assert.deepEqual([list.total, list.items[0].decisions, list.items[0].attendees], [1, 2, base.attendees]);
});

test('progress, figures and overdue in the to-do lists; a township official sees and reports on its own tasks only', async () => {
  // t01 sees its township's task, not t02's; the campaign shows t01 only its figures
  const t01Tasks = (await t01.get(`/api/v1/demonstration/tasks?campaign_id=${campaign.id}&limit=100`)).data;
  assert.deepEqual(t01Tasks.items.map((t) => t.id), [mine.id]);
  assert.equal((await t01.get(`/api/v1/demonstration/tasks/${theirs.id}`)).status, 404);
  assert.equal((await t01.get(`/api/v1/demonstration/campaigns/${campaign.id}`)).data.figures.total, 1);
  const all = (await county.get(`/api/v1/demonstration/campaigns/${campaign.id}`)).data.figures;
  assert.equal(all.total, 5);
  // progress: the owner reports; another township cannot; a bad progress changes nothing
  let r = await t01.post(`/api/v1/demonstration/tasks/${mine.id}/progress`, { note: '已建成快检室12个', progress: 101 });
  assert.deepEqual([r.status, r.data.error.field], [400, 'progress']);
  assert.equal((await t02.post(`/api/v1/demonstration/tasks/${mine.id}/progress`, { note: '外人填报', progress: 50 })).status, 404);
  r = await t01.post(`/api/v1/demonstration/tasks/${mine.id}/progress`, { note: '已建成快检室12个', progress: 60 });
  assert.deepEqual([r.status, r.data.progress, r.data.notes.length], [200, 60, 1]);
  r = await t01.post(`/api/v1/demonstration/tasks/${mine.id}/progress`, { note: '全部建成并投入使用', done: true });
  assert.deepEqual([r.data.status, r.data.progress, r.data.done_on], ['done', 100, srv.today()]);
  assert.equal((await t01.post(`/api/v1/demonstration/tasks/${mine.id}/progress`, { note: '再次填报' })).data.error.field, 'status');
  const fig = (await county.get(`/api/v1/demonstration/campaigns/${campaign.id}`)).data.figures;
  const overdue = 1 + (srv.today() > '2026-02-24' ? 1 : 0);
  assert.deepEqual(fig, { total: 5, done: 1, open: 4, overdue });
  assert.equal((await county.get(`/api/v1/demonstration/tasks?campaign_id=${campaign.id}&overdue=1`)).data.total, overdue);
  // the to-do lists (the demo county runs a campaign of its own): each counts what the overdue list shows
  // the same official, this campaign's overdue tasks among them for the county and t02, none for t01
  const section = async (c) => (await c.get('/api/v1/me/todo')).data.sections.find((s) => s.key === 'demonstration_overdue');
  for (const [who, ours] of [[county, overdue], [t02, overdue], [t01, 0]]) {
    const listed = (await who.get('/api/v1/demonstration/tasks?overdue=1&limit=100')).data;
    assert.equal((await section(who))?.count ?? 0, listed.total);
    assert.equal(listed.items.filter((t) => t.campaign_id === campaign.id).length, ours);
  }
});

test('一票否决: an incident recorded against the campaign vetoes it; model units with their status', async () => {
  let r = await county.post(`/api/v1/demonstration/campaigns/${campaign.id}/vetoes`, { kind: 'accident', occurred_on: srv.today(), description: '发生食物中毒事故' });
  assert.deepEqual([r.status, r.data.error.field], [400, 'kind']);
  r = await county.post(`/api/v1/demonstration/campaigns/${campaign.id}/vetoes`, { kind: 'incident', occurred_on: addDays(srv.today(), 1), description: '发生食物中毒事故' });
  assert.deepEqual([r.status, r.data.error.field], [400, 'occurred_on']);
  assert.equal((await t02.post(`/api/v1/demonstration/campaigns/${campaign.id}/vetoes`, { kind: 'incident', occurred_on: srv.today(), description: '乡镇记录' })).status, 403);
  assert.equal((await county.get(`/api/v1/demonstration/campaigns/${campaign.id}`)).data.vetoed, false);
  r = await county.post(`/api/v1/demonstration/campaigns/${campaign.id}/vetoes`, { kind: 'incident', occurred_on: srv.today(), description: '某学校发生30人食物中毒的重大食品安全事故' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.vetoed, true);
  assert.equal(r.data.vetoes[0].kind_label, '重大食品安全事故');
  assert.ok((await county.get('/api/v1/demonstration/campaigns')).data.items.find((c) => c.id === campaign.id).vetoed);

  r = await county.post(`/api/v1/demonstration/campaigns/${campaign.id}/units`, { kind: 'street', name: '老街美食街', division_code: '110101001000' });
  assert.deepEqual([r.status, r.data.error.field], [400, 'division_code']);
  r = await county.post(`/api/v1/demonstration/campaigns/${campaign.id}/units`, { kind: 'street', name: '老街美食街', division_code: t02.user.division_code });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.deepEqual([r.data.kind_label, r.data.status_label], ['示范街区', '创建中']);
  const unit = r.data;
  await county.post(`/api/v1/demonstration/campaigns/${campaign.id}/units`, { kind: 'canteen', name: '县一中食堂', division_code: t01.user.division_code, status: 'accepted' });
  assert.equal((await county.patch(`/api/v1/demonstration/units/${unit.id}`, { status: 'opened' })).data.error.field, 'status');
  r = await county.patch(`/api/v1/demonstration/units/${unit.id}`, { status: 'named' });
  assert.deepEqual([r.status, r.data.status_label], [200, '已命名']);
  assert.equal((await county.get(`/api/v1/demonstration/campaigns/${campaign.id}/units`)).data.total, 2);
  // a township sees its own township's units only, and changes none
  const seen = (await t02.get(`/api/v1/demonstration/campaigns/${campaign.id}/units`)).data.items;
  assert.deepEqual(seen.map((u) => u.name), ['老街美食街']);
  assert.equal((await t02.patch(`/api/v1/demonstration/units/${unit.id}`, { status: 'building' })).status, 404);
  assert.equal((await county.get(`/api/v1/demonstration/campaigns/${campaign.id}/units`)).data.items.find((u) => u.id === unit.id).status, 'named');
});
