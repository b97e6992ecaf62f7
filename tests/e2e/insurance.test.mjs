// 食品安全责任保险, 培训 and 食安封签 in the console (issue 17): the business records its policy on the phone — a
// coverage below the floor and no kind ticked are refused beside their fields — then opens the card it
// displays, and the public shop page shows the policy in force; a township official plans a training
// session and records an attendee; the county invites a business found by name, which sees the session and
// its material link on its own page; the business reports the seals it used. No page is wider than the
// phone; no script or console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, addDays, as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openAnonymous, openWatched, refused, shot } from './browser.mjs';

let srv, browser, entity;

before(async () => {
  srv = await startServer({ entities: 120, seed: 43 });
  browser = await launch();
  const county = await as(srv.base, 'county');
  for (const e of (await county.get('/api/v1/entities?status=active&limit=50')).data.items) {
    const r = await new Client(srv.base).post('/api/v1/auth/login', { username: `b${e.id}`, password: 'Shian@2026' });
    if (r.status === 200) { entity = e; break; }
  }
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the business records its policy on the phone, prints the card, and the shop page shows it', async () => {
  const page = await openWatched(browser, srv.base, `b${entity.id}`, true);
  await page.goto(`${srv.base}/#/insurance`);
  await page.click('#policy-new');
  await page.fill('#policy-form input[name=insurer]', '中国人民财产保险股份有限公司青禾支公司');
  await page.fill('#policy-form input[name=policy_no]', 'PZAB2026360000000777');
  await page.fill('#policy-form input[name=starts_on]', addDays(srv.today(), -10));
  await page.fill('#policy-form input[name=ends_on]', addDays(srv.today(), 355));
  await page.fill('#policy-form input[name=coverage_yuan]', '5000');
  await refused(page, async () => {
    await page.click('#policy-save');
    await page.waitForSelector('#policy-form .field-error[data-for="coverage_yuan"]:has-text("累计赔偿限额")');
  });
  await page.fill('#policy-form input[name=coverage_yuan]', '500000');
  await refused(page, async () => {
    await page.click('#policy-save');
    await page.waitForSelector('#policy-form .field-error[data-for="kinds"]:has-text("保险责任")');
  });
  await page.check('#policy-form input[value=poisoning]');
  await page.check('#policy-form input[value=foodborne]');
  await noOverflow(page, 'insurance form');
  await page.click('#policy-save');
  const row = page.locator('#policy-table tr:has-text("PZAB2026360000000777")');
  await row.waitFor();
  assert.match(await row.textContent(), /50 万元.*有效/);
  await noOverflow(page, 'insurance list');
  await row.locator('.policy-card').click();
  await page.waitForSelector('#insurance-card');
  const card = await page.textContent('#insurance-card');
  assert.match(card, new RegExp(entity.name));
  assert.match(card, /已投保食品安全责任保险.*PZAB2026360000000777.*50 万元.*食物中毒、食源性疾病/);
  assert.equal(await page.locator('#card-status').count(), 0);
  await noOverflow(page, 'insurance card');
  await shot(page, 'insurance-card-phone');
  clean(page);
  await page.context().close();
  const shop = await openAnonymous(browser, true);
  await shop.goto(`${srv.base}/#/shop/${entity.id}`);
  await shop.waitForSelector('#shop-insurance');
  assert.match(await shop.textContent('#shop-insurance'), /中国人民财产保险.*PZAB2026360000000777/);
  await noOverflow(shop, 'shop page');
  clean(shop);
  await shop.context().close();
});

