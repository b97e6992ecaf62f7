// The public portal in a real headless browser (issue 14), at a desk and at a phone's size, without
// signing in: 商户查询 finds a shop by name, its record shows the face of its latest inspection, its
// licence, inspections and rectifications; a resident rates it; the A5 card at the door carries the
// QR code; 你点我检 takes a vote and a proposal, a phone number in it refused beside the field. The
// staff console links a business to its card and lets it show its kitchen picture. No page is wider
// than the phone and no script or console error happens.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, beijingDate, startServer } from '../api/harness.mjs';
import { png } from '../api/images.mjs';
import { PHONE, clean, launch, noOverflow, openAnonymous, openWatched, refused, shot } from './browser.mjs';

let srv, browser, t01, shop, anon, inspected;
before(async () => {
  srv = await startServer({ entities: 200, seed: 41 });
  browser = await launch();
  t01 = await as(srv.base, 't01');
  anon = new Client(srv.base, { address: '203.0.113.50' });
  // a caterer of t01, inspected today and found 基本符合 (one general item failed)
  const e = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const created = await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 4] });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const insp = created.data.inspection;
  const general = insp.items.find((i) => !i.key);
  const i1 = await as(srv.base, 'inspector01');
  await i1.post(`/api/v1/inspections/${insp.id}/items`, { items: insp.items.map((i) => (i.id === general.id
    ? { item_id: i.id, outcome: 'fail', note: '后厨地面有积水' } : { item_id: i.id, outcome: 'pass' })) });
  const done = await i1.post(`/api/v1/inspections/${insp.id}/complete`, { received_by: '店长' });
  assert.equal(done.status, 200, JSON.stringify(done.data));
  inspected = beijingDate(done.data.inspection.completed_at);
  shop = (await anon.get(`/api/v1/public/shops/${e.id}`)).data;
  assert.equal(shop.face.face, 'fair');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const resident = (phone) => openAnonymous(browser, phone);

// No horizontal overflow at this size, nor (on a phone) at 375 px, the narrowest phone the pages serve.
async function fits(page, where, phone) {
  await noOverflow(page, where);
  if (!phone) return;
  await page.setViewportSize({ width: 375, height: 812 });
  await noOverflow(page, `${where} at 375 px`);
  await page.setViewportSize(PHONE);
}

for (const phone of [false, true]) {
  const size = phone ? 'phone' : 'desktop';
  test(`${size}: search a shop, open its record, see the face and lists, rate it`, async () => {
    const page = await resident(phone);
    await page.goto(`${srv.base}/#/shops`);
    await page.waitForSelector('#shop-list .shop-item');
    const total = (await anon.get('/api/v1/public/shops?limit=1')).data.total;
    assert.equal(await page.textContent('#shops-total'), `共 ${total} 家在营商户`);
    assert.equal(await page.locator('#shop-list .shop-item').count(), 20);
    await page.click('#shops-more'); // 加载更多: the next page below the first
    await page.waitForFunction((n) => document.querySelectorAll('#shop-list .shop-item').length === n, Math.min(40, total));
    await fits(page, `${size} #/shops`, phone);
    await page.fill('#shops-q', shop.name);
    await page.click('#shops-form button[type=submit]');
    const item = page.locator(`#shop-list .shop-item[data-id="${shop.id}"]`);
    await item.waitFor();
    assert.match(await item.textContent(), /基本符合/);
    assert.equal(await item.locator('.face-fair').count(), 1);
    await item.locator('a').click();
    await page.waitForSelector('#shop-face');
    assert.equal(await page.getAttribute('#shop-face', 'data-face'), 'fair');
    assert.match(await page.textContent('#shop-face'), /平脸 · 基本符合/);
    assert.match(await page.textContent('.portal-title'), new RegExp(shop.name));
    assert.match(await page.textContent('#shop-licence'), new RegExp(shop.licence.number));
    assert.match(await page.textContent('#shop-inspections li:first-child'), new RegExp(`${inspected}.*日常检查.*基本符合`));
    assert.match(await page.textContent('#shop-rectifications'), /整改中 \d+ 项/);
    assert.equal(await page.getAttribute('#shop-complain', 'href'), `#/complain?entity=${shop.id}`);
    assert.equal(await page.locator('a[href="#/complain"]').count(), 1, 'the portal nav');
    await fits(page, `${size} #/shop`, phone);
    // nothing personal of the registry on the page
    const record = (await (await as(srv.base, 'county')).get(`/api/v1/entities/${shop.id}`)).data.entity;
    const text = await page.textContent('body');
    for (const k of ['legal_rep', 'legal_rep_phone', 'director_name', 'director_phone', 'officer_name', 'officer_phone'])
      if (record[k]) assert.ok(!text.includes(record[k]), `${k} shown`);
    // a rating: 4 stars (each size rates from its own address: the browser's, through the test proxy header)
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': phone ? '198.51.100.61' : '198.51.100.60' });
    const before = (await anon.get(`/api/v1/public/shops/${shop.id}`)).data.rating.count;
    await page.click('#shop-rating .star[data-score="4"]');
    await page.waitForFunction(() => /感谢/.test(document.querySelector('#rating-error')?.textContent || ''));
    assert.match(await page.textContent('#rating-summary'), new RegExp(`（${before + 1} 人评价）`));
    assert.equal((await anon.get(`/api/v1/public/shops/${shop.id}`)).data.rating.count, before + 1);
    await shot(page, `portal-shop-${size}`);
    clean(page);
    await page.context().close();
  });
}

