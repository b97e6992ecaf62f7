// 小作坊登记 in a real headless browser at a phone's size (issue 17): a workshop applies without an
// account, a product on the negative list is refused beside its field with the entry cited; it uploads a
// photo; the township returns it for correction on its phone, the workshop corrects it, the township
// accepts it and the county issues the certificate; the certificate's public check reads 有效. No page is
// wider than the phone and no script or console error happens.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { png } from '../api/images.mjs';
import { clean, launch, noOverflow, openAnonymous, openWatched, refused, shot } from './browser.mjs';

let srv, browser, t02;
before(async () => {
  srv = await startServer({ entities: 80, seed: 43 });
  browser = await launch();
  t02 = await as(srv.base, 't02');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('phone: apply online, refused by the negative list beside the field, correct, review, certificate', async () => {
  const page = await openAnonymous(browser, true);
  await page.goto(`${srv.base}/#/workshop-apply`);
  await page.waitForSelector('#ws-apply');
  await noOverflow(page, 'application form');
  await page.fill('#ws-name', '青石镇周记米粉坊');
  await page.fill('#ws-operator', '周建华');
  await page.fill('#ws-phone', '13907975566');
  await page.selectOption('#ws-division_code', t02.user.division_code);
  await page.fill('#ws-address', '青石镇河西路6号');
  await page.selectOption('#ws-product-0-code', 'XZF-01');
  await page.fill('#ws-product-0-name', '婴儿米粉');
  await refused(page, async () => {
    await page.click('#ws-submit');
    await page.waitForFunction(() => document.querySelector('[data-for="products[0].name"]')?.textContent);
  });
  const why = await page.textContent('[data-for="products[0].name"]');
  assert.match(why, /负面清单FM-01/);
  await shot(page, 'workshop-apply-refused-phone');
  await page.fill('#ws-product-0-name', '手工米粉');
  await page.click('#ws-add-product');
  await page.selectOption('#ws-product-1-code', 'XZF-08');
  await page.fill('#ws-product-1-name', '米糕');
  await page.click('#ws-submit');
  await page.waitForSelector('#ws-progress[data-status=submitted]');
  const params = new URLSearchParams(page.url().split('?')[1]);
  const id = Number(params.get('id'));
  assert.ok(id > 0 && params.get('key').length === 16);
  assert.equal(await page.textContent('#ws-status'), '待乡镇审查');
  await page.setInputFiles('#ws-upload', { name: 'site.png', mimeType: 'image/png', buffer: png(60, 40) });
  await page.waitForFunction(() => document.querySelector('#ws-files')?.textContent.includes('1 份'));
  await noOverflow(page, 'progress');
  await shot(page, 'workshop-progress-phone');

  // the township, on its phone, returns it for correction
  const official = await openWatched(browser, srv.base, 't02', true);
  await official.goto(`${srv.base}/#/workshops`);
  await official.waitForSelector(`#ws-list [data-id="${id}"]`);
  await official.click(`#ws-list [data-id="${id}"] a`);
  await official.waitForSelector('#ws-review');
  await noOverflow(official, 'review');
  await official.selectOption('#ws-decision', 'return');
  await official.fill('#ws-note', '请补充从业人员健康证明');
  await official.click('#ws-review button[type=submit]');
  await official.waitForSelector('#ws-detail[data-status=returned]');

  // the workshop corrects it and files again
  await page.reload();
  await page.waitForSelector('#ws-correct');
  assert.match(await page.textContent('#ws-progress'), /请补充从业人员健康证明/);
  await page.fill('#ws-correct #ws-note', '已补充健康证明');
  await page.click('#ws-correct button[type=submit]');
  await page.waitForSelector('#ws-progress[data-status=submitted]');

  // accepted on site, then the county issues the certificate
  await official.reload();
  await official.waitForSelector('#ws-review');
  await official.selectOption('#ws-decision', 'accept');
  await official.click('#ws-review button[type=submit]');
  await official.waitForSelector('#ws-detail[data-status=accepted]');
  const county = await openWatched(browser, srv.base, 'county', true);
  await county.goto(`${srv.base}/#/workshop/${id}`);
  await county.click('#ws-issue-button');
  await county.waitForSelector('#ws-detail[data-status=issued] #ws-pdf');
  await noOverflow(county, 'issued');
  await shot(county, 'workshop-issued-phone');

  await page.reload();
  await page.waitForSelector('#ws-progress[data-status=issued]');
  const app = (await t02.get(`/api/v1/workshop-applications/${id}`)).data;
  const cert = (await t02.get(`/api/v1/workshop-certs/${app.cert.id}`)).data;
  await page.goto(`${srv.base}/#/workshop-cert/${cert.verify_code}`);
  await page.waitForSelector('#ws-cert[data-valid=true]');
  assert.match(await page.textContent('#ws-cert'), /手工米粉/);
  await noOverflow(page, 'certificate check');
  for (const p of [page, official, county]) clean(p);
});

test('phone: the township adds a park and picks its registered workshops', async () => {
  const { Client } = await import('../api/harness.mjs');
  const filed = await new Client(srv.base, { address: '198.18.12.1' }).post('/api/v1/public/workshop-applications', {
    division_code: t02.user.division_code, name: '青石镇冯记月饼坊', operator: '冯丽', phone: '13707973344', address: '青石镇园区路2号',
    products: [{ code: 'XZF-08', name: '月饼' }] });
  assert.equal(filed.status, 201, JSON.stringify(filed.data));
  await t02.post(`/api/v1/workshop-applications/${filed.data.application.id}/review`, { decision: 'accept' });
  const county = await as(srv.base, 'county');
  const entityId = (await county.post(`/api/v1/workshop-applications/${filed.data.application.id}/issue`, {})).data.entity_id;
  const page = await openWatched(browser, srv.base, 't02', true);
  await page.goto(`${srv.base}/#/workshop-places`);
  await page.waitForSelector('#place-create');
  await page.selectOption('#place-kind', 'cluster');
  await page.fill('#place-name', '青石镇月饼集中加工区');
  await page.click('#place-create button[type=submit]');
  await page.waitForSelector('#place-workshops');
  await page.check(`#place-workshops input[value="${entityId}"]`);
  await page.click('#place-workshops button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#place-members li').length === 1);
  assert.match(await page.textContent('#place-members'), /冯记月饼坊/);
  await noOverflow(page, 'place');
  await shot(page, 'workshop-place-phone');
  clean(page);
});

test('phone: a registered workshop\'s own account files a renewal from its 登记证 page', async () => {
  const { BIN, Client, PASSWORD } = await import('../api/harness.mjs');
  const { spawnSync } = await import('node:child_process');
  const filed = await new Client(srv.base, { address: '198.18.12.2' }).post('/api/v1/public/workshop-applications', {
    division_code: t02.user.division_code, name: '青石镇卫记豆豉坊', operator: '卫东', phone: '13707975577', address: '青石镇北街9号',
    products: [{ code: 'XZF-09', name: '豆豉' }] });
  await t02.post(`/api/v1/workshop-applications/${filed.data.application.id}/review`, { decision: 'accept' });
  const county = await as(srv.base, 'county');
  const entityId = (await county.post(`/api/v1/workshop-applications/${filed.data.application.id}/issue`, {})).data.entity_id;
  const add = spawnSync(BIN, ['user', 'add', 'ws_e2e_owner', '--role', 'business', '--name', '卫记豆豉坊', `--entity=${entityId}`,
    `--password=${PASSWORD}`, `--db_path=${srv.db}`, '--log_level=warn'], { encoding: 'utf8', env: srv.env() });
  assert.equal(add.status, 0, add.stderr);
  const page = await openWatched(browser, srv.base, 'ws_e2e_owner', true);
  await page.click('nav a[href="#/workshops"]');
  await page.waitForSelector('#ws-change');
  await noOverflow(page, 'my registration');
  page.once('dialog', (d) => d.accept('到期延续'));
  await page.click('#ws-renew');
  await page.waitForSelector('#ws-list [data-status=submitted]');
  assert.match(await page.textContent('#ws-list'), /延续登记/);
  await shot(page, 'workshop-mine-phone');
  clean(page);
});
