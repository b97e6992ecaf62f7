// 地图选点 (issue 15): on a business's form the townships' boundaries are drawn (no map tiles); a click on
// the map fills longitude and latitude with a place inside the county, the typed fields stay and can be
// corrected by hand, and what is saved is what the fields show. At a desk and on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, shot } from './browser.mjs';

let srv, browser, county, box;
before(async () => {
  srv = await startServer({ entities: 120, seed: 41 });
  browser = await launch();
  county = await as(srv.base, 'county');
  // the county's extent, from the boundaries the map draws
  const pts = (await county.get('/api/v1/boundaries')).data.features
    .flatMap((f) => f.geometry.coordinates.flat(f.geometry.type === 'Polygon' ? 1 : 2));
  box = { lng: [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))], lat: [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))] };
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const inside = (v, [lo, hi]) => v >= lo && v <= hi;

test('a click on the townships\' map sets the business\'s coordinates; typed ones are kept; both are saved', async () => {
  const entities = (await county.get('/api/v1/entities?status=active&limit=2')).data.items;
  for (const [k, phone] of [[0, false], [1, true]]) {
    const e = entities[k];
    const page = await openWatched(browser, srv.base, 'county', phone);
    await page.evaluate((id) => { location.hash = `#/entities/${id}`; }, e.id);
    await page.click('#edit');
    await page.waitForSelector('#location-map canvas');
    await page.waitForFunction(() => /点击地图/.test(document.querySelector('#location-note').textContent));
    const lng = page.locator('#edit-form input[name=lng]'), lat = page.locator('#edit-form input[name=lat]');
    const was = [await lng.inputValue(), await lat.inputValue()];
    await page.locator('#location-map').scrollIntoViewIfNeeded();
    const map = await page.locator('#location-map').boundingBox();
    await page.mouse.click(map.x + map.width * 0.5, map.y + map.height * 0.45);
    await page.waitForFunction((old) => document.querySelector('#edit-form input[name=lng]').value !== old, was[0]);
    const picked = [Number(await lng.inputValue()), Number(await lat.inputValue())];
    assert.ok(inside(picked[0], box.lng) && inside(picked[1], box.lat), `${picked} lies in the county ${JSON.stringify(box)}`);
    assert.match(await lng.inputValue(), /^\d+\.\d{6}$/);
    if (phone) await noOverflow(page, 'the map on a business\'s form');
    await shot(page, `location-map-${phone ? 'phone' : 'desk'}`);
    // the fields stay typed: a hand correction of the latitude wins over the click
    const typed = (picked[1] + 0.0001).toFixed(6);
    await lat.fill(typed);
    await page.click('#save');
    await page.waitForSelector('#edit-form', { state: 'detached' });
    const saved = (await county.get(`/api/v1/entities/${e.id}`)).data.entity;
    assert.equal(saved.lng, picked[0]);
    assert.equal(saved.lat, Number(typed));
    clean(page);
  }
});

test('an out-of-range coordinate typed by hand is refused by its field and nothing changes', async () => {
  const e = (await county.get('/api/v1/entities?status=active&limit=3')).data.items[2];
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.evaluate((id) => { location.hash = `#/entities/${id}`; }, e.id);
  await page.click('#edit');
  await page.waitForSelector('#location-map canvas');
  page.refusing = true;
  await page.fill('#edit-form input[name=lat]', '95');
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('.field-error[data-field="lat"]')?.textContent);
  page.refusing = false;
  assert.match(await page.textContent('.field-error[data-field="lat"]'), /[\u4e00-\u9fa5]/);
  assert.equal((await county.get(`/api/v1/entities/${e.id}`)).data.entity.lat, e.lat ?? null);
  clean(page);
});
