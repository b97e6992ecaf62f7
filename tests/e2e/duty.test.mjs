// 包保, enterprise self-checks and four-level acceptance in the console.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { launch, login, shot } from './browser.mjs';

let srv, browser, county;
before(async () => {
  srv = await startServer({ entities: 600, seed: 12 });
  browser = await launch();
  county = await as(srv.base, 'county');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('a township official takes on a business and records a duty visit', async () => {
  const page = await login(browser, srv.base, 't01');
  await page.click('a[href="#/duty"]');
  await page.waitForSelector('#unassigned-table tbody tr');
  // the heading counts them all, the list pages through them
  const { total } = (await page.evaluate(() => fetch('/api/v1/duty/unassigned?limit=1').then((r) => r.json())));
  assert.match(await page.textContent('#unassigned-list h3'), new RegExp(`（${total}户）`));
  if (total > 20) {
    const firstId = await page.locator('#unassigned-table tbody tr').first().getAttribute('data-id');
    await page.click('#unassigned-list .pager .next');
    await page.waitForFunction((id) => document.querySelector('#unassigned-table tbody tr')?.dataset.id !== id, firstId);
    await page.click('#unassigned-list .pager .prev');
    await page.waitForFunction((id) => document.querySelector('#unassigned-table tbody tr')?.dataset.id === id, firstId);
  }
  const row = page.locator('#unassigned-table tbody tr').first();
  const id = Number(await row.getAttribute('data-id'));
  const me = (await page.evaluate(() => fetch('/api/v1/me').then((r) => r.json()))).user;
  // the demo county has 包保 of its own (src/demo/demo_duty.c): count from where it was
  const was = (await county.get('/api/v1/duty/completion')).data.officials.find((o) => o.user_id === me.id)?.visits_done ?? 0;
  await row.locator('select.official').selectOption(String(me.id));
  await row.locator('button.assign').click();
  await page.waitForSelector(`.duty-row[data-id="${id}"]`);
  await page.fill(`.duty-row[data-id="${id}"] .findings`, '检查了后厨，未见异常');
  await page.click(`.duty-row[data-id="${id}"] button[type=submit]`);
  const today = srv.today();
  await page.waitForFunction(([i, d]) => document.querySelector(`.duty-row[data-id="${i}"]`)?.textContent.includes(`上次走访 ${d}`), [id, today]);
  await shot(page, 'duty');
  const c = (await county.get('/api/v1/duty/completion')).data.officials.find((o) => o.user_id === me.id);
  assert.equal(c.visits_done, was + 1);
});

test('phone: an official records a problem on a 包保 visit, edits and closes list items; the business sees them', async () => {
  const t01 = await as(srv.base, 't01');
  const target = (await t01.get('/api/v1/duty/unassigned')).data.items[0];
  assert.equal((await t01.post('/api/v1/duty/assignments', { entity_id: target.id, user_id: t01.user.id })).status, 204);
  const page = await login(browser, srv.base, 't01');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('a[href="#/duty"]');
  const row = `.duty-row[data-id="${target.id}"]`;
  await page.waitForSelector(row);
  await page.fill(`${row} .findings`, '包保督导：查看后厨、仓库和留样');
  await page.fill(`${row} .problem`, '冷藏柜内生熟食品混放');
  await page.click(`${row} button[type=submit]`);
  await page.waitForFunction(([sel, d]) => document.querySelector(sel)?.textContent.includes(`上次走访 ${d}`), [row, srv.today()]);
  await page.click(`${row} .show-lists`);
  const file = `${row} .duty-file`;
  await page.waitForSelector(`${file} .problems li`);
  const problem = page.locator(`${file} .problems li`, { hasText: '冷藏柜内生熟食品混放' });
  assert.match(await problem.textContent(), /待整改.*整改单#\d+/);
  assert.match(await problem.textContent(), new RegExp(`${t01.user.display_name} ${srv.today()}`), 'who and when');
  assert.match(await page.textContent(`${file} .orders`), /冷藏柜内生熟食品混放.*待整改/);
  // a problem item added in the list, edited, then closed
  await page.fill(`${file} .add-problem .new-item-text`, '消毒记录不全');
  await page.click(`${file} .add-problem button[type=submit]`);
  const added = page.locator(`${file} .problems li`, { hasText: '消毒记录不全' });
  await added.waitFor();
  await added.locator('.edit-item').click();
  await page.fill(`${file} .problems li .item-edit`, '消毒记录不全（近三日未记录）');
  await page.click(`${file} .problems li .save-item`);
  const edited = page.locator(`${file} .problems li`, { hasText: '近三日未记录' });
  await edited.waitFor();
  await edited.locator('.close-item').click();
  await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} .problems li`)].some((li) => li.textContent.includes('近三日未记录') && li.dataset.status === 'resolved'), file);
  assert.match(await page.locator(`${file} .problems li`, { hasText: '近三日未记录' }).textContent(), /已解决.*修改/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
  await shot(page, 'duty-visit-phone');
  assert.deepEqual(page.jsErrors, []);
  // what the API has, for the business to see
  const items = (await t01.get(`/api/v1/duty/entities/${target.id}`)).data.problems;
  assert.deepEqual(items.filter((i) => /冷藏柜|消毒/.test(i.text)).map((i) => [i.text, i.status]),
    [['冷藏柜内生熟食品混放', 'open'], ['消毒记录不全（近三日未记录）', 'resolved']]);

  const biz = await login(browser, srv.base, `b${target.id}`);
  await biz.setViewportSize({ width: 390, height: 844 });
  await biz.click('a[href="#/duty"]');
  await biz.waitForSelector('#my-duty .problems li');
  assert.match(await biz.textContent('#my-duty .officials'), new RegExp(`乡镇级：${t01.user.display_name}`));
  assert.match(await biz.textContent('#my-duty .problems'), /冷藏柜内生熟食品混放.*待整改/);
  assert.match(await biz.textContent('#my-duty .orders'), /冷藏柜内生熟食品混放/);
  assert.equal(await biz.locator('#my-duty .edit-item, #my-duty .add-item').count(), 0, 'the business reads, it does not edit');
  await shot(biz, 'duty-business-phone');
  assert.deepEqual(biz.jsErrors, []);
});

test('a business records its daily control; officials see it is no longer missing', async () => {
  const shop = (await county.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const page = await login(browser, srv.base, `b${shop.id}`);
  await page.click('a[href="#/self"]');
  await page.waitForSelector('#self-content');
  await page.fill('#self-content', '对照风险管控清单检查，一切正常');
  await page.click('#self-submit');
  await page.waitForSelector('#self-records tbody tr');
  assert.match(await page.textContent('#self-records tbody tr'), /日管控.*未发现问题/);
  await page.fill('#self-content', '再次提交');
  await page.click('#self-submit');
  await page.waitForSelector('#self-error:not(.hidden)');
  assert.match(await page.textContent('#self-error'), /已填写/);
  const missing = (await county.get('/api/v1/self-records/missing?kind=daily')).data;
  assert.ok(!missing.items.some((e) => e.id === shop.id));
  const official = await login(browser, srv.base, 'county');
  await official.goto(`${srv.base}/#/self`);
  await official.waitForSelector('#missing-summary');
  assert.match(await official.textContent('#missing-summary'), new RegExp(`${missing.missing} 户`));
});

test('four-level acceptance: the business self-checks and the township does the preliminary acceptance in the console', async () => {
  const list = (await county.get('/api/v1/checklists')).data.items;
  const catering = list.find((c) => c.code === 'catering');
  const t01 = await as(srv.base, 't01');
  const id = (await county.post('/api/v1/campaigns', { name: '餐饮后厨整治', checklist_id: catering.id, kind: 'caterer', township: t01.user.division_code })).data.id;
  const entity = (await t01.get(`/api/v1/campaigns/${id}/progress`)).data.entities[0];
  const biz = await login(browser, srv.base, `b${entity.id}`);
  await biz.goto(`${srv.base}/#/campaigns/${id}`);
  await biz.waitForSelector(`#campaign-entities tr[data-id="${entity.id}"] .open-level`);
  await biz.click(`#campaign-entities tr[data-id="${entity.id}"] .open-level`);
  await biz.click('.record-level');
  // the stage's cell, not the row: the row's button already read 录入企业自查 before the click
  await biz.waitForFunction((i) => document.querySelector(`#campaign-entities tr[data-id="${i}"] td:nth-child(3)`)?.textContent.includes('企业自查'), entity.id);
  const town = await login(browser, srv.base, 't01');
  await town.goto(`${srv.base}/#/campaigns/${id}`);
  await town.click(`#campaign-entities tr[data-id="${entity.id}"] .open-level`);
  await town.click('.record-level');
  await town.waitForFunction((i) => document.querySelector(`#campaign-entities tr[data-id="${i}"] td:nth-child(3)`)?.textContent.includes('乡镇初验'), entity.id);
  await shot(town, 'campaign');
  const p = (await county.get(`/api/v1/campaigns/${id}/progress`)).data.entities.find((e) => e.id === entity.id);
  assert.equal(p.stage, 2);
});

test('a county of thousands: the county pages past the 500th business not yet under 包保, each page what the API counts there', async () => {
  const big = await startServer({ entities: 1500, seed: 12 });
  try {
    const page = await login(browser, big.base, 'county');
    await page.click('a[href="#/duty"]');
    await page.waitForSelector('#unassigned-table tbody tr');
    const { total } = await page.evaluate(() => fetch('/api/v1/duty/unassigned?limit=1').then((r) => r.json()));
    assert.ok(total > 540, `${total} unassigned`); // the list once stopped at 500
    assert.match(await page.textContent('#unassigned-list h3'), new RegExp(`（${total}户）`));
    const firstPage = await page.locator('#unassigned-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
    for (let k = 0; k < 26; k++) { // 20 a page: the 27th page holds the 521st to the 540th
      const top = await page.locator('#unassigned-table tbody tr').first().getAttribute('data-id');
      await page.click('#unassigned-list .pager .next');
      await page.waitForFunction((id) => document.querySelector('#unassigned-table tbody tr')?.dataset.id !== id, top);
    }
    assert.match(await page.textContent('#unassigned-list .pager'), new RegExp(`共 ${total} 条，第 521–540 条`));
    const shown = await page.locator('#unassigned-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
    const { items } = await page.evaluate(() => fetch('/api/v1/duty/unassigned?limit=20&offset=520').then((r) => r.json()));
    assert.deepEqual(shown, items.map((e) => String(e.id)));
    assert.ok(!shown.some((id) => firstPage.includes(id)));
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'duty-past-500-phone');
    assert.deepEqual(page.jsErrors, []);
  } finally {
    await big.stop();
  }
});
