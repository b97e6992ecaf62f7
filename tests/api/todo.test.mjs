// A business's home: its to-do list (GET /api/v1/me/todo, issue 15). Set up through the API: an
// inspection completed with a failed item (a rectification order with its deadline, and a result
// awaiting the business's acknowledgement), its licence about to end, today's 日管控 not filled. The
// business's list holds exactly those with their days left on the server's clock; another business of
// the same township sees none of them; acting on each removes it. An official's list holds their own tasks
// and their jurisdiction's, counted as the pages they link to count them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, addDays, as, startServer } from './harness.mjs';
import { png } from './images.mjs';

let srv, t01, county;
const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400e3);
const todo = async (c) => {
  const r = await c.get('/api/v1/me/todo');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data;
};
const section = (t, key) => t.sections.find((s) => s.key === key);

before(async () => {
  srv = await startServer({ entities: 200, seed: 41 });
  t01 = await as(srv.base, 't01');
  county = await as(srv.base, 'county');
});
after(async () => { await srv?.stop(); });

// Two caterers of 城关 whose lists hold nothing but (perhaps) today's daily record and their licence.
async function quietCaterers(n) {
  const out = [];
  for (const e of (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=50')).data.items) {
    const biz = await as(srv.base, `b${e.id}`);
    const t = await todo(biz);
    if (t.sections.every((s) => ['daily_record', 'licence'].includes(s.key))) out.push({ e, biz });
    if (out.length === n) return out;
  }
  throw new Error('no quiet caterers in the demo');
}

async function setLicence(e, days) {
  const version = (await county.get(`/api/v1/entities/${e.id}`)).data.entity.version;
  const r = await t01.patch(`/api/v1/entities/${e.id}`, { version, licence_valid_until: addDays(srv.today(), days) });
  assert.equal(r.status, 200, JSON.stringify(r.data));
}

test('a business\'s to-do list: exactly its order, its inspection, its licence and today\'s record, each with its days left; acting removes it', async () => {
  const [{ e, biz }, { e: other, biz: otherBiz }] = await quietCaterers(2);
  await setLicence(e, 400);
  await setLicence(other, 400);
  // an inspection of the business: one general item fails → an order due in 10 working days
  const created = await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 4] });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const insp = created.data.inspection;
  const failed = insp.items.find((i) => !i.key);
  const i1 = await as(srv.base, 'inspector01');
  const items = insp.items.map((i) => (i.id === failed.id ? { item_id: i.id, outcome: 'fail', note: '冷藏柜温度偏高' } : { item_id: i.id, outcome: 'pass' }));
  assert.equal((await i1.post(`/api/v1/inspections/${insp.id}/items`, { items })).status, 200);
  const done = await i1.post(`/api/v1/inspections/${insp.id}/complete`, { summary: '一般项不符合1项，责令限期整改', received_by: '王店长' });
  assert.equal(done.status, 200, JSON.stringify(done.data));
  const order = (await t01.get(`/api/v1/rectifications?entity=${e.id}&status=open`)).data.items[0];
  assert.ok(order, 'the inspection opened an order');
  await setLicence(e, 12);

  let today, t;
  do { // the same Beijing day throughout, should the run cross midnight
    today = srv.today();
    t = await todo(biz);
  } while (srv.today() !== today);
  assert.equal(t.today, today);
  assert.deepEqual(t.sections.map((s) => s.key).sort(), ['daily_record', 'inspections', 'licence', 'rectifications'].sort());
  const r = section(t, 'rectifications');
  assert.equal(r.count, 1);
  assert.equal(r.title, '整改通知');
  assert.equal(r.route, '#/rectifications?status=open');
  assert.deepEqual(r.items.map((i) => [i.id, i.due, i.days_left, i.overdue]), [[order.id, order.deadline, daysBetween(today, order.deadline), false]]);
  assert.ok(r.items[0].days_left >= 10, 'ten working days are at least ten days');
  const ins = section(t, 'inspections');
  assert.deepEqual(ins.items.map((i) => [i.id, i.title, i.route, i.days_left]), [[insp.id, '日常检查：基本符合', `#/inspections/${insp.id}`, null]]);
  const lic = section(t, 'licence');
  assert.deepEqual(lic.items.map((i) => [i.id, i.due, i.days_left, i.overdue, i.route]), [[e.id, addDays(today, 12), 12, false, e.licence_kind === 'jy' ? '#/licence-apply' : `#/entities/${e.id}`]]);
  assert.equal(lic.items[0].detail, e.licence_no);
  const daily = section(t, 'daily_record');
  assert.deepEqual(daily.items.map((i) => [i.due, i.days_left, i.route]), [[today, 0, '#/self']]);

  // another business sees none of it
  const theirs = await todo(otherBiz);
  assert.ok(theirs.sections.every((s) => ['daily_record'].includes(s.key)), JSON.stringify(theirs));

  // acting removes each: the record filled, the result acknowledged, the order submitted
  assert.equal((await biz.post('/api/v1/self-records', { kind: 'daily', nothing_found: true, content: '按清单逐项检查' })).status, 201);
  assert.equal((await biz.post(`/api/v1/inspections/${insp.id}/acknowledge`, {})).status, 200);
  t = await todo(biz);
  if (srv.today() === today) assert.deepEqual(t.sections.map((s) => s.key).sort(), ['licence', 'rectifications']);
  const sub = await biz.post(`/api/v1/rectifications/${order.id}/submit`, { evidence: '已调整冷藏柜温度并记录' });
  assert.equal(sub.status, 200, JSON.stringify(sub.data));
  assert.equal(section(await todo(biz), 'rectifications'), undefined);
  // an order sent back is on the list again
  assert.equal((await t01.post(`/api/v1/rectifications/${order.id}/review`, { accept: false, note: '请补充温度记录照片' })).status, 200);
  assert.deepEqual(section(await todo(biz), 'rectifications').items.map((i) => i.id), [order.id]);

  // an expired licence: overdue, days negative
  await setLicence(e, -3);
  const expired = section(await todo(biz), 'licence').items[0];
  assert.equal(expired.days_left, -3);
  assert.equal(expired.overdue, true);
  await setLicence(e, 400);

  // two days past the deadline: the order is overdue by 2
  await srv.travel(Date.parse(`${order.deadline}T10:00:00+08:00`) + 2 * 86400e3 - srv.now());
  [t01, county] = await Promise.all(['t01', 'county'].map((u) => as(srv.base, u))); // sessions may have expired meanwhile
  const late = await todo(await as(srv.base, `b${e.id}`));
  const o = section(late, 'rectifications').items[0];
  assert.deepEqual([o.id, o.days_left, o.overdue], [order.id, -2, true]);
});

