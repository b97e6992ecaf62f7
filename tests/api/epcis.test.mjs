// EPCIS 2.0 capture and query (issue 12): a document's events are checked field by field and stored all
// together or not at all; a business captures only its own events, officials their jurisdiction's; the
// simple event query filters, pages with Link headers and shows a corrected event with the declaration
// that corrects it; every event is a leaf of the ledger.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

let srv, T0, county, t01, t02, anon, a, b, c, bizA, bizB, bizC;
const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const doc = (events) => ({ '@context': CTX, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-11-18T02:00:00Z',
  epcisBody: { eventList: events } });
const ent = (e) => `urn:shian:entity:${e.id}`;
// hours after a midnight (Beijing) ten days before the pinned clock, so no event is in its future
const at = (h) => new Date(T0 + h * 3600e3).toISOString();
const LOT = 'urn:epc:class:lgtin:4012345.012345.998877';
const shipment = (h, from, to, extra = {}) => ({ type: 'ObjectEvent', eventTime: at(h), eventTimeZoneOffset: '+08:00', action: 'OBSERVE',
  bizStep: 'shipping', disposition: 'in_transit', quantityList: [{ epcClass: LOT, quantity: 10 + h, uom: 'KGM' }],
  sourceList: [{ type: 'owning_party', source: ent(from) }], destinationList: [{ type: 'owning_party', destination: ent(to) }],
  bizLocation: { id: ent(from) }, ...extra });
const eventsOf = (r) => r.data.epcisBody.queryResults.resultsBody.eventList;
const ledgerSize = async () => (await anon.get('/api/v1/ledger/leaves?start=0&limit=1')).data.size;

before(async () => {
  srv = await startServer({ entities: 300, seed: 72 });
  T0 = Date.parse(`${srv.today()}T00:00:00+08:00`) - 10 * 86400e3;
  [county, t01, t02] = await Promise.all(['county', 't01', 't02'].map((u) => as(srv.base, u)));
  anon = new Client(srv.base);
  const first = async (client, kind) => (await client.get(`/api/v1/entities?kind=${kind}&status=active&limit=1`)).data.items[0];
  [bizA, bizB, bizC] = [await first(t01, 'producer'), await first(t01, 'seller'), await first(t02, 'caterer')];
  assert.ok(bizA && bizB && bizC, 'the demo has the businesses');
  [a, b, c] = await Promise.all([bizA, bizB, bizC].map((e) => as(srv.base, `b${e.id}`)));
});
after(async () => { await srv.stop(); });