test('a township official plans a training session on the phone and records an attendee; the figures count them', async () => {
  const t = await as(srv.base, 't01');
  const [e] = (await t.get('/api/v1/entities?status=active&limit=1')).data.items;
  const page = await openWatched(browser, srv.base, 't01', true);
  await page.goto(`${srv.base}/#/training`);
  await page.click('#training-new');
  await page.fill('#training-form input[name=title]', '培训');
  await page.fill('#training-form input[name=place]', '城关镇会议室');
  await page.fill('#training-form input[name=held_on]', addDays(srv.today(), -1));
  await refused(page, async () => {
    await page.click('#training-save');
    await page.waitForSelector('#training-form .field-error[data-for="title"]:has-text("培训主题")');
  });
  await page.fill('#training-form input[name=title]', '餐饮服务食品安全操作规范培训');
  await page.click('#training-save');
  await page.waitForSelector('#attend-form');
  await page.fill('#attend-form input[name=entity_id]', String(e.id));
  await page.fill('#attend-form input[name=person_name]', '孙厨师');
  await page.click('#attend-save');
  await page.waitForSelector('#attendee-table tr:has-text("孙厨师")');
  await noOverflow(page, 'training session');
  await page.goto(`${srv.base}/#/training`);
  await page.waitForSelector('#training-figures');
  assert.match(await page.textContent('#training-table'), /餐饮服务食品安全操作规范培训.*1/);
  await noOverflow(page, 'training list');
  clean(page);
  await page.context().close();
});

test('the business reports the 食安封签 it has used on the phone; a lower total is refused beside the field', async () => {
  const county = await as(srv.base, 'county');
  const b = (await county.post('/api/v1/seal-batches', { entity_id: entity.id, prefix: 'QH26', first_no: 1001, last_no: 1500 })).data;
  assert.equal(b.size, 500);
  const page = await openWatched(browser, srv.base, `b${entity.id}`, true);
  await page.goto(`${srv.base}/#/seals`);
  const row = page.locator(`#seal-table tr[data-id="${b.id}"]`);
  await row.locator('input[name=used]').fill('120');
  await row.locator('.seal-use-save').click();
  await page.waitForSelector(`#seal-table tr[data-id="${b.id}"]:has-text("120 / 500")`);
  await page.locator(`#seal-table tr[data-id="${b.id}"] input[name=used]`).fill('100');
  await refused(page, async () => {
    await page.locator(`#seal-table tr[data-id="${b.id}"] .seal-use-save`).click();
    await page.waitForSelector(`#seal-table tr[data-id="${b.id}"] .field-error[data-for="used"]:has-text("已使用数量")`);
  });
  await noOverflow(page, 'seals');
  clean(page);
  await page.context().close();
});

test('the county invites a business found by name on the phone; the business sees the session, its material link, on its own page', async () => {
  const county = await as(srv.base, 'county');
  const s = (await county.post('/api/v1/training-sessions', { title: '外卖封签使用培训', place: '县市场监管局二楼', audience: 'all',
    held_on: addDays(srv.today(), 5), material_url: 'https://www.samr.gov.cn/' })).data;
  const page = await openWatched(browser, srv.base, 'county', true);
  await page.goto(`${srv.base}/#/training/${s.id}`);
  await page.fill('#invite-form #entity-search', entity.name);
  await page.click('#invite-form #entity-search-button');
  await page.click(`#invite-form .entity-choice[data-id="${entity.id}"]`);
  await page.click('#invite-save');
  await page.waitForSelector(`#invitation-table tr:has-text("${entity.name}")`);
  await noOverflow(page, 'invitations');
  clean(page);
  await page.context().close();

  const own = await openWatched(browser, srv.base, `b${entity.id}`, true);
  await own.goto(`${srv.base}/#/training`);
  const row = own.locator(`#training-table tr[data-id="${s.id}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /外卖封签使用培训.*受邀/);
  await row.locator('a').click();
  await own.waitForSelector('#my-invitation');
  assert.match(await own.textContent('#my-invitation'), /受邀参加/);
  assert.equal(await own.getAttribute('#material-link', 'href'), 'https://www.samr.gov.cn/');
  assert.equal(await own.locator('#invite-form, #attend-form, #invitation-table').count(), 0);
  await noOverflow(own, 'the business\'s session');
  clean(own);
  await own.context().close();
});
