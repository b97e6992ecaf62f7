// 节假日设置 in the console: the county is warned that next year's holiday notice is missing, sees the
// year counted on the fixed holidays alone, loads the notice by pasting its lines, and the year turns
// final; a bad line is answered with the field and nothing changes; the page works at phone size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { launch, login, shot } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ entities: 50, seed: 13 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the county loads next year\'s notice from 节假日设置', async () => {
  const county = await as(srv.base, 'county');
  const o = (await county.get('/api/v1/calendar')).data;
  const page = await login(browser, srv.base, 'county');
  await page.click('a[href="#/calendar"]');
  await page.waitForSelector('#calendar-year');
  // the pinned clock of the tests is a November day: next year's notice is missing
  const year = o.warning ? o.warning.year : Number(o.today.slice(0, 4));
  if (o.warning) assert.match(await page.textContent('#calendar-warning'), new RegExp(`尚未导入${year}年`));
  assert.match(await page.textContent('#year-status'), /尚未导入/);
  const before = (await county.get(`/api/v1/calendar/${year}`)).data;
  assert.equal(await page.textContent('#working-days'), String(before.working_days));

  // a weekday cannot be a worked weekend day: the field is named, nothing is stored
  const monday = (() => { const d = new Date(Date.UTC(year, 1, 1)); while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1); return d.toISOString().slice(0, 10); })();
  await page.fill('#calendar-form input[name=source]', '测试放假通知');
  await page.fill('#calendar-form textarea[name=days]', `${year}-01-01,放假,元旦\n${monday},上班,调休上班`);
  await page.click('#calendar-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#calendar-error')?.textContent.includes('days[1].kind'));
  assert.equal((await county.get(`/api/v1/calendar/${year}`)).data.notice, null);

  await page.fill('#calendar-form textarea[name=days]', `${year}-01-01,放假,元旦\n${year}-10-01,放假,国庆节`);
  await page.click('#calendar-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#year-status')?.textContent.startsWith('已导入'));
  const after = (await county.get(`/api/v1/calendar/${year}`)).data;
  assert.equal(after.notice.source, '测试放假通知');
  assert.equal(await page.textContent('#working-days'), String(after.working_days));
  assert.equal(await page.locator('#notice-days tbody tr').count(), 2);
  await shot(page, 'calendar');

  // the deadline calculator answers with the engine's date
  await page.fill('#deadline-form input[name=from]', '2026-12-31');
  await page.fill('#deadline-form input[name=days]', '1');
  await page.click('#deadline-form button[type=submit]');
  const d = (await county.get('/api/v1/calendar/deadline?from=2026-12-31&days=1')).data;
  await page.waitForFunction((due) => document.querySelector('#deadline-result')?.textContent.includes(due), d.deadline);

  // at phone size the page does not scroll sideways
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
  await shot(page, 'calendar-phone');
  assert.deepEqual(page.jsErrors, []);
});