test('bad events are refused with the field named, as a path in the document; nothing of the document is stored', async () => {
  const good = shipment(1, bizA, bizB);
  const cases = [
    [{ eventTime: '2026-11-12 08:00' }, 'epcisBody.eventList[0].eventTime'],
    [{ eventTime: '2026-11-12T08:00:00' }, 'epcisBody.eventList[0].eventTime'], // no offset
    [{ eventTimeZoneOffset: '+8' }, 'epcisBody.eventList[0].eventTimeZoneOffset'],
    [{ type: 'ThingEvent' }, 'epcisBody.eventList[0].type'],
    [{ action: undefined }, 'epcisBody.eventList[0].action'],
    [{ action: 'MOVE' }, 'epcisBody.eventList[0].action'],
    [{ quantityList: undefined, epcList: ['urn:shian:eartag:13600000077700'] }, 'epcisBody.eventList[0].epcList[0]'], // 14 digits
    [{ quantityList: [{ epcClass: 'lot 5', quantity: 1 }] }, 'epcisBody.eventList[0].quantityList[0].epcClass'],
    [{ quantityList: [{ epcClass: LOT, quantity: -1, uom: 'KGM' }] }, 'epcisBody.eventList[0].quantityList[0].quantity'],
    [{ quantityList: [{ epcClass: LOT, uom: 'KGM' }] }, 'epcisBody.eventList[0].quantityList[0].uom'],
    [{ quantityList: [] }, 'epcisBody.eventList[0].epcList'],
    [{ bizStep: 'butchering' }, 'epcisBody.eventList[0].bizStep'],
    [{ disposition: 'fresh' }, 'epcisBody.eventList[0].disposition'],
    [{ colour: 'red' }, 'epcisBody.eventList[0].colour'],
    [{ destinationList: [{ type: 'owning_party', destination: 'urn:shian:entity:99999999' }] }, 'epcisBody.eventList[0].destinationList[0].destination'],
    [{ sourceList: [{ type: 'seller', source: ent(bizA) }] }, 'epcisBody.eventList[0].sourceList[0].type'],
    [{ sensorElementList: [{ sensorReport: [{ type: 'gs1:Temperature', value: 'cold' }] }] }, 'epcisBody.eventList[0].sensorElementList[0].sensorReport[0]'],
    [{ eventTime: new Date(srv.now() + 3 * 86400e3).toISOString() }, 'epcisBody.eventList[0].eventTime'], // in the future
    // what only the standard's JSON Schema (data/epcis/) looks at
    [{ ilmd: { 'cbvmda:lotNumber': 'L1' } }, 'epcisBody.eventList[0].ilmd', /JSON Schema/], // master data of an instance: only when it is made (ADD)
    [{ sensorElementList: [{ sensorMetadata: { time: 'yesterday' }, sensorReport: [{ type: 'gs1:Temperature', value: 4, uom: 'CEL' }] }] },
      'epcisBody.eventList[0].sensorElementList[0].sensorMetadata.time', /JSON Schema/],
    [{ persistentDisposition: { set: 'completeness_verified' } }, 'epcisBody.eventList[0].persistentDisposition.set', /JSON Schema/],
  ];
  const before = await ledgerSize();
  for (const [change, field, message] of cases) {
    const r = await a.post('/epcis/capture', doc([{ ...good, ...change }]));
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(change));
    assert.match(r.data.error.message, /^第1个事件：/);
    if (message) assert.match(r.data.error.message, message);
  }
  // the second event is bad: the first, good, is not stored either
  const r = await a.post('/epcis/capture', doc([good, { ...good, eventTime: at(2), bizStep: 'butchering' }]));
  assert.deepEqual([r.status, r.data.error?.field], [400, 'epcisBody.eventList[1].bizStep']);
  for (const [body, field] of [[{ ...doc([good]), type: 'EPCISQueryDocument' }, 'type'], [doc([]), 'epcisBody.eventList'],
    [{ ...doc([good]), schemaVersion: '1.2' }, 'schemaVersion'], [{ ...doc([good]), creationDate: undefined }, 'creationDate']]) {
    const x = await a.post('/epcis/capture', body);
    assert.deepEqual([x.status, x.data.error?.field], [400, field]);
  }
  const many = await a.post('/epcis/capture', doc(Array.from({ length: 501 }, (_, i) => ({ ...good, eventTime: at(i % 24) }))));
  assert.equal(many.status, 413);
  assert.equal(eventsOf(await a.get('/epcis/events')).length, 0, 'nothing stored');
  assert.equal(await ledgerSize(), before, 'nothing in the ledger');
});

test('a business captures only its own events; officials for the businesses of their jurisdiction', async () => {
  const own = shipment(3, bizA, bizB);
  const refused = [
    [a, { ...own, bizLocation: { id: ent(bizB) } }, 'epcisBody.eventList[0].bizLocation.id'], // at another's place
    [a, { ...shipment(3, bizB, bizC), bizLocation: undefined }, 'epcisBody.eventList[0].sourceList'], // between others
    [t02, own, 'epcisBody.eventList[0].bizLocation.id'], // another township's business
  ];
  for (const [who, ev, field] of refused) {
    const r = await who.post('/epcis/capture', doc([ev]));
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(ev.bizLocation));
  }
  // the receiver records its receipt of A's goods: itself a party, its own place
  const got = await b.post('/epcis/capture', doc([{ ...shipment(4, bizA, bizB), bizStep: 'receiving', disposition: 'in_progress', bizLocation: { id: ent(bizB) } }]));
  assert.equal(got.status, 202, JSON.stringify(got.data));
  // 城关's official captures for A, the county for anyone
  assert.equal((await t01.post('/epcis/capture', doc([shipment(5, bizA, bizB)]))).status, 202);
  assert.equal((await county.post('/epcis/capture', doc([{ ...shipment(6, bizC, bizA), bizLocation: { id: ent(bizC) } }]))).status, 202);
  // a device token of the township captures as the township does
  const tok = (await t01.post('/api/v1/tokens', { name: '冷库温度采集器' })).data;
  const device = new Client(srv.base);
  device.token = tok.token;
  const sensed = await device.post('/epcis/capture', doc([{ type: 'ObjectEvent', eventTime: at(7), eventTimeZoneOffset: '+08:00', action: 'OBSERVE',
    bizStep: 'sensor_reporting', epcList: ['urn:shian:seal:SEAL000123'], bizLocation: { id: ent(bizA) },
    sensorElementList: [{ sensorMetadata: { time: at(7) }, sensorReport: [{ type: 'gs1:Temperature', value: 3.5, uom: 'CEL' }] }] }]));
  assert.equal(sensed.status, 202, JSON.stringify(sensed.data));
  const cold = eventsOf(await t01.get('/epcis/events?EQ_bizStep=sensor_reporting'));
  assert.deepEqual(cold.map((e) => e.sensorElementList[0].sensorReport[0].value), [3.5], 'the temperature kept as sent');
});

