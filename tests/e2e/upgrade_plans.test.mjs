// 提升改造 in a real headless browser (issue 17): on a phone, a township official opens its park's page,
// makes an upgrade plan — a step without a title is refused beside that step's field — with a step in
// working days and one past its day, sees that one overdue and marks it done with a note; at desktop size
// the county finds the plan in the list, starts acceptance once every step is done and sees each of the
// park's workshops at its stage. No page is wider than the phone; no script or console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, refused, shot } from './browser.mjs';

let srv, browser, t02, place, workshops;

before(async () => {
  srv = await startServer({ entities: 300, seed: 23 });
  browser = await launch();
  t02 = await as(srv.base, 't02');
  workshops = (await t02.get(`/api/v1/entities?kind=workshop&status=active&township=${t02.user.division_code}&limit=3`)).data.items;
  assert.ok(workshops.length >= 1, '青石镇 has workshops');
  place = (await t02.post('/api/v1/workshop-places', { kind: 'cluster', name: '青石镇腊味集中加工区', division_code: t02.user.division_code })).data;
  await t02.req('PUT', `/api/v1/workshop-places/${place.id}/workshops`, { body: { entity_ids: workshops.map((w) => w.id) } });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

let planId;

test('phone: the township makes a plan on its place\'s page, sees the late step overdue and marks it done', async () => {
  const page = await openWatched(browser, srv.base, 't02', true);
  await page.goto(`${srv.base}/#/workshop-place/${place.id}`);
  await page.click('#upgrade-new');
  await page.waitForSelector('#upgrade-form');
  await page.fill('#upgrade-form input[name=name]', '腊味加工区提升改造');
  await page.fill('#upgrade-form textarea[name=goal]', '统一烟熏房，配备冷藏和清洗消毒设施');
  await page.fill('#upgrade-form input[name=starts_on]', addDays(srv.today(), -10));
  await page.fill('.upgrade-step:nth-of-type(1) input[name=due_workdays]', '5');
  await page.click('#upgrade-add-step');
  await page.fill('.upgrade-step:nth-of-type(2) input[name=title]', '烟熏房排烟改造');
  await page.selectOption('.upgrade-step:nth-of-type(2) select[name=due_mode]', 'date');
  await page.fill('.upgrade-step:nth-of-type(2) input[name=due_on]', addDays(srv.today(), -1));
  await refused(page, async () => {
    await page.click('#upgrade-save');
    await page.waitForSelector('#upgrade-form .field-error[data-for="steps[0].title"]:has-text("步骤名称")');
  });
  await page.fill('.upgrade-step:nth-of-type(1) input[name=title]', '配备冷藏设施');
  await noOverflow(page, 'upgrade form');
  await page.click('#upgrade-save');
  await page.waitForSelector('#upgrade-steps-list');
  planId = Number(page.url().match(/upgrade-plan\/(\d+)/)[1]);
  const late = page.locator('#upgrade-steps-list li:has-text("烟熏房排烟改造")');
  assert.match(await late.textContent(), /逾期1天/);
  assert.match(await page.textContent('#upgrade-steps-list'), /配备冷藏设施.*开始后5个工作日/);
  await noOverflow(page, 'upgrade plan');
  await shot(page, 'upgrade-plan-phone');
  await late.locator('input[name=note]').fill('排烟管道已更换，加装油烟净化器');
  await late.locator('button[type=submit]').click();
  await page.waitForSelector('#upgrade-steps-list li:has-text("烟熏房排烟改造"):has-text("已完成")');
  assert.match(await page.textContent('#upgrade-steps-list'), /排烟管道已更换/);
  await page.goto(`${srv.base}/#/workshop-place/${place.id}`);
  await page.waitForSelector(`#place-upgrades li[data-id="${planId}"]`);
  await noOverflow(page, 'place with its plans');
  clean(page);
  await page.context().close();
});

test('desktop: the county finds the plan, starts acceptance and sees every workshop of the place at its stage', async () => {
  assert.ok(planId, 'the plan of the first test');
  const open = (await t02.get(`/api/v1/upgrade-plans/${planId}`)).data.steps.filter((s) => !s.done_on);
  for (const s of open) await t02.post(`/api/v1/upgrade-plans/${planId}/steps/${s.id}/done`, { note: '已完成' });
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.goto(`${srv.base}/#/upgrade-plans`);
  await page.click(`#upgrade-list li[data-id="${planId}"] a`);
  await page.click('#upgrade-start');
  await page.waitForSelector('#upgrade-acceptance');
  const rows = page.locator('#upgrade-acceptance tbody tr');
  assert.equal(await rows.count(), workshops.length);
  assert.match(await page.textContent('#upgrade-acceptance'), /0\/4 未开始/);
  assert.match(await page.textContent('#upgrade-detail'), /验收中/);
  await noOverflow(page, 'plan in acceptance');
  await shot(page, 'upgrade-plan-desktop');
  clean(page);
  await page.context().close();
});
