// A sample's deadlines across the National Day holiday and its adjusted working Saturday, as the
// State Council's 2026 notice sets them (data/holidays-cn.csv: 1-7 October off, Saturday 10 October
// worked), and a rapid test's 4-hour window for a re-test (DOMAIN.md "Sampling and testing"). The
// clock is pinned here to the day before the holiday, whatever date the suite runs at.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from './harness.mjs';

let srv, county, sampler, sampler2, biz, entity, lab, idle, delivered;
before(async () => {
  process.env.SHIAN_NOW = '2026-09-30T09:00:00+08:00'; // a Wednesday
  srv = await startServer({ entities: 120, seed: 9 });
  county = await as(srv.base, 'county');
  sampler = await as(srv.base, 'sampler01');
  sampler2 = await as(srv.base, 'sampler02');
  const t01 = await as(srv.base, 't01');
  const list = (await t01.get('/api/v1/entities?limit=100')).data.items.filter((e) => e.status === 'active').sort((a, b) => a.id - b.id);
  entity = list[0];
  biz = await as(srv.base, `b${entity.id}`);
  lab = (await county.post('/api/v1/labs', { name: '县食品检验检测中心', cma_no: 'CMA201912345678', scope: '食品' })).data;
});
after(async () => { await srv.stop(); });

