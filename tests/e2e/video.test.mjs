// Smart video supervision in the console: a camera is registered on the business page, an AI box
// reports smoking with a snapshot, the township official confirms the hazard in the review queue,
// the business rectifies it with the snapshot in front of it, the official verifies, the figures move,
// and the week's online patrol is recorded.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from '../api/harness.mjs';
import { jpeg } from '../api/images.mjs';
import { launch, login, shot } from './browser.mjs';

let srv, browser, county;
before(async () => {
  srv = await startServer({ entities: 600, seed: 21 });
  browser = await launch();
  county = await as(srv.base, 't01'); // the township official of 梅林镇 (t01)
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('camera → AI alert → confirmed hazard → business rectifies → verified; figures and patrol', async () => {
  const t01 = county;
  const shop = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const before = (await t01.get('/api/v1/video/stats?group=violation')).data.totals;

  // 1. the official registers the kitchen camera on the business page; the password is never shown
  const page = await login(browser, srv.base, 't01');
  await page.goto(`${srv.base}/#/entities/${shop.id}`);
  await page.waitForSelector('#camera-form');
  await page.fill('#camera-form input[name=name]', '后厨测试1号');
  await page.selectOption('#camera-form select[name=area]', 'kitchen');
  await page.fill('#camera-form input[name=stream_url]', 'rtsp://10.9.8.7:554/Streaming/Channels/101');
  await page.fill('#camera-form input[name=username]', 'admin');
  await page.fill('#camera-form input[name=password]', 'Cam-secret-77');
  await page.click('#camera-form button[type=submit]');
  await page.waitForFunction(() => [...document.querySelectorAll('#camera-wall .camera strong')].some((s) => s.textContent === '后厨测试1号'));
  assert.ok(!(await page.content()).includes('Cam-secret-77'));
  const cam = (await t01.get(`/api/v1/cameras?entity_id=${shop.id}`)).data.items.find((c) => c.name === '后厨测试1号');
  assert.ok(cam, 'camera stored');

  // 2. an AI box (device token of the township) reports smoking with a snapshot
  const token = (await t01.post('/api/v1/tokens', { name: 'AI盒子' })).data.token;
  const box = new Client(srv.base);
  box.token = token;
  const snap = await jpeg(320, 180);
  const obs = await box.post('/api/v1/observations', {
    camera_id: cam.id, observed_at: srv.now(), label: 'smoking', score: 0.88, box: [0.25, 0.2, 0.3, 0.6],
    idempotency_key: `e2e-${srv.now()}`, snapshot_base64: snap.toString('base64'),
  });
  assert.equal(obs.status, 201, JSON.stringify(obs.data));
  const alertId = obs.data.alert.id;
  assert.equal(obs.data.alert.status, 'open');

  // 3. the review queue shows the snapshot with the box; the official confirms the hazard
  await page.click('a[href="#/video"]');
  await page.waitForSelector(`.alert[data-id="${alertId}"] .snapshot img`);
  await page.waitForFunction((id) => document.querySelector(`.alert[data-id="${id}"] .snapshot img`).naturalWidth === 320, alertId);
  const style = await page.getAttribute(`.alert[data-id="${alertId}"] .snapshot .box`, 'style');
  assert.match(style, /left:\s*25%/);
  assert.match(await page.textContent(`.alert[data-id="${alertId}"] .violation`), /吸烟/);
  await shot(page, 'video-review');
  await page.click(`.alert[data-id="${alertId}"] button.confirm`);
  await page.waitForFunction((id) => !document.querySelector(`.alert[data-id="${id}"]`), alertId);

  // 4. the business sees the hazard with the snapshot and submits what it did
  const biz = await login(browser, srv.base, `b${shop.id}`);
  // (the demo county has video hazards of its own: this test works on the order of its alert)
  const orderId = (await t01.get(`/api/v1/alerts/${alertId}`)).data.alert.rectification.id;
  const mine = `.order[data-id="${orderId}"]`;
  await biz.goto(`${srv.base}/#/rectifications`);
  await biz.waitForSelector(`${mine} .order-snapshot img`);
  assert.match(await biz.getAttribute(`${mine} .order-snapshot .box`, 'style'), /left:\s*25%/);
  assert.match(await biz.textContent(mine), /AI视频识别/);
  assert.match(await biz.textContent(mine), /吸烟/);
  await shot(biz, 'video-hazard-business');
  await biz.fill(`${mine} .evidence`, '已对当事员工进行教育，后厨张贴禁烟标识');
  await biz.click(`${mine} .submit-evidence`);
  await biz.waitForFunction((sel) => !document.querySelector(sel), mine);
  await biz.click('a[href="#/cameras"]');
  await biz.waitForSelector('#camera-wall .camera');

  // 5. the official verifies; the figures count one hazard found, confirmed and rectified on time
  await page.goto(`${srv.base}/#/rectifications?status=submitted`);
  await page.waitForSelector(`${mine} .accept`);
  await page.click(`${mine} .accept`);
  await page.waitForFunction((sel) => !document.querySelector(sel), mine);
  const after = (await t01.get('/api/v1/video/stats?group=violation')).data.totals;
  assert.equal(after.confirmed, before.confirmed + 1);
  assert.equal(after.rectified_on_time, before.rectified_on_time + 1);
  await page.click('a[href="#/video"]');
  await page.click('a[href="#/video/stats"]');
  await page.waitForSelector('#stats-violation tbody tr');
  const row = page.locator('#stats-violation tbody tr', { hasText: '吸烟' });
  assert.ok(Number((await row.locator('td').nth(2).textContent()).trim()) >= 1);
  await page.waitForSelector('#coverage tbody tr');
  await shot(page, 'video-stats');

  // 6. the week's online patrol: record one camera as normal
  await page.click('a[href="#/video/patrols"]');
  await page.waitForSelector('.patrol form, #no-patrols');
  if (await page.locator('.patrol form').count()) {
    const first = page.locator('.patrol').first();
    const id = await first.getAttribute('data-id');
    await first.locator('.findings').fill('人员着装规范，未见异常');
    await first.locator('button[type=submit]').click();
    await page.waitForFunction((i) => /巡查情况/.test(document.querySelector(`.patrol[data-id="${i}"]`)?.textContent || ''), id);
  }
  await shot(page, 'video-patrols');
  assert.deepEqual(page.jsErrors, []);
  assert.deepEqual(biz.jsErrors, []);
});

test('zones drawn on the camera picture: a mask over the window is saved, and a detection there no longer alerts', async () => {
  const t01 = county;
  const shop = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=3')).data.items[2];
  const cam = (await t01.post('/api/v1/cameras', { entity_id: shop.id, name: '后厨区域测试', area: 'kitchen',
    stream_url: 'rtsp://10.9.8.9:554/Streaming/Channels/101' })).data.camera;
  const page = await login(browser, srv.base, 't01');
  await page.goto(`${srv.base}/#/entities/${shop.id}`);
  const card = page.locator(`#camera-wall .camera[data-id="${cam.id}"]`);
  assert.match(await card.locator('.zones-summary').textContent(), /全画面/);
  assert.equal(await card.locator('.health-note').count(), 0, 'nothing to say before the analyser has spoken');
  await card.locator('button.edit-zones').click();
  await page.waitForSelector('#zone-editor .zone-canvas');
  const canvas = page.locator('#zone-editor .zone-canvas');
  const b = await canvas.boundingBox();
  // the top-right quarter of the picture, where the window is
  for (const [x, y] of [[0.5, 0.02], [0.98, 0.02], [0.98, 0.5], [0.5, 0.5]]) await page.mouse.click(b.x + x * b.width, b.y + y * b.height);
  await page.click('#zone-editor .finish-zone'); // no name yet: refused
  assert.match(await page.textContent('#zone-editor .zone-error'), /名称/);
  await page.fill('#zone-editor .zone-name', '窗户');
  await page.selectOption('#zone-editor .zone-type', 'mask');
  await page.click('#zone-editor .finish-zone');
  assert.equal(await page.locator('#zone-editor polygon.zone.mask').count(), 1);
  await shot(page, 'video-zones');
  await page.click('#zone-editor .save-zones');
  await page.waitForFunction((id) => /屏蔽·窗户/.test(document.querySelector(`#camera-wall .camera[data-id="${id}"] .zones-summary`)?.textContent || ''), cam.id);
  const zones = (await t01.get(`/api/v1/cameras/${cam.id}`)).data.camera.zones;
  assert.equal(zones.length, 1);
  assert.deepEqual([zones[0].name, zones[0].type, zones[0].points.length], ['窗户', 'mask', 4]);
  for (const [x, y] of zones[0].points) assert.ok(x >= 0.45 && x <= 1 && y >= 0 && y <= 0.55, JSON.stringify(zones[0].points));

  // a cat whose feet are under the window is masked; one on the floor below still alerts
  const token = (await t01.post('/api/v1/tokens', { name: 'AI盒子-区域' })).data.token;
  const boxClient = new Client(srv.base);
  boxClient.token = token;
  const seen = async (box, key) => (await boxClient.post('/api/v1/observations', { camera_id: cam.id, observed_at: srv.now(), label: 'cat',
    score: 0.9, box, idempotency_key: key })).data.observation.outcome;
  assert.equal(await seen([0.7, 0.1, 0.1, 0.2], `zone-in-${srv.now()}`), 'outside_zone');
  assert.equal(await seen([0.2, 0.6, 0.1, 0.2], `zone-out-${srv.now()}`), 'alert');
  assert.deepEqual(page.jsErrors, []);
});

test('the alert list loads more until its end, never stopping silently', async () => {
  let all = 0, cursor;
  do {
    const r = (await county.get(`/api/v1/alerts?status=confirmed&limit=200${cursor ? `&cursor=${cursor}` : ''}`)).data;
    all += r.items.length;
    cursor = r.next_cursor;
  } while (cursor);
  assert.ok(all > 10, `the township has more than one page of confirmed alerts (${all})`);
  const page = await login(browser, srv.base, 't01'); // as the API client above (\`county\` is t01)
  await page.goto(`${srv.base}/#/video?status=confirmed`);
  await page.waitForSelector('#alert-list .alert');
  assert.equal(await page.locator('#alert-list .alert').count(), 10);
  while (await page.locator('#more-alerts').count()) {
    await page.click('#more-alerts');
    await page.waitForFunction(() => document.querySelector('#alerts-end') || !document.querySelector('#more-alerts')?.disabled);
  }
  assert.equal(await page.locator('#alert-list .alert').count(), all);
  assert.equal(await page.locator('#alert-list .alert').evaluateAll((els) => new Set(els.map((e) => e.dataset.id)).size), all);
  assert.deepEqual(page.jsErrors, []);
});

test('the camera wall says in words what the analyser\'s health reports: frames too small, timestamp jumps, night frames', async () => {
  const shop = (await county.get('/api/v1/entities?kind=caterer&status=active&limit=4')).data.items[3];
  const cam = (await county.post('/api/v1/cameras', { entity_id: shop.id, name: '后厨健康测试', area: 'kitchen',
    stream_url: 'rtsp://10.9.8.10:554/Streaming/Channels/101' })).data.camera;
  const analyser = new Client(srv.base);
  analyser.token = (await county.post('/api/v1/tokens', { name: 'shian-vision-健康' })).data.token;
  const r = await analyser.post(`/api/v1/cameras/${cam.id}/heartbeat`, { health: { frames: 0, detect_fps: 0, small_frames: 10,
    small_width: 2, small_height: 2, timestamp_jumps: 1, grey_frames: 0 } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const page = await login(browser, srv.base, 't01');
  await page.goto(`${srv.base}/#/entities/${shop.id}`);
  const notes = page.locator(`#camera-wall .camera[data-id="${cam.id}"] .health-note`);
  await notes.first().waitFor();
  assert.deepEqual(await notes.allTextContents(), ['画面尺寸 2×2 过小（至少 16×16），画面未能分析',
    '视频时间戳跳变 1 次（摄像头重启推流或录像拼接），已自动校正']);
  assert.deepEqual(page.jsErrors, []);
});
