// 名特优小作坊 in the console (issue 17): the county reads the list and a recognised workshop's criteria with
// their evidence at desktop size; a township official nominates a newly registered workshop on the phone —
// an empty statement is refused beside its field — sees that it fails the year of registration, rejects
// without a note (refused beside the note) and then forwards it with the on-site criteria recorded; the
// public list of recognised workshops leads to the shop page, which shows it. No page is wider than the phone; no script or console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openAnonymous, openWatched, refused, shot } from './browser.mjs';

let srv, browser, county, t01, recognised, fresh;

before(async () => {
  srv = await startServer({ entities: 120, seed: 43 });
  browser = await launch();
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  recognised = (await county.get('/api/v1/famous-workshops?status=valid')).data.items[0];
  // a workshop of t01's township registered today
  const app = await new Client(srv.base, { address: '203.0.113.61' }).post('/api/v1/public/workshop-applications', {
    division_code: t01.user.division_code, name: '界面测试麻糍坊', operator: '张秀英', phone: '13907970001', address: '老街6号',
    products: [{ code: 'XZF-08', name: '麻糍' }] });
  assert.equal(app.status, 201, JSON.stringify(app.data));
  assert.equal((await t01.post(`/api/v1/workshop-applications/${app.data.application.id}/review`, { decision: 'accept' })).status, 200);
  const cert = (await county.post(`/api/v1/workshop-applications/${app.data.application.id}/issue`, {})).data.cert;
  fresh = (await county.get(`/api/v1/workshop-certs/${cert.id}`)).data.entity_id;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the county reads the list and a recognised workshop\'s criteria with their evidence', async () => {
  assert.ok(recognised, 'the demo county has a recognised workshop');
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.goto(`${srv.base}/#/famous`);
  const row = page.locator(`#famous-table tr[data-id="${recognised.id}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), new RegExp(`${recognised.entity_name}.*已认定`));
  await row.locator('a').click();
  await page.waitForSelector('#famous-criteria');
  assert.equal(await page.locator('#famous-criteria tr[data-pass="true"]').count(), await page.locator('#famous-criteria tbody tr').count());
  assert.match(await page.textContent('#famous-criteria tr[data-code="registered_days"]'), /登记，至今\d+天/);
  assert.match(await page.textContent('#famous-summary'), /认定有效期/);
  await page.waitForSelector('#famous-revoke');
  clean(page);
  await page.context().close();
});

test('a township official nominates a workshop on the phone, and reviews it', async () => {
  const page = await openWatched(browser, srv.base, 't01', true);
  await page.goto(`${srv.base}/#/famous`);
  await page.click('#famous-new');
  await page.fill('#famous-form input[name=entity_id]', String(fresh));
  await refused(page, async () => {
    await page.click('#famous-save');
    await page.waitForSelector('#famous-form .field-error[data-for="statement"]:has-text("申报说明")');
  });
  await noOverflow(page, 'famous form');
  await page.fill('#famous-form textarea[name=statement]', '传统手工麻糍，本地特色');
  await page.click('#famous-save');
  await page.waitForSelector('#famous-criteria');
  assert.match(await page.textContent('#famous-criteria tr[data-code="registered_days"]'), /不符合.*至今0天/);
  assert.equal(await page.locator('#famous-criteria tr[data-code="site_hygiene"] .badge').textContent(), '待核查');
  await noOverflow(page, 'famous record');
  await page.selectOption('#famous-review select[name=decision]', 'reject');
  await refused(page, async () => {
    await page.click('#famous-review-save');
    await page.waitForSelector('#famous-review .field-error[data-for="note"]:not(:empty)');
  });
  await page.selectOption('#famous-review select[name=decision]', 'forward');
  await page.selectOption('#famous-review select[name="pass-traditional_craft"]', 'true');
  await page.selectOption('#famous-review select[name="pass-site_hygiene"]', 'true');
  await page.fill('#famous-review input[name="note-site_hygiene"]', '布局合理');
  await page.click('#famous-review-save');
  await page.waitForSelector('#famous-summary:has-text("待县局认定")');
  assert.match(await page.textContent('#famous-criteria tr[data-code="site_hygiene"]'), /符合.*布局合理/);
  assert.match(await page.textContent('#famous-events'), /推荐.*乡镇推荐上报/);
  await noOverflow(page, 'famous record reviewed');
  await shot(page, 'famous-phone');
  clean(page);
  await page.context().close();
});

test('the public list of recognised workshops leads to the shop page, which shows the recognition', async () => {
  const shop = await openAnonymous(browser, true);
  await shop.goto(`${srv.base}/#/famous-workshops`);
  await shop.waitForSelector('#famous-list li');
  await noOverflow(shop, 'famous list');
  await shop.click(`#famous-list a[href="#/shop/${recognised.entity_id}"]`);
  await shop.waitForSelector('#shop-famous');
  assert.match(await shop.textContent('#shop-famous'), new RegExp(`有效期 ${recognised.recognised_on} 至 ${recognised.valid_until}`));
  await noOverflow(shop, 'shop page');
  clean(shop);
  await shop.context().close();
});
