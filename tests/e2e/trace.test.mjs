// Traceability in a real headless browser (issue 12): a slaughterhouse mints a trace code on its phone (a
// missing product refused beside the field) and sees the QR code to print; a resident's phone opens the
// code's public page with the route; the county traces the ear tag at its desk and orders a recall from
// there; a restaurant on the list confirms its stop on its phone. No console error, no overflow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openAnonymous, openWatched, refused } from './browser.mjs';

let srv, T0, browser, biz = {}, tag;
const CTX = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const doc = (events) => ({ '@context': CTX, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-11-18T02:00:00Z',
  epcisBody: { eventList: events } });
const ent = (e) => `urn:shian:entity:${e.id}`;
// hours after a midnight (Beijing) ten days before the pinned clock, so no event is in its future
const at = (h) => new Date(T0 + h * 3600e3).toISOString().replace('Z', '+00:00');
const ship = (from, to) => ({ sourceList: [{ type: 'owning_party', source: ent(from) }], destinationList: [{ type: 'owning_party', destination: ent(to) }] });

async function capture(who, events) {
  const r = await (await as(srv.base, `b${who.id}`)).post('/epcis/capture', doc(events));
  assert.equal(r.status, 202, JSON.stringify(r.data));
}

before(async () => {
  srv = await startServer({ entities: 200, seed: 73 });
  T0 = Date.parse(`${srv.today()}T00:00:00+08:00`) - 10 * 86400e3;
  browser = await launch();
  const t01 = await as(srv.base, 't01');
  const first = async (kind, n) => (await t01.get(`/api/v1/entities?kind=${kind}&status=active&limit=${n}`)).data.items;
  // the farm and the abattoir: the county's producers (a small demo township may have none)
  [biz.farm, biz.slaughter] = (await (await as(srv.base, 'county')).get('/api/v1/entities?kind=producer&status=active&limit=2')).data.items;
  biz.market = (await first('seller', 1))[0];
  biz.restaurant = (await first('caterer', 1))[0];
  tag = 'urn:shian:eartag:136000000888001';
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('a code minted on a phone, its public page, a trace and a recall at the desk, a stop confirmed on a phone', async () => {
  // the slaughterhouse mints the lot's code on its phone
  const owner = await openWatched(browser, srv.base, `b${biz.slaughter.id}`, true);
  await owner.goto(`${srv.base}/#/trace-codes`);
  await owner.waitForSelector('#code-form');
  await owner.fill('#code-batch', 'B20261110');
  await refused(owner, async () => {
    await owner.click('#code-form button[type=submit]');
    await owner.waitForFunction(() => /产品名称/.test(document.querySelector('.field-error[data-for="product"]')?.textContent || ''));
  });
  await owner.fill('#code-product', '鲜猪肉（前腿）');
  await owner.click('#code-form button[type=submit]');
  await owner.waitForSelector('#code-list tbody tr[data-id] img.code-qr');
  await owner.waitForFunction(() => document.querySelector('#code-list img.code-qr')?.naturalWidth > 0);
  const code = (await owner.textContent('#code-list tbody tr[data-id] td.mono')).trim();
  assert.match(code, /^[2-9A-HJ-NP-Z]{12}$/);
  await noOverflow(owner, 'trace codes');
  clean(owner);

  // the chain, as the businesses capture it
  const lot = `urn:shian:product:${code}`;
  await capture(biz.farm, [
    { type: 'ObjectEvent', eventTime: at(1), eventTimeZoneOffset: '+08:00', action: 'ADD', bizStep: 'commissioning', epcList: [tag], bizLocation: { id: ent(biz.farm) } },
    { type: 'ObjectEvent', eventTime: at(2), eventTimeZoneOffset: '+08:00', action: 'OBSERVE', bizStep: 'shipping', epcList: [tag], ...ship(biz.farm, biz.slaughter) },
  ]);
  await capture(biz.slaughter, [
    { type: 'TransformationEvent', eventTime: at(5), eventTimeZoneOffset: '+08:00', bizStep: 'killing', inputEPCList: [tag],
      outputQuantityList: [{ epcClass: lot, quantity: 180, uom: 'KGM' }], bizLocation: { id: ent(biz.slaughter) } },
    { type: 'ObjectEvent', eventTime: at(8), eventTimeZoneOffset: '+08:00', action: 'OBSERVE', bizStep: 'shipping',
      quantityList: [{ epcClass: lot, quantity: 100, uom: 'KGM' }], ...ship(biz.slaughter, biz.market) },
  ]);
  // the market records its sale to the restaurant on its phone, in its 进出货台账
  const market = await openWatched(browser, srv.base, `b${biz.market.id}`, true);
  await market.goto(`${srv.base}/#/goods`);
  await market.waitForSelector('#shipping-form');
  await market.fill('#shipping-code', code);
  await market.fill('#shipping-quantity', '20');
  await market.click('#shipping-form button[type=submit]'); // no buyer: refused before it is sent
  await market.waitForFunction(() => /购货方|对方/.test(document.querySelector('#shipping-form .field-error[data-for$="destination"]')?.textContent || ''));
  await market.fill('#shipping-partner', '99999999');
  await refused(market, async () => { // a buyer not on file: the server names the field, shown beside it
    await market.click('#shipping-form button[type=submit]');
    await market.waitForFunction(() => /不是在档经营者/.test(document.querySelector('#shipping-form .field-error[data-for$="destination"]')?.textContent || ''));
  });
  const rows = await market.$$eval('#goods-list tbody tr', (tr) => tr.length);
  await market.reload();
  await market.waitForSelector('#goods-list');
  assert.equal(await market.$$eval('#goods-list tbody tr', (tr) => tr.length), rows, 'nothing recorded');
  await market.fill('#shipping-code', code);
  await market.fill('#shipping-quantity', '20');
  await market.fill('#shipping-partner', String(biz.restaurant.id));
  await market.click('#shipping-form button[type=submit]');
  await market.waitForFunction((n) => document.querySelectorAll('#goods-list tbody tr').length === n, rows + 1);
  assert.match(await market.textContent('#goods-list tbody tr'), new RegExp(`发货[\\s\\S]*${code}[\\s\\S]*20千克[\\s\\S]*主体#${biz.restaurant.id}`));
  await noOverflow(market, 'goods ledger');
  clean(market);

  // a resident scans the code
  const phone = await openAnonymous(browser, true);
  await phone.goto(`${srv.base}/#/trace/${code}`);
  await phone.waitForSelector('#trace-route li');
  assert.match(await phone.textContent('#trace-result'), /鲜猪肉（前腿）[\s\S]*B20261110/);
  assert.equal(await phone.$$eval('#trace-route li', (li) => li.length), 5);
  assert.match(await phone.textContent('#trace-route'), new RegExp(`赋码[\\s\\S]*屠宰[\\s\\S]*发货\\s*${biz.market.name}`));
  assert.match(await phone.textContent('#trace-ledger'), /已写入公开账本/);
  await noOverflow(phone, 'public trace page');
  clean(phone);

  // the county traces the ear tag and orders the recall
  const desk = await openWatched(browser, srv.base, 'county', false);
  await desk.goto(`${srv.base}/#/tracing`);
  await desk.fill('#trace-epc', tag);
  await desk.click('form.filters button[type=submit]');
  await desk.waitForSelector('#trace-parties tbody tr[data-entity]');
  assert.equal(await desk.$$eval('#trace-parties tbody tr[data-entity]', (tr) => tr.length), 3);
  assert.match(await desk.textContent('#trace-summary'), /下游共 3 家/);
  await desk.click('#trace-recall');
  await desk.fill('#recall-reason', '监督抽检兽药残留超标');
  await desk.click('#recall-form button[type=submit]');
  await desk.waitForSelector('#recall-targets tbody tr[data-id]');
  assert.match(await desk.textContent('#recall-progress'), /名单 3 家，已确认 0 家/); // the abattoir, the market, the restaurant
  clean(desk);

  // the restaurant on the list confirms on its phone
  const rest = await openWatched(browser, srv.base, `b${biz.restaurant.id}`, true);
  await rest.goto(`${srv.base}/#/recalls`);
  await rest.waitForSelector('#recall-list tbody tr[data-id] a');
  await rest.click('#recall-list tbody tr[data-id] a');
  await rest.waitForSelector('#recall-targets tbody tr[data-id] button');
  const answers = ['已下架封存，退回市场', '20'];
  rest.on('dialog', (d) => d.accept(answers.shift()));
  await rest.click('#recall-targets tbody tr[data-id] button');
  await rest.waitForFunction(() => /已下架封存/.test(document.querySelector('#recall-targets')?.textContent || ''));
  assert.match(await rest.textContent('#recall-progress'), /已确认 1 家/);
  await noOverflow(rest, 'recall on a phone');
  clean(rest);
});
