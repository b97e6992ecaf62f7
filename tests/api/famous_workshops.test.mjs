// 名特优 small workshops (issue 17; db/077): the criteria of data/famous/criteria.csv evaluated from the
// records with their evidence (a workshop registered 364 days fails, 365 passes), the township's review
// and the county's decision, the public shop page and list, revocation by a later final failed sample
// and by a decided penalty, a workshop's own application, scope, and bad input that changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, addDays, as, startServer } from './harness.mjs';

let srv, county, t01, t02, sampler, sampler2, lab, w1, w2, rec1, rec2, regDay;

// A new workshop of t01's township, registered through the online form, the review and the issuance
// today, with a food-safety officer appointed: every criterion but the year of registration holds.
async function registerWorkshop(name, address, official = t01) {
  const form = { division_code: official.user.division_code, name, operator: '王建国', phone: '13907971234', address: '新街18号',
    products: [{ code: 'XZF-01', name: '手工米粉' }] };
  const app = await new Client(srv.base, { address }).post('/api/v1/public/workshop-applications', form);
  assert.equal(app.status, 201, JSON.stringify(app.data));
  assert.equal((await official.post(`/api/v1/workshop-applications/${app.data.application.id}/review`, { decision: 'accept' })).status, 200);
  const issued = await county.post(`/api/v1/workshop-applications/${app.data.application.id}/issue`, {});
  assert.equal(issued.status, 200, JSON.stringify(issued.data));
  const entityId = (await county.get(`/api/v1/workshop-certs/${issued.data.cert.id}`)).data.entity_id;
  const officer = await official.post('/api/v1/fs-appointments', { entity_id: entityId, role: 'officer', name: '李安全' });
  assert.equal(officer.status, 201, JSON.stringify(officer.data));
  return entityId;
}

// The workshop's own account, its first password replaced as its owner must.
async function accountFor(entityId) {
  const account = await county.post('/api/v1/users', { username: `ws${entityId}`, display_name: '作坊主', role: 'business', entity_id: entityId, password: 'Temp-2026a' });
  assert.equal(account.status, 201, JSON.stringify(account.data));
  const biz = await new Client(srv.base).login(`ws${entityId}`, 'Temp-2026a');
  assert.equal((await biz.post('/api/v1/me/password', { old_password: 'Temp-2026a', new_password: 'Mine-2026b' })).status, 204);
  return biz;
}

const byCode = (rec) => Object.fromEntries(rec.criteria.items.map((c) => [c.code, c]));
const manual = { traditional_craft: { pass: true, note: '传统手工米粉，三代传承' }, site_hygiene: { pass: true, note: '现场布局合理，设施齐全' } };

async function signIn() {
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  sampler = await as(srv.base, 'sampler01');
  sampler2 = await as(srv.base, 'sampler02');
}

before(async () => {
  srv = await startServer({ entities: 200, seed: 7 });
  await signIn();
  lab = (await county.post('/api/v1/labs', { name: '县食品检验检测中心', cma_no: 'CMA201912345678', scope: '食品' })).data;
  w1 = await registerWorkshop('名特优测试米粉坊', '203.0.113.41');
  w2 = await registerWorkshop('名特优测试年糕坊', '203.0.113.42');
});
after(async () => { await srv.stop(); });

test('the criteria are data: those the records answer and those a reviewer records', async () => {
  const items = (await t01.get('/api/v1/famous-workshops/criteria')).data.items;
  const kinds = Object.fromEntries(items.map((c) => [c.code, c.kind]));
  assert.equal(kinds.registered_days, 'auto');
  assert.equal(kinds.no_failed_sample, 'auto');
  assert.equal(kinds.officer_appointed, 'auto');
  assert.equal(kinds.site_hygiene, 'manual');
  assert.ok(items.every((c) => /[\u4e00-\u9fa5]/.test(c.label)));
});