// An official's list: their own inspections (with one assigned here and its due date) and what waits in
// their jurisdiction; each section's count is what the page it links to lists, so the figures add up and
// another township's objects are not counted.
test('an official\'s to-do list: their own inspections and their jurisdiction\'s overdue orders, as the lists count them', async () => {
  const [{ e }] = await quietCaterers(1);
  const due = addDays(srv.today(), 3);
  const created = await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'key', inspectors: [3, 4], due_date: due });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const id = created.data.inspection.id;
  const i1 = await as(srv.base, 'inspector01');
  const mineSection = section(await todo(i1), 'my_inspections');
  const mine = (await i1.get('/api/v1/inspections?mine=1&status=assigned&limit=200')).data;
  assert.equal(mineSection.count, mine.total);
  const listed = mineSection.items.find((i) => i.id === id) ?? (mineSection.count > 5 ? null : assert.fail('the new inspection is not listed'));
  if (listed) assert.deepEqual([listed.title, listed.detail, listed.due, listed.days_left, listed.route], [e.name, '重点检查', due, 3, `#/inspections/${id}`]);
  assert.ok(!(section(await todo(await as(srv.base, 'sampler01')), 'my_inspections')?.items ?? []).some((i) => i.id === id));

  const overdueOrders = async (c) => {
    const open = (await c.get('/api/v1/rectifications?status=open&limit=200')).data;
    assert.ok(open.total <= 200, 'one page holds them all');
    return open.items.filter((o) => o.deadline < srv.today()).length;
  };
  for (const name of ['t01', 't02', 'county', 'g0001']) {
    const c = await as(srv.base, name);
    const t = await todo(c);
    assert.equal(section(t, 'overdue_orders')?.count ?? 0, await overdueOrders(c), `${name}: overdue orders`);
    const submitted = (await c.get('/api/v1/rectifications?status=submitted&limit=1')).data.total;
    assert.equal(section(t, 'evidence')?.count ?? 0, submitted, `${name}: orders to verify`);
    for (const s of t.sections) for (const i of s.items) if (i.due) assert.equal(i.overdue, i.due < srv.today());
  }
  // past its due date the inspection is overdue for 城关, not for 青石镇
  await srv.travel(Date.parse(`${due}T10:00:00+08:00`) + 86400e3 - srv.now());
  [t01, county] = await Promise.all(['t01', 'county'].map((u) => as(srv.base, u))); // sessions may have expired meanwhile
  const [town, other] = [t01, await as(srv.base, 't02')];
  const late = section(await todo(town), 'overdue_inspections');
  const lateList = (await town.get('/api/v1/inspections?status=assigned&limit=200')).data.items.filter((i) => i.due_date && i.due_date < srv.today());
  assert.equal(late.count, lateList.length);
  assert.ok(lateList.some((i) => i.id === id));
  assert.ok(!(section(await todo(other), 'overdue_inspections')?.items ?? []).some((i) => i.id === id));
  assert.equal((await new Client(srv.base).get('/api/v1/me/todo')).status, 401);
});

