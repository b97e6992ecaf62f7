// A business's camera changes are requests its township decides, in the console, at phone and
// desktop sizes: the business asks for a new camera on its phone, the township official sees it in
// 摄像头审批, rejects one without a reason (refused) and then approves it; the camera appears on the
// business's wall and the business reads how it was decided.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { launch, login, shot } from './browser.mjs';

let srv, browser, t01, shop;
before(async () => {
  srv = await startServer({ entities: 300, seed: 23 });
  browser = await launch();
  t01 = await as(srv.base, 't01');
  shop = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const noOverflow = async (page) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
};

test('phone: the business asks for a camera; desktop: the township approves it; the business sees it', async () => {
  // the business, on its phone
  const biz = await login(browser, srv.base, `b${shop.id}`);
  await biz.setViewportSize({ width: 390, height: 844 });
  await biz.click('a[href="#/cameras"]');
  await biz.waitForSelector('#camera-form');
  await biz.fill('#camera-form input[name=name]', '后厨申请1号');
  await biz.selectOption('#camera-form select[name=area]', 'kitchen');
  await biz.fill('#camera-form input[name=stream_url]', 'rtsp://192.168.1.64:554/Streaming/Channels/101');
  await biz.fill('#camera-form input[name=username]', 'admin');
  await biz.fill('#camera-form input[name=password]', 'Req-secret-91');
  await biz.click('#camera-form button[type=submit]');
  await biz.waitForFunction(() => /待乡镇所或县局审批/.test(document.querySelector('#camera-requested')?.textContent || ''));
  await biz.waitForSelector('#camera-request-list .camera-request[data-status="pending"]');
  assert.match(await biz.textContent('#camera-request-list'), /后厨申请1号/);
  assert.equal(await biz.locator('#camera-wall .camera').count(), 0, 'no camera before approval');
  assert.equal(await biz.locator('#camera-request-list button.approve').count(), 0, 'a business does not decide');
  assert.ok(!(await biz.content()).includes('Req-secret-91'));
  await noOverflow(biz);
  await shot(biz, 'camera-request-phone');

  // the township official, at a desk
  const page = await login(browser, srv.base, 't01');
  // the home page says there is something to decide, and leads there
  assert.match(await page.textContent('#home-camera-requests'), /有1条摄像头变更申请待审批/);
  await page.click('#home-camera-requests a');
  const card = page.locator('#camera-requests .camera-request', { hasText: '后厨申请1号' });
  await card.waitFor();
  assert.match(await card.textContent(), new RegExp(shop.name));
  assert.match(await card.textContent(), /含账号密码，已加密保存/);
  assert.ok(!(await page.content()).includes('Req-secret-91'));
  await card.locator('button.reject').click(); // no reason: refused, nothing decided
  await page.waitForFunction(() => /审批意见/.test(document.querySelector('#camera-requests .camera-request .field-error')?.textContent || ''));
  await shot(page, 'camera-request-desktop');
  await card.locator('.decision-note').fill('现场已核实');
  await card.locator('button.approve').click();
  await page.waitForSelector('#no-requests');
  await page.selectOption('#request-status', 'approved');
  await page.waitForSelector('#camera-requests .camera-request[data-status="approved"]');
  assert.match(await page.textContent('#camera-requests'), /现场已核实/);

  // stored as the official approved it, with its credentials sealed
  const cam = (await t01.get(`/api/v1/cameras?entity_id=${shop.id}`)).data.items.find((c) => c.name === '后厨申请1号');
  assert.ok(cam && cam.has_credentials && cam.stream_url === 'rtsp://192.168.1.64:554/Streaming/Channels/101');

  // the business sees its camera and the decision
  await biz.reload();
  await biz.waitForSelector(`#camera-wall .camera[data-id="${cam.id}"]`);
  assert.match(await biz.textContent('#camera-request-list'), /已批准/);
  await noOverflow(biz);
  assert.deepEqual(page.jsErrors, []);
  assert.deepEqual(biz.jsErrors, []);
});
