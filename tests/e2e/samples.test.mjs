// 抽样检验 in the console (issue 11), each role from its own work, at the size it works at: a sampler on
// its phone finds the task the county assigned, fills the 抽样单 with a photo (an empty one is refused
// beside the field) and delivers the sample to a lab; the county at a desk records the lab's receipt,
// enters a failing aflatoxin B1 result, reads 不合格 with the clause of GB 2761-2017, and serves the
// notice; the business on its phone confirms receipt and asks for a re-test before the date shown. The
// county also assigns a task through 下达抽样任务 and keeps the lab file (检验机构). No page is wider
// than the phone; no script or console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from '../api/harness.mjs';
import { jpeg } from '../api/images.mjs';
import { clean, launch, noOverflow, openWatched, refused, shot } from './browser.mjs';

let srv, browser, county, sampler, sampler2, entity, lab1, sample, photo, scoreBefore;

before(async () => {
  srv = await startServer({ entities: 200, seed: 31 });
  browser = await launch();
  photo = await jpeg(320, 240);
  county = await as(srv.base, 'county');
  sampler = await as(srv.base, 'sampler01');
  sampler2 = await as(srv.base, 'sampler02');
  // an active business with its own user
  for (const e of (await county.get('/api/v1/entities?status=active&limit=50')).data.items) {
    const r = await new Client(srv.base).post('/api/v1/auth/login', { username: `b${e.id}`, password: 'Shian@2026' });
    if (r.status === 200) { entity = e; break; }
  }
  assert.ok(entity, 'a business with a user');
  scoreBefore = (await county.get(`/api/v1/entities/${entity.id}/risk`)).data.score;
  lab1 = (await county.post('/api/v1/labs', { name: '县食品检验检测中心', cma_no: 'CMA201912345678', scope: '食品中真菌毒素、重金属' })).data;
  await county.post('/api/v1/labs', { name: '市食品药品检验所', cma_no: 'CMA201800000001', scope: '食品全项' });
  const r = await county.post('/api/v1/samples', { entity_id: entity.id, kind: 'supervision', food_category: 'oil.vegetable.peanut',
    analytes: ['afb1'], samplers: [sampler.user.id, sampler2.user.id] });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  sample = r.data;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const open = (username, phone) => openWatched(browser, srv.base, username, phone);

test('phone: the sampler records its task with a photo and delivers the sample', async () => {
  const page = await open('sampler01', true);
  await page.goto(`${srv.base}/#/`);
  // the sampler's home starts from its sampling tasks (the to-do list), counted as the task list counts them
  const tasks = page.locator('#todo [data-key="my_samples"]');
  await tasks.waitFor();
  const mine = (await (await as(srv.base, 'sampler01')).get('/api/v1/samples?mine=1&status=assigned&limit=1')).data.total;
  assert.ok(mine >= 1);
  assert.match(await tasks.locator('h3').textContent(), /我的抽样任务\s*\d+/);
  await tasks.locator('a.todo-action').click();
  const card = page.locator(`.sample-card[data-id="${sample.id}"]`);
  await card.waitFor();
  assert.match(await card.textContent(), new RegExp(entity.name));
  assert.match(await card.textContent(), /黄曲霉毒素B1/);
  await noOverflow(page, 'tasks');
  await shot(page, 'samples-sampler-tasks-phone');

  await card.locator('a.open-sample').click();
  await page.waitForSelector('#record-form');
  const names = sample.samplers.map((u) => u.name);
  for (const n of names) assert.match(await page.textContent('#record-form'), new RegExp(n));
  await page.setInputFiles('#sample-photo', { name: 'seal.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.waitForSelector('#sample-photos img');
  // nothing filled in: refused, the message beside 样品名称
  await refused(page, async () => {
    await page.click('#record-submit');
    await page.waitForFunction(() => /样品名称/.test(document.querySelector('.field-error[data-for="product_name"]')?.textContent || ''));
  });
  const fields = { product_name: '压榨花生油', brand: '乡味', spec: '5L/桶', batch_no: 'B20261101', production_date: '2026-11-01',
    shelf_life_days: '540', quantity: '40桶', unit_price: '89.5', declared_standard: 'GB/T 1534', producer_name: '某县小油坊',
    producer_address: '某县城关镇', sample_qty: '2桶', backup_qty: '1桶', seal_no: 'FY-0001', business_signer: '张三' };
  for (const [k, v] of Object.entries(fields)) await page.fill(`#record-form [name="${k}"]`, v);
  await noOverflow(page, 'record form');
  await shot(page, 'samples-record-phone');
  await page.click('#record-submit');
  await page.waitForSelector('#deliver-form');
  assert.ok(await page.locator('#sample-timeline li[data-step="sampled"].done').count());
  assert.match(await page.textContent('#sample-timeline li[data-step="delivery"]'), /期限 \d{4}-\d{2}-\d{2}/);
  assert.match(await page.textContent('#sample-record'), /FY-0001/);
  await page.selectOption('#deliver-lab', String(lab1.id));
  await noOverflow(page, 'deliver');
  await page.click('#deliver-submit');
  await page.waitForSelector('#sample-timeline li[data-step="delivery"].done');
  assert.equal(await page.locator('#deliver-form').count(), 0);
  await noOverflow(page, 'delivered');
  await shot(page, 'samples-delivered-phone');

  const now = (await county.get(`/api/v1/samples/${sample.id}`)).data;
  assert.equal(now.status, 'delivered');
  assert.equal(now.lab_id, lab1.id);
  assert.equal(now.product_name, '压榨花生油');
  assert.equal(now.unit_price, 89.5);
  assert.equal(now.shelf_life_days, 540);
  assert.equal(now.photos.length, 1);
  // on the 已抽样 tab it is no longer waiting; it shows under 全部
  await page.goto(`${srv.base}/#/samples?tab=all`);
  await page.waitForSelector(`.sample-card[data-id="${sample.id}"][data-status="delivered"]`);
  clean(page);
});

test('desktop: the county records receipt, enters a failing AFB1 result, reads the clause and serves the notice', async () => {
  const page = await open('county', false);
  await page.click('a[href="#/samples"]');
  await page.waitForSelector('#sample-table');
  assert.match(await page.textContent('#sample-counts [data-key="delivered"]'), /已送检 [1-9]/);
  await page.fill('#filter-q', '压榨花生油');
  await page.click('#filter-button');
  await page.waitForSelector(`#sample-table tr[data-id="${sample.id}"]`);
  await shot(page, 'samples-list-desktop');
  await page.click(`#sample-table tr[data-id="${sample.id}"] a`);
  await page.waitForSelector('#receive-form');
  await page.click('#receive-submit');
  await page.waitForSelector('#report-form');
  assert.match(await page.textContent('#sample-timeline li[data-step="report"]'), /期限 \d{4}-\d{2}-\d{2}/);
  const row = page.locator('#report-form .result-row[data-analyte="afb1"]');
  // no value: refused beside the item
  await refused(page, async () => {
    await page.click('#report-submit');
    await page.waitForFunction(() => (document.querySelector('#report-form .field-error[data-for="results[0]"]')?.textContent || '').length > 0);
  });
  await row.locator('.value').fill('25');
  await row.locator('.unit').selectOption('µg/kg');
  await page.click('#report-submit');
  await page.waitForSelector('#sample-verdict .verdict');
  assert.equal(await page.textContent('#sample-verdict .verdict'), '不合格');
  const basis = await page.textContent('#sample-results .judge-item[data-analyte="afb1"] .basis');
  assert.match(basis, /GB 2761-2017/);
  assert.match(basis, /4\.1 表1/);
  // the next step: the notice, due within 2 working days
  await page.waitForSelector('#notice-form');
  assert.match(await page.textContent('#sample-timeline li[data-step="notice"]'), /期限 \d{4}-\d{2}-\d{2}/);
  await shot(page, 'samples-failed-desktop');
  await page.click('#notice-submit');
  await page.waitForSelector('#sample-timeline li[data-step="notice"].done');
  assert.equal(await page.locator('#notice-form').count(), 0);
  // what may follow a failure is offered now
  for (const id of ['#disposal-form', '#followup-form', '#publish-form']) assert.equal(await page.locator(id).count(), 1, id);
  const s = (await county.get(`/api/v1/samples/${sample.id}`)).data;
  assert.equal(s.verdict, 'fail');
  assert.equal(s.notice_sent_on, srv.today());
  await shot(page, 'samples-notice-desktop');
  clean(page);
});

test('phone: the business confirms the notice and asks for a re-test before the date shown', async () => {
  const page = await open(`b${entity.id}`, true);
  await page.click('a[href="#/samples"]');
  const card = page.locator(`.sample-card[data-id="${sample.id}"]`);
  await card.waitFor();
  assert.match(await card.textContent(), /不合格/);
  assert.match(await card.textContent(), /请确认收到不合格通知/);
  assert.equal(await page.textContent('nav a.active'), '抽检结果');
  await noOverflow(page, 'business list');
  await card.locator('a.open-sample').click();
  await page.waitForSelector('#notice-confirm-card');
  assert.match(await page.textContent('#sample-results .basis'), /GB 2761-2017/);
  assert.equal(await page.locator('#sample-actions #notice-form, #followup-form, #receive-form').count(), 0, 'a business does not serve or follow up');
  await page.click('#confirm-notice');
  await page.waitForSelector('#retest-card');
  const due = (await county.get(`/api/v1/samples/${sample.id}`)).data.retest_due;
  assert.ok(due);
  assert.equal(await page.textContent('#retest-due'), due);
  await noOverflow(page, 'business sample');
  await shot(page, 'samples-business-retest-phone');
  await page.fill('#retest-form [name="reason"]', '对检验结论有异议，\n申请用备份样品复检');
  await page.click('#retest-submit');
  await page.waitForSelector('#sample-retest');
  assert.match(await page.textContent('#sample-retest'), /待决定/);
  assert.equal(await page.locator('#retest-card').count(), 0);
  await noOverflow(page, 'after the request');
  const s = (await county.get(`/api/v1/samples/${sample.id}`)).data;
  assert.equal(s.notice_received_on, srv.today());
  assert.equal(s.retest.status, 'requested');
  assert.equal(s.retest.reason, '对检验结论有异议， 申请用备份样品复检');
  clean(page);
});

test('desktop: the county accepts the re-test, enters the final result, disposes, orders rectification and publishes', async () => {
  const page = await open('county', false);
  await page.goto(`${srv.base}/#/sample/${sample.id}`);
  await page.waitForSelector('#retest-decide-form');
  // refusing without a ground is refused beside the form, and changes nothing
  await refused(page, async () => {
    await page.click('#retest-refuse');
    await page.waitForFunction(() => (document.querySelector('#retest-decide-form .field-error')?.textContent || '').length > 0);
  });
  assert.equal((await county.get(`/api/v1/samples/${sample.id}`)).data.retest.status, 'requested');
  await page.click('#retest-accept');
  await page.waitForSelector('#retest-report-form');
  const accepted = (await county.get(`/api/v1/samples/${sample.id}`)).data.retest;
  assert.equal(accepted.status, 'accepted');
  assert.notEqual(accepted.lab_id, lab1.id); // another lab, drawn at random
  const row = page.locator('#retest-report-form .result-row[data-analyte="afb1"]');
  await row.locator('.value').fill('24.6');
  await row.locator('.unit').selectOption('µg/kg');
  await page.click('#retest-report-submit');
  await page.waitForSelector('#disposal-form');
  let s = (await county.get(`/api/v1/samples/${sample.id}`)).data;
  assert.equal(s.final_verdict, 'fail');
  // the disposal, with its quantity
  await page.selectOption('#disposal-form [name="action"]', 'seal');
  await page.fill('#disposal-form [name="quantity"]', '38');
  await page.fill('#disposal-form [name="unit"]', '桶');
  await page.click('#disposal-submit');
  await page.waitForSelector('#sample-disposals');
  assert.match(await page.textContent('#sample-disposals'), /38/);
  // the follow-up: a rectification order through the shared loop
  await page.selectOption('#followup-action', 'rectification');
  await page.click('#followup-submit');
  await page.waitForSelector('#sample-followups');
  s = (await county.get(`/api/v1/samples/${sample.id}`)).data;
  assert.deepEqual(s.disposals.map((d) => [d.action, d.quantity, d.unit]), [['seal', 38, '桶']]);
  const fu = s.followups.find((f) => f.action === 'rectification');
  assert.ok(fu?.ref_id, JSON.stringify(s.followups));
  const order = (await county.get(`/api/v1/rectifications/${fu.ref_id}`)).data;
  assert.equal((order.rectification ?? order).entity_id, entity.id);
  // published, and the grade has risen
  await page.click('#publish-submit');
  await page.waitForSelector('#sample-timeline li[data-step="publish"]');
  const pub = (await new Client(srv.base).get(`/api/v1/public/sampling-results?verdict=fail&q=${encodeURIComponent(s.product_name)}&limit=100`)).data;
  assert.ok(pub.items.some((x) => x.code === sample.code), 'in the 抽检信息公告');
  assert.ok((await county.get(`/api/v1/entities/${entity.id}/risk`)).data.score > scoreBefore);
  await shot(page, 'samples-final-desktop');
  clean(page);
});

test('desktop: the county assigns a task through 下达抽样任务 and keeps the lab file', async () => {
  const page = await open('county', false);
  await page.goto(`${srv.base}/#/samples`);
  await page.click('#new-sample');
  await page.waitForSelector('#sample-create-form');
  // nothing chosen: refused beside 被抽样单位
  await refused(page, async () => {
    await page.click('#create-sample');
    await page.waitForFunction(() => (document.querySelector('#sample-create-form .field-error[data-for="entity_id"]')?.textContent || '').length > 0);
  });
  await page.fill('#entity-search', entity.name);
  await page.click('#entity-search-button');
  await page.click(`#entity-choices .entity-choice[data-id="${entity.id}"]`);
  assert.match(await page.textContent('#picked-entity'), new RegExp(entity.name));
  await page.selectOption('#new-category', 'oil.vegetable.peanut');
  await page.check('#new-analytes input[value="afb1"]');
  await page.check(`#new-samplers input[value="${sampler.user.id}"]`);
  // one sampler: refused
  await refused(page, async () => {
    await page.click('#create-sample');
    await page.waitForFunction(() => (document.querySelector('#sample-create-form .field-error[data-for="samplers"]')?.textContent || '').length > 0);
  });
  await page.check(`#new-samplers input[value="${sampler2.user.id}"]`);
  await page.click('#create-sample');
  await page.waitForFunction(() => /^#\/sample\/\d+$/.test(location.hash));
  await page.waitForSelector('#sample-timeline li[data-step="assigned"].done');
  const id = Number((await page.evaluate(() => location.hash)).split('/').pop());
  const s = (await county.get(`/api/v1/samples/${id}`)).data;
  assert.equal(s.entity_id, entity.id);
  assert.deepEqual(s.analytes, ['afb1']);
  assert.deepEqual(s.samplers.map((u) => u.id).sort(), [sampler.user.id, sampler2.user.id].sort());
  assert.ok((await sampler.get('/api/v1/samples?mine=1&status=assigned')).data.items.some((x) => x.id === id));

  // 检验机构: add, edit, 停用
  await page.click('a[href="#/labs"]');
  await page.waitForSelector('#lab-table');
  await page.click('#lab-new');
  await page.fill('#lab-new-form [name="name"]', '某第三方检测公司');
  await page.fill('#lab-new-form [name="cma_no"]', 'CMA202011112222');
  await page.fill('#lab-new-form [name="scope"]', '食品农药残留');
  await page.click('#lab-create');
  const row = page.locator('#lab-table tr', { hasText: '某第三方检测公司' });
  await row.waitFor();
  const labId = await row.getAttribute('data-id');
  await row.locator('.lab-edit').click();
  await page.fill(`#lab-edit-${labId} [name="phone"]`, '0797-5551234');
  await page.click('#lab-save');
  await page.waitForFunction((lid) => /0797-5551234/.test(document.querySelector(`#lab-table tr[data-id="${lid}"]`)?.textContent || ''), labId);
  await page.locator(`#lab-table tr[data-id="${labId}"] .lab-toggle`).click();
  await page.waitForFunction((lid) => /已停用/.test(document.querySelector(`#lab-table tr[data-id="${lid}"]`)?.textContent || ''), labId);
  const lab = (await county.get(`/api/v1/labs/${labId}`)).data;
  assert.equal(lab.active, false);
  assert.equal(lab.phone, '0797-5551234');
  await shot(page, 'labs-desktop');
  clean(page);

  // a sampler reads the file, without the county's buttons, and on a phone it fits
  const reader = await open('sampler02', true);
  await reader.click('a[href="#/labs"]');
  await reader.waitForSelector('#lab-table');
  assert.equal(await reader.locator('#lab-new, .lab-edit, .lab-toggle').count(), 0);
  assert.match(await reader.textContent('#lab-table'), /县食品检验检测中心/);
  await noOverflow(reader, 'labs');
  clean(reader);
});