test('nominating: bad input is refused naming the field and changes nothing; the evaluation shows each criterion with its evidence', async () => {
  const before = (await county.get('/api/v1/famous-workshops')).data.total;
  const caterer = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  for (const [who, body, status, field] of [
    [t01, { entity_id: w1 }, 400, 'statement'],
    [t01, { entity_id: w1, statement: '好' }, 400, 'statement'],
    [t01, { statement: '传统手工米粉作坊' }, 400, 'entity_id'],
    [t01, { entity_id: caterer.id, statement: '传统手工米粉作坊' }, 400, 'entity_id'],
    [t02, { entity_id: w1, statement: '传统手工米粉作坊' }, 400, 'entity_id'], // another township's workshop
  ]) {
    const r = await who.post('/api/v1/famous-workshops', body);
    assert.equal(r.status, status, JSON.stringify(r.data));
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await sampler.post('/api/v1/famous-workshops', { entity_id: w1, statement: '传统手工米粉作坊' })).status, 403);
  assert.equal((await county.get('/api/v1/famous-workshops')).data.total, before);

  const r = await t01.post('/api/v1/famous-workshops', { entity_id: w1, statement: '传统手工米粉作坊，口碑良好' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  rec1 = r.data;
  assert.deepEqual([rec1.status, rec1.origin, rec1.status_label], ['submitted', 'nominated', '待乡镇审查']);
  const c = byCode(rec1);
  assert.equal(c.registered_days.pass, false);
  const reg = /^(\d{4}-\d{2}-\d{2})登记，至今0天/.exec(c.registered_days.evidence);
  assert.ok(reg, c.registered_days.evidence);
  regDay = reg[1];
  for (const code of ['in_operation', 'no_failed_sample', 'no_penalty', 'risk_grade', 'catalogue_product', 'officer_appointed'])
    assert.equal(c[code].pass, true, `${code}: ${c[code].evidence}`);
  assert.match(c.officer_appointed.evidence, /李安全/);
  assert.match(c.catalogue_product.evidence, /手工米粉/);
  assert.equal(c.site_hygiene.pass, null);
  assert.equal((await t01.post('/api/v1/famous-workshops', { entity_id: w1, statement: '再次推荐该作坊' })).status, 409);
  rec2 = (await t01.post('/api/v1/famous-workshops', { entity_id: w2, statement: '传统年糕作坊，工艺独特' })).data;
  // another township sees neither
  assert.equal((await t02.get(`/api/v1/famous-workshops/${rec1.id}`)).status, 404);
  assert.ok(!(await t02.get('/api/v1/famous-workshops?limit=100')).data.items.some((x) => x.id === rec1.id));
});

test('review and decision: manual criteria recorded by the township; the county recognises only at 365 days of registration', async () => {
  let r = await t01.post(`/api/v1/famous-workshops/${rec1.id}/review`, { decision: 'forward' });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'manual');
  r = await t01.post(`/api/v1/famous-workshops/${rec1.id}/review`, { decision: 'maybe', manual });
  assert.equal(r.data.error.field, 'decision');
  assert.equal((await county.post(`/api/v1/famous-workshops/${rec1.id}/decide`, { decision: 'recognise' })).data.error.field, 'status');
  assert.equal((await county.get(`/api/v1/famous-workshops/${rec1.id}`)).data.status, 'submitted');
  r = await t01.post(`/api/v1/famous-workshops/${rec1.id}/review`, { decision: 'forward', note: '推荐', manual });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.status, 'forwarded');
  assert.equal(byCode(r.data).site_hygiene.pass, true);
  assert.equal((await t01.post(`/api/v1/famous-workshops/${rec2.id}/review`, { decision: 'forward', manual })).status, 200);
  // the township does not decide; the county cannot recognise a workshop registered today
  assert.equal((await t01.post(`/api/v1/famous-workshops/${rec1.id}/decide`, { decision: 'recognise' })).status, 403);
  r = await county.post(`/api/v1/famous-workshops/${rec1.id}/decide`, { decision: 'recognise' });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'criteria');

  const noonOf = (day) => Date.parse(`${day}T12:00:00+08:00`); // midday, so a run started at 23:59 stays on that day
  await srv.travel(noonOf(addDays(regDay, 364)) - srv.now());
  await signIn();
  r = await county.get(`/api/v1/famous-workshops/${rec1.id}`);
  assert.equal(byCode(r.data).registered_days.pass, false);
  assert.match(byCode(r.data).registered_days.evidence, /至今364天/);
  assert.equal(r.data.criteria.failed, 1);
  assert.equal((await county.post(`/api/v1/famous-workshops/${rec1.id}/decide`, { decision: 'recognise' })).data.error.field, 'criteria');
  assert.equal((await county.get(`/api/v1/famous-workshops/${rec1.id}`)).data.status, 'forwarded');

  await srv.travel(noonOf(addDays(regDay, 365)) - srv.now());
  await signIn();
  const today = srv.today();
  r = await county.get(`/api/v1/famous-workshops/${rec1.id}`);
  assert.match(byCode(r.data).registered_days.evidence, /至今365天/);
  assert.equal(r.data.criteria.all_passed, true);
  r = await county.post(`/api/v1/famous-workshops/${rec1.id}/decide`, { decision: 'recognise', note: '符合名特优条件' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual([r.data.status, r.data.recognised_on, r.data.valid_now, r.data.criteria_kept], ['recognised', today, true, true]);
  // three years: the day before the same date three years on (28 February when that year has no 29th)
  const [y, m, d] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y + 3, m, 0)).getUTCDate();
  assert.equal(r.data.valid_until, addDays(`${y + 3}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`, -1));
  assert.deepEqual(r.data.events.map((e) => e.action), ['nominated', 'forwarded', 'recognised']);
  assert.equal((await county.post(`/api/v1/famous-workshops/${rec2.id}/decide`, { decision: 'recognise' })).status, 200);
  // the public sees it on the shop page and in the list
  const shop = (await new Client(srv.base).get(`/api/v1/public/shops/${w1}`)).data;
  assert.deepEqual(shop.famous, { recognised_on: today, valid_until: r.data.valid_until });
  const pub = (await new Client(srv.base).get('/api/v1/public/famous-workshops?limit=50')).data;
  assert.ok(pub.items.some((x) => x.entity_id === w1 && x.name === '名特优测试米粉坊'));
  assert.ok(!JSON.stringify(pub).includes('13907971234'));
  assert.ok((await county.get('/api/v1/famous-workshops?status=valid')).data.items.some((x) => x.id === rec1.id));
});

