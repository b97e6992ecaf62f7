// 档案时间线 on a business's page, in a real browser at desktop and phone sizes: the count as the API
// says, newest first, a kind chip keeping that kind, 加载更多 reaching every record; the business's own
// page offers no complaints.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ entities: 120, seed: 29 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the county reads a business\'s whole record on its page, by kind and page by page; the business on its phone too', async () => {
  const county = await as(srv.base, 'county');
  // the business with the longest record in the first page of caterers, and three more inspections on it
  const e = (await county.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  for (let k = 0; k < 3; k++)
    assert.equal((await county.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 4] })).status, 201);
  const all = (await county.get(`/api/v1/entities/${e.id}/timeline?limit=100`)).data;
  for (const phone of [false, true]) {
    const page = await openWatched(browser, srv.base, 'county', phone);
    await page.evaluate((id) => { location.hash = `#/entities/${id}`; }, e.id);
    await page.waitForSelector('#timeline .timeline-item');
    assert.match(await page.textContent('#timeline-count'), new RegExp(`共${all.total}条`));
    const first = await page.locator('#timeline .timeline-item').first().getAttribute('data-id');
    assert.equal(Number(first), all.items[0].id);
    while (await page.locator('#timeline-more').isVisible()) {
      const n = await page.locator('#timeline .timeline-item').count();
      await page.click('#timeline-more');
      await page.waitForFunction((k) => document.querySelectorAll('#timeline .timeline-item').length > k, n);
    }
    assert.equal(await page.locator('#timeline .timeline-item').count(), all.total);
    await page.click('#timeline .chip[data-kind="inspection"]');
    await page.waitForFunction(() => [...document.querySelectorAll('#timeline .timeline-item')].every((li) => li.dataset.kind === 'inspection'));
    const inspections = all.items.filter((i) => i.kind === 'inspection').length;
    assert.match(await page.textContent('#timeline-count'), new RegExp(`共${inspections}条`));
    if (phone) await noOverflow(page, 'business page with its timeline');
    clean(page);
  }
  const own = await openWatched(browser, srv.base, `b${e.id}`, true);
  await own.evaluate((id) => { location.hash = `#/entities/${id}`; }, e.id);
  await own.waitForSelector('#timeline .timeline-item');
  assert.equal(await own.locator('#timeline .chip[data-kind="complaint"]').count(), 0);
  await noOverflow(own, 'the business\'s own page');
  clean(own);
});