test('capture: 202 with the job\'s Location; the job seen by its business and its township only; an event hash as eventID; the same event twice is a conflict', async () => {
  const ev = shipment(8, bizA, bizB);
  const size0 = await ledgerSize();
  const r = await a.post('/epcis/capture', doc([ev]));
  assert.equal(r.status, 202, JSON.stringify(r.data));
  assert.equal(r.headers.get('location'), `/epcis/capture/${r.data.captureID}`);
  assert.equal(r.headers.get('gs1-epcis-version'), '2.0.0');
  assert.deepEqual([r.data.success, r.data.running, r.data.eventCount], [true, false, 1]);
  const [id] = r.data.eventIDs;
  assert.match(id, /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  for (const [who, status] of [[a, 200], [t01, 200], [county, 200], [b, 404], [t02, 404], [c, 404]])
    assert.equal((await who.get(r.headers.get('location'))).status, status);
  assert.equal((await a.get('/epcis/capture/999999')).status, 404);
  // the same event again: refused, nothing added
  const again = await a.post('/epcis/capture', doc([ev]));
  assert.deepEqual([again.status, again.data.error?.field], [409, 'epcisBody.eventList[0].eventID']);
  const twice = await a.post('/epcis/capture', doc([shipment(9, bizA, bizB), shipment(9, bizA, bizB)]));
  assert.deepEqual([twice.status, twice.data.error?.field], [400, 'epcisBody.eventList[1].eventID']);
  // an eventID sent is kept; its leaf is in the ledger
  const named = await a.post('/epcis/capture', doc([{ ...shipment(10, bizA, bizB), eventID: 'urn:uuid:6f1c1d2a-1111-4c3e-9a55-000000000010' }]));
  assert.deepEqual(named.data.eventIDs, ['urn:uuid:6f1c1d2a-1111-4c3e-9a55-000000000010']);
  // the event's leaf: its hash, the one its eventID names
  const [leaf] = (await anon.get(`/api/v1/ledger/leaves?start=${size0}&limit=1`)).data.items;
  assert.deepEqual([leaf.kind, leaf.entry_hash], ['event', id.slice(14, 78)]);
});

test('the query: filters, time order, pages by Link until the end, and who sees what', async () => {
  const all = eventsOf(await a.get('/epcis/events?perPage=200'));
  assert.ok(all.length >= 6, JSON.stringify(all.length));
  const times = all.map((e) => Date.parse(e.eventTime));
  assert.deepEqual(times, [...times].sort((x, y) => x - y), 'oldest first');
  assert.ok(all.every((e) => e.eventID && e.recordTime), 'eventID and recordTime on each');
  // pages of 2, following Link, give the same events once each
  const seen = [];
  let url = '/epcis/events?perPage=2';
  while (url) {
    const r = await a.get(url);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    seen.push(...eventsOf(r).map((e) => e.eventID));
    const link = r.headers.get('link');
    url = link ? /<([^>]+)>; rel="next"/.exec(link)[1] : null;
  }
  assert.deepEqual(seen, all.map((e) => e.eventID));
  // newest first, by pages too
  const back = [];
  url = '/epcis/events?perPage=3&orderDirection=DESC';
  while (url) {
    const r = await a.get(url);
    back.push(...eventsOf(r).map((e) => e.eventID));
    url = /<([^>]+)>; rel="next"/.exec(r.headers.get('link') || '')?.[1];
  }
  assert.deepEqual(back, all.map((e) => e.eventID).reverse());
  // filters
  const ships = eventsOf(await a.get('/epcis/events?EQ_bizStep=shipping&perPage=200'));
  assert.ok(ships.length && ships.every((e) => e.bizStep === 'shipping'));
  assert.equal(eventsOf(await a.get(`/epcis/events?EQ_bizStep=${encodeURIComponent('https://ref.gs1.org/cbv/BizStep-shipping')}&perPage=200`)).length,
    ships.length, 'the URI form is the short name');
  const window = eventsOf(await a.get(`/epcis/events?GE_eventTime=${encodeURIComponent(at(4))}&LT_eventTime=${encodeURIComponent(at(6))}&perPage=200`));
  assert.deepEqual(window.map((e) => Date.parse(e.eventTime)), [Date.parse(at(4)), Date.parse(at(5))]);
  assert.ok(eventsOf(await a.get(`/epcis/events?MATCH_epc=${encodeURIComponent(LOT)}&perPage=200`)).length >= 5);
  assert.equal(eventsOf(await a.get('/epcis/events?MATCH_epc=urn:epc:class:lgtin:4012345.012345.000000')).length, 0);
  assert.equal(eventsOf(await a.get('/epcis/events?eventType=TransformationEvent')).length, 0);
  for (const [q, field] of [['GE_eventTime=yesterday', 'GE_eventTime'], ['nextPageToken=abc', 'nextPageToken'], ['perPage=0', 'perPage'],
    ['eventType=ThingEvent', 'eventType'], ['orderDirection=UP', 'orderDirection']]) {
    const r = await a.get(`/epcis/events?${q}`);
    assert.deepEqual([r.status, r.data.error?.field], [400, field], q);
  }
  // the receiver sees the shipments to it; another township's business and official see none of them
  assert.deepEqual(eventsOf(await b.get('/epcis/events?EQ_bizStep=shipping&perPage=200')).map((e) => e.destinationList[0].destination),
    [ent(bizB), ent(bizB), ent(bizB)]);
  assert.deepEqual(eventsOf(await c.get(`/epcis/events?MATCH_epc=${encodeURIComponent(LOT)}&EQ_bizLocation=${encodeURIComponent(ent(bizA))}`)), []);
  assert.deepEqual(eventsOf(await t02.get(`/epcis/events?EQ_bizLocation=${encodeURIComponent(ent(bizA))}`)), []);
  assert.equal((await anon.get('/epcis/events')).status, 401);
});

test('an errorDeclaration corrects an event without editing it: the query shows both, tracing follows the correction', async () => {
  const wrong = { ...shipment(12, bizA, bizC), bizLocation: { id: ent(bizA) }, quantityList: [{ epcClass: 'urn:shian:product:ERR-LOT-1', quantity: 40, uom: 'KGM' }] };
  const [wrongId] = (await a.post('/epcis/capture', doc([wrong]))).data.eventIDs;
  const right = { ...wrong, destinationList: [{ type: 'owning_party', destination: ent(bizB) }], eventID: 'urn:uuid:6f1c1d2a-1111-4c3e-9a55-000000000012' };
  const declaration = { ...wrong, eventID: wrongId, errorDeclaration: { declarationTime: at(13), reason: 'incorrect_data', correctiveEventIDs: [right.eventID] } };
  assert.equal((await b.post('/epcis/capture', doc([{ ...declaration, bizLocation: { id: ent(bizB) } }]))).status, 400, 'not its event');
  const fixed = await a.post('/epcis/capture', doc([right, declaration]));
  assert.equal(fixed.status, 202, JSON.stringify(fixed.data));
  const evs = eventsOf(await a.get('/epcis/events?MATCH_epc=urn:shian:product:ERR-LOT-1'));
  assert.deepEqual(evs.map((e) => e.eventID), [wrongId, right.eventID]);
  assert.equal(evs[0].errorDeclaration.reason, 'incorrect_data');
  assert.equal(evs[0].destinationList[0].destination, ent(bizC), 'the event itself unchanged');
  const again = await a.post('/epcis/capture', doc([{ ...declaration, errorDeclaration: { declarationTime: at(14) } }]));
  assert.deepEqual([again.status, again.data.error?.field], [409, 'epcisBody.eventList[0].eventID']);
  const f = (await county.get('/api/v1/trace?epc=urn:shian:product:ERR-LOT-1&direction=forward')).data;
  assert.deepEqual(f.parties.map((p) => p.entity_id), [bizB.id], 'the corrected shipment is left out');
});
