// 指挥大屏 (#/dashboard, issue 15): the county's command room opens the dashboard from the menu; the
// headline cards, the map of the townships and their ranking draw (at desktop and phone sizes, the cards
// stacking on the phone); choosing another figure recolours the map and re-ranks; the page refreshes
// itself every 60 s, and its 更新于 stamp follows the platform's clock. No script or console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, refused, shot } from './browser.mjs';

let srv, browser, expected;

before(async () => {
  srv = await startServer({ entities: 200, seed: 31 });
  browser = await launch();
  expected = (await (await as(srv.base, 'county')).get('/api/v1/dashboard')).data;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Pixels of a chart's canvas that are drawn (not transparent), and the canvas as an image to compare.
async function drawn(page, sel) {
  return page.evaluate((s) => {
    const c = document.querySelector(`${s} canvas`);
    if (!c || !c.width || !c.height) return { painted: 0, url: '' };
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 16) if (data[i] > 0) painted++;
    return { painted, url: c.toDataURL() };
  }, sel);
}

async function open(page) {
  await page.click('nav a[href="#/dashboard"]');
  await page.waitForSelector('#dashboard #dash-map canvas');
  await page.waitForSelector('#dash-rank canvas');
  await page.waitForFunction(() => /更新于 \d\d:\d\d:\d\d/.test(document.querySelector('#dash-stamp').textContent));
  await page.waitForTimeout(1500); // the charts' entry animation
}

const seconds = (stamp) => { const [h, m, s] = stamp.match(/(\d\d):(\d\d):(\d\d)/).slice(1).map(Number); return h * 3600 + m * 60 + s; };

test('the county opens the dashboard: cards, map and ranking drawn; another figure recolours the map', async () => {
  const page = await openWatched(browser, srv.base, 'county', false);
  await open(page);
  assert.equal(await page.locator('.sidebar').count(), 0, 'the whole screen, no menu');
  const cards = await page.locator('#dash-cards .dash-card').allTextContents();
  assert.equal(cards.length, expected.figures.length);
  const archive = (expected.total.archive_rate * 100).toFixed(1);
  assert.ok(cards.some((c) => c.includes('建档率') && c.includes(`${archive}%`)), cards.join(' | '));
  assert.ok(cards.some((c) => c.includes('在册经营主体') && c.includes(expected.total.businesses.toLocaleString('zh-CN'))), cards.join(' | '));
  const map = await drawn(page, '#dash-map');
  const rank = await drawn(page, '#dash-rank');
  assert.ok(map.painted > 500, `map painted ${map.painted}`);
  assert.ok(rank.painted > 500, `ranking painted ${rank.painted}`);
  // the map holds every township, valued by the chosen figure
  const series = await page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('#dash-map')).getOption().series[0].data);
  assert.equal(series.length, expected.townships.length);
  const bars = await page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('#dash-rank')).getOption().yAxis[0].data.length);
  assert.equal(bars, expected.townships.filter((t) => t.archive_rate != null).length);
  await shot(page, 'dashboard-desktop');

  await page.selectOption('#dash-figure', 'businesses');
  await page.waitForFunction(() => document.querySelector('#dash-map-title').textContent.startsWith('在册经营主体'));
  await page.waitForTimeout(1500);
  const recoloured = await drawn(page, '#dash-map');
  assert.ok(recoloured.painted > 500);
  assert.notEqual(recoloured.url, map.url, 'the map is coloured by the new figure');
  const values = await page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('#dash-map')).getOption().series[0].data);
  for (const t of expected.townships) assert.equal(values.find((v) => v.name === t.name).value, t.businesses, t.name);
  assert.match(await page.textContent('#dash-note'), /在册经营主体：登记在册/);
  clean(page);
});

test('on a phone the cards stack and the charts still draw', async () => {
  const page = await openWatched(browser, srv.base, 't01', true);
  await page.setViewportSize({ width: 1280, height: 860 }); // the menu to click, then the phone
  await open(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(800);
  await noOverflow(page, 'dashboard on a phone');
  const boxes = await page.locator('#dash-cards .dash-card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.width]));
  assert.ok(new Set(boxes.map(([left]) => Math.round(left))).size <= 2, 'at most two cards a row');
  assert.ok(boxes.every(([, w]) => w <= 390));
  assert.ok((await drawn(page, '#dash-map')).painted > 200);
  assert.ok((await drawn(page, '#dash-rank')).painted > 200);
  await shot(page, 'dashboard-phone');
  clean(page);
});

test('the dashboard refreshes itself every 60 s without a reload and its stamp follows the clock', async () => {
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.clock.install();
  await open(page);
  const first = await page.textContent('#dash-stamp');
  await page.evaluate(() => { window.notReloaded = true; });
  await srv.travel(10 * 60e3); // the platform's clock moves on ten minutes
  await page.clock.fastForward(61000);
  await page.waitForFunction((f) => document.querySelector('#dash-stamp').textContent !== f, first, { timeout: 15000 });
  const second = await page.textContent('#dash-stamp');
  assert.ok((seconds(second) - seconds(first) + 86400) % 86400 >= 600, `${first} → ${second}`);
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
  clean(page);
});

test('the county imports its own boundaries from the dashboard; a faulty file is refused in Chinese', async () => {
  const page = await openWatched(browser, srv.base, 'county', false);
  await open(page);
  const [a] = expected.townships;
  const upload = (fc) => page.setInputFiles('#boundary-import input[type=file]', { name: '乡镇边界.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(fc)) });
  await page.click('#boundary-import >> xpath=.. >> summary');
  await upload({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: a.code }, geometry: { type: 'Point', coordinates: [115, 25] } }] });
  await refused(page, async () => {
    await page.click('#boundary-save');
    await page.waitForSelector(`#boundary-import .form-error:has-text("乡镇${a.code}的边界应为Polygon或MultiPolygon")`);
  });
  const before_ = await drawn(page, '#dash-map');
  const square = [[[115.0, 25.2], [115.6, 25.2], [115.6, 25.8], [115.0, 25.8], [115.0, 25.2]]];
  await upload({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: a.code }, geometry: { type: 'Polygon', coordinates: square } }] });
  await page.click('#boundary-save');
  await page.waitForSelector('#boundary-done:has-text("已导入 1 个乡镇（街道）的边界")');
  await page.waitForTimeout(500);
  assert.notEqual((await drawn(page, '#dash-map')).url, before_.url, 'the map is drawn on the new boundary');
  clean(page);
});
