// 食品安全管理人员 and 品牌授权 in the console (issue 17): the business's officer takes the bureau's spot
// exam on the phone — the page lists the drawn questions without answers, refuses a paper with a
// question left out beside that question, and after 交卷 shows the server's score and each question's
// key with its clause; the county at a desk reinstates a suspended brand authorisation with a reason.
// The business also records a staff health certificate there. No page is wider than the phone; no script
// or console error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Client, addDays, as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, refused, shot } from './browser.mjs';

const BANK = Object.fromEntries(JSON.parse(readFileSync('data/people/exam-questions.json', 'utf8')).questions.map((q) => [q.id, q]));
let srv, browser, county, entity, appt, exam, auth;

before(async () => {
  srv = await startServer({ entities: 120, seed: 41 });
  browser = await launch();
  county = await as(srv.base, 'county');
  for (const e of (await county.get('/api/v1/entities?status=active&limit=50')).data.items) {
    const r = await new Client(srv.base).post('/api/v1/auth/login', { username: `b${e.id}`, password: 'Shian@2026' });
    if (r.status === 200) { entity = e; break; }
  }
  const biz = await as(srv.base, `b${entity.id}`);
  appt = (await biz.post('/api/v1/fs-appointments', { role: 'officer', name: '赵安全' })).data;
  exam = (await county.post(`/api/v1/fs-appointments/${appt.id}/exams`, {})).data;
  assert.equal(exam.status, 'open');
  const mark = (await county.post('/api/v1/brand-marks', { kind: 'gi', name: '青山黄桃', holder: '县黄桃协会', products: '黄桃及其罐头' })).data;
  auth = (await county.post('/api/v1/brand-auths', { mark_id: mark.id, entity_id: entity.id, products: '黄桃罐头', valid_until: addDays(srv.today(), 300) })).data;
  assert.equal((await county.post(`/api/v1/brand-auths/${auth.id}/suspend`, { reason: '抽检复核期间暂停' })).status, 200);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the officer takes the spot exam on the phone: no key before, a left-out question refused, the score after', async () => {
  const page = await openWatched(browser, srv.base, `b${entity.id}`, true);
  await page.goto(`${srv.base}/#/people`);
  await page.waitForSelector('#exam-table .exam-open');
  await noOverflow(page, 'people');
  await page.click('#exam-table .exam-open');
  await page.waitForSelector('#exam-form fieldset');
  assert.equal(await page.locator('#exam-form fieldset').count(), 20);
  assert.equal(await page.locator('.exam-key').count(), 0, 'no key before submission');
  await noOverflow(page, 'exam');
  // every question but the last, answered right
  const ids = await page.$$eval('#exam-form fieldset', (fs) => fs.map((f) => f.dataset.id));
  for (const id of ids.slice(0, -1)) {
    for (const v of [].concat(BANK[id].answer)) await page.check(`input[name="q-${id}"][value="${String(v)}"]`);
  }
  await page.click('#exam-submit');
  const last = ids.at(-1);
  await page.waitForSelector(`.field-error[data-for="answers.${last}"]:has-text("未作答")`);
  for (const v of [].concat(BANK[last].answer)) await page.check(`input[name="q-${last}"][value="${String(v)}"]`);
  await page.click('#exam-submit');
  await page.waitForSelector('#exam-result');
  assert.match(await page.textContent('#exam-result'), /得分 100 分.*考核合格/);
  assert.equal(await page.locator('.exam-key').count(), 20);
  assert.match(await page.locator('.exam-key').first().textContent(), /依据：/);
  await noOverflow(page, 'exam result');
  await shot(page, 'exam-phone');
  clean(page);
  await page.context().close();
});

test('the county starts the next spot exam from the list of officers; it sees the questions, not the key, and cannot answer', async () => {
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.goto(`${srv.base}/#/people?entity_id=${entity.id}`);
  const row = page.locator(`#appoint-table tr[data-id="${appt.id}"]`);
  assert.match(await row.textContent(), /100 分（合格）/);
  await row.locator('.exam-start').click();
  await page.waitForSelector('#exam-form fieldset');
  assert.match(page.url(), /#\/exam\/\d+$/);
  assert.notEqual(page.url(), `${srv.base}/#/exam/${exam.id}`);
  assert.equal(await page.locator('#exam-form fieldset').count(), 20);
  assert.equal(await page.locator('#exam-submit').count(), 0);
  assert.equal(await page.locator('.exam-key').count(), 0);
  clean(page);
  await page.context().close();
});

test('the county reinstates a suspended authorisation with a reason; the business sees it valid again', async () => {
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.goto(`${srv.base}/#/brands`);
  await page.selectOption('#auth-status', 'suspended');
  await page.waitForFunction(() => [...document.querySelectorAll('#auth-table tr[data-status]')].every((r) => r.dataset.status === 'suspended'));
  const row = page.locator(`#auth-table tr[data-id="${auth.id}"]`);
  await row.locator('.auth-events-open').click();
  await row.locator('.auth-events li:has-text("暂停（县局")').waitFor();
  assert.match(await row.locator('.auth-events').textContent(), /抽检复核期间暂停/);
  await row.locator('.auth-reinstate').click();
  await row.locator('input[name=reason]').fill('复核无问题，恢复使用');
  await row.locator('form button[type=submit]').click();
  await page.selectOption('#auth-status', '');
  await page.waitForSelector(`#auth-table tr[data-id="${auth.id}"][data-status="active"]`);
  clean(page);
  await page.context().close();
  const phone = await openWatched(browser, srv.base, `b${entity.id}`, true);
  await phone.goto(`${srv.base}/#/brands`);
  await phone.waitForSelector(`#auth-table tr[data-id="${auth.id}"][data-status="active"]`);
  await noOverflow(phone, 'my brands');
  clean(phone);
  await phone.context().close();
});

test('the business records a staff health certificate on the phone; a period longer than a year is refused beside the field', async () => {
  const page = await openWatched(browser, srv.base, `b${entity.id}`, true);
  await page.goto(`${srv.base}/#/people`);
  await page.click('#cert-new');
  await page.fill('#cert-form input[name=person_name]', '周厨师');
  await page.fill('#cert-form input[name=cert_no]', 'JK2026-0099');
  await page.fill('#cert-form input[name=issuer]', '青禾县疾病预防控制中心');
  await page.fill('#cert-form input[name=issued_on]', addDays(srv.today(), -10));
  await page.fill('#cert-form input[name=valid_until]', addDays(srv.today(), 400));
  await refused(page, async () => {
    await page.click('#cert-save');
    await page.waitForSelector('#cert-form .field-error[data-for="valid_until"]:has-text("一年以内")');
  });
  await page.fill('#cert-form input[name=valid_until]', addDays(srv.today(), 20));
  await page.click('#cert-save');
  await page.waitForSelector('#cert-table tr:has-text("周厨师"):has-text("还剩20天")');
  await noOverflow(page, 'people with certificates');
  clean(page);
  await page.context().close();
});
