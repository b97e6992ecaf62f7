// 账号管理 in a real browser: the county makes an account (a weak password is refused beside its
// field), its owner signs in on a phone and can do nothing before replacing the password (a typo in
// the repeat is caught), then lands on their home; the county stops the account and its session ends.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { PHONE, clean, launch, login, noOverflow, openWatched, refused } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ entities: 60, seed: 31 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the county makes an account; its owner replaces the password on a phone before anything else; a stopped account is signed out', async () => {
  const t01 = await as(srv.base, 't01');
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.click('nav a[href="#/users"]');
  await page.waitForSelector('#users tbody tr');
  await page.click('#user-new');
  await page.fill('#user-username', 'zhou.min');
  await page.fill('#user-name', '周敏');
  await page.selectOption('#user-role', 'township');
  await page.selectOption('#user-division', t01.user.division_code);
  await page.fill('#user-password', 'weakpass');
  await refused(page, async () => {
    await page.click('#user-create');
    await page.waitForFunction(() => document.querySelector('.field-error[data-for="password"]')?.textContent.length > 0);
  });
  assert.match(await page.textContent('.field-error[data-for="password"]'), /[\u4e00-\u9fff]/);
  assert.doesNotMatch(await page.textContent('.field-error[data-for="password"]'), /[A-Za-z]{4}/, 'Chinese only');
  await page.fill('#user-password', 'Temp-2026a');
  await page.click('#user-create');
  await page.waitForFunction(() => /已创建账号 zhou.min/.test(document.querySelector('#user-notice')?.textContent || ''));
  const row = page.locator('#users tbody tr', { hasText: 'zhou.min' });
  assert.match(await row.textContent(), /周敏[\s\S]*乡镇监管所[\s\S]*城关[\s\S]*待改初始密码/);

  // the owner on a phone: only the password page, whatever the address
  const phone = await login(browser, srv.base, 'zhou.min', 'Temp-2026a');
  phone.consoleErrors = [];
  phone.on('console', (m) => { if (m.type() === 'error' && !/status of 400/.test(m.text())) phone.consoleErrors.push(m.text()); });
  await phone.setViewportSize(PHONE);
  assert.match(await phone.textContent('#pw-forced'), /请先修改/);
  await phone.evaluate(() => { location.hash = '#/entities'; });
  await phone.waitForSelector('#password-form');
  await phone.fill('#pw-old', 'Temp-2026a');
  await phone.fill('#pw-new', 'Mine-2026b');
  await phone.fill('#pw-again', 'Mine-2026c');
  await phone.click('#pw-save');
  await phone.waitForFunction(() => document.querySelector('.field-error[data-for="again"]')?.textContent.length > 0);
  await phone.fill('#pw-again', 'Mine-2026b');
  await phone.click('#pw-save');
  await phone.waitForSelector('#todo');
  assert.equal(await phone.locator('#password-form').count(), 0);
  await noOverflow(phone, 'home after the password');
  clean(phone);

  // the county stops the account: the phone's next page is the sign-in
  await page.reload();
  await page.waitForSelector('#users tbody tr');
  await page.locator('#users tbody tr', { hasText: 'zhou.min' }).click();
  await page.click('#user-toggle');
  await page.waitForFunction(() => /账号已停用/.test(document.querySelector('#user-notice')?.textContent || ''));
  assert.match(await page.locator('#users tbody tr', { hasText: 'zhou.min' }).textContent(), /已停用/);
  await phone.evaluate(() => { location.hash = '#/inspections'; });
  await phone.waitForFunction(() => location.hash === '#/login');
  clean(page);
});
