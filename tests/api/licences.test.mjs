// Food business licences under the commitment system (食品经营许可 告知承诺制, issue 17): the business (or an
// official for it) applies signing every commitment item, the county issues at once (a JY number, the
// registry entity follows: licence kind jy, number, five years), the township verifies on site within
// licence_verify_days working days (inconsistent: ordered to correct, told through the outbox), the sweep
// marks verifications past their day, licences ending within 30 days are listed for the township.
// Dates are asked of the server (its clock and the calendar engine), so the file holds at any SHIAN_NOW.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { BIN, addDays, as, businessesWithLogin, startServer, uscc } from './harness.mjs';
import { gatewayOutbox } from './gateway.mjs';

let srv, county, t01, t02, biz, licensed, serial = 61000;
const ALL = ['LC-01', 'LC-02', 'LC-03', 'LC-04', 'LC-05', 'LC-06'];
const due = async (days) => (await county.get(`/api/v1/calendar/deadline?from=${srv.today()}&days=${days}`)).data.deadline;
const sweep = () => {
  const r = spawnSync(BIN, ['sweep', `--db_path=${srv.db}`, '--log_level=warn'], { encoding: 'utf8', env: srv.env() });
  assert.equal(r.status, 0, r.stderr);
};
// the day before the same date `years` later
const validityEnd = (from, years) => {
  const [y, m, d] = from.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return addDays(`${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`, -1);
};

