// 整治验收 created in the console (issue 15): the county names a campaign, picks its standard and its
// businesses — by filter at a desk, one by one on a phone — and lands on the new campaign; a refused form
// names the field in Chinese and creates nothing; a township official has no such form.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, noOverflow, openWatched, launch, refused, shot } from './browser.mjs';

let srv, browser, county, t01, standard;
before(async () => {
  srv = await startServer({ entities: 120, seed: 31 });
  browser = await launch();
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  standard = (await county.get('/api/v1/checklists')).data.items[0];
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const campaigns = async () => (await county.get('/api/v1/campaigns')).data.items;
const errorOf = (page, name) => page.textContent(`#campaign-form .field-error[data-for="${name}"]`);

test('the county creates a campaign of the caterers of one township, after a refused empty form', async () => {
  const page = await openWatched(browser, srv.base, 'county', false);
  await page.evaluate(() => { location.hash = '#/campaigns'; });
  await page.click('#new-campaign');
  await page.waitForSelector('#campaign-form');
  const before = (await campaigns()).length;
  await refused(page, async () => {
    await page.click('#campaign-create');
    await page.waitForFunction(() => document.querySelector('#campaign-form .field-error[data-for="name"]')?.textContent);
  });
  assert.match(await errorOf(page, 'name'), /[\u4e00-\u9fa5]/);
  assert.doesNotMatch(await errorOf(page, 'name'), /[a-z]{3}/i, 'the message is Chinese only');
  await page.fill('#campaign-name', '城关餐饮后厨专项整治');
  await refused(page, async () => {
    await page.click('#campaign-create');
    await page.waitForFunction(() => document.querySelector('#campaign-form .field-error[data-for="checklist_id"]')?.textContent);
  });
  assert.match(await errorOf(page, 'checklist_id'), /验收标准/);
  assert.equal((await campaigns()).length, before, 'a refused form creates nothing');

  await page.selectOption('#campaign-checklist', String(standard.id));
  await page.selectOption('#campaign-kind', 'caterer');
  await page.selectOption('#campaign-township', t01.user.division_code);
  await page.click('#campaign-create');
  await page.waitForFunction(() => /^#\/campaigns\/\d+$/.test(location.hash));
  await page.waitForSelector('#campaign-totals');
  const made = (await campaigns()).find((c) => c.name === '城关餐饮后厨专项整治');
  assert.ok(made, 'the campaign exists');
  assert.equal(made.checklist_id, standard.id);
  const caterers = (await county.get(`/api/v1/entities?kind=caterer&status=active&township=${t01.user.division_code}&limit=500`)).data.items;
  assert.ok(caterers.length > 0);
  assert.equal(made.businesses, caterers.length, 'every caterer in operation in the township, no other');
  assert.match(await page.textContent('#campaign-totals'), new RegExp(`主体 ${caterers.length} 户`));
  assert.equal(await page.textContent('h2'), '城关餐饮后厨专项整治');
  await shot(page, 'campaign-created');
  clean(page);
});

test('on a phone the county picks two businesses by name; none picked is refused by the field', async () => {
  const page = await openWatched(browser, srv.base, 'county', true);
  await page.evaluate(() => { location.hash = '#/campaigns'; });
  await page.click('#new-campaign');
  await page.waitForSelector('#campaign-form');
  await page.fill('#campaign-name', '校园周边食品整治');
  await page.selectOption('#campaign-checklist', String(standard.id));
  await page.selectOption('#campaign-scope', 'picked');
  await refused(page, async () => {
    await page.click('#campaign-create');
    await page.waitForFunction(() => document.querySelector('#campaign-form .field-error[data-for="entity_ids"]')?.textContent);
  });
  assert.match(await errorOf(page, 'entity_ids'), /主体/);
  const two = (await county.get('/api/v1/entities?status=active&limit=2')).data.items;
  for (const e of two) {
    await page.fill('#entity-search', e.name);
    await page.click('#entity-search-button');
    await page.click(`#entity-choices .entity-choice[data-id="${e.id}"]`);
  }
  assert.equal(await page.textContent('#campaign-picked-count'), '已选 2 户');
  await noOverflow(page, 'the campaign form on a phone');
  await shot(page, 'campaign-form-phone');
  await page.click('#campaign-create');
  await page.waitForSelector('#campaign-entities tbody tr');
  const shown = await page.$$eval('#campaign-entities tbody tr', (rows) => rows.map((r) => Number(r.dataset.id)).sort((a, b) => a - b));
  assert.deepEqual(shown, two.map((e) => e.id).sort((a, b) => a - b));
  await noOverflow(page, 'the new campaign on a phone');
  clean(page);
});

test('a township official sees the campaigns but has no form to create one', async () => {
  const page = await openWatched(browser, srv.base, 't01', false);
  await page.evaluate(() => { location.hash = '#/campaigns'; });
  await page.waitForSelector('#campaign-list');
  assert.equal(await page.locator('#new-campaign').count(), 0);
  clean(page);
});
