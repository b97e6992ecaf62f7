// A sample from the task to the follow-up over HTTP (issue 11; SAMR Order 15; DOMAIN.md "Sampling and
// testing"): labs on file, a task the business cannot see, the 抽样单 taken by two samplers, custody to
// the lab with its working-day deadlines, results judged with the clause cited, the failure notice, a
// re-test by another lab, objections, disposal, follow-up through the rectification loop, the grade
// rising, strict supervision after repeated failures, publication. Bad input changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, addDays, as, startServer } from './harness.mjs';

let srv, county, sampler, sampler2, sampler3, t01, biz, entity, lab1, lab2;

async function due(from, days) {
  return (await county.get(`/api/v1/calendar/deadline?from=${from}&days=${days}`)).data.deadline;
}

async function newTask(body = {}) {
  const r = await county.post('/api/v1/samples', {
    entity_id: entity.id, kind: 'supervision', food_category: 'oil.vegetable.peanut', analytes: ['afb1'],
    samplers: [sampler.user.id, sampler2.user.id], ...body,
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

// The 抽样单 of a peanut oil made 34 days before the pinned today (set in before()): a production date is
// never in the future, and 540 days of shelf life outlast the 3 months a passing backup is kept.
let RECORD = {
  product_name: '压榨花生油', brand: '乡味', spec: '5L/桶', batch_no: 'B1', production_date: null,
  shelf_life_days: 540, quantity: '40桶', unit_price: 89.5, declared_standard: 'GB/T 1534', producer_name: '某县小油坊',
  producer_address: '某县城关镇', sample_qty: '2桶', backup_qty: '1桶', seal_no: 'FY-0001', business_signer: '张三',
};

// A sample taken, delivered, received and reported with this AFB1 value (µg/kg).
async function reportedWith(value, extra = {}) {
  const s = await newTask(extra);
  await sampler.post(`/api/v1/samples/${s.id}/record`, RECORD);
  await sampler.post(`/api/v1/samples/${s.id}/deliver`, { lab_id: lab1.id });
  await county.post(`/api/v1/samples/${s.id}/receive`, {});
  const r = await county.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afb1', value, unit: 'µg/kg' }] });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data;
}

before(async () => {
  srv = await startServer({ entities: 200, seed: 5 });
  const made = addDays(srv.today(), -34);
  RECORD = { ...RECORD, production_date: made, batch_no: `B${made.replaceAll('-', '')}` };
  county = await as(srv.base, 'county');
  sampler = await as(srv.base, 'sampler01');
  sampler2 = await as(srv.base, 'sampler02');
  sampler3 = await as(srv.base, 'sampler03');
  t01 = await as(srv.base, 't01');
  // a business of township 01, active, with its own user
  // (the one with the fewest dynamic risk points, so that a failure's points are not lost to the cap)
  const list = (await t01.get('/api/v1/entities?limit=100')).data.items.filter((e) => e.status === 'active').sort((a, b) => a.id - b.id);
  let best = null;
  for (const e of list.slice(0, 12)) {
    const login = await new Client(srv.base).post('/api/v1/auth/login', { username: `b${e.id}`, password: 'Shian@2026' });
    if (login.status !== 200) continue;
    const r = (await county.get(`/api/v1/entities/${e.id}/risk`)).data;
    if (!best || r.dynamic_score < best.r.dynamic_score) best = { e, r };
  }
  entity = best.e;
  biz = await as(srv.base, `b${entity.id}`);
  lab1 = (await county.post('/api/v1/labs', { name: '县食品检验检测中心', cma_no: 'CMA201912345678', scope: '食品中真菌毒素、重金属、农药残留' })).data;
  lab2 = (await county.post('/api/v1/labs', { name: '市食品药品检验所', cma_no: 'CMA201800000001', scope: '食品全项' })).data;
});
after(async () => { await srv.stop(); });

test('labs are kept on file by the county; bad or duplicate entries are refused naming the field', async () => {
  assert.ok(lab1.id && lab2.id && lab1.active === true && lab1.rapid === false);
  const missing = await county.post('/api/v1/labs', { name: '某检测公司', scope: '食品' });
  assert.equal(missing.status, 400);
  assert.equal(missing.data.error.field, 'cma_no');
  const dup = await county.post('/api/v1/labs', { name: '另一家', cma_no: 'CMA201912345678', scope: '食品' });
  assert.equal(dup.status, 409);
  assert.equal((await t01.post('/api/v1/labs', { name: '乡检测室', cma_no: 'CMA000000000009', scope: '快检' })).status, 403);
  assert.equal((await biz.get('/api/v1/labs')).status, 403);
  const labs = (await sampler.get('/api/v1/labs?limit=200')).data;
  assert.equal(labs.total, labs.items.length);
  for (const lab of [lab1, lab2]) assert.equal(labs.items.find((l) => l.id === lab.id)?.name, lab.name);
  const off = await county.patch(`/api/v1/labs/${lab2.id}`, { phone: '023-55123456' });
  assert.equal(off.data.phone, '023-55123456');
  assert.equal(off.data.cma_no, 'CMA201800000001');
});

test('a task: two samplers, a code, unseen by its business; bad input changes nothing', async () => {
  const before = (await county.get('/api/v1/samples?limit=1')).data.total;
  for (const [body, field] of [
    [{ analytes: ['nope'] }, 'analytes[0]'],
    [{ analytes: [] }, 'analytes'],
    [{ food_category: 'oil.unknown' }, 'food_category'],
    [{ samplers: [sampler.user.id] }, 'samplers'],
    [{ samplers: [sampler.user.id, biz.user.id] }, 'samplers'],
    [{ kind: 'random' }, 'kind'],
  ]) {
    const r = await county.post('/api/v1/samples', { entity_id: entity.id, kind: 'supervision', food_category: 'oil.vegetable.peanut',
      analytes: ['afb1'], samplers: [sampler.user.id, sampler2.user.id], ...body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field);
  }
  assert.equal((await county.get('/api/v1/samples?limit=1')).data.total, before);
  const s = await newTask();
  assert.equal(s.status, 'assigned');
  assert.match(s.code, /^CY\d{4}-\d{6}-\d{5}$/);
  assert.deepEqual(s.samplers.map((u) => u.id).sort(), [sampler.user.id, sampler2.user.id].sort());
  // sampling is unannounced
  assert.equal((await biz.get(`/api/v1/samples/${s.id}`)).status, 404);
  assert.ok(!(await biz.get('/api/v1/samples?limit=200')).data.items.some((x) => x.id === s.id));
  // a sampler not on it does not see it; one on it finds it among its own
  assert.equal((await sampler3.get(`/api/v1/samples/${s.id}`)).status, 404);
  assert.ok((await sampler.get('/api/v1/samples?mine=1&status=assigned&limit=200')).data.items.some((x) => x.id === s.id));
  assert.equal((await sampler.post('/api/v1/samples', { entity_id: entity.id })).status, 403);
});

test('the 抽样单 on site, custody to the lab, the report due 20 working days after receipt', async () => {
  const s = await newTask();
  const noSeal = await sampler.post(`/api/v1/samples/${s.id}/record`, { ...RECORD, seal_no: '' });
  assert.equal(noSeal.status, 400);
  assert.equal(noSeal.data.error.field, 'seal_no');
  const future = await sampler.post(`/api/v1/samples/${s.id}/record`, { ...RECORD, production_date: '2099-01-01' });
  assert.equal(future.data.error.field, 'production_date');
  assert.equal((await county.get(`/api/v1/samples/${s.id}`)).data.status, 'assigned');
  assert.equal((await sampler3.post(`/api/v1/samples/${s.id}/record`, RECORD)).status, 404);
  // results before the lab has the sample are refused
  const early = await county.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afb1', value: 1, unit: 'µg/kg' }] });
  assert.equal(early.status, 400);
  assert.equal(early.data.error.field, 'status');

  const rec = await sampler.post(`/api/v1/samples/${s.id}/record`, RECORD);
  assert.equal(rec.status, 200, JSON.stringify(rec.data));
  const today = srv.today();
  assert.equal(rec.data.status, 'sampled');
  assert.equal(rec.data.sampled_on, today);
  assert.equal(rec.data.delivery_due, await due(today, 5));
  assert.equal(rec.data.seal_no, 'FY-0001');
  // the business sees it now, and cannot move it
  assert.equal((await biz.get(`/api/v1/samples/${s.id}`)).data.product_name, '压榨花生油');
  assert.equal((await biz.post(`/api/v1/samples/${s.id}/deliver`, { lab_id: lab1.id })).status, 403);
  assert.equal((await sampler.post(`/api/v1/samples/${s.id}/record`, RECORD)).status, 400);

  const noLab = await sampler.post(`/api/v1/samples/${s.id}/deliver`, { lab_id: 999999 });
  assert.equal(noLab.data.error.field, 'lab_id');
  const del = await sampler.post(`/api/v1/samples/${s.id}/deliver`, { lab_id: lab1.id });
  assert.equal(del.data.status, 'delivered');
  assert.equal(del.data.lab_name, '县食品检验检测中心');
  const rcv = await county.post(`/api/v1/samples/${s.id}/receive`, {});
  assert.equal(rcv.data.status, 'received');
  assert.equal(rcv.data.report_due, await due(today, 20));
  assert.ok(rcv.data.deadlines.some((d) => d.step === 'delivery' && d.due === rec.data.delivery_due && d.done_on === today && !d.overdue));

  // a result for an analyte the sample was not sent for, or none for one it was: refused, nothing kept
  const wrong = await county.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afm1', value: 0.1, unit: 'µg/kg' }] });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.data.error.field, 'results[0].analyte');
  const unit = await county.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afb1', value: 3, unit: 'mL' }] });
  assert.equal(unit.status, 400);
  assert.match(unit.data.error.field, /^results\[0\]/);
  assert.equal((await county.get(`/api/v1/samples/${s.id}`)).data.results.length, 0);

  // the lab's system enters the results with a device token the county issued it (Authorization: Bearer);
  // at the limit passes (GB 2761-2017 4.1 表1: peanut oil 20 µg/kg), kept 3 months
  const tok = await county.post('/api/v1/tokens', { name: '县食品检验检测中心LIMS', expires_in_days: 365 });
  assert.equal(tok.status, 201, JSON.stringify(tok.data));
  const lims = new Client(srv.base);
  lims.token = tok.data.token;
  const ok = await lims.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afb1', value: 0.020, unit: 'mg/kg' }] });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal(ok.data.verdict, 'pass');
  assert.equal(ok.data.final_verdict, 'pass');
  assert.equal(ok.data.notice_due, null);
  assert.match(ok.data.results[0].basis, /GB 2761-2017/);
  assert.match(ok.data.results[0].basis, /4\.1 表1/);
  const [y, m] = today.split('-').map(Number);
  assert.equal(ok.data.backup_keep_until.slice(0, 7), `${y + Math.floor((m + 2) / 12)}-${String((m + 2) % 12 + 1).padStart(2, '0')}`);
  // a refusal is recorded as such
  const r2 = await newTask();
  const refused = await sampler.post(`/api/v1/samples/${r2.id}/record`, { refused: true, refusal_note: '负责人拒绝在抽样单上签字并拒绝抽样' });
  assert.equal(refused.data.status, 'refused');
  assert.match(refused.data.refusal_note, /拒绝抽样/);
});

test('a failure: notice, re-test by another lab, objections, disposal, follow-up, the grade rises and the result is published', async () => {
  const gradeBefore = (await county.get(`/api/v1/entities/${entity.id}/risk`)).data;
  const s = await reportedWith(20.1);
  assert.equal(s.verdict, 'fail');
  assert.equal(s.final_verdict, null);
  assert.equal(s.notice_due, await due(s.reported_on, 2));
  assert.match(s.results[0].basis, /GB 2761-2017/);
  const risk = (await county.get(`/api/v1/entities/${entity.id}/risk`)).data;
  const reason = (risk.reasons || []).find((r) => r.factor === 'sample_failed');
  assert.ok(reason, JSON.stringify(risk));
  assert.ok(risk.score > gradeBefore.score);

  // the business cannot ask for a re-test before it was told; the official serves the notice, the business confirms
  assert.equal((await biz.post(`/api/v1/samples/${s.id}/notice`, {})).status, 400);
  const sent = await county.post(`/api/v1/samples/${s.id}/notice`, {});
  assert.equal(sent.data.notice_sent_on, srv.today());
  const got = await biz.post(`/api/v1/samples/${s.id}/notice`, {});
  assert.equal(got.data.notice_received_on, srv.today());
  assert.equal(got.data.retest_due, await due(srv.today(), 7));

  // objections: on the process (7 wd of sampling) and on the judgement (7 wd of the notice)
  const obj = await biz.post(`/api/v1/samples/${s.id}/objections`, { kind: 'judgement', text: '检验方法不适用于压榨花生油' });
  assert.equal(obj.status, 200, JSON.stringify(obj.data));
  assert.equal(obj.data.objections[0].status, 'open');
  assert.equal((await biz.post(`/api/v1/samples/${s.id}/objections`, { kind: 'other', text: '不服' })).data.error.field, 'kind');
  const answered = await county.post(`/api/v1/samples/${s.id}/objections/${obj.data.objections[0].id}/decide`, { upheld: false, answer: '检验方法符合GB 5009.22' });
  assert.equal(answered.data.objections[0].status, 'dismissed');

  // the re-test: asked by the business, not refused on a ground that does not hold, another lab drawn
  const asked = await biz.post(`/api/v1/samples/${s.id}/retest`, { reason: '对检验结论有异议，申请复检' });
  assert.equal(asked.status, 200, JSON.stringify(asked.data));
  assert.equal(asked.data.retest.status, 'requested');
  assert.equal(asked.data.retest.late, false);
  assert.equal(asked.data.retest.decide_due, await due(srv.today(), 7));
  assert.equal((await biz.post(`/api/v1/samples/${s.id}/retest`, { reason: '再次申请复检' })).status, 409);
  const lateGround = await county.post(`/api/v1/samples/${s.id}/retest/decide`, { accept: false, ground: 'late', note: '逾期申请' });
  assert.equal(lateGround.status, 400);
  assert.equal(lateGround.data.error.field, 'ground');
  const microbial = await county.post(`/api/v1/samples/${s.id}/retest/decide`, { accept: false, ground: 'microbial', note: '微生物' });
  assert.equal(microbial.data.error.field, 'ground');
  const accepted = await county.post(`/api/v1/samples/${s.id}/retest/decide`, { accept: true });
  assert.equal(accepted.data.retest.status, 'accepted');
  // a lab other than the first, never a rapid-test station
  const retestLab = (await county.get(`/api/v1/labs/${accepted.data.retest.lab_id}`)).data;
  assert.notEqual(retestLab.id, lab1.id);
  assert.equal(retestLab.rapid, false);
  assert.equal(retestLab.active, true);
  assert.equal(accepted.data.retest.report_due, await due(srv.today(), 10));
  const confirmed = await county.post(`/api/v1/samples/${s.id}/retest/report`, { results: [{ analyte: 'afb1', value: 24, unit: 'µg/kg' }] });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.data));
  assert.equal(confirmed.data.final_verdict, 'fail');
  assert.deepEqual(confirmed.data.results.map((r) => [r.round, r.verdict]), [[1, 'fail'], [2, 'fail']]);

  // disposal with quantities; the business recalls, the official seals
  const bad = await biz.post(`/api/v1/samples/${s.id}/disposals`, { action: 'recall', quantity: 0, unit: '桶' });
  assert.equal(bad.data.error.field, 'quantity');
  await county.post(`/api/v1/samples/${s.id}/disposals`, { action: 'seal', quantity: 12, unit: '桶' });
  const rec = await biz.post(`/api/v1/samples/${s.id}/disposals`, { action: 'recall', quantity: 28, unit: '桶', note: '已通知下游3家' });
  assert.deepEqual(rec.data.disposals.map((d) => [d.action, d.quantity]), [['seal', 12], ['recall', 28]]);

  // follow-up: an order through the shared rectification loop, a producer referred (协查)
  const fu = await county.post(`/api/v1/samples/${s.id}/followups`, { action: 'rectification' });
  assert.equal(fu.status, 200, JSON.stringify(fu.data));
  const orderId = fu.data.followups[0].ref_id;
  const order = (await biz.get(`/api/v1/rectifications/${orderId}`)).data.rectification;
  assert.equal(order.source_type, 'sample');
  assert.match(order.title, /抽检不合格整改：压榨花生油/);
  assert.equal(fu.data.followup_done_on, srv.today());
  assert.equal((await county.post(`/api/v1/samples/${s.id}/followups`, { action: 'cross_area' })).data.error.field, 'target');
  const xa = await county.post(`/api/v1/samples/${s.id}/followups`, { action: 'cross_area', target: '邻县市场监督管理局', note: '生产者在外县' });
  assert.equal(xa.data.followups.length, 2);

  // published with the failed item, readable by anyone
  assert.equal((await biz.post(`/api/v1/samples/${s.id}/publish`, {})).status, 403);
  await county.post(`/api/v1/samples/${s.id}/publish`, {});
  const pub = (await new Client(srv.base).get(`/api/v1/public/sampling-results?verdict=fail&q=${encodeURIComponent(entity.name)}`)).data;
  const row = pub.items.find((x) => x.code === s.code);
  assert.ok(row);
  assert.equal(row.product_name, '压榨花生油');
  assert.equal(row.failed_items[0].analyte_name, '黄曲霉毒素B1');
  assert.equal(row.failed_items[0].result.value, 24);
});

test('a re-test that passes overturns the failure and the grade falls back', async () => {
  const s = await reportedWith(21);
  const failedScore = (await county.get(`/api/v1/entities/${entity.id}/risk`)).data.score;
  await county.post(`/api/v1/samples/${s.id}/notice`, { received_on: srv.today() });
  await biz.post(`/api/v1/samples/${s.id}/retest`, { reason: '备份样品复检' });
  await county.post(`/api/v1/samples/${s.id}/retest/decide`, { accept: true });
  const passed = await county.post(`/api/v1/samples/${s.id}/retest/report`, { results: [{ analyte: 'afb1', value: 19.9, unit: 'µg/kg' }] });
  assert.equal(passed.data.final_verdict, 'pass');
  assert.equal(passed.data.followup_due, null);
  assert.ok((await county.get(`/api/v1/entities/${entity.id}/risk`)).data.score < failedScore);
  const fu = await county.post(`/api/v1/samples/${s.id}/followups`, { action: 'rectification' });
  assert.equal(fu.data.error.field, 'final_verdict');
});

test('risk monitoring carries no re-test right; a refused re-test makes the failure final', async () => {
  const mon = await reportedWith(30, { kind: 'monitoring' });
  await county.post(`/api/v1/samples/${mon.id}/notice`, { received_on: srv.today() });
  const r = await biz.post(`/api/v1/samples/${mon.id}/retest`, { reason: '申请复检' });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'kind');
  const year = Number(srv.today().slice(0, 4));
  const gradeVisitsBefore = (await county.get(`/api/v1/entities/${entity.id}/risk`)).data.visits_per_year;
  const planBefore = (await county.get(`/api/v1/plan?year=${year}`)).data.totals.required;
  const s = await reportedWith(22);
  await county.post(`/api/v1/samples/${s.id}/notice`, { received_on: srv.today() });
  await biz.post(`/api/v1/samples/${s.id}/retest`, { reason: '申请复检' });
  const noNote = await county.post(`/api/v1/samples/${s.id}/retest/decide`, { accept: false, ground: 'no_purpose' });
  assert.equal(noNote.data.error.field, 'note');
  const refused = await county.post(`/api/v1/samples/${s.id}/retest/decide`, { accept: false, ground: 'no_purpose', note: '样品已过保质期，复检无法实现目的' });
  assert.equal(refused.data.retest.status, 'refused');
  assert.equal(refused.data.final_verdict, 'fail');
  // repeated failures within a year put the business under strict supervision
  assert.ok(refused.data.strict_supervision, JSON.stringify(refused.data.strict_supervision));
  assert.match(refused.data.strict_supervision.reason, /抽检不合格/);
  // while it lasts: the inspection plan asks 2 more visits this year (setting sampling_strict_extra_visits),
  // beyond what the business's grade asks (which the failures may have raised too) ...
  const risk = (await county.get(`/api/v1/entities/${entity.id}/risk`)).data;
  const plan = (await county.get(`/api/v1/plan?year=${year}`)).data;
  assert.equal(plan.totals.required - planBefore, risk.visits_per_year - gradeVisitsBefore + 2);
  // ... and a random draw of a sampling plan item in its township takes it first
  const town = `${entity.division_code.slice(0, 9)}000`;
  const sp = (await county.post('/api/v1/sampling/plans', { year, kind: 'supervision', name: '重点监管抽检', division_code: town, population: 10000 })).data.plan;
  const it = (await county.post(`/api/v1/sampling/plans/${sp.id}/items`, { food_category: 'oil.vegetable.peanut',
    township_code: town, target: 1, analytes: ['afb1'] })).data;
  for (const seed of [11, 12]) {
    const d = await county.post(`/api/v1/sampling/plans/${sp.id}/items/${it.item_id}/draw`, { count: 1, seed, kinds: [entity.kind] });
    assert.equal(d.status, 201, JSON.stringify(d.data));
    if (seed === 11) assert.equal(d.data.result[0].entity_id, entity.id); // then it has its task: the next draw takes another
    else assert.notEqual(d.data.result[0].entity_id, entity.id);
    assert.equal((await county.get(`/api/v1/draws/${d.data.draw_id}/verify`)).data.reproduced, true);
  }
});

test('another township\'s official sees none of these samples', async () => {
  const s = await newTask();
  const t02 = await as(srv.base, 't02');
  const own = entity.division_code.slice(0, 9);
  const t02div = t02.user.division_code.slice(0, 9);
  assert.notEqual(own, t02div);
  assert.equal((await t02.get(`/api/v1/samples/${s.id}`)).status, 404);
  assert.equal((await t02.post(`/api/v1/samples/${s.id}/record`, RECORD)).status, 404);
  assert.equal((await county.get(`/api/v1/samples/${s.id}`)).data.status, 'assigned');
  assert.ok(!(await t02.get('/api/v1/samples?limit=200')).data.items.some((x) => x.id === s.id));
  assert.equal((await t01.get(`/api/v1/samples/${s.id}`)).status, 200);
});
