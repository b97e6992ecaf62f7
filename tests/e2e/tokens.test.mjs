// 设备令牌 in the console (issue 10, "Device tokens: listed, revocable, with an expiry, rotated without
// downtime, shown once"): the secret appears once with a copy button and a warning, the list never
// shows it, revocation asks for confirmation and the ingest API refuses the revoked token at once.
// Desktop and phone sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from '../api/harness.mjs';
import { launch, login, shot } from './browser.mjs';

let srv, browser, t01, camera;
before(async () => {
  srv = await startServer({ entities: 300, seed: 23 });
  browser = await launch();
  t01 = await as(srv.base, 't01');
  const shop = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const cam = await t01.post('/api/v1/cameras', { entity_id: shop.id, name: '令牌测试后厨', area: 'kitchen', stream_url: 'rtsp://10.0.0.9/stream1' });
  assert.equal(cam.status, 201, JSON.stringify(cam.data));
  camera = cam.data.camera;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const device = (token) => Object.assign(new Client(srv.base), { token });
let seq = 0;
const observe = (token) => device(token).post('/api/v1/observations', { camera_id: camera.id, observed_at: srv.now() - 1000,
  label: 'smoking', score: 0.9, box: [0.4, 0.3, 0.1, 0.2], idempotency_key: `tokens-e2e-${++seq}`, source: 'ai_box' });

async function open(size) {
  const page = await login(browser, srv.base, 't01');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.base });
  if (size === 'phone') await page.setViewportSize({ width: 390, height: 844 });
  await page.click('a[href="#/tokens"]');
  await page.waitForSelector('#token-table');
  return page;
}

// Creates a token in the page; returns its id and the secret as shown.
async function create(page, name, days) {
  await page.fill('#token-name', name);
  if (days) await page.selectOption('#token-days', String(days));
  await page.click('#token-create');
  await page.waitForSelector('#token-secret-value');
  const secret = (await page.textContent('#token-secret-value')).trim();
  assert.match(secret, /^[0-9a-f]{64}$/);
  assert.match(await page.textContent('#token-warning'), /只显示这一次/);
  const id = Number(await page.locator('#token-table tbody tr', { hasText: name }).first().getAttribute('data-id'));
  return { id, secret };
}

for (const size of ['desktop', 'phone']) {
  test(`${size}: a new token's secret is shown once, copied, and never listed`, async () => {
    const page = await open(size);
    const name = `东门农贸市场AI盒子-${size}`;
    const { id, secret } = await create(page, name, 90);
    const row = (await t01.get('/api/v1/tokens?limit=500')).data.items.find((t) => t.id === id);
    assert.equal(row.name, name);
    assert.equal(row.expires_at, row.created_at + 90 * 86400e3, 'the chosen expiry');
    await page.click('#token-copy');
    await page.waitForFunction(() => document.querySelector('#token-copied')?.textContent);
    if ((await page.textContent('#token-copied')).includes('已复制'))
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    await shot(page, `tokens-secret-${size}`);
    // the list, the secret box closed, and the page reloaded: the secret is nowhere
    await page.click('#token-done');
    assert.equal(await page.locator('#token-secret-value').count(), 0);
    assert.ok(!(await page.textContent('#app')).includes(secret));
    await page.reload();
    await page.waitForSelector(`#token-table tbody tr[data-id="${id}"]`);
    assert.ok(!(await page.content()).includes(secret), 'the list never shows the secret');
    assert.match(await page.textContent(`#token-table tbody tr[data-id="${id}"]`), /有效.*/);
    assert.match(await page.textContent(`#token-table tbody tr[data-id="${id}"]`), /从未使用/);
    if (size === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
    }
    assert.deepEqual(page.jsErrors, []);
  });

  test(`${size}: revoke asks first, then the ingest API refuses the token`, async () => {
    const page = await open(size);
    const { id, secret } = await create(page, `吊销测试盒子-${size}`);
    await page.click('#token-done');
    const ok = await observe(secret);
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    await page.reload();
    const row = `#token-table tbody tr[data-id="${id}"]`;
    await page.waitForSelector(row);
    assert.doesNotMatch(await page.textContent(row), /从未使用/, 'the last use is shown');
    await page.click(`${row} button.revoke`);
    await page.waitForSelector(`${row} button.confirm-revoke`);
    assert.match(await page.textContent(row), /确认吊销/);
    assert.equal((await observe(secret)).status, 201, 'nothing happens before the confirmation');
    await page.click(`${row} button.confirm-revoke`);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('已吊销'), row);
    await shot(page, `tokens-revoked-${size}`);
    const refused = await observe(secret);
    assert.equal(refused.status, 401, JSON.stringify(refused.data));
    assert.equal((await t01.get('/api/v1/tokens?limit=500')).data.items.find((t) => t.id === id).status, 'revoked');
    assert.equal(await page.locator(`${row} button.revoke`).count(), 0, 'a revoked token has no actions');
    assert.deepEqual(page.jsErrors, []);
  });
}

test('rotate: the new secret is shown once and works; the old one works until the grace end', async () => {
  const page = await open('desktop');
  const { id, secret } = await create(page, '轮换测试盒子');
  await page.click('#token-done');
  const row = `#token-table tbody tr[data-id="${id}"]`;
  await page.click(`${row} button.rotate`);
  await page.selectOption(`${row} select.grace`, '24');
  await page.click(`${row} button.confirm-rotate`);
  await page.waitForSelector('#token-secret-value');
  const fresh = (await page.textContent('#token-secret-value')).trim();
  assert.notEqual(fresh, secret);
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('宽限至'), row);
  assert.equal((await observe(fresh)).status, 201);
  assert.equal((await observe(secret)).status, 201, 'no downtime: the old secret still works');
  const t = (await t01.get('/api/v1/tokens?limit=500')).data.items.find((x) => x.id === id);
  assert.equal(t.grace_until, t.rotated_at + 24 * 3600e3);
  assert.deepEqual(page.jsErrors, []);
});

test('paging: every token is reachable page by page', async () => {
  for (let i = 0; i < 22; i++) assert.equal((await t01.post('/api/v1/tokens', { name: `分页盒子${i}` })).status, 201);
  const total = (await t01.get('/api/v1/tokens?limit=1')).data.total;
  const page = await open('desktop');
  assert.match(await page.textContent('#token-total'), new RegExp(`共 ${total} 个令牌`));
  const seen = new Set();
  for (;;) {
    for (const id of await page.locator('#token-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id))) seen.add(id);
    if (await page.locator('#token-next').isDisabled()) break;
    const first = await page.locator('#token-table tbody tr').first().getAttribute('data-id');
    await page.click('#token-next');
    await page.waitForFunction((f) => document.querySelector('#token-table tbody tr')?.dataset.id !== f, first);
  }
  assert.equal(seen.size, total);
  assert.equal((await t01.get('/api/v1/tokens?limit=0')).status, 400);
});