test('a recall it must confirm and a fine served on it are on its list until dealt with; a video alert only once confirmed, as an order', async () => {
  const [{ e, biz }, { e: maker }] = await quietCaterers(2);
  // a camera of the business sees someone smoking: the alert waits for an official's review
  const cam = await t01.post('/api/v1/cameras', { entity_id: e.id, name: '后厨', area: 'kitchen', stream_url: 'file:/srv/todo.mp4' });
  assert.equal(cam.status, 201, JSON.stringify(cam.data));
  const seen = await t01.post('/api/v1/observations', { camera_id: cam.data.camera.id, observed_at: srv.now() - 1000, label: 'smoking', score: 0.9,
    box: [0.4, 0.3, 0.1, 0.2], idempotency_key: 'todo-1', source: 'ai_box', snapshot_base64: png(32, 24).toString('base64') });
  assert.equal(seen.status, 201, JSON.stringify(seen.data));
  const alert = seen.data.alert;
  // a lot of another business, shipped to it, recalled
  const lot = (await (await as(srv.base, `b${maker.id}`)).post('/api/v1/trace-codes', { kind: 'lot', entity_id: maker.id, product: '散装卤味', batch: 'T1' })).data;
  const shipped = await (await as(srv.base, `b${maker.id}`)).post('/epcis/capture', { '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date(srv.now() - 3600e3).toISOString(), epcisBody: { eventList: [{ type: 'ObjectEvent',
      eventTime: new Date(srv.now() - 86400e3).toISOString(), eventTimeZoneOffset: '+08:00', action: 'OBSERVE', bizStep: 'shipping',
      quantityList: [{ epcClass: lot.epc, quantity: 5, uom: 'KGM' }], sourceList: [{ type: 'owning_party', source: `urn:shian:entity:${maker.id}` }],
      destinationList: [{ type: 'owning_party', destination: `urn:shian:entity:${e.id}` }] }] } });
  assert.equal(shipped.status, 202, JSON.stringify(shipped.data));
  const recalled = await t01.post('/api/v1/recalls', { code: lot.code, level: 3, reason: '标签标识虚假标注' });
  assert.equal(recalled.status, 201, JSON.stringify(recalled.data));
  const recall = recalled.data.recall;
  const target = recalled.data.targets.find((x) => x.entity_id === e.id);
  // a fine decided on the spot
  const fined = await t01.post('/api/v1/cases', { procedure: 'simple', source: 'inspection', entity_id: e.id, party_kind: 'organisation',
    facts: '经营场所未按规定公示食品经营许可证，责令改正后仍未改正。', penalty: ['fine'], fine_yuan: 1000 });
  assert.equal(fined.status, 201, JSON.stringify(fined.data));
  const kase = fined.data.case;

  const today = srv.today();
  let t = await todo(biz);
  // unreviewed, the alert is the township's to review, not yet the business's (it may be a false alarm)
  assert.equal(section(t, 'alerts'), undefined);
  const review = section(await todo(t01), 'alerts');
  assert.ok(review.items.some((i) => i.id === alert.id && i.title === '吸烟' && i.detail === `${e.name} · 后厨`), JSON.stringify(review));
  const recalls = section(t, 'recalls');
  assert.deepEqual(recalls.items.map((i) => [i.id, i.title, i.due, i.route]), [[recall.id, '散装卤味', recall.complete_due, `#/recall/${recall.id}`]]);
  if (srv.today() === today) assert.equal(recalls.items[0].days_left, daysBetween(today, recall.complete_due));
  const cases = section(t, 'cases');
  assert.deepEqual(cases.items.map((i) => [i.id, i.title, i.detail, i.due]), [[kase.id, '行政处罚决定：缴纳罚款', kase.case_no, kase.payment_due]]);
  // the producer's own list has none of them
  const makers = await todo(await as(srv.base, `b${maker.id}`));
  assert.ok(makers.sections.every((s) => ['daily_record', 'licence'].includes(s.key)), JSON.stringify(makers));

  // the official confirms the alert: an order for the business
  assert.equal((await t01.post(`/api/v1/alerts/${alert.id}/review`, { decision: 'confirm', note: '吸烟' })).status, 200);
  // the business confirms its stop; the fine is paid
  const ok = await biz.post(`/api/v1/recalls/${recall.id}/targets/${target.id}/confirm`, { note: '已下架封存，退回供货方', returned: 5 });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal((await t01.post(`/api/v1/cases/${kase.id}/steps`, { action: 'pay', amount_yuan: 1000 })).status, 200);
  t = await todo(biz);
  assert.deepEqual(t.sections.map((s) => s.key).filter((k) => !['daily_record', 'licence'].includes(k)), ['rectifications']);
  assert.equal(section(t, 'rectifications').items[0].title.length > 0, true);
});

