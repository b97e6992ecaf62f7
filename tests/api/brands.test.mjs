// Brand marks and the authorisations to use them (issue 17; db/068): the county registers marks and
// authorises businesses; a FINAL failed sample of the business (driven through the sampling API, as
// tests/api/samples.test.mjs does) suspends its authorisations at once, and so does a penalty decided
// against it; the county reinstates with a reason; the public shop page shows only the valid marks;
// bad input changes nothing; a business sees its own.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, addDays, as, startServer } from './harness.mjs';

let srv, county, t01, t02, sampler, sampler2, biz, entity, other, lab1, lab2, mark, green;

async function failFinally() {
  const made = addDays(srv.today(), -34);
  const s = (await county.post('/api/v1/samples', { entity_id: entity.id, kind: 'supervision', food_category: 'oil.vegetable.peanut',
    analytes: ['afb1'], samplers: [sampler.user.id, sampler2.user.id] })).data;
  const rec = await sampler.post(`/api/v1/samples/${s.id}/record`, { product_name: '压榨花生油', brand: '乡味', spec: '5L/桶', batch_no: 'B1',
    production_date: made, shelf_life_days: 540, quantity: '40桶', unit_price: 89.5, declared_standard: 'GB/T 1534', producer_name: '某县小油坊',
    producer_address: '某县城关镇', sample_qty: '2桶', backup_qty: '1桶', seal_no: 'FY-0001', business_signer: '张三' });
  assert.equal(rec.status, 200, JSON.stringify(rec.data));
  await sampler.post(`/api/v1/samples/${s.id}/deliver`, { lab_id: lab1.id });
  await county.post(`/api/v1/samples/${s.id}/receive`, {});
  const rep = await county.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afb1', value: 30, unit: 'µg/kg' }] });
  assert.equal(rep.data.verdict, 'fail', JSON.stringify(rep.data));
  return s.id;
}