test('a later final failed sample revokes the recognition at once; so does a decided penalty', async () => {
  const s = (await county.post('/api/v1/samples', { entity_id: w1, kind: 'supervision', food_category: 'oil.vegetable.peanut',
    analytes: ['afb1'], samplers: [sampler.user.id, sampler2.user.id] })).data;
  const rec = await sampler.post(`/api/v1/samples/${s.id}/record`, { product_name: '压榨花生油', brand: '乡味', spec: '5L/桶', batch_no: 'B1',
    production_date: addDays(srv.today(), -34), shelf_life_days: 540, quantity: '40桶', unit_price: 89.5, declared_standard: 'GB/T 1534',
    producer_name: '名特优测试米粉坊', producer_address: '新街18号', sample_qty: '2桶', backup_qty: '1桶', seal_no: 'FY-0001', business_signer: '王建国' });
  assert.equal(rec.status, 200, JSON.stringify(rec.data));
  await sampler.post(`/api/v1/samples/${s.id}/deliver`, { lab_id: lab.id });
  await county.post(`/api/v1/samples/${s.id}/receive`, {});
  const rep = await county.post(`/api/v1/samples/${s.id}/report`, { results: [{ analyte: 'afb1', value: 30, unit: 'µg/kg' }] });
  assert.equal(rep.data.verdict, 'fail', JSON.stringify(rep.data));
  // not final yet: the workshop may still ask for a re-test
  assert.equal((await county.get(`/api/v1/famous-workshops/${rec1.id}`)).data.status, 'recognised');
  const biz = await accountFor(w1);
  await county.post(`/api/v1/samples/${s.id}/notice`, { received_on: srv.today() });
  await biz.post(`/api/v1/samples/${s.id}/retest`, { reason: '申请复检' });
  const refused = await county.post(`/api/v1/samples/${s.id}/retest/decide`, { accept: false, ground: 'no_purpose', note: '样品已过保质期，复检无法实现目的' });
  assert.equal(refused.data.final_verdict, 'fail', JSON.stringify(refused.data));
  const r = (await county.get(`/api/v1/famous-workshops/${rec1.id}`)).data;
  assert.deepEqual([r.status, r.valid_now, r.revoked_on], ['revoked', false, srv.today()]);
  assert.match(r.revoke_reason, /抽检不合格/);
  assert.deepEqual(r.events.at(-1).source_kind, 'sample');
  assert.equal((await new Client(srv.base).get(`/api/v1/public/shops/${w1}`)).data.famous, null);
  // revoked once: the county's own revocation finds nothing to revoke, and a township may not revoke
  assert.equal((await t01.post(`/api/v1/famous-workshops/${rec1.id}/revoke`, { reason: '乡镇撤销认定' })).status, 403);
  const again = await county.post(`/api/v1/famous-workshops/${rec1.id}/revoke`, { reason: '再次撤销认定' });
  assert.deepEqual([again.status, again.data.error.field], [400, 'status']);
  assert.equal((await county.get(`/api/v1/famous-workshops/${rec1.id}`)).data.events.filter((e) => e.action === 'revoked').length, 1);

  const c = await t01.post('/api/v1/cases', { procedure: 'simple', source: 'inspection', entity_id: w2,
    facts: '现场检查发现从业人员未持健康证明从事接触直接入口食品的工作。', penalty: ['fine'], fine_yuan: 100 });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  const r2 = (await county.get(`/api/v1/famous-workshops/${rec2.id}`)).data;
  assert.equal(r2.status, 'revoked');
  assert.match(r2.revoke_reason, /行政处罚/);
  assert.equal(r2.events.at(-1).source_kind, 'case');
});

