// 示范创建 in the console (issue 17): the county opens the demo campaign at desktop size — the figures (done,
// overdue, total), the tasks, the meeting and the model units — records a dispatch meeting whose decision
// becomes a task, and a 一票否决 item that then heads the page; a township official on the phone opens its
// overdue task from the to-do list and reports progress, a missing note refused beside its field. No page is
// wider than the phone; no script or console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, refused, shot } from './browser.mjs';

let srv, browser, campaign;

before(async () => {
  srv = await startServer({ entities: 120, seed: 43 });
  browser = await launch();
  campaign = (await (await as(srv.base, 'county')).get('/api/v1/demonstration/campaigns')).data.items[0];
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the county reads its campaign, records a dispatch meeting and a veto', async () => {
  assert.ok(campaign, 'the demo county runs a campaign');
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.goto(`${srv.base}/#/demonstration`);
  await page.click(`#campaign-table tr[data-id="${campaign.id}"] a`);
  await page.waitForSelector('#campaign-figures');
  assert.match(await page.textContent('#campaign-figures'), /任务 10 项.*已完成 2.*逾期 2/);
  assert.equal(await page.locator('#task-table tr[data-overdue="true"]').count(), 2);
  assert.equal(await page.locator('#unit-table tbody tr').count(), 3);
  assert.equal(await page.locator('#veto-banner').count(), 0);
  await page.click('#meeting-new');
  await page.fill('#meeting-form input[name=title]', '创建工作第三次调度会');
  await page.fill('#meeting-form textarea[name=attendees]', '分管副县长、各乡镇分管负责人');
  await page.fill('#meeting-form input[name="d0-owner_department"]', '县市场监管局');
  await page.fill('#meeting-form input[name="d0-due_workdays"]', '10');
  await refused(page, async () => {
    await page.click('#meeting-save');
    await page.waitForSelector('#meeting-form .form-error:has-text("任务名称")');
  });
  await page.fill('#meeting-form input[name="d0-title"]', '完成餐饮门店油烟净化检查');
  await page.click('#meeting-save');
  await page.waitForSelector('#campaign-figures:has-text("任务 11 项")');
  assert.match(await page.textContent('#meeting-list'), /创建工作第三次调度会.*议定事项 1 项/);
  await page.click('#veto-new');
  await page.fill('#veto-form input[name=occurred_on]', srv.today());
  await page.fill('#veto-form textarea[name=description]', '某小学发生集体食物中毒');
  await page.click('#veto-save');
  await page.waitForSelector('#veto-banner');
  assert.match(await page.textContent('#veto-banner'), /一票否决.*重大食品安全事故：某小学发生集体食物中毒/);
  clean(page);
  await page.context().close();
});

test('a township official opens its overdue task from the to-do list on the phone and reports progress', async () => {
  const page = await openWatched(browser, srv.base, 't01', true);
  // the campaign as the township sees it: its own two tasks only, no county forms
  await page.goto(`${srv.base}/#/demonstration/${campaign.id}`);
  await page.waitForSelector('#campaign-figures');
  assert.match(await page.textContent('#campaign-figures'), /任务 2 项/);
  assert.equal(await page.locator('#campaign-actions').count(), 0);
  await noOverflow(page, 'campaign');
  await page.goto(`${srv.base}/#/`);
  await page.click('a.todo-action[href="#/demonstration-tasks?overdue=1"]');
  const row = page.locator('#task-table tr[data-overdue="true"]').first();
  await row.waitFor();
  await noOverflow(page, 'overdue tasks');
  await row.locator('a').click();
  await page.waitForSelector('#progress-form');
  await page.fill('#progress-form input[name=progress]', '90');
  await refused(page, async () => {
    await page.click('#progress-save');
    await page.waitForSelector('#progress-form .field-error[data-for="note"]:has-text("进展情况")');
  });
  await page.fill('#progress-form textarea[name=note]', '已完成整治90%，剩余两家本周完成');
  await page.click('#progress-save');
  await page.waitForSelector('#task-summary:has-text("进度 90%")');
  assert.match(await page.textContent('#task-notes'), /已完成整治90%/);
  await noOverflow(page, 'task');
  await shot(page, 'demonstration-task-phone');
  clean(page);
  await page.context().close();
});