test('the console links a business to its A5 card (QR code, name, licence) and shows its kitchen picture to the public', async () => {
  const page = await openWatched(browser, srv.base, 't01', false);
  await page.goto(`${srv.base}/#/entities/${shop.id}`);
  await page.waitForSelector('#shop-card-link');
  // the township official shows the kitchen picture on the public page, audited through the API
  await page.waitForSelector('#public-camera:not([disabled])');
  await page.check('#public-camera');
  await page.waitForFunction(async (id) => (await (await fetch(`/api/v1/public/shops/${id}`)).json()).camera_allowed, shop.id);
  // its kitchen camera's picture then shows on the public record
  const cam = await t01.post('/api/v1/cameras', { entity_id: shop.id, name: '后厨', area: 'kitchen', stream_url: 'file:/srv/k.mp4' });
  assert.equal(cam.status, 201, JSON.stringify(cam.data));
  const seen = await t01.post('/api/v1/observations', { camera_id: cam.data.camera.id, observed_at: srv.now() - 1000, label: 'no_hat',
    score: 0.9, box: [0.4, 0.3, 0.1, 0.2], idempotency_key: 'portal-e2e-1', source: 'ai_box', snapshot_base64: png(64, 48).toString('base64') });
  assert.equal(seen.status, 201, JSON.stringify(seen.data));
  const pub = await resident(true);
  await pub.goto(`${srv.base}/#/shop/${shop.id}`);
  await pub.waitForFunction(() => document.querySelector('#shop-camera')?.complete && document.querySelector('#shop-camera').naturalWidth === 64);
  await fits(pub, 'phone #/shop with the kitchen picture', true);
  clean(pub);
  await pub.context().close();
  await page.click('#shop-card-link');
  await page.waitForSelector('#shop-card');
  await page.waitForFunction(() => document.querySelector('#card-qr')?.complete && document.querySelector('#card-qr').naturalWidth > 0);
  assert.ok(await page.evaluate(() => document.querySelector('#card-qr').naturalWidth) > 100);
  const card = await page.textContent('#shop-card');
  assert.match(card, new RegExp(shop.name));
  assert.match(card, new RegExp(shop.licence.number));
  assert.match(card, /扫码查看食品安全档案 · 投诉举报 · 评价/);
  // printed on A5
  const a5 = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules])
    .some((r) => r instanceof CSSPageRule && /size:\s*A5/i.test(r.cssText)));
  assert.ok(a5, '@page { size: A5 }');
  await shot(page, 'portal-card');
  await page.setViewportSize(PHONE);
  await fits(page, 'phone #/shop-card', true);
  clean(page);
  await page.context().close();
});

for (const phone of [false, true]) {
  const size = phone ? 'phone' : 'desktop';
  test(`${size}: 你点我检 takes a vote and a proposal; a phone number is refused beside the field`, async () => {
    const township = t01.user.division_code;
    const made = await new Client(srv.base, { address: `192.0.2.${phone ? 11 : 10}` }).post('/api/v1/public/sampling-proposals',
      { division_code: township, food: `散装白酒${size}` });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    const page = await resident(phone);
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': phone ? '198.51.100.71' : '198.51.100.70' });
    await page.goto(`${srv.base}/#/propose`);
    const card = page.locator(`#proposal-list .proposal[data-id="${made.data.proposal.id}"]`);
    await card.waitFor();
    assert.equal(await card.locator('.votes').textContent(), '0');
    await card.locator('button.vote').click();
    await page.waitForFunction((id) => document.querySelector(`.proposal[data-id="${id}"] .votes`).textContent === '1', made.data.proposal.id);
    assert.equal(await card.locator('button.vote').isDisabled(), true);
    await noOverflow(page, `${size} #/propose`);
    // a proposal with a mobile number in the reason: refused beside the field, nothing stored
    const before = (await anon.get(`/api/v1/public/sampling-proposals?division_code=${township}&limit=100`)).data.total;
    await page.selectOption('#propose-division_code', township);
    await page.fill('#propose-food', `自制米粉${size}`);
    await page.fill('#propose-reason', '老板电话 138 1234 5678');
    await refused(page, async () => {
      await page.click('#propose-submit');
      await page.waitForFunction(() => /请勿填写手机号、身份证号等个人信息/.test(document.querySelector('.field-error[data-for="reason"]')?.textContent || ''));
    });
    assert.match(await page.textContent('.field-error[data-for="reason"]'), /^理由：/);
    assert.equal((await anon.get(`/api/v1/public/sampling-proposals?division_code=${township}&limit=100`)).data.total, before);
    await page.fill('#propose-reason', '味道发酸，担心变质');
    await page.click('#propose-submit');
    await page.waitForFunction(() => /建议已提交/.test(document.querySelector('#propose-done')?.textContent || ''));
    await page.locator('#proposal-list .proposal', { hasText: `自制米粉${size}` }).waitFor();
    assert.equal((await anon.get(`/api/v1/public/sampling-proposals?division_code=${township}&limit=100`)).data.total, before + 1);
    await shot(page, `portal-propose-${size}`);
    await fits(page, `${size} #/propose after`, phone);
    clean(page);
    await page.context().close();
  });
}

test('phone: 检查结果 uses the portal shell and fits', async () => {
  const page = await resident(true);
  await page.goto(`${srv.base}/#/public`);
  await page.waitForSelector('#public-results tbody tr td');
  assert.equal(await page.getAttribute('.portal-nav a.active', 'href'), '#/public');
  await fits(page, 'phone #/public', true);
  clean(page);
  await page.context().close();
});
