// A workshop application's deadlines across a holiday, worked out by hand from the State Council's
// notice for 2026 (国庆节 1-7 October off, Saturday 10 October worked; data/holidays-cn.csv): the server's
// clock is pinned to Wednesday 30 September 2026, the day before the holiday, whatever date the suite
// runs at. Working days after 30 Sep: 8 Oct (1), 9 (2), 10 Sat (3), 12 (4), 13 (5), 14, 15, 16, 19 (9), 20 (10).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

process.env.SHIAN_NOW = '2026-09-30T10:00:00+08:00'; // before the harness reads it
const { BIN, Client, as, startServer } = await import('./harness.mjs');
const { gatewayOutbox } = await import('./gateway.mjs');

let srv, county, t02, seq = 0;
const file = async (name) => {
  const r = await new Client(srv.base, { address: `198.18.9.${++seq}` }).post('/api/v1/public/workshop-applications', {
    division_code: t02.user.division_code, name, operator: '刘桂英', phone: '13807970001', address: '青石镇老街3号',
    products: [{ code: 'XZF-03', name: '豆瓣酱' }] });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.application;
};
const sweep = () => {
  const r = spawnSync(BIN, ['sweep', `--db_path=${srv.db}`, '--log_level=warn'], { encoding: 'utf8', env: srv.env() });
  assert.equal(r.status, 0, r.stderr);
};


before(async () => {
  srv = await startServer({ entities: 80, seed: 6 });
  assert.equal(srv.today(), '2026-09-30');
  county = await as(srv.base, 'county');
  t02 = await as(srv.base, 't02');
});
after(async () => { await srv.stop(); });

test('review within 10 working days: 20 October, not 10 October; issuance within 5: 13 October', async () => {
  const a = await file('青石镇刘记酱坊');
  assert.deepEqual([a.review_due, a.due, a.days_left, a.overdue, a.due_provisional], ['2026-10-20', '2026-10-20', 20, false, false]);
  const accepted = (await t02.post(`/api/v1/workshop-applications/${a.id}/review`, { decision: 'accept' })).data;
  assert.equal(accepted.issue_due, '2026-10-13');
  assert.equal(accepted.due, '2026-10-13');
});

test('past its day the application shows overdue and the sweep (the server’s own or shian sweep) marks it; the late step is kept as late', async () => {
  const a = await file('青石镇陈记辣酱坊');
  await srv.travel(Date.parse('2026-10-21T09:00:00+08:00') - srv.now());
  county = await as(srv.base, 'county');
  t02 = await as(srv.base, 't02');
  const late = (await county.get(`/api/v1/workshop-applications/${a.id}`)).data;
  assert.deepEqual([late.overdue, late.days_left], [true, -1]);
  assert.ok((await county.get('/api/v1/workshop-applications?overdue=1')).data.items.some((x) => x.id === a.id));
  sweep();
  sweep();
  assert.equal((await county.get(`/api/v1/workshop-applications/${a.id}`)).data.marked_overdue, true);
  // the gateways are told once (the administrator's gateway reads pushes of no business)
  const told = (await gatewayOutbox(srv)).filter((i) => i.topic === 'workshop.overdue' && i.payload.application_id === a.id);
  assert.deepEqual(told.map((i) => [i.payload.step, i.payload.due]), [['review', '2026-10-20']]);
  const reviewed = (await t02.post(`/api/v1/workshop-applications/${a.id}/review`, { decision: 'accept' })).data;
  const step = reviewed.steps.find((s) => s.action === 'accept');
  assert.deepEqual([step.due, step.late], ['2026-10-20', true]);
  assert.equal(reviewed.marked_overdue, false);
});
