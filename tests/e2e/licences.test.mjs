// 食品经营许可（告知承诺制） in a real headless browser at a phone's size (issue 17): a licensed caterer applies
// to renew on its phone, is refused beside the form while a commitment is left unsigned, signs every item
// and files; the county issues at once from its queue; the township records the on-site verification as
// inconsistent (ordered to correct); the business reports its correction on the phone, the township returns
// it (a reason required, refused beside the buttons without one), it is reported again and confirmed. No page
// is wider than the phone and no script or console error happens.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, refused, shot } from './browser.mjs';

let srv, browser, t02, shop, appId;
before(async () => {
  srv = await startServer({ entities: 120, seed: 43 });
  browser = await launch();
  t02 = await as(srv.base, 't02');
  for (const e of (await t02.get('/api/v1/entities?status=active&limit=100')).data.items) {
    if (e.licence_kind !== 'jy' || !['seller', 'caterer'].includes(e.kind)) continue;
    const r = await new Client(srv.base).post('/api/v1/auth/login', { username: `b${e.id}`, password: 'Shian@2026' });
    if (r.status === 200) { shop = e; break; }
  }
  assert.ok(shop, 'a licensed shop with an account in 青石镇');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('phone: renew on the commitment, issued by the county at once, verified on site by the township', async () => {
  const page = await openWatched(browser, srv.base, `b${shop.id}`, true);
  await page.goto(`${srv.base}/#/licence-apply`);
  await page.waitForSelector('#lic-form');
  assert.match(await page.textContent('#lic-current'), new RegExp(shop.licence_no));
  await noOverflow(page, 'application form');
  await page.selectOption('#lic-kind', 'renew');
  await page.fill('#lic-signer', '店主王芳');
  const boxes = await page.$$('#lic-commitments input[type=checkbox]');
  assert.equal(boxes.length, 6);
  for (const b of boxes.slice(0, 5)) await b.check();
  await refused(page, async () => {
    await page.click('#lic-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#lic-error')?.textContent);
  });
  assert.match(await page.textContent('#lic-error'), /未签署承诺事项LC-06/);
  await boxes[5].check();
  await page.click('#lic-form button[type=submit]');
  await page.waitForSelector('#lic-list [data-status=submitted]');
  await noOverflow(page, 'filed');
  await shot(page, 'licence-apply-phone');
  const id = Number(await page.getAttribute('#lic-list [data-status=submitted]', 'data-id'));
  appId = id;

  const county = await openWatched(browser, srv.base, 'county', true);
  await county.goto(`${srv.base}/#/licence-queue`);
  await county.waitForSelector(`#lic-list [data-id="${id}"] .lic-issue`);
  await noOverflow(county, 'queue');
  await shot(county, 'licence-queue-phone');
  await county.click(`#lic-list [data-id="${id}"] .lic-issue`);
  await county.waitForFunction((x) => !document.querySelector(`#lic-list [data-id="${x}"]`), id);

  const official = await openWatched(browser, srv.base, 't02', true);
  await official.goto(`${srv.base}/#/licence-verify`);
  await official.waitForSelector(`#lic-list [data-id="${id}"] .lic-inconsistent`);
  await noOverflow(official, 'verification list');
  await official.fill(`#lic-list [data-id="${id}"] .lic-note`, '冷藏设施与承诺不符');
  await official.click(`#lic-list [data-id="${id}"] .lic-inconsistent`);
  await official.waitForFunction((x) => !document.querySelector(`#lic-list [data-id="${x}"]`), id);
  await official.goto(`${srv.base}/#/licence-verify?tab=done`);
  await official.waitForSelector(`#lic-list [data-id="${id}"]`);
  assert.match(await official.textContent(`#lic-list [data-id="${id}"]`), /不相符.*责令.*整改/);
  await shot(official, 'licence-verify-phone');
  await official.goto(`${srv.base}/#/licence-verify?tab=expiring`);
  await official.waitForSelector('#lic-expiring');
  await noOverflow(official, 'expiring');

  await page.reload();
  await page.waitForSelector('#lic-list [data-status=issued]');
  assert.match(await page.textContent('#lic-list'), /不相符/);
  const a = (await t02.get(`/api/v1/licence-applications/${id}`)).data;
  assert.deepEqual([a.status, a.verify_result, a.licence_no], ['issued', 'inconsistent', shop.licence_no]);
  for (const p of [page, county, official]) clean(p);
});

test('phone: the business reports the correction, the township returns it with a reason, then confirms it', async () => {
  const page = await openWatched(browser, srv.base, `b${shop.id}`, true);
  await page.goto(`${srv.base}/#/licence-apply`);
  const card = `#lic-list [data-id="${appId}"]`;
  await page.waitForSelector(`${card} .lic-corrected`);
  await page.fill(`${card} .lic-note`, '已更换冷藏柜并建立温度记录');
  await page.click(`${card} .lic-corrected`);
  await page.waitForSelector(`${card} .lic-correction[data-state=reported]`);
  await noOverflow(page, 'correction reported');

  const official = await openWatched(browser, srv.base, 't02', true);
  await official.goto(`${srv.base}/#/licence-verify?tab=corrections`);
  await official.waitForSelector(`${card} .lic-return`);
  assert.match(await official.textContent(card), /已更换冷藏柜并建立温度记录/);
  await refused(official, async () => {
    await official.click(`${card} .lic-return`);
    await official.waitForFunction((sel) => document.querySelector(`${sel} .field-error`)?.textContent, card);
  });
  assert.match(await official.textContent(`${card} .field-error`), /确认意见/);
  await official.fill(`${card} .lic-note`, '温度记录不全');
  await official.click(`${card} .lic-return`);
  await official.waitForFunction((sel) => !document.querySelector(sel), card);
  await noOverflow(official, 'corrections to confirm');

  await page.reload();
  await page.waitForSelector(`${card} .lic-correction[data-state=ordered]`);
  assert.match(await page.textContent(`${card} .lic-correction`), /整改被退回，温度记录不全/);
  await page.fill(`${card} .lic-note`, '已补齐每日温度记录');
  await page.click(`${card} .lic-corrected`);
  await page.waitForSelector(`${card} .lic-correction[data-state=reported]`);

  await official.reload();
  await official.waitForSelector(`${card} .lic-confirm`);
  await official.click(`${card} .lic-confirm`);
  await official.waitForFunction((sel) => !document.querySelector(sel), card);
  await page.reload();
  await page.waitForSelector(`${card} .lic-correction[data-state=confirmed]`);
  await shot(page, 'licence-correction-phone');
  const a = (await t02.get(`/api/v1/licence-applications/${appId}`)).data;
  assert.deepEqual([a.correction, a.correct_note], ['confirmed', '已补齐每日温度记录']);
  for (const p of [page, official]) clean(p);
});
