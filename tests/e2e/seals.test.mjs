// 食安封签 on the phone (issue 17): a diner types the number printed on a takeaway seal (#/seal) and reads,
// without signing in, the business it was issued to, the batch's date and whether the business reported it
// used; a number never issued says "未发放". The county issues a batch to a business found by name (no
// entity id typed) and the business reports the numbers it sealed orders with. No page is wider than the
// phone; no script or console error but the expected 404 of the number never issued.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, businessesWithLogin, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openAnonymous, openWatched, shot } from './browser.mjs';

let srv, browser, entity, biz, batch;

before(async () => {
  srv = await startServer({ entities: 120, seed: 47 });
  browser = await launch();
  const county = await as(srv.base, 'county');
  [[entity, biz]] = await businessesWithLogin(county, srv.base, 1);
  batch = (await county.post('/api/v1/seal-batches', { entity_id: entity.id, prefix: 'SE26', first_no: 1, last_no: 200 })).data;
  assert.equal((await biz.post(`/api/v1/seal-batches/${batch.id}/uses`, { seal_nos: [3] })).status, 200);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('a diner checks a seal\'s number on the phone: issued and used, issued and not yet used, never issued', async () => {
  const page = await openAnonymous(browser, true);
  await page.goto(`${srv.base}/#/seal`);
  await page.fill('#seal-code', 'se26-000003');
  await page.click('#seal-lookup button[type=submit]');
  await page.waitForSelector('#seal-result[data-issued="true"]');
  assert.equal(await page.getAttribute('#seal-result', 'data-used'), 'true');
  const text = await page.textContent('#seal-result');
  assert.match(text, new RegExp(`本平台发放的食安封签.*SE26-3.*${entity.name}.*${batch.issued_on}`));
  assert.match(await page.textContent('#seal-used'), new RegExp(`已报告使用（${srv.today()}）`));
  await noOverflow(page, 'seal used');
  await shot(page, 'seal-check-phone');

  await page.goto(`${srv.base}/#/seal/SE26-4`);
  await page.waitForSelector('#seal-result[data-used="false"]');
  assert.match(await page.textContent('#seal-used'), /尚未报告使用/);
  // the business's name leads to its public shop page
  await page.click(`#seal-result a[href="#/shop/${entity.id}"]`);
  await page.waitForSelector('.portal-title');

  await page.goto(`${srv.base}/#/seal/SE26-999`);
  await page.waitForSelector('#seal-result[data-issued="false"]');
  assert.match(await page.textContent('#seal-result'), /SE26-999 未发放/);
  await noOverflow(page, 'seal not issued');
  assert.deepEqual(page.jsErrors, []);
  assert.ok(page.consoleErrors.every((m) => /status of 404/.test(m)), JSON.stringify(page.consoleErrors));
  await page.context().close();
});

test('the county issues a batch to a business found by name; the business reports the numbers it used', async () => {
  const page = await openWatched(browser, srv.base, 'county', true);
  await page.goto(`${srv.base}/#/seals`);
  await page.click('#seal-new');
  await page.fill('#seal-form #entity-search', entity.name);
  await page.click('#seal-form #entity-search-button');
  await page.click(`#seal-form .entity-choice[data-id="${entity.id}"]`);
  assert.equal(await page.textContent('#seal-form #picked-entity strong'), entity.name);
  await page.fill('#seal-form input[name=prefix]', 'SF26');
  await page.fill('#seal-form input[name=first_no]', '1');
  await page.fill('#seal-form input[name=last_no]', '50');
  await noOverflow(page, 'seal form');
  await page.click('#seal-save');
  await page.waitForSelector('#seal-table tr:has-text("SF26-1")');
  assert.match(await page.textContent('#seal-table tr:has-text("SF26-1")'), new RegExp(`${entity.name}.*0 / 50`));
  clean(page);
  await page.context().close();

  const own = await openWatched(browser, srv.base, `b${entity.id}`, true);
  await own.goto(`${srv.base}/#/seals`);
  const row = own.locator('#seal-table tr:has-text("SF26-1")');
  await row.locator('input[name=seal_nos]').fill('5, 7-8');
  await row.locator('.seal-numbers-save').click();
  await own.waitForSelector('#seal-table tr:has-text("SF26-1"):has-text("3 / 50")');
  await noOverflow(own, 'seals of the business');
  clean(own);
  await own.context().close();
  const b = (await biz.get('/api/v1/seal-batches')).data.items.find((x) => x.prefix === 'SF26');
  assert.deepEqual([b.used, b.seals_reported], [3, 3]);
});
