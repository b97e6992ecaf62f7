// Food-safety liability insurance (食品安全责任保险; issue 17): the business or an official in scope records
// a policy; bad input is refused naming the field in Chinese and changes nothing; one policy number per
// insurer; the card reads the policy; the public shop page shows policies in force; a policy ending within
// 30 days that no later one follows is on the business's to-do list; coverage figures add up.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, addDays, as, businessesWithLogin, startServer } from './harness.mjs';

let srv, county, t01, t02, biz, other, entity, otherEntity, soon;

before(async () => {
  srv = await startServer({ entities: 120, seed: 17 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  [[entity, biz], [otherEntity, other]] = await businessesWithLogin(t01, srv.base);
});
after(async () => { await srv.stop(); });

test('a policy: fields checked by name in Chinese, nothing stored on a refusal, one number per insurer, scoped', async () => {
  const today = srv.today();
  const base = { insurer: '中国人民财产保险股份有限公司青禾支公司', policy_no: 'PZAB2026360000000001', starts_on: addDays(today, -340),
    ends_on: addDays(today, 20), coverage_yuan: 500000, per_person_yuan: 100000, kinds: ['poisoning', 'foodborne'] };
  for (const [body, field] of [
    [{ insurer: '' }, 'insurer'],
    [{ policy_no: 'x' }, 'policy_no'],
    [{ starts_on: '2026-02-30' }, 'starts_on'],
    [{ ends_on: 'tomorrow' }, 'ends_on'],
    [{ ends_on: addDays(today, -341) }, 'ends_on'],
    [{ starts_on: addDays(today, -3), ends_on: addDays(today, -1) }, 'ends_on'],
    [{ starts_on: addDays(today, -10), ends_on: addDays(today, 1200) }, 'ends_on'],
    [{ starts_on: addDays(today, 400), ends_on: addDays(today, 700) }, 'starts_on'],
    [{ coverage_yuan: 500 }, 'coverage_yuan'],
    [{ coverage_yuan: '500000' }, 'coverage_yuan'],
    [{ per_person_yuan: 600000 }, 'per_person_yuan'],
    [{ kinds: [] }, 'kinds'],
    [{ kinds: ['poisoning', 'fire'] }, 'kinds'],
    [{ kinds: ['recall', 'recall'] }, 'kinds'],
  ]) {
    const r = await biz.post('/api/v1/insurance-policies', { ...base, ...body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field, JSON.stringify(body));
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await biz.get('/api/v1/insurance-policies')).data.total, 0);
  const r = await biz.post('/api/v1/insurance-policies', base);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  soon = r.data;
  assert.deepEqual([soon.entity_id, soon.status, soon.days_left, soon.kinds_label], [entity.id, 'active', 20, ['食物中毒', '食源性疾病']]);
  const dup = await t01.post('/api/v1/insurance-policies', { ...base, entity_id: otherEntity.id });
  assert.deepEqual([dup.status, dup.data.error.field], [400, 'policy_no']);
  // the same number at another insurer is another policy
  const elsewhere = await t01.post('/api/v1/insurance-policies', { ...base, entity_id: otherEntity.id, insurer: '中国平安财产保险股份有限公司',
    per_person_yuan: null, starts_on: today, ends_on: addDays(today, 364), kinds: ['product'] });
  assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.data));
  assert.equal(elsewhere.data.per_person_yuan, null);
  assert.equal((await t02.post('/api/v1/insurance-policies', { ...base, policy_no: 'PZ-T02-1', entity_id: entity.id })).data.error.field, 'entity_id');
  assert.equal((await (await as(srv.base, 'inspector01')).post('/api/v1/insurance-policies', { ...base, policy_no: 'PZ-I-1', entity_id: entity.id })).status, 403);
  // seen by the business and its township, not by another
  assert.deepEqual((await biz.get('/api/v1/insurance-policies')).data.items.map((p) => p.id), [soon.id]);
  assert.equal((await t01.get(`/api/v1/insurance-policies?entity_id=${entity.id}`)).data.total, 1);
  assert.equal((await t02.get(`/api/v1/insurance-policies?entity_id=${entity.id}`)).data.total, 0);
  assert.equal((await t02.get(`/api/v1/insurance-policies/${soon.id}`)).status, 404);
  assert.equal((await other.get(`/api/v1/insurance-policies/${soon.id}`)).status, 404);
  assert.equal((await other.post(`/api/v1/insurance-policies/${soon.id}/cancel`, {})).status, 404);
  // the card
  const card = (await biz.get(`/api/v1/insurance-policies/${soon.id}`)).data;
  assert.deepEqual([card.entity_name, card.policy_no, card.coverage_yuan, card.ends_on], [entity.name, base.policy_no, 500000, base.ends_on]);
});

