// The web console in a real headless browser: login, search, business page, township confinement,
// import with a bad row, editing with history.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { as, breakCheck, startServer, uscc } from '../api/harness.mjs';
import { SHOTS, launch, login, shot } from './browser.mjs';

let srv, browser, county;
before(async () => {
  srv = await startServer({ entities: 600, seed: 5 });
  browser = await launch();
  county = await as(srv.base, 'county');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('a wrong password is refused with a message; the right one opens the home page with counts', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${srv.base}/`);
  await page.waitForSelector('input[name=username]'); // not signed in: sent to the login page
  await page.fill('input[name=username]', 'county');
  await page.fill('input[name=password]', 'wrong-pass1');
  await page.click('button[type=submit]');
  await page.waitForSelector('#login-error:not(.hidden)');
  assert.match(await page.textContent('#login-error'), /用户名或密码错误/);
  await shot(page, 'login-error');
  await page.fill('input[name=password]', 'Shian@2026');
  await page.click('button[type=submit]');
  await page.waitForSelector('#stat-total');
  const total = (await county.get('/api/v1/stats/overview')).data.total;
  assert.equal(Number(await page.textContent('#stat-total .stat-value')), total);
  assert.ok(await page.locator('#completeness tbody tr').count() >= 42);
  await shot(page, 'home');
  await context.close();
});

test('search by part of a name and a filter, open the business, see its fields and history', async () => {
  const page = await login(browser, srv.base, 'county');
  const target = (await county.get('/api/v1/entities?kind=caterer&limit=5')).data.items[2];
  const part = [...target.name].slice(-5).join('');
  await page.click('a[href="#/entities"]');
  await page.waitForSelector('#entity-table tbody tr');
  await page.fill('#search-q', part);
  await page.selectOption('#filter-kind', 'caterer');
  await page.click('#search-button');
  await page.waitForFunction((name) => [...document.querySelectorAll('#entity-table tbody tr td:first-child')]
    .some((td) => td.textContent === name), target.name);
  const names = await page.locator('#entity-table tbody tr td:first-child').allTextContents();
  assert.ok(names.every((n) => n.includes(part)), names.join(','));
  const kinds = await page.locator('#entity-table tbody tr td:nth-child(2)').allTextContents();
  assert.ok(kinds.every((k) => k === '餐饮服务'));
  await shot(page, 'search');
  await page.click(`#entity-table tr[data-id="${target.id}"] a`);
  await page.waitForSelector('#entity-name');
  assert.equal(await page.textContent('#entity-name'), target.name);
  assert.equal(await page.textContent('dd[data-field=uscc]'), target.uscc);
  assert.equal(await page.textContent('dd[data-field=kind]'), '餐饮服务');
  assert.match(await page.textContent('#history'), /新建/);
  // the history says how many entries it has, and pages through them
  assert.match(await page.textContent('#history-card .pager'), /共 \d+ 条/);
  await shot(page, 'entity');
  assert.deepEqual(page.jsErrors, []);
});

test('a township official sees only its own township', async () => {
  const page = await login(browser, srv.base, 't02');
  const me = await (await as(srv.base, 't02')).get('/api/v1/me');
  await page.goto(`${srv.base}/#/entities`);
  await page.waitForSelector('#entity-table tbody tr');
  const towns = await page.locator('#entity-table tbody tr td:nth-child(5)').allTextContents();
  assert.ok(towns.length > 0);
  assert.ok(towns.every((t) => t === me.data.user.jurisdiction_name), towns.join(','));
  assert.equal(await page.locator('#filter-township option').count(), 2); // "all" and its own
  // a guessed id of another township shows an error, not the business
  const foreign = (await county.get('/api/v1/entities?limit=100')).data.items.find((e) => e.township_code !== me.data.user.division_code);
  await page.goto(`${srv.base}/#/entities/${foreign.id}`);
  await page.waitForSelector('.error');
  assert.equal(await page.locator('#entity-name').count(), 0);
  assert.match(await page.textContent('.error'), /不存在|管辖/);
  await shot(page, 'township-foreign-id');
});

test('import a file with a bad row: the row, field and reason are shown, the good row goes in', async () => {
  const page = await login(browser, srv.base, 't01');
  const t01 = await as(srv.base, 't01');
  const village = (await t01.get(`/api/v1/divisions?parent=${t01.user.division_code}`)).data.items[0].code;
  const grid = (await t01.get('/api/v1/grids')).data.items[0].code;
  const good = uscc('360799', 8801);
  const bad = breakCheck(uscc('360799', 8802));
  const file = path.join(SHOTS, 'import.csv');
  writeFileSync(file, '\ufeff类型,名称,统一社会信用代码,所属区划代码,网格编码,法定代表人,法定代表人电话\r\n' +
    `餐饮服务,浏览器导入好味餐馆,${good},${village},${grid},王五,13907970005\r\n` +
    `餐饮服务,浏览器导入坏码餐馆,${bad},${village},${grid},赵六,13907970006\r\n`);
  await page.click('a[href="#/import"]');
  await page.setInputFiles('#import-file', file);
  await page.click('#import-button');
  await page.waitForSelector('#import-report');
  assert.match(await page.textContent('#import-summary'), /共 2 行，已导入 1 行，拒绝 1 行/);
  const cells = await page.locator('#rejected tbody tr td').allTextContents();
  assert.equal(cells[0], '3');
  assert.equal(cells[1], '统一社会信用代码');
  assert.match(cells[2], /校验位/);
  await shot(page, 'import-report');
  await page.goto(`${srv.base}/#/entities?q=${encodeURIComponent('浏览器导入好味餐馆')}`);
  await page.waitForSelector('#entity-table tbody tr td a');
  assert.equal(await page.textContent('#entity-table tbody tr td a'), '浏览器导入好味餐馆');
  assert.match(await page.textContent('#result-total'), /共 1 户/);
});

test('edit a business: a bad value is shown beside its field, a good one lands in the history', async () => {
  const page = await login(browser, srv.base, 'county');
  const e = (await county.get('/api/v1/entities?kind=seller&status=active&limit=1')).data.items[0];
  await page.goto(`${srv.base}/#/entities/${e.id}`);
  await page.click('#edit');
  await page.waitForSelector('#edit-form');
  await page.fill('#edit-form input[name=legal_rep_phone]', '12345');
  await page.click('#save');
  await page.waitForSelector('.field-error[data-field=legal_rep_phone]:not(:empty)');
  assert.match(await page.textContent('.field-error[data-field=legal_rep_phone]'), /电话/);
  await shot(page, 'edit-error');
  await page.fill('#edit-form input[name=legal_rep_phone]', '13907979999');
  await page.fill('#edit-form input[name=address]', '浏览器修改后的地址8号');
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('dd[data-field=address]')?.textContent === '浏览器修改后的地址8号');
  const history = await page.textContent('#history');
  assert.match(history, /修改/);
  assert.match(history, /地址：.* → 浏览器修改后的地址8号/);
  assert.match(history, /county/);
  assert.doesNotMatch(history, /纬度|经度/); // untouched fields are not reported as changed
  await shot(page, 'edit-history');
  const stored = (await county.get(`/api/v1/entities/${e.id}`)).data.entity;
  assert.equal(stored.legal_rep_phone, '13907979999');
});
