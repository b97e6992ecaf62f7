// Every deadline of complaints and reports across a holiday, worked out by hand from the State
// Council's notice for 2026 (国庆节 1-7 October off, Saturday 10 October worked; data/holidays-cn.csv):
// the server's clock is pinned to Wednesday 30 September 2026, the day before the holiday, whatever
// date the suite runs at.
//   working days after 30 Sep: 8 Oct (1), 9 (2), 10 Sat (3), 12 (4), 13 (5), 14 (6), 15 (7), 16 (8),
//   19-23 (9-13), 26 (14), 27 (15) … 8 Dec (45)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

process.env.SHIAN_NOW = '2026-09-30T10:00:00+08:00'; // before the harness reads it
const { Client, as, startServer } = await import('./harness.mjs');

let srv, county, e, seq = 0;
const step = (id, body) => county.post(`/api/v1/complaints/${id}/steps`, body);
const file = async (extra = {}) => {
  const r = await new Client(srv.base, { address: `198.19.0.${++seq}` }).post('/api/v1/public/complaints', {
    kind: 'complaint', entity_id: e.id, category: 'expired', facts: '国庆前买到过期三天的酸奶，店员拒绝退换。', request: '退一赔十',
    person_name: '周女士', person_phone: '13611112222', person_address: '城关街道', ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.items;
};

before(async () => {
  srv = await startServer({ entities: 120, seed: 5 });
  assert.equal(srv.today(), '2026-09-30');
  county = await as(srv.base, 'county');
  e = (await county.get('/api/v1/entities?status=active&limit=1')).data.items[0];
});
after(async () => { await srv.stop(); });

test('accept within 7 working days (Art 14): 15 October, not 7 October', async () => {
  const [c] = await file();
  assert.equal(c.due_on, '2026-10-15');
  const got = (await county.get(`/api/v1/complaints/${c.id}`)).data.complaint.deadline;
  assert.deepEqual([got.due_on, got.workdays_left, got.provisional], ['2026-10-15', 7, false]);
});

test('mediation ends 45 working days after acceptance (Art 21): 8 December; told within 7 working days of ending', async () => {
  const [c] = await file();
  const accepted = (await step(c.id, { action: 'accept' })).data.complaint;
  assert.deepEqual([accepted.mediation_due, accepted.deadline.due_on], ['2026-12-08', '2026-12-08']);
  const ended = (await step(c.id, { action: 'terminate', note: '被投诉人拒绝调解' })).data.complaint;
  assert.deepEqual([ended.deadline.step, ended.deadline.due_on], ['tell', '2026-10-15']);
});

test('a disputed jurisdiction is settled within 7 working days: 15 October', async () => {
  const [c] = await file();
  const township = e.division_code.slice(0, 9) + '000';
  await step(c.id, { action: 'dispatch', division_code: township });
  const d = (await step(c.id, { action: 'dispute', note: '不属本辖区' })).data.complaint;
  assert.deepEqual([d.deadline.step, d.deadline.due_on], ['settle', '2026-10-15']);
});

test('a report is verified within 15 working days (27 October), +15 with approval (17 November); a real-name reporter told within 5 (13 October)', async () => {
  const [r] = await file({ kind: 'report', request: undefined });
  assert.equal(r.due_on, '2026-10-27');
  await step(r.id, { action: 'verify' });
  const ext = (await step(r.id, { action: 'extend', note: '案情复杂，经批准延长' })).data.complaint;
  assert.equal(ext.deadline.due_on, '2026-11-17');
  const decided = (await step(r.id, { action: 'decide', outcome: 'no_case', note: '经核查不属实' })).data.complaint;
  assert.deepEqual([decided.deadline.step, decided.deadline.due_on], ['tell', '2026-10-13']);
});

test('a clue found in mediation is verified within 15 working days: 27 October', async () => {
  const [c] = await file();
  await step(c.id, { action: 'accept' });
  const twin = (await step(c.id, { action: 'clue', facts: '发现店内销售的多批次酸奶均已过期。' })).data.complaint.twin_id;
  assert.equal((await county.get(`/api/v1/complaints/${twin}`)).data.complaint.deadline.due_on, '2026-10-27');
});
