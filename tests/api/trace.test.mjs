// Trace codes, tracing and recalls (issue 12) over events captured through EPCIS: a pig from a farm to a
// slaughterhouse, cut into a lot with its trace code, sold through a market to two restaurants (one of
// another township). The code's QR opens the public trace page (the route, no person); officials trace
// forward (the recall list by tier, contacts only in their jurisdiction) and backward, and export it; a
// recall from the code tells each business on the list through the outbox, with the deadlines of its
// level on the bureau's calendar; each confirms once, then it closes. Bad input changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';
import { decodeQr } from './qr.mjs';

let srv, T0, county, t01, t02, gateway, anon, biz = {}, who = {}, code, tagId, lotCode;
const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const doc = (events) => ({ '@context': CTX, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-11-18T02:00:00Z',
  epcisBody: { eventList: events } });
const ent = (e) => `urn:shian:entity:${e.id}`;
// hours after a midnight (Beijing) ten days before the pinned clock, so no event is in its future
const at = (h) => new Date(T0 + h * 3600e3).toISOString().replace('Z', '+00:00');
const ev = (type, hour, fields) => ({ type, eventTime: at(hour), eventTimeZoneOffset: '+08:00', ...fields });
const ship = (from, to) => ({ sourceList: [{ type: 'owning_party', source: ent(from) }], destinationList: [{ type: 'owning_party', destination: ent(to) }] });

async function captured(client, events) {
  const r = await client.post('/epcis/capture', doc(events));
  assert.equal(r.status, 202, JSON.stringify(r.data));
  assert.equal(r.data.success, true, JSON.stringify(r.data));
}

before(async () => {
  srv = await startServer({ entities: 300, seed: 72 });
  T0 = Date.parse(`${srv.today()}T00:00:00+08:00`) - 10 * 86400e3;
  [county, t01, t02, gateway] = await Promise.all(['county', 't01', 't02', 'admin'].map((u) => as(srv.base, u)));
  anon = new Client(srv.base);
  const first = async (client, kind, n) => (await client.get(`/api/v1/entities?kind=${kind}&status=active&limit=${n}`)).data.items;
  const [farm, slaughter] = await first(t01, 'producer', 2);
  [biz.farm, biz.slaughter, biz.market, biz.restaurant, biz.other] = [farm, slaughter, (await first(t01, 'seller', 1))[0],
    (await first(t01, 'caterer', 1))[0], (await first(t02, 'caterer', 1))[0]];
  assert.ok(Object.values(biz).every(Boolean), 'the demo has the businesses');
  for (const k of Object.keys(biz)) who[k] = await as(srv.base, `b${biz[k].id}`);
  tagId = 'urn:shian:eartag:136000000777001';
});
after(async () => { await srv.stop(); });

test('a trace code: minted by the business for its lot, validated field by field, its QR opens the public page', async () => {
  const good = { kind: 'lot', product: '鲜猪肉（前腿）', batch: 'B20261110', produced_on: srv.today(), quantity: 180.5, uom: 'KGM' };
  for (const [body, field] of [[{ kind: 'box' }, 'kind'], [{ product: '肉' }, 'product'], [{ produced_on: '2099-01-01' }, 'produced_on'],
    [{ epc: 'lot 42' }, 'epc'], [{ quantity: -1 }, 'quantity']]) {
    const r = await who.slaughter.post('/api/v1/trace-codes', { ...good, ...body });
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(body));
  }
  assert.equal((await who.slaughter.get('/api/v1/trace-codes')).data.total, 0, 'nothing stored');
  assert.equal((await t02.post('/api/v1/trace-codes', { ...good, entity_id: biz.slaughter.id })).data.error.field, 'entity_id',
    'another township mints nothing for it');
  const r = await who.slaughter.post('/api/v1/trace-codes', { ...good, entity_id: biz.market.id });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  code = r.data;
  assert.equal(code.entity_id, biz.slaughter.id, 'a business mints for itself whatever it says');
  assert.match(code.code, /^[2-9A-HJ-NP-Z]{12}$/);
  assert.equal(code.epc, `urn:shian:product:${code.code}`);
  lotCode = code.epc;
  // seen by itself and its township; not by another business or township
  assert.equal((await t01.get(`/api/v1/trace-codes/${code.id}`)).data.code, code.code);
  assert.equal((await t02.get(`/api/v1/trace-codes/${code.id}`)).status, 404);
  assert.equal((await who.market.get(`/api/v1/trace-codes/${code.id}`)).status, 404);
  assert.deepEqual((await who.slaughter.get('/api/v1/trace-codes?limit=1')).data.items.map((x) => x.id), [code.id]);
  // the label's QR code leads to the public page of this code
  const png = await who.slaughter.get(`/api/v1/trace-codes/${code.id}/qr.png`);
  assert.equal(png.headers.get('content-type'), 'image/png');
  assert.ok(decodeQr(png.data).endsWith(`/#/trace/${code.code}`));
  assert.equal((await anon.get('/api/v1/public/trace/ZZZZZZZZZZZZ')).status, 404);
});