test('a workshop applies for itself; the township rejects with a reason; the county refuses with one', async () => {
  const wsId = await registerWorkshop('名特优测试豆腐坊', '203.0.113.43', t02);
  const ws = { id: wsId };
  const biz = await accountFor(wsId);
  assert.equal((await biz.post('/api/v1/famous-workshops', { entity_id: w1, statement: '替别人申报' })).data.error.field, 'entity_id');
  const a = await biz.post('/api/v1/famous-workshops', { statement: '本作坊传统工艺制作，申报名特优' });
  assert.equal(a.status, 201, JSON.stringify(a.data));
  assert.deepEqual([a.data.origin, a.data.entity_id], ['applied', ws.id]);
  assert.equal((await t01.get(`/api/v1/famous-workshops/${a.data.id}`)).status, 404);
  assert.deepEqual((await biz.get('/api/v1/famous-workshops')).data.items.map((x) => x.id), [a.data.id]);
  let r = await t02.post(`/api/v1/famous-workshops/${a.data.id}/review`, { decision: 'reject' });
  assert.equal(r.data.error.field, 'note');
  r = await t02.post(`/api/v1/famous-workshops/${a.data.id}/review`, { decision: 'reject', note: '现场卫生条件不符合要求' });
  assert.deepEqual([r.status, r.data.status, r.data.review_note], [200, 'rejected', '现场卫生条件不符合要求']);
  // after a rejection it may apply again; the county refuses with a reason
  const b = (await biz.post('/api/v1/famous-workshops', { statement: '整改后再次申报名特优' })).data;
  assert.equal((await t02.post(`/api/v1/famous-workshops/${b.id}/review`, { decision: 'forward', manual })).status, 200);
  assert.equal((await county.post(`/api/v1/famous-workshops/${b.id}/decide`, { decision: 'refuse' })).data.error.field, 'note');
  r = await county.post(`/api/v1/famous-workshops/${b.id}/decide`, { decision: 'refuse', note: '产品特色不突出' });
  assert.deepEqual([r.status, r.data.status, r.data.decision_note], [200, 'refused', '产品特色不突出']);
});
