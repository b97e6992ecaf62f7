// The work figures and the standards in the console match what the API reports.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { launch, login, shot } from './browser.mjs';

let srv, browser, county;
before(async () => {
  srv = await startServer({ entities: 600, seed: 9 });
  browser = await launch();
  county = await as(srv.base, 'county');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('工作统计 shows the plan, duty completion and risk grades of the jurisdiction', async () => {
  const t01 = await as(srv.base, 't01');
  const e = (await t01.get('/api/v1/duty/unassigned')).data.items[0];
  await t01.post('/api/v1/duty/assignments', { entity_id: e.id, user_id: t01.user.id });
  const page = await login(browser, srv.base, 't01');
  await page.click('a[href="#/work"]');
  await page.waitForSelector('#duty-table tbody tr');
  const plan = (await t01.get('/api/v1/plan')).data;
  assert.equal(await page.textContent('#plan-done .stat-value'), `${plan.totals.done}/${plan.totals.required}`);
  assert.match(await page.textContent('#plan-done .stat-title'), /已检\/应检/); // in the order of the figure
  const duty = (await t01.get('/api/v1/duty/completion')).data.townships[0];
  const cells = await page.locator('#duty-table tbody tr td').allTextContents();
  assert.equal(cells[0], duty.township_name);
  assert.equal(cells[3], `${(duty.assignment_rate * 100).toFixed(1)}%`);
  const risk = (await t01.get('/api/v1/risk/summary')).data.totals;
  assert.match(await page.textContent('#risk-totals'), new RegExp(`A ${risk.A} 户`));
  await shot(page, 'work');
  assert.deepEqual(page.jsErrors, []);
});

test('检查标准 lists the standards in force and shows one item by item', async () => {
  const page = await login(browser, srv.base, 'county');
  await page.goto(`${srv.base}/#/checklists`);
  await page.waitForSelector('#checklist-table tbody tr');
  assert.equal(await page.locator('#checklist-table tbody tr').count(), (await county.get('/api/v1/checklists')).data.items.length);
  await page.click('#checklist-table a:text("餐饮服务食品安全监督检查表")');
  await page.waitForSelector('#checklist-detail tbody tr');
  const catering = (await county.get('/api/v1/checklists')).data.items.find((c) => c.code === 'catering');
  assert.equal(await page.locator('#checklist-detail tbody tr').count(), catering.items_count);
  assert.equal(await page.locator('#checklist-detail .badge.key').count(), catering.key_count);
  await shot(page, 'checklist');
});