test('the chain captured as events; the public page shows its route in order, the batch, each step in the ledger, and no person', async () => {
  await captured(who.farm, [
    ev('ObjectEvent', 1, { action: 'ADD', bizStep: 'commissioning', epcList: [tagId], bizLocation: { id: ent(biz.farm) } }),
    ev('ObjectEvent', 2, { action: 'OBSERVE', bizStep: 'shipping', epcList: [tagId], ...ship(biz.farm, biz.slaughter), bizLocation: { id: ent(biz.farm) } }),
  ]);
  await captured(who.slaughter, [
    ev('TransformationEvent', 5, { bizStep: 'killing', inputEPCList: [tagId], outputQuantityList: [{ epcClass: lotCode, quantity: 180.5, uom: 'KGM' }],
      bizLocation: { id: ent(biz.slaughter) } }),
    ev('ObjectEvent', 8, { action: 'OBSERVE', bizStep: 'shipping', quantityList: [{ epcClass: lotCode, quantity: 100, uom: 'KGM' }],
      ...ship(biz.slaughter, biz.market), bizLocation: { id: ent(biz.slaughter) } }),
  ]);
  await captured(who.market, [
    ev('ObjectEvent', 12, { action: 'OBSERVE', bizStep: 'shipping', quantityList: [{ epcClass: lotCode, quantity: 20, uom: 'KGM' }],
      ...ship(biz.market, biz.restaurant), bizLocation: { id: ent(biz.market) } }),
  ]);
  await captured(who.other, [
    ev('ObjectEvent', 14, { action: 'OBSERVE', bizStep: 'receiving', quantityList: [{ epcClass: lotCode, quantity: 15, uom: 'KGM' }],
      sourceList: [{ type: 'owning_party', source: ent(biz.market) }], bizLocation: { id: ent(biz.other) } }),
  ]);
  const r = await anon.get(`/api/v1/public/trace/${code.code}`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const t = r.data;
  assert.deepEqual([t.product, t.batch, t.maker.name], ['鲜猪肉（前腿）', 'B20261110', biz.slaughter.name]);
  assert.deepEqual(t.route.map((s) => [s.step_label, s.business]), [['赋码', biz.farm.name], ['发货', biz.farm.name], ['屠宰', biz.slaughter.name],
    ['发货', biz.slaughter.name], ['发货', biz.market.name], ['收货', biz.other.name]]);
  assert.equal(t.ledger.length, 6, 'each step is in the ledger');
  // once a checkpoint signs the tree (the sweep's, or the county's on demand), each step proves its place
  assert.equal((await county.post('/api/v1/ledger/checkpoint', {})).status, 201);
  const events = (await who.slaughter.get(`/epcis/events?MATCH_epc=${encodeURIComponent(lotCode)}&perPage=10`)).data.epcisBody.queryResults.resultsBody.eventList;
  for (const l of t.ledger) {
    const p = await anon.get(`/api/v1/ledger/proof/inclusion?index=${l.index}`);
    assert.equal(p.status, 200, JSON.stringify(p.data));
    assert.equal(p.data.kind, 'event');
    const ev = events.find((e) => e.eventID === l.event_id);
    if (ev?.eventID.startsWith('ni:///sha-256;')) assert.equal(p.data.entry_hash, ev.eventID.slice(14, 78), 'the leaf is the event hash');
  }
  // the events' hashes are hex and can hold a run of 11 digits that reads like a mobile number: not text of the page
  const text = JSON.stringify(t, (k, v) => (k === 'event_id' ? undefined : v));
  assert.doesNotMatch(text, /(?<!\d)1[3-9]\d{9}(?!\d)/, 'no phone number on the public page');
});

test('officials trace forward (the recall list by tier) and backward; contacts only within their jurisdiction; a workbook', async () => {
  const f = (await county.get(`/api/v1/trace?epc=${encodeURIComponent(tagId)}&direction=forward`)).data;
  assert.deepEqual(f.parties.map((p) => [p.entity_id, p.tier]), [[biz.slaughter.id, 1], [biz.market.id, 2], [biz.restaurant.id, 3], [biz.other.id, 3]],
    JSON.stringify(f.parties));
  assert.equal(f.holder_id, biz.farm.id);
  assert.ok(f.parties.every((p) => p.contact && p.name && p.township), 'the county calls anyone');
  const own = (await t02.get(`/api/v1/trace?epc=${encodeURIComponent(tagId)}`)).data.parties;
  assert.deepEqual(own.filter((p) => p.contact).map((p) => p.entity_id), [biz.other.id], '青石镇 sees whom to call in its own township only');
  const b = (await t01.get(`/api/v1/trace?epc=${encodeURIComponent(lotCode)}&direction=backward&holder_id=${biz.restaurant.id}`)).data;
  assert.deepEqual(b.parties.map((p) => [p.entity_id, p.tier]), [[biz.market.id, 1], [biz.slaughter.id, 2], [biz.farm.id, 3]]);
  const x = await county.get(`/api/v1/trace/export?epc=${encodeURIComponent(tagId)}`);
  assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(Buffer.from(x.data).subarray(0, 2).toString(), 'PK');
  for (const [q, field] of [['epc=lot42', 'epc'], [`epc=${encodeURIComponent(tagId)}&direction=up`, 'direction'],
    [`epc=${encodeURIComponent(tagId)}&holder_id=x`, 'holder_id']]) {
    const r = await county.get(`/api/v1/trace?${q}`);
    assert.deepEqual([r.status, r.data.error?.field], [400, field], q);
  }
  assert.equal((await who.market.get(`/api/v1/trace?epc=${encodeURIComponent(tagId)}`)).status, 403, 'for officials');
});

test('a recall from the code: its list from the events, each told, deadlines of its level, confirmed once each, then closed', async () => {
  for (const [body, field] of [[{ level: 4 }, 'level'], [{ reason: '差' }, 'reason'], [{ code: 'ZZZZZZZZZZZZ' }, 'code'],
    [{ learned_at: Date.parse(`${srv.today()}T00:00:00+08:00`) + 86400e3 * 2 }, 'learned_at']]) {
    const r = await county.post('/api/v1/recalls', { code: code.code, level: 1, reason: '监督抽检兽药残留超标', ...body });
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(body));
  }
  assert.equal((await who.restaurant.post('/api/v1/recalls', { code: code.code, level: 1, reason: '不是自己的产品' })).data.error.field, 'entity_id');
  assert.equal((await t02.post('/api/v1/recalls', { code: code.code, level: 1, reason: '别的乡镇的产品' })).data.error.field, 'entity_id');
  assert.equal((await county.get('/api/v1/recalls')).data.total, 0, 'nothing started');
  const r = await county.post('/api/v1/recalls', { code: code.code, level: 1, reason: '监督抽检兽药残留超标，可能导致严重健康损害' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const v = r.data;
  const id = v.recall.id;
  assert.deepEqual([v.recall.entity_id, v.recall.level, v.recall.product, v.recall.status], [biz.slaughter.id, 1, '鲜猪肉（前腿）', 'open']);
  assert.equal(v.recall.start_due - v.recall.learned_at, 24 * 3600e3, 'level 1: started within 24 hours');
  const due = (await county.get(`/api/v1/calendar/deadline?from=${srv.today()}&days=10`)).data.deadline;
  assert.equal(v.recall.complete_due, due, 'completed within 10 working days on the calendar');
  assert.deepEqual(v.targets.map((t) => [t.entity_id, t.tier]), [[biz.market.id, 1], [biz.restaurant.id, 2], [biz.other.id, 2]]);
  assert.ok(v.targets.every((t) => t.notified_at && t.contact), JSON.stringify(v.targets));
  const told = (await gateway.get('/api/v1/outbox?limit=500')).data.items.filter((i) => i.topic === 'recall.notice' && i.payload.recall_id === id);
  assert.deepEqual(told.map((i) => i.entity_id).sort(), [biz.market.id, biz.restaurant.id, biz.other.id].sort());
  // who sees it: the producer all of it, a business on the list its own row, others nothing
  assert.equal((await who.slaughter.get(`/api/v1/recalls/${id}`)).data.targets.length, 3);
  const mine = (await who.restaurant.get(`/api/v1/recalls/${id}`)).data;
  assert.deepEqual([mine.stance, mine.targets.map((t) => t.entity_id), mine.progress.targets], ['target', [biz.restaurant.id], 3]);
  assert.ok(!('contact' in mine.targets[0]));
  assert.equal((await who.farm.get(`/api/v1/recalls/${id}`)).status, 404);
  assert.equal((await t02.get(`/api/v1/recalls/${id}`)).status, 404, 'the producer\'s jurisdiction, not a buyer\'s');
  assert.equal((await who.restaurant.get('/api/v1/recalls')).data.items[0].id, id);
  // confirmations: each once, each its own; the recall closes only when all are in
  const [tm, tr, to] = v.targets;
  assert.equal((await who.restaurant.post(`/api/v1/recalls/${id}/targets/${tm.id}/confirm`, { note: '替别人确认' })).status, 404);
  assert.equal((await who.restaurant.post(`/api/v1/recalls/${id}/targets/${tr.id}/confirm`, { note: '已' })).data.error.field, 'note');
  assert.equal((await who.restaurant.post(`/api/v1/recalls/${id}/targets/${tr.id}/confirm`, { note: '已下架封存', returned: -2 })).data.error.field, 'returned');
  let c = await who.restaurant.post(`/api/v1/recalls/${id}/targets/${tr.id}/confirm`, { note: '已下架封存，退回市场', returned: 20 });
  assert.equal(c.status, 200, JSON.stringify(c.data));
  assert.equal((await who.restaurant.post(`/api/v1/recalls/${id}/targets/${tr.id}/confirm`, { note: '再确认一次' })).status, 400, 'once');
  assert.match((await county.post(`/api/v1/recalls/${id}/close`, { note: '召回完成' })).data.error.message, /尚有2家/);
  assert.equal((await who.restaurant.post(`/api/v1/recalls/${id}/close`, { note: '召回完成' })).status, 403);
  await who.slaughter.post(`/api/v1/recalls/${id}/targets/${tm.id}/confirm`, { note: '市场已全部退回', returned: 80 });
  c = await who.other.post(`/api/v1/recalls/${id}/targets/${to.id}/confirm`, { note: '已销毁', returned: 15 });
  assert.deepEqual([c.data.progress.confirmed, c.data.progress.returned, c.data.progress.shipped], [3, 115, 135]);
  const x = await who.slaughter.get(`/api/v1/recalls/${id}/export`);
  assert.equal(Buffer.from(x.data).subarray(0, 2).toString(), 'PK');
  const closed = (await county.post(`/api/v1/recalls/${id}/close`, { note: '三家下游全部停售处置，召回完成' })).data.recall;
  assert.deepEqual([closed.status, closed.closed_on], ['closed', srv.today()]);
  assert.equal((await county.post(`/api/v1/recalls/${id}/close`, { note: '再结束一次' })).status, 400);
});

test('a failed sample of the batch starts the recall of its code: the producer itself from its sample', async () => {
  const [sampler, sampler2] = await Promise.all(['sampler01', 'sampler02'].map((u) => as(srv.base, u)));
  const lab = (await county.post('/api/v1/labs', { name: '县食品检验检测中心', cma_no: 'CMA201912345679', scope: '食品中兽药残留、真菌毒素' })).data;
  const task = (await county.post('/api/v1/samples', { entity_id: biz.slaughter.id, kind: 'supervision', food_category: 'oil.vegetable.peanut',
    analytes: ['afb1'], samplers: [sampler.user.id, sampler2.user.id] })).data;
  const made = new Date(Date.parse(`${srv.today()}T00:00:00Z`) - 3 * 86400e3).toISOString().slice(0, 10);
  let r = await sampler.post(`/api/v1/samples/${task.id}/record`, { product_name: '压榨花生油', batch_no: 'B20261110', production_date: made,
    shelf_life_days: 540, sample_qty: '2桶', backup_qty: '1桶', seal_no: 'FY-0101', business_signer: '张三' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  await sampler.post(`/api/v1/samples/${task.id}/deliver`, { lab_id: lab.id });
  await county.post(`/api/v1/samples/${task.id}/receive`, {});
  r = await county.post(`/api/v1/samples/${task.id}/report`, { results: [{ analyte: 'afb1', value: 30, unit: 'µg/kg' }] });
  assert.equal(r.data.verdict, 'fail', JSON.stringify(r.data));
  // another business's sample gives nothing to recall
  r = await who.slaughter.post('/api/v1/recalls', { sample_id: 999999, level: 2, reason: '抽检不合格主动召回' });
  assert.equal(r.data.error.field, 'sample_id');
  r = await who.slaughter.post('/api/v1/recalls', { sample_id: task.id, level: 2, reason: '监督抽检黄曲霉毒素B1不合格，主动召回' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.deepEqual([r.data.recall.epc, r.data.recall.sample_id, r.data.recall.level], [lotCode, task.id, 2]);
  assert.equal(r.data.recall.start_due - r.data.recall.learned_at, 48 * 3600e3, 'level 2: 48 hours');
  const due = (await county.get(`/api/v1/calendar/deadline?from=${srv.today()}&days=20`)).data.deadline;
  assert.equal(r.data.recall.complete_due, due, '20 working days');
  assert.equal(r.data.targets.length, 3);
});
