// The supervision loop in the browser: draw → inspect on a phone-sized screen → fail a key item →
// the business rectifies → the official verifies → the business's risk grade has changed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { png } from '../api/images.mjs';
import { launch, login, shot } from './browser.mjs';

let srv, browser, county;
before(async () => {
  srv = await startServer({ entities: 600, seed: 8 });
  browser = await launch();
  county = await as(srv.base, 'county');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('draw, inspect, rectify, verify: the whole loop, and the grade moves', async () => {
  // 1. the county draws one restaurant and two inspectors, then replays the draw
  const page = await login(browser, srv.base, 'county');
  await page.goto(`${srv.base}/#/draw`);
  await page.fill('#draw-count', '1');
  await page.selectOption('#draw-kind', 'caterer');
  await page.click('#run-draw');
  await page.waitForSelector('#draw-result');
  await page.click('#verify-draw');
  assert.match(await page.textContent('#verify-result'), /复现一致/);
  await shot(page, 'draw');
  const inspectionId = Number((await page.textContent('#draw-result tbody tr td:nth-child(3) a')).slice(1));
  const insp = (await county.get(`/api/v1/inspections/${inspectionId}`)).data.inspection;
  const entityId = insp.entity_id;
  const before = (await county.get(`/api/v1/entities/${entityId}/risk`)).data;

  // 2. a drawn inspector records it on a phone: one key item fails
  let inspector;
  for (let i = 1; i <= 12 && !inspector; i++) {
    const c = await as(srv.base, `inspector${String(i).padStart(2, '0')}`);
    if (c.user.id === insp.inspectors[0].id) inspector = c.user.username;
  }
  assert.ok(inspector, 'the drawn inspector can sign in');
  const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
  const p = await phone.newPage();
  await p.goto(`${srv.base}/#/login`);
  await p.fill('input[name=username]', inspector);
  await p.fill('input[name=password]', 'Shian@2026');
  await p.click('button[type=submit]');
  await p.waitForSelector('#todo'); // an inspector's home is their to-do list
  await p.goto(`${srv.base}/#/inspections`);
  await p.waitForSelector(`#inspection-table tr[data-id="${inspectionId}"]`);
  await p.click(`#inspection-table tr[data-id="${inspectionId}"] a`);
  await p.waitForSelector('.check-item');
  const key = insp.items.find((i) => i.key);
  for (const item of insp.items) {
    const outcome = item.id === key.id ? 'fail' : 'pass';
    await p.check(`.check-item[data-item="${item.id}"] input[value=${outcome}]`);
  }
  await p.click('#complete'); // a failed item without a note is refused
  await p.waitForSelector('#inspection-error:not(.hidden)');
  assert.match(await p.textContent('#inspection-error'), /问题/);
  await p.fill(`.check-item[data-item="${key.id}"] .note`, '未建立进货查验记录');
  await p.setInputFiles(`.check-item[data-item="${key.id}"] .photo-input`, { name: 'site.png', mimeType: 'image/png', buffer: png(40, 30) });
  await p.waitForSelector(`.check-item[data-item="${key.id}"] img.thumb`);
  await p.click('#complete'); // the written result must be signed for on site
  await p.waitForFunction(() => /签收/.test(document.querySelector('#inspection-error')?.textContent || ''));
  await p.fill('#received-by', '张店长');
  await p.click('#complete');
  await p.waitForSelector('#inspection-result');
  assert.match(await p.textContent('#handover'), /现场签收人：张店长/);
  assert.equal(await p.textContent('#inspection-result'), '不符合');
  await shot(p, 'inspection-phone');
  await phone.close();

  // 3. the business acknowledges the result, sees the order and submits what it did
  const biz = await login(browser, srv.base, `b${entityId}`);
  await biz.click('a[href="#/inspections?status=completed"]');
  await biz.click(`#inspection-table tr[data-id="${inspectionId}"] a`);
  await biz.click('#acknowledge');
  await biz.waitForFunction(() => /企业已于/.test(document.querySelector('#acknowledged')?.textContent || ''));
  // (the demo county has video hazards of its own in the inboxes: this test works on its order)
  const orderId = (await county.get(`/api/v1/rectifications?entity=${entityId}`)).data.items
    .find((o) => o.source_type === 'inspection' && o.source_id === inspectionId).id;
  const mine = `.order[data-id="${orderId}"]`;
  await biz.goto(`${srv.base}/#/rectifications`);
  await biz.waitForSelector(mine);
  assert.match(await biz.textContent(mine), /进货查验/);
  await biz.setInputFiles(`${mine} .evidence-photo`, { name: 'fixed.png', mimeType: 'image/png', buffer: png(50, 40) });
  await biz.waitForSelector(`${mine} img.thumb`);
  await biz.fill(`${mine} .evidence`, '已建立进货台账，补齐近三个月票据');
  await biz.click(`${mine} .submit-evidence`);
  await biz.waitForFunction((sel) => !document.querySelector(sel), mine); // off the list of orders to rectify
  await shot(biz, 'rectification-business');

  // 4. the official verifies it
  await page.goto(`${srv.base}/#/rectifications?status=submitted`);
  await page.waitForSelector(`${mine} .accept`);
  assert.match(await page.textContent(mine), /已建立进货台账/);
  assert.equal(await page.locator(`${mine} img.thumb`).count(), 1); // the official sees the evidence photo
  await page.fill(`${mine} .review-note`, '现场核查台账齐全');
  await page.click(`${mine} .accept`);
  await page.waitForFunction((sel) => !document.querySelector(sel), mine);
  const order = (await county.get(`/api/v1/rectifications/${orderId}`)).data.rectification;
  assert.equal(order.status, 'verified');

  // 5. the business page shows the new grade with its reasons
  await page.goto(`${srv.base}/#/entities/${entityId}`);
  await page.waitForSelector('#risk-grade');
  const after = (await county.get(`/api/v1/entities/${entityId}/risk`)).data;
  assert.equal(after.dynamic_score, before.dynamic_score + 16);
  assert.notEqual(after.grade, before.grade);
  assert.equal(await page.textContent('#risk-grade'), after.grade);
  assert.match(await page.textContent('#risk'), /重点项不符合/);
  await shot(page, 'entity-risk');
  assert.deepEqual(page.jsErrors, []);

  // 6. the public sees the published result without signing in
  const anon = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await anon.goto(`${srv.base}/#/public`);
  await anon.waitForSelector('#public-results tbody tr td');
  const name = (await county.get(`/api/v1/entities/${entityId}`)).data.entity.name;
  const row = anon.locator('#public-results tbody tr', { hasText: name });
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /不符合/);
  await shot(anon, 'public-results');
});