test('a failed sample: on its list to confirm the notice, then while it may ask for a re-test, gone once asked', async () => {
  const [{ e, biz }] = await quietCaterers(1);
  const [s1, s2] = await Promise.all(['sampler01', 'sampler02'].map((u) => as(srv.base, u)));
  const lab = (await county.post('/api/v1/labs', { name: '县食品检验检测中心', cma_no: 'CMA201912345678', scope: '食品中真菌毒素' })).data;
  const task = await county.post('/api/v1/samples', { entity_id: e.id, kind: 'supervision', food_category: 'oil.vegetable.peanut', analytes: ['afb1'],
    samplers: [s1.user.id, s2.user.id] });
  assert.equal(task.status, 201, JSON.stringify(task.data));
  const id = task.data.id;
  const made = addDays(srv.today(), -34);
  const taken = await s1.post(`/api/v1/samples/${id}/record`, { product_name: '压榨花生油', brand: '乡味', spec: '5L/桶', batch_no: 'B1',
    production_date: made, shelf_life_days: 540, quantity: '40桶', unit_price: 89.5, declared_standard: 'GB/T 1534', producer_name: '某县小油坊',
    producer_address: '某县城关镇', sample_qty: '2桶', backup_qty: '1桶', seal_no: 'FY-0009', business_signer: '张三' });
  assert.equal(taken.status, 200, JSON.stringify(taken.data));
  await s1.post(`/api/v1/samples/${id}/deliver`, { lab_id: lab.id });
  await county.post(`/api/v1/samples/${id}/receive`, {});
  const reported = await county.post(`/api/v1/samples/${id}/report`, { results: [{ analyte: 'afb1', value: 20.1, unit: 'µg/kg' }] });
  assert.equal(reported.data.verdict, 'fail', JSON.stringify(reported.data));
  assert.equal(section(await todo(biz), 'samples'), undefined, 'not before the notice is served');
  assert.equal((await county.post(`/api/v1/samples/${id}/notice`, {})).status, 200);
  let s = section(await todo(biz), 'samples');
  assert.deepEqual(s.items.map((i) => [i.id, i.title, i.detail, i.days_left, i.route]), [[id, '压榨花生油', '不合格通知已送达，请确认收到', null, `#/sample/${id}`]]);
  const got = await biz.post(`/api/v1/samples/${id}/notice`, {});
  assert.equal(got.status, 200, JSON.stringify(got.data));
  const today = srv.today();
  s = section(await todo(biz), 'samples');
  assert.deepEqual(s.items.map((i) => [i.id, i.detail, i.due]), [[id, '检验结论不合格，可在期限内申请复检', got.data.retest_due]]);
  if (srv.today() === today) assert.equal(s.items[0].days_left, daysBetween(today, got.data.retest_due));
  assert.equal((await biz.post(`/api/v1/samples/${id}/retest`, { reason: '对检验结论有异议，申请复检' })).status, 200);
  assert.equal(section(await todo(biz), 'samples'), undefined);
});