test('the shop page shows policies in force; ending within 30 days is on the to-do list until a renewal follows', async () => {
  const shop = (await new Client(srv.base).get(`/api/v1/public/shops/${entity.id}`)).data;
  assert.deepEqual(shop.insurance.map((p) => [p.policy_no, p.ends_on]), [[soon.policy_no, soon.ends_on]]);
  assert.equal(shop.insurance[0].entity_id, undefined);
  let todo = (await biz.get('/api/v1/me/todo')).data.sections.find((s) => s.key === 'insurance');
  assert.deepEqual(todo.items.map((i) => [i.id, i.due, i.days_left]), [[soon.id, soon.ends_on, 20]]);
  assert.deepEqual((await biz.get('/api/v1/insurance-policies?expiring=1')).data.items.map((p) => p.id), [soon.id]);
  const renewal = await biz.post('/api/v1/insurance-policies', { insurer: soon.insurer, policy_no: 'PZAB2027360000000001', starts_on: addDays(soon.ends_on, 1),
    ends_on: addDays(soon.ends_on, 365), coverage_yuan: 600000, kinds: ['poisoning'] });
  assert.equal(renewal.status, 201, JSON.stringify(renewal.data));
  assert.equal(renewal.data.status, 'pending');
  assert.ok(!(await biz.get('/api/v1/me/todo')).data.sections.some((s) => s.key === 'insurance'));
  assert.deepEqual((await biz.get('/api/v1/insurance-policies?in_force=1')).data.items.map((p) => p.id), [soon.id]);
  // cancelled once; the renewal cancelled puts the old one back on the list
  const gone = await biz.post(`/api/v1/insurance-policies/${renewal.data.id}/cancel`, {});
  assert.deepEqual([gone.status, gone.data.status, gone.data.cancelled_on], [200, 'cancelled', srv.today()]);
  assert.equal((await biz.post(`/api/v1/insurance-policies/${renewal.data.id}/cancel`, {})).data.error.field, 'cancelled_on');
  assert.ok((await biz.get('/api/v1/me/todo')).data.sections.some((s) => s.key === 'insurance'));
});

test('coverage figures: insured / active businesses by township and kind, adding up, within the caller\'s jurisdiction', async () => {
  assert.equal((await biz.get('/api/v1/insurance-policies/figures')).status, 403);
  const f = (await county.get('/api/v1/insurance-policies/figures')).data;
  assert.match(f.definition, /在营经营者/);
  const active = (await county.get('/api/v1/entities?status=active&limit=1')).data.total;
  for (const groups of [f.townships, f.kinds]) {
    assert.equal(groups.reduce((s, g) => s + g.active, 0), f.total.active);
    assert.equal(groups.reduce((s, g) => s + g.insured, 0), f.total.insured);
  }
  assert.equal(f.total.active, active);
  assert.equal(f.total.insured, 2); // the two businesses insured here today
  const kind = f.kinds.find((k) => k.code === entity.kind);
  assert.ok(kind.insured >= 1 && kind.name);
  const mine = (await t01.get('/api/v1/insurance-policies/figures')).data;
  assert.deepEqual(mine.townships.map((t) => t.code), [t01.user.division_code.slice(0, 9) + '000']);
  assert.equal(mine.total.insured, 2);
  assert.equal((await t02.get('/api/v1/insurance-policies/figures')).data.total.insured, 0);
  const t = mine.townships[0];
  assert.equal(t.rate, (t.insured * 100) / t.active);
});