// a new shop in t01's township without a licence (it sold prepackaged food only, say)
async function shop(extra = {}) {
  const village = (await t01.get(`/api/v1/divisions?parent=${t01.user.division_code}`)).data.items[0].code;
  const grid = (await t01.get(`/api/v1/grids?township=${t01.user.division_code}`)).data.items[0];
  serial++;
  const r = await t01.post('/api/v1/entities', { kind: 'caterer', name: `许可测试小吃店${serial}`, uscc: uscc(county.user.division_code, serial),
    address: '许可路8号', division_code: village, grid_id: grid.id, legal_rep: '周明', legal_rep_phone: '13907975555', ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.entity;
}

before(async () => {
  srv = await startServer({ entities: 120, seed: 17 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  [[licensed, biz] = []] = await businessesWithLogin(t01, srv.base, 1,
    { keep: (e) => e.licence_kind === 'jy' && ['seller', 'caterer'].includes(e.kind), limit: 100 });
  assert.ok(licensed, 'a licensed seller or caterer with an account in t01');
});
after(async () => { await srv.stop(); });

test('the commitment items are data, each with its code and text', async () => {
  const r = await biz.get('/api/v1/licence-commitments');
  assert.equal(r.status, 200);
  assert.deepEqual(r.data.items.map((i) => i.code), ALL);
  for (const i of r.data.items) assert.ok(i.text.length > 5);
});

test('refusals name the field; bad input files nothing', async () => {
  const e = await shop();
  const ok = { kind: 'new', entity_id: e.id, commitments: ALL, signer: '周明' };
  const cases = [
    [t01, { ...ok, kind: 'open' }, 400, 'kind', /申请类型/],
    [t01, { ...ok, commitments: ALL.slice(0, 5) }, 400, 'commitments', /未签署承诺事项LC-06/],
    [t01, { ...ok, commitments: [] }, 400, 'commitments', /签署/],
    [t01, { ...ok, commitments: ['LC-99', ...ALL] }, 400, 'commitments[0]', /没有承诺事项“LC-99”/],
    [t01, { ...ok, commitments: [...ALL, 'LC-01'] }, 400, 'commitments[6]', /重复/],
    [t01, { ...ok, signer: '' }, 400, 'signer', /承诺人/],
    [t01, { ...ok, address: 'x' }, 400, 'address', /./],
    [t01, { ...ok, kind: 'renew' }, 400, 'kind', /尚无食品经营许可证/],
    [t01, { ...ok, entity_id: licensed.id }, 400, 'kind', /已持有食品经营许可证/],
    [t01, { ...ok, entity_id: undefined }, 400, 'entity_id', /./],
    [t02, ok, 404, 'entity_id', /管辖范围/],
    [await as(srv.base, 'inspector01'), ok, 403, '', /./],
  ];
  const before = (await county.get('/api/v1/licence-applications?limit=1')).data.total;
  for (const [who, body, status, field, message] of cases) {
    const r = await who.post('/api/v1/licence-applications', body);
    assert.equal(r.status, status, JSON.stringify([body, r.data]));
    assert.equal(r.data.error.field, field, JSON.stringify(r.data));
    assert.match(r.data.error.message, message);
    assert.ok(/[\u4e00-\u9fff]/.test(r.data.error.message) && r.data.error.message_en, 'Chinese and English');
  }
  assert.equal((await county.get('/api/v1/licence-applications?limit=1')).data.total, before, 'nothing filed');
});

test('new: filed on the commitment, issued at once with a JY number; the registry follows; verification due in 20 working days', async () => {
  const e = await shop();
  const filed = await t01.post('/api/v1/licence-applications', { kind: 'new', entity_id: e.id, commitments: ALL, signer: '周明', note: '小吃店' });
  assert.equal(filed.status, 201, JSON.stringify(filed.data));
  const a = filed.data;
  assert.deepEqual([a.status, a.business_type, a.name, a.licence_no, a.verify_due], ['submitted', '2', e.name, null, null]);
  // the queue: the county sees it, the other township does not
  assert.ok((await county.get('/api/v1/licence-applications?status=submitted')).data.items.some((x) => x.id === a.id));
  assert.equal((await t02.get(`/api/v1/licence-applications/${a.id}`)).status, 404);
  assert.equal((await t01.post(`/api/v1/licence-applications/${a.id}/decision`, { decision: 'issue' })).status, 403);
  assert.equal((await county.post(`/api/v1/licence-applications/${a.id}/decision`, { decision: 'grant' })).data.error.field, 'decision');
  assert.equal((await county.post(`/api/v1/licence-applications/${a.id}/decision`, { decision: 'refuse' })).data.error.field, 'note');
  const r = await county.post(`/api/v1/licence-applications/${a.id}/decision`, { decision: 'issue' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const issued = r.data;
  assert.match(issued.licence_no, new RegExp(`^JY2${county.user.division_code}\\d{7}$`));
  assert.deepEqual([issued.status, issued.issued_on, issued.valid_until, issued.verify_due, issued.verify_pending],
    ['issued', srv.today(), validityEnd(srv.today(), 5), await due(20), true]);
  const ent = (await t01.get(`/api/v1/entities/${e.id}`)).data.entity;
  assert.deepEqual([ent.licence_kind, ent.licence_no, ent.licence_valid_until], ['jy', issued.licence_no, issued.valid_until]);
  assert.equal((await county.post(`/api/v1/licence-applications/${a.id}/decision`, { decision: 'issue' })).status, 409, 'decided once');
  const told = (await gatewayOutbox(srv)).filter((x) => x.topic === 'licence.issued' && x.payload.application_id === a.id);
  assert.deepEqual(told.map((x) => [x.entity_id, x.payload.licence_no]), [[e.id, issued.licence_no]]);

  // the township's verification list, then its record: inconsistent orders a correction
  assert.ok((await t01.get('/api/v1/licence-applications?verify=pending')).data.items.some((x) => x.id === a.id));
  assert.equal((await t01.post(`/api/v1/licence-applications/${a.id}/verification`, { result: 'maybe' })).data.error.field, 'result');
  assert.equal((await t01.post(`/api/v1/licence-applications/${a.id}/verification`, { result: 'inconsistent' })).data.error.field, 'note');
  assert.equal((await t02.post(`/api/v1/licence-applications/${a.id}/verification`, { result: 'consistent' })).status, 404);
  const v = await t01.post(`/api/v1/licence-applications/${a.id}/verification`, { result: 'inconsistent', note: '后厨未设专间，与承诺不符' });
  assert.equal(v.status, 200, JSON.stringify(v.data));
  assert.deepEqual([v.data.verify_result, v.data.verified_on, v.data.correct_due, v.data.verify_pending],
    ['inconsistent', srv.today(), await due(10), false]);
  assert.equal((await t01.post(`/api/v1/licence-applications/${a.id}/verification`, { result: 'consistent' })).status, 409);
  const correct = (await gatewayOutbox(srv)).filter((x) => x.topic === 'licence.correct' && x.payload.application_id === a.id);
  assert.deepEqual(correct.map((x) => [x.entity_id, x.payload.correct_due]), [[e.id, v.data.correct_due]]);
  assert.ok((await t01.get('/api/v1/licence-applications?verify=done')).data.items.some((x) => x.id === a.id));
});

test('the business renews its own licence: refused with a reason, filed again, issued for five more years', async () => {
  const other = (await t02.get('/api/v1/entities?status=active&limit=1')).data.items[0];
  // a business files only for itself: entity_id is ignored for it
  const r0 = await biz.post('/api/v1/licence-applications', { kind: 'renew', entity_id: other.id, commitments: ALL, signer: '店主' });
  assert.equal(r0.status, 201, JSON.stringify(r0.data));
  assert.equal(r0.data.entity_id, licensed.id);
  assert.equal(r0.data.licence_no, licensed.licence_no);
  assert.equal((await biz.post('/api/v1/licence-applications', { kind: 'renew', commitments: ALL, signer: '店主' })).data.error.field, 'entity_id',
    'one open application at a time');
  const refused = await county.post(`/api/v1/licence-applications/${r0.data.id}/decision`, { decision: 'refuse', note: '承诺人非法定代表人' });
  assert.equal(refused.data.status, 'refused');
  assert.equal((await t01.get(`/api/v1/entities/${licensed.id}`)).data.entity.licence_valid_until, licensed.licence_valid_until, 'refused: unchanged');
  const r1 = (await biz.post('/api/v1/licence-applications', { kind: 'renew', commitments: ALL, signer: '店主' })).data;
  const issued = (await county.post(`/api/v1/licence-applications/${r1.id}/decision`, { decision: 'issue' })).data;
  const today = srv.today(), old = licensed.licence_valid_until;
  assert.equal(issued.licence_no, licensed.licence_no, 'the number stays');
  assert.equal(issued.valid_until, validityEnd(old >= today ? addDays(old, 1) : today, 5));
  assert.equal((await t01.get(`/api/v1/entities/${licensed.id}`)).data.entity.licence_valid_until, issued.valid_until);
  // the business sees its own applications only
  const mine = (await biz.get('/api/v1/licence-applications')).data;
  assert.ok(mine.total >= 2 && mine.items.every((x) => x.entity_id === licensed.id));
  assert.equal((await biz.post(`/api/v1/licence-applications/${r1.id}/verification`, { result: 'consistent' })).status, 403);
});

test('change and cancellation follow the registry', async () => {
  const e = await shop();
  const a = (await t01.post('/api/v1/licence-applications', { kind: 'new', entity_id: e.id, commitments: ALL, signer: '周明' })).data;
  const no = (await county.post(`/api/v1/licence-applications/${a.id}/decision`, { decision: 'issue' })).data.licence_no;
  assert.equal((await t01.post('/api/v1/licence-applications', { kind: 'change', entity_id: e.id, commitments: ALL, signer: '周明' })).data.error.field,
    'name', 'a change names what changes');
  const c = (await t01.post('/api/v1/licence-applications', { kind: 'change', entity_id: e.id, address: '许可路18号', commitments: ALL, signer: '周明' })).data;
  const changed = (await county.post(`/api/v1/licence-applications/${c.id}/decision`, { decision: 'issue' })).data;
  assert.equal(changed.licence_no, no);
  assert.equal((await t01.get(`/api/v1/entities/${e.id}`)).data.entity.address, '许可路18号');
  const x = (await t01.post('/api/v1/licence-applications', { kind: 'cancel', entity_id: e.id, commitments: ALL, signer: '周明' })).data;
  const cancelled = (await county.post(`/api/v1/licence-applications/${x.id}/decision`, { decision: 'issue', note: '停业' })).data;
  assert.deepEqual([cancelled.status, cancelled.verify_due], ['issued', null], 'no verification after a cancellation');
  assert.equal((await t01.get(`/api/v1/entities/${e.id}`)).data.entity.status, 'closed');
});

test('licences ending within 30 days are listed for the township, scoped, soonest first', async () => {
  const soon = addDays(srv.today(), 10), later = addDays(srv.today(), 45);
  const e = await shop({ licence_kind: 'jy', licence_no: `JY2${county.user.division_code}${String(serial + 1).padStart(6, '0')}3`, licence_valid_until: soon });
  const f = await shop({ licence_kind: 'jy', licence_no: `JY2${county.user.division_code}${String(serial + 1).padStart(6, '0')}4`, licence_valid_until: later });
  const list = (await t01.get('/api/v1/licence-expiring?limit=100')).data;
  const mine = list.items.find((x) => x.entity_id === e.id);
  assert.deepEqual([mine.valid_until, mine.days_left, mine.licence_no], [soon, 10, e.licence_no]);
  assert.ok(!list.items.some((x) => x.entity_id === f.id), '45 days: not yet');
  assert.ok(list.items.every((x, i) => i === 0 || list.items[i - 1].valid_until <= x.valid_until));
  assert.ok(!(await t02.get('/api/v1/licence-expiring?limit=100')).data.items.some((x) => x.entity_id === e.id));
  assert.equal((await t01.get('/api/v1/licence-expiring?limit=0')).status, 400);
});

test('past its day the verification shows overdue; the sweep marks it once; the to-do lists carry the queue and the verification', async () => {
  const e = await shop();
  const a = (await t01.post('/api/v1/licence-applications', { kind: 'new', entity_id: e.id, commitments: ALL, signer: '周明' })).data;
  const todoCounty = (await county.get('/api/v1/me/todo')).data.sections.find((s) => s.key === 'licence_decide');
  assert.ok(todoCounty && todoCounty.count >= 1);
  const issued = (await county.post(`/api/v1/licence-applications/${a.id}/decision`, { decision: 'issue' })).data;
  const todo = (await t01.get('/api/v1/me/todo')).data.sections.find((s) => s.key === 'licence_verify');
  assert.ok(todo && todo.count >= 1 && todo.route === '#/licence-verify');
  assert.ok(!(await t02.get('/api/v1/me/todo')).data.sections.some((s) => s.key === 'licence_verify' && s.items.some((i) => i.id === a.id)));
  await srv.travel(Date.parse(`${addDays(issued.verify_due, 1)}T09:00:00+08:00`) - srv.now());
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  const late = (await t01.get(`/api/v1/licence-applications/${a.id}`)).data;
  assert.deepEqual([late.verify_overdue, late.verify_pending], [true, true]);
  assert.ok((await t01.get('/api/v1/licence-applications?verify=overdue')).data.items.some((x) => x.id === a.id));
  sweep();
  sweep();
  const marked = (await gatewayOutbox(srv)).filter((x) => x.topic === 'licence.verify_overdue' && x.payload.application_id === a.id);
  assert.equal(marked.length, 1, 'marked once');
  assert.equal(marked[0].payload.due, issued.verify_due);
  assert.equal((await t01.get('/api/v1/licence-applications?verify=bogus')).data.error.field, 'verify');
  const done = await t01.post(`/api/v1/licence-applications/${a.id}/verification`, { result: 'consistent' });
  assert.deepEqual([done.status, done.data.verify_result, done.data.correct_due], [200, 'consistent', null]);
});
