// The demo's cameras show real pictures (darknet's photos, made by `shian demo`) on the patrol page
// and the camera wall, at phone and desktop size; 正常 is offered only once a camera's picture has
// loaded, so a camera without one can be recorded 无画面 or 发现问题 but never 正常.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, shot } from './browser.mjs';

let srv, browser, t01, blind, demo;
before(async () => {
  srv = await startServer({ entities: 400, seed: 47 });
  browser = await launch();
  t01 = await as(srv.base, 't01');
  const shop = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const r = await t01.post('/api/v1/cameras', { entity_id: shop.id, name: '新装后厨', area: 'kitchen', stream_url: 'rtsp://10.9.8.7:554/Streaming/Channels/101' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  blind = r.data.camera; // registered today: no picture yet
  await srv.setSetting('patrol_cameras_per_week', '500'); // every camera of the township this week
  const tasks = (await t01.get('/api/v1/patrols')).data.items;
  blind.task = tasks.find((t) => t.camera_id === blind.id);
  demo = tasks.find((t) => t.last_snapshot_id && t.status === 'open');
  assert.ok(demo, 'a demo camera of the township with its picture');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const loaded = (img) => img.complete && img.naturalWidth > 0;

for (const phone of [true, false]) {
  test(`patrols and the camera wall show the demo's pictures; 正常 waits for one (${phone ? 'phone' : 'desktop'})`, async () => {
    const page = await openWatched(browser, srv.base, 't01', phone);
    await page.goto(`${srv.base}/#/video/patrols`);
    const card = page.locator(`.patrol[data-id="${demo.id}"]`);
    await card.locator('form').waitFor();
    await card.locator('img').evaluate((img) => new Promise((ok) => (img.complete ? ok() : img.addEventListener('load', ok))));
    assert.ok(await card.locator('img').evaluate(loaded), 'the picture is a real image');
    assert.ok((await card.locator('img').evaluate((img) => img.naturalWidth)) > 300);
    await page.waitForFunction((id) => !document.querySelector(`.patrol[data-id="${id}"] option[value=normal]`).disabled, demo.id);
    assert.equal(await card.locator('select.outcome').inputValue(), 'normal');

    // the camera without a picture: 暂无画面, and 正常 cannot be chosen
    const none = page.locator(`.patrol[data-id="${blind.task.id}"]`);
    assert.equal(await none.locator('.snapshot.empty').textContent(), '暂无画面');
    assert.equal(await none.locator('option[value=normal]').evaluate((o) => o.disabled), true);
    assert.equal(await none.locator('select.outcome').inputValue(), 'offline');
    assert.match(await none.locator('.normal-hint').textContent(), /画面加载后方可记录/);
    if (phone) await noOverflow(page, 'patrols');
    await shot(page, `pictures-patrols${phone ? '-phone' : ''}`);

    if (!phone) { // recorded as seen: the task keeps the picture looked at
      await card.locator('.findings').fill('人员着装规范，未见异常');
      await card.locator('button[type=submit]').click();
      await page.waitForFunction((id) => /巡查情况/.test(document.querySelector(`.patrol[data-id="${id}"]`).textContent), demo.id);
      const done = (await t01.get('/api/v1/patrols')).data.items.find((t) => t.id === demo.id);
      assert.deepEqual([done.outcome, done.snapshot_id], ['normal', demo.last_snapshot_id]);
    }

    // the business's camera wall shows the same picture
    await page.goto(`${srv.base}/#/entities/${demo.entity_id}`);
    const wall = page.locator(`#camera-wall .camera[data-id="${demo.camera_id}"] img`);
    await wall.waitFor();
    await page.waitForFunction((id) => {
      const img = document.querySelector(`#camera-wall .camera[data-id="${id}"] img`);
      return img.complete && img.naturalWidth > 0;
    }, demo.camera_id);
    if (phone) await noOverflow(page, 'camera wall');
    await shot(page, `pictures-wall${phone ? '-phone' : ''}`);
    clean(page);
  });
}
