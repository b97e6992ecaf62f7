// 案件办理 in a real headless browser (issue 13): a clue from a failed sample is filed by the county at its
// desk, the township notifies the penalty on a phone (a missing fine is refused beside the field, nothing
// changes), the county decides, the township serves it and records the payment, the county closes it;
// a fine from ¥10 000 after a legal review; every step's deadline shows as a countdown. No script or console error, no horizontal overflow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, refused, shot } from './browser.mjs';

let srv, browser, county, t01, e1;

before(async () => {
  srv = await startServer({ entities: 200, seed: 53 });
  browser = await launch();
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  e1 = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function act(page, action, fill) {
  await page.click(`.case-actions button[data-action="${action}"]`);
  await page.waitForSelector(`.case-action[data-action="${action}"]`);
  if (fill) await fill();
  await page.click('.case-action button[type=submit]');
}

test('a case from a clue to its closing, across a desk and a phone', async () => {
  const clue = (await t01.post('/api/v1/cases', { source: 'sample', entity_id: e1.id,
    facts: '监督抽检：该店自制辣椒油苏丹红检出，判定不合格。' })).data.case;
  const desk = await openWatched(browser, srv.base, 'county', false);
  await desk.click('a[href="#/cases"]');
  await desk.waitForSelector(`#case-list tr[data-id="${clue.id}"]`);
  assert.match(await desk.textContent(`#case-list tr[data-id="${clue.id}"]`), /线索核查.*天后/);
  await desk.click(`#case-list tr[data-id="${clue.id}"] a`);
  await desk.waitForSelector('.complaint-deadline[data-step="file"]');
  await act(desk, 'file');
  await desk.waitForFunction(() => document.querySelector('#case-status')?.textContent === '已立案');
  assert.match(await desk.textContent('h2'), /^青市监立〔\d{4}〕\d+号$/);
  assert.match(await desk.textContent('.complaint-deadline[data-step="decide"]'), /作出决定期限/);

  const phone = await openWatched(browser, srv.base, 't01', true);
  await phone.goto(`${srv.base}/#/case/${clue.id}`);
  await phone.waitForSelector('.case-actions');
  // a fine without its amount: refused beside the field, nothing changes
  await refused(phone, async () => {
    await act(phone, 'notify', async () => phone.check('.case-action input[name=penalty][value=fine]'));
    await phone.waitForFunction(() => /罚款金额/.test(document.querySelector('.field-error[data-for="fine_yuan"]')?.textContent || ''));
  });
  assert.equal((await county.get(`/api/v1/cases/${clue.id}`)).data.case.status, 'filed');
  // a fine from ¥10 000 needs the legal review first
  await act(phone, 'review', async () => phone.fill('.case-action textarea[name=note]', '法制审核：事实清楚，证据确凿'));
  await phone.waitForSelector('#case-steps tr[data-step="legal_review"]');
  await phone.click('.case-actions button[data-action="notify"]');
  await phone.waitForSelector('.case-action[data-action="notify"]');
  await phone.check('.case-action input[name=penalty][value=fine]');
  await phone.fill('.case-action input[name=fine_yuan]', '55000');
  await phone.selectOption('.case-action select[name=violation_code]', 'fsl124');
  await phone.selectOption('.case-action select[name=circumstance]', 'light');
  await phone.click('.case-action button[type=submit]');
  await phone.waitForFunction(() => document.querySelector('#case-status')?.textContent === '已告知');
  assert.match(await phone.textContent('#case-fields'), /裁量建议50000–65000元/);
  await noOverflow(phone, 'case notified');
  await shot(phone, 'case-notified-phone');

  await desk.reload();
  await desk.waitForSelector('.case-actions button[data-action="decide"]');
  await act(desk, 'decide', async () => desk.check('.case-action input[name=waived]'));
  await desk.waitForFunction(() => document.querySelector('#case-status')?.textContent === '已决定');

  await phone.reload();
  await phone.waitForSelector('.case-actions button[data-action="serve"]');
  await act(phone, 'serve');
  await phone.waitForFunction(() => document.querySelector('#case-status')?.textContent === '已送达');
  assert.match(await phone.textContent('#case-due-today'), /合计55000元/);
  await act(phone, 'pay');
  await phone.waitForFunction(() => document.querySelector('#case-status')?.textContent === '已缴款');

  await desk.reload();
  await desk.waitForSelector('.case-actions button[data-action="close"]');
  await act(desk, 'close');
  await desk.waitForFunction(() => document.querySelector('#case-status')?.textContent === '已结案');
  const steps = await desk.$$eval('#case-steps tbody tr', (trs) => trs.map((tr) => tr.dataset.step));
  assert.deepEqual(steps, ['clue', 'filed', 'legal_review', 'notified', 'decided', 'served', 'paid', 'closed']);
  await shot(desk, 'case-closed-desktop');
  clean(desk);
  clean(phone);
});