before(async () => {
  srv = await startServer({ entities: 200, seed: 7 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  sampler = await as(srv.base, 'sampler01');
  sampler2 = await as(srv.base, 'sampler02');
  // a caterer: the demo authorises producers and workshops only, so its authorisations are this test's
  const list = (await t01.get('/api/v1/entities?status=active&kind=caterer&limit=30')).data.items;
  for (const e of list) {
    const login = await new Client(srv.base).post('/api/v1/auth/login', { username: `b${e.id}`, password: 'Shian@2026' });
    if (login.status === 200) { entity = e; break; }
  }
  other = list.find((e) => e.id !== entity.id);
  biz = await as(srv.base, `b${entity.id}`);
  lab1 = (await county.post('/api/v1/labs', { name: '县食品检验检测中心', cma_no: 'CMA201912345678', scope: '食品' })).data;
  lab2 = (await county.post('/api/v1/labs', { name: '市食品药品检验所', cma_no: 'CMA201800000001', scope: '食品全项' })).data;
});
after(async () => { await srv.stop(); });

test('marks on file: the county registers them; bad input is refused naming the field and changes nothing', async () => {
  const before = (await county.get('/api/v1/brand-marks')).data.total;
  for (const [body, field] of [
    [{ kind: 'famous' }, 'kind'],
    [{ name: '' }, 'name'],
    [{ holder: 'x' }, 'holder'],
    [{ products: '' }, 'products'],
    [{ suspend_on_sample: 'yes' }, 'suspend_on_sample'],
  ]) {
    const r = await county.post('/api/v1/brand-marks', { kind: 'regional', name: '青山罐头', holder: '青山县罐头行业协会', products: '水果罐头、肉类罐头', ...body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await county.get('/api/v1/brand-marks')).data.total, before);
  assert.equal((await t01.post('/api/v1/brand-marks', { kind: 'regional', name: '乡镇品牌', holder: '某乡', products: '腊肉' })).status, 403);
  const r = await county.post('/api/v1/brand-marks', { kind: 'regional', name: '青山罐头', holder: '青山县罐头行业协会', cert_no: '青品字001', products: '水果罐头、肉类罐头' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  mark = r.data;
  assert.deepEqual([mark.kind_label, mark.suspend_on_sample, mark.suspend_on_case], ['区域公用品牌', true, true]);
  assert.equal((await county.post('/api/v1/brand-marks', { kind: 'gi', name: '青山罐头', holder: '另一家', products: '罐头' })).status, 409);
  green = (await county.post('/api/v1/brand-marks', { kind: 'green', name: '绿色食品（A级）', holder: '中国绿色食品发展中心', products: '食用植物油', suspend_on_case: false })).data;
  assert.equal(green.suspend_on_case, false);
  // every signed-in role reads the marks
  const regional = (await biz.get('/api/v1/brand-marks?kind=regional')).data.items;
  assert.ok(regional.every((m) => m.kind === 'regional') && regional.some((m) => m.id === mark.id));
  assert.equal((await new Client(srv.base).get('/api/v1/brand-marks')).status, 401);
});

test('an authorisation: granted by the county to a business of its jurisdiction, seen by the business and its township only', async () => {
  const today = srv.today();
  const base = { mark_id: mark.id, entity_id: entity.id, products: '黄桃罐头', valid_until: addDays(today, 365) };
  const before = (await county.get('/api/v1/brand-auths')).data.total;
  for (const [body, field] of [
    [{ mark_id: 0 }, 'mark_id'],
    [{ mark_id: 987654 }, 'mark_id'],
    [{ entity_id: 'x' }, 'entity_id'],
    [{ products: '' }, 'products'],
    [{ valid_until: '2026-02-30' }, 'valid_until'],
    [{ valid_until: addDays(today, -1) }, 'valid_until'],
    [{ valid_until: addDays(today, 6 * 366) }, 'valid_until'],
  ]) {
    const r = await county.post('/api/v1/brand-auths', { ...base, ...body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field);
  }
  assert.equal((await county.get('/api/v1/brand-auths')).data.total, before);
  assert.equal((await t01.post('/api/v1/brand-auths', base)).status, 403);
  const a = await county.post('/api/v1/brand-auths', base);
  assert.equal(a.status, 201, JSON.stringify(a.data));
  assert.deepEqual([a.data.status, a.data.valid_now, a.data.valid_from, a.data.events[0].action], ['active', true, today, 'granted']);
  assert.equal((await county.post('/api/v1/brand-auths', base)).status, 409, 'no overlapping authorisation of the same mark');
  const g = await county.post('/api/v1/brand-auths', { ...base, mark_id: green.id, products: '压榨花生油' });
  assert.equal(g.status, 201);
  const mine = (await biz.get('/api/v1/brand-auths')).data;
  assert.deepEqual(mine.items.map((x) => x.entity_id), [entity.id, entity.id]);
  assert.equal((await t01.get(`/api/v1/brand-auths/${a.data.id}`)).status, 200);
  assert.equal((await t02.get(`/api/v1/brand-auths/${a.data.id}`)).status, 404);
  assert.ok(!(await t02.get('/api/v1/brand-auths')).data.items.some((x) => x.id === a.data.id));
  // the public shop page shows the valid marks, nothing of the authorisation's history
  const shop = (await new Client(srv.base).get(`/api/v1/public/shops/${entity.id}`)).data;
  assert.deepEqual(shop.marks.map((m) => m.mark).sort(), ['绿色食品（A级）', '青山罐头']);
});

test('a final failed sample suspends the authorisations at once; the county reinstates with a reason', async () => {
  const [auth] = (await county.get(`/api/v1/brand-auths?entity_id=${entity.id}&mark_id=${mark.id}`)).data.items;
  const id = await failFinally();
  // not final yet: the business may still ask for a re-test
  assert.equal((await county.get(`/api/v1/brand-auths/${auth.id}`)).data.status, 'active');
  await county.post(`/api/v1/samples/${id}/notice`, { received_on: srv.today() });
  await biz.post(`/api/v1/samples/${id}/retest`, { reason: '申请复检' });
  const refused = await county.post(`/api/v1/samples/${id}/retest/decide`, { accept: false, ground: 'no_purpose', note: '样品已过保质期，复检无法实现目的' });
  assert.equal(refused.data.final_verdict, 'fail', JSON.stringify(refused.data));
  const a = (await county.get(`/api/v1/brand-auths/${auth.id}`)).data;
  assert.equal(a.status, 'suspended');
  assert.equal(a.valid_now, false);
  const ev = a.events.at(-1);
  assert.deepEqual([ev.action, ev.source_kind, ev.source_id, ev.by], ['suspended', 'sample', id, null]);
  assert.match(a.status_reason, /抽检不合格/);
  // both marks of the business (any product), and the public page no longer shows them
  assert.deepEqual((await biz.get('/api/v1/brand-auths')).data.items.map((x) => x.status), ['suspended', 'suspended']);
  assert.deepEqual((await new Client(srv.base).get(`/api/v1/public/shops/${entity.id}`)).data.marks, []);
  // the audit names the system
  const audit = (await (await as(srv.base, 'admin')).get(`/api/v1/audit?object_type=brand_auth&object_id=${auth.id}`)).data;
  assert.ok(audit.items.some((x) => x.action === 'suspended'), JSON.stringify(audit));
  // and the business is told through the outbox
  const told = (await (await as(srv.base, 'admin')).get('/api/v1/outbox?limit=500')).data.items
    .filter((x) => x.topic === 'brand_auth.suspended' && x.payload.auth_id === auth.id);
  assert.deepEqual(told.map((x) => x.entity_id), [entity.id]);
  // reinstatement: the county, with a reason
  assert.equal((await t01.post(`/api/v1/brand-auths/${auth.id}/reinstate`, { reason: '整改到位' })).status, 403);
  const noReason = await county.post(`/api/v1/brand-auths/${auth.id}/reinstate`, { reason: '' });
  assert.deepEqual([noReason.status, noReason.data.error.field], [400, 'reason']);
  assert.equal((await county.get(`/api/v1/brand-auths/${auth.id}`)).data.status, 'suspended');
  const back = await county.post(`/api/v1/brand-auths/${auth.id}/reinstate`, { reason: '不合格产品与授权产品无关，已整改到位' });
  assert.equal(back.status, 200, JSON.stringify(back.data));
  assert.deepEqual([back.data.status, back.data.valid_now, back.data.events.at(-1).action], ['active', true, 'reinstated']);
  assert.equal((await county.post(`/api/v1/brand-auths/${auth.id}/reinstate`, { reason: '再次恢复' })).data.error.field, 'status');
  // the same sample does not suspend it again when another verdict of the business is stored
  await failFinally();
  assert.equal((await county.get(`/api/v1/brand-auths/${auth.id}`)).data.status, 'active');
});

test('a penalty decided suspends the authorisations of marks whose rule says so', async () => {
  const before = (await biz.get('/api/v1/brand-auths')).data.items;
  const [green1] = before.filter((x) => x.mark_id === green.id);
  // green's suspension (from the sample) is lifted first, so that only the rule decides
  await county.post(`/api/v1/brand-auths/${green1.id}/reinstate`, { reason: '复核后恢复' });
  const c = await t01.post('/api/v1/cases', { procedure: 'simple', source: 'inspection', entity_id: entity.id,
    facts: '现场检查发现从业人员未持健康证明从事接触直接入口食品的工作。', penalty: ['fine'], fine_yuan: 500 });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  const now = (await biz.get('/api/v1/brand-auths')).data.items;
  assert.equal(now.find((x) => x.mark_id === mark.id).status, 'suspended');
  assert.equal(now.find((x) => x.mark_id === green.id).status, 'active', 'green food: suspend_on_case is off');
  const ev = (await county.get(`/api/v1/brand-auths/${now.find((x) => x.mark_id === mark.id).id}`)).data.events.at(-1);
  assert.deepEqual([ev.source_kind, ev.source_id], ['case', c.data.case.id]);
  // a case of the general procedure: suspended when the penalty is decided, not before
  const regional = now.find((x) => x.mark_id === mark.id);
  assert.equal((await county.post(`/api/v1/brand-auths/${regional.id}/reinstate`, { reason: '已缴纳罚款并整改' })).data.status, 'active');
  const step = (who, id, body) => who.post(`/api/v1/cases/${id}/steps`, body);
  const g = (await t01.post('/api/v1/cases', { source: 'inspection', entity_id: entity.id, facts: '日常检查发现后厨使用过期调味料。' })).data.case;
  assert.equal((await step(county, g.id, { action: 'file', note: '经核查，符合立案条件' })).status, 200);
  const notified = await step(t01, g.id, { action: 'notify', penalty: ['warning'], violation_code: 'fsl126', circumstance: 'light' });
  assert.equal(notified.status, 200, JSON.stringify(notified.data));
  assert.equal((await county.get(`/api/v1/brand-auths/${regional.id}`)).data.status, 'active');
  const decided = await step(county, g.id, { action: 'decide', waived: true, note: '当事人放弃陈述申辩' });
  assert.equal(decided.status, 200, JSON.stringify(decided.data));
  const after = (await county.get(`/api/v1/brand-auths/${regional.id}`)).data;
  assert.deepEqual([after.status, after.events.at(-1).source_kind, after.events.at(-1).source_id], ['suspended', 'case', g.id]);
});

test('revocation is for good; a business cannot change its authorisations', async () => {
  const [a] = (await biz.get(`/api/v1/brand-auths?mark_id=${green.id}`)).data.items;
  assert.equal((await biz.post(`/api/v1/brand-auths/${a.id}/suspend`, { reason: '自行暂停' })).status, 403);
  const r = await county.post(`/api/v1/brand-auths/${a.id}/revoke`, { reason: '企业申请退出绿色食品标志使用' });
  assert.equal(r.data.status, 'revoked');
  assert.equal((await county.post(`/api/v1/brand-auths/${a.id}/reinstate`, { reason: '撤销有误，申请恢复' })).data.error.field, 'status');
  // the rules of a mark are the county's to change
  assert.equal((await t01.patch(`/api/v1/brand-marks/${mark.id}`, { suspend_on_case: false })).status, 403);
  const wrong = await county.patch(`/api/v1/brand-marks/${mark.id}`, { suspend_on_case: 'no' });
  assert.deepEqual([wrong.status, wrong.data.error.field], [400, 'suspend_on_case']);
  const changed = await county.patch(`/api/v1/brand-marks/${mark.id}`, { suspend_on_case: false });
  assert.deepEqual([changed.data.suspend_on_case, changed.data.suspend_on_sample], [false, true]);
  assert.equal((await county.patch('/api/v1/brand-marks/987654', { suspend_on_case: false })).status, 404);
  const bad = await county.get('/api/v1/brand-auths?status=lost');
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'status']);
});