async function task(extra = {}) {
  const r = await county.post('/api/v1/samples', { entity_id: entity.id, kind: 'supervision', food_category: 'oil.vegetable.peanut',
    analytes: ['afb1'], samplers: [sampler.user.id, sampler2.user.id], ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}
const RECORD = { product_name: '花生油', sample_qty: '2桶', backup_qty: '1桶', seal_no: 'FY-9', business_signer: '王五' };

test('sampled the day before National Day: due at the lab 5 working days later, on 13 October, not 7 October', async () => {
  assert.equal(srv.today(), '2026-09-30');
  const s = await task();
  const rec = await sampler.post(`/api/v1/samples/${s.id}/record`, RECORD);
  assert.equal(rec.data.sampled_on, '2026-09-30');
  delivered = s;
  idle = await task(); // taken the same day, then left with the sampler
  await sampler.post(`/api/v1/samples/${idle.id}/record`, RECORD);
  // 8 Oct (Thu) 1, 9 Oct (Fri) 2, 10 Oct (Saturday worked) 3, 12 Oct (Mon) 4, 13 Oct (Tue) 5
  assert.equal(rec.data.delivery_due, '2026-10-13');
  await sampler.post(`/api/v1/samples/${s.id}/deliver`, { lab_id: lab.id });
  const rcv = await county.post(`/api/v1/samples/${s.id}/receive`, {});
  // 20 working days from 30 September: 8, 9, 10, 12-16, 19-23, 26-30 October = 18, then 2 and 3 November
  assert.equal(rcv.data.report_due, '2026-11-03');
  const rep = await county.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afb1', value: 20.5, unit: 'µg/kg' }] });
  assert.equal(rep.data.verdict, 'fail');
  assert.equal(rep.data.notice_due, '2026-10-09'); // 2 working days: 8 and 9 October
  assert.equal(rep.data.followup_due, '2026-12-29'); // 90 calendar days
  assert.equal(rep.data.backup_keep_until, '2027-03-30'); // 6 months after a fail
  const notice = await county.post(`/api/v1/samples/${s.id}/notice`, { received_on: '2026-09-30' });
  assert.equal(notice.data.retest_due, '2026-10-15'); // 7 working days: 8, 9, 10, 12, 13, 14, 15 October
});

test('a backup whose shelf life ends first is kept to its end; once past it, a re-test may be refused for that', async () => {
  const s = await task();
  // produced 1 September with 45 days of shelf life: it expires on 16 October, before 3 months
  await sampler.post(`/api/v1/samples/${s.id}/record`, { ...RECORD, production_date: '2026-09-01', shelf_life_days: 45 });
  await sampler.post(`/api/v1/samples/${s.id}/deliver`, { lab_id: lab.id });
  await county.post(`/api/v1/samples/${s.id}/receive`, {});
  const rep = await county.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afb1', value: 18, unit: 'µg/kg' }] });
  assert.equal(rep.data.verdict, 'pass');
  assert.equal(rep.data.backup_keep_until, '2026-10-16');
  // a failed one whose backup expires on 2 October: the ground holds only once it has expired
  const f = await task();
  await sampler.post(`/api/v1/samples/${f.id}/record`, { ...RECORD, production_date: '2026-09-01', shelf_life_days: 31 });
  await sampler.post(`/api/v1/samples/${f.id}/deliver`, { lab_id: lab.id });
  await county.post(`/api/v1/samples/${f.id}/receive`, {});
  const failed = await county.post(`/api/v1/samples/${f.id}/report`, { results: [{ analyte: 'afb1', value: 40, unit: 'µg/kg' }] });
  assert.equal(failed.data.backup_keep_until, '2026-10-02');
  await county.post(`/api/v1/samples/${f.id}/notice`, { received_on: '2026-09-30' });
  await biz.post(`/api/v1/samples/${f.id}/retest`, { reason: '申请复检' });
  const early = await county.post(`/api/v1/samples/${f.id}/retest/decide`, { accept: false, ground: 'backup_expired', note: '备份样品已过保质期' });
  assert.equal(early.data.error.field, 'ground');
  await srv.travel(3 * 86400e3); // 3 October
  county = await as(srv.base, 'county');
  biz = await as(srv.base, `b${entity.id}`);
  sampler = await as(srv.base, 'sampler01');
  const refused = await county.post(`/api/v1/samples/${f.id}/retest/decide`, { accept: false, ground: 'backup_expired', note: '备份样品已过保质期' });
  assert.equal(refused.status, 200, JSON.stringify(refused.data));
  assert.equal(refused.data.retest.refusal_ground, 'backup_expired');
});

test('a rapid test: results on the spot, a re-test asked within 4 hours is in time, after them late', async () => {
  const quick = async () => {
    const s = await task({ method: 'rapid' });
    await sampler.post(`/api/v1/samples/${s.id}/record`, RECORD);
    const r = await sampler.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afb1', value: 25, unit: 'µg/kg' }] });
    assert.equal(r.status, 200, JSON.stringify(r.data)); // no lab custody for a rapid test
    assert.equal(r.data.verdict, 'fail');
    await county.post(`/api/v1/samples/${s.id}/notice`, { received_on: srv.today() });
    return s;
  };
  const inTime = await quick();
  const a = await biz.post(`/api/v1/samples/${inTime.id}/retest`, { reason: '快检结果有异议' });
  assert.equal(a.data.retest.late, false);
  const lateOne = await quick();
  await srv.travel(4 * 3600e3 + 60e3);
  biz = await as(srv.base, `b${entity.id}`);
  county = await as(srv.base, 'county');
  const b = await biz.post(`/api/v1/samples/${lateOne.id}/retest`, { reason: '快检结果有异议' });
  assert.equal(b.data.retest.late, true);
  const refused = await county.post(`/api/v1/samples/${lateOne.id}/retest/decide`, { accept: false, ground: 'late', note: '超过4小时提出复检申请' });
  assert.equal(refused.data.retest.refusal_ground, 'late');
  assert.equal(refused.data.final_verdict, 'fail');
  // the timely one is re-tested by a lab, never by a rapid-test station
  await county.post('/api/v1/labs', { name: '镇快检室', cma_no: 'KJ000000000001', scope: '快检', rapid: true });
  const accepted = await county.post(`/api/v1/samples/${inTime.id}/retest/decide`, { accept: true });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.data));
  const retestLab = (await county.get(`/api/v1/labs/${accepted.data.retest.lab_id}`)).data;
  assert.equal(retestLab.rapid, false);
});

test('a sample not at the lab by its due date is flagged overdue, in its deadlines and in the list', async () => {
  await srv.travel(11 * 86400e3); // 14 October, the day after delivery was due
  county = await as(srv.base, 'county');
  assert.equal(srv.today(), '2026-10-14');
  const s = (await county.get(`/api/v1/samples/${idle.id}`)).data;
  assert.deepEqual(s.deadlines.find((d) => d.step === 'delivery'), { step: 'delivery', due: '2026-10-13', done_on: null, overdue: true, provisional: false });
  const overdue = (await county.get('/api/v1/samples?overdue=1&limit=200')).data.items.map((x) => x.id);
  assert.ok(overdue.includes(idle.id));
  assert.ok(!overdue.includes(delivered.id));
  // its failure, told on 30 September with no re-test asked by 15 October, is final the day after (the sweep)
  assert.equal((await county.get(`/api/v1/samples/${delivered.id}`)).data.final_verdict, null);
  await srv.travel(2 * 86400e3); // 16 October
  county = await as(srv.base, 'county');
  assert.equal((await county.get(`/api/v1/samples/${delivered.id}`)).data.final_verdict, 'fail');
});
