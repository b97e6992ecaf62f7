// Each role starts from its own work (issue 15): a restaurant signs in on its phone and lands on its
// to-do list, the order an inspection left it with its countdown, the result to acknowledge (done from
// its link, it leaves the list), and a link to act; none of the county's registry figures. A business
// with nothing due reads "今日无待办事项". No console error, no overflow at the phone's width.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, shot } from './browser.mjs';

let srv, browser, t01, county;
const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400e3);

before(async () => {
  srv = await startServer({ entities: 200, seed: 29 });
  browser = await launch();
  t01 = await as(srv.base, 't01');
  county = await as(srv.base, 'county');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Caterers of 城关 with nothing on their lists but today's record or their licence; their licence set far off.
async function quietCaterers(n) {
  const out = [];
  for (const e of (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=50')).data.items) {
    const t = (await (await as(srv.base, `b${e.id}`)).get('/api/v1/me/todo')).data;
    if (!t.sections.every((s) => ['daily_record', 'licence'].includes(s.key))) continue;
    const version = (await county.get(`/api/v1/entities/${e.id}`)).data.entity.version;
    assert.equal((await t01.patch(`/api/v1/entities/${e.id}`, { version, licence_valid_until: addDays(srv.today(), 400) })).status, 200);
    out.push(e);
    if (out.length === n) return out;
  }
  throw new Error('no quiet caterers in the demo');
}

test('a restaurant on its phone lands on its to-do list: the order with its countdown, no registry figures; nothing due reads so', async () => {
  const [e, calm] = await quietCaterers(2);
  // the inspection: one item fails, an order follows; the result waits for the restaurant's acknowledgement
  const insp = (await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 4] })).data.inspection;
  const failed = insp.items.find((i) => !i.key);
  const i1 = await as(srv.base, 'inspector01');
  await i1.post(`/api/v1/inspections/${insp.id}/items`, { items: insp.items.map((i) => (i.id === failed.id
    ? { item_id: i.id, outcome: 'fail', note: '冷藏柜温度偏高' } : { item_id: i.id, outcome: 'pass' })) });
  assert.equal((await i1.post(`/api/v1/inspections/${insp.id}/complete`, { summary: '一般项不符合1项', received_by: '王店长' })).status, 200);
  const order = (await t01.get(`/api/v1/rectifications?entity=${e.id}&status=open`)).data.items[0];

  const phone = await openWatched(browser, srv.base, `b${e.id}`, true);
  await phone.waitForSelector('#todo [data-key="rectifications"] .todo-item');
  const card = phone.locator('#todo [data-key="rectifications"]');
  assert.match(await card.textContent(), new RegExp(`整改通知[\\s\\S]*${order.title}`));
  const left = daysBetween(srv.today(), order.deadline);
  assert.equal((await card.locator(`.todo-item[data-id="${order.id}"] .countdown`).textContent()).trim(), `还剩${left}天`);
  assert.match(await phone.textContent('#todo [data-key="inspections"]'), /检查结果待确认[\s\S]*日常检查：基本符合/);
  assert.match(await phone.textContent('#todo [data-key="daily_record"]'), /今日截止/);
  // nothing of the county's registry figures
  const text = await phone.textContent('main');
  assert.doesNotMatch(text, /建档率|主体档案概况|在册主体|各乡镇/);
  assert.equal(await phone.locator('#stat-total, #completeness').count(), 0);
  await noOverflow(phone, 'to-do list');
  await shot(phone, 'home-todo-phone');
  // the order's link leads to where it is answered
  await card.locator(`.todo-item[data-id="${order.id}"] a`).click();
  await phone.waitForFunction((t) => location.hash.startsWith('#/rectifications') && document.querySelector('main')?.textContent.includes(t), order.title);
  // the result's link leads to its page, where the restaurant acknowledges it; back home, it is off the list
  await phone.goto(`${srv.base}/#/`);
  await phone.click(`#todo [data-key="inspections"] .todo-item[data-id="${insp.id}"] a`);
  await phone.click('#acknowledge');
  await phone.waitForFunction(() => /企业已于/.test(document.querySelector('#acknowledged')?.textContent || ''));
  await phone.goto(`${srv.base}/#/`);
  await phone.waitForSelector('#todo [data-key="rectifications"]');
  assert.equal(await phone.locator('#todo [data-key="inspections"]').count(), 0);
  clean(phone);

  // a restaurant whose record is filled and whose licence runs on: nothing due
  assert.equal((await (await as(srv.base, `b${calm.id}`)).post('/api/v1/self-records', { kind: 'daily', nothing_found: true, content: '逐项检查' })).status, 201);
  const quiet = await openWatched(browser, srv.base, `b${calm.id}`, true);
  await quiet.waitForSelector('#todo');
  assert.equal((await quiet.textContent('#todo-empty')).trim(), '今日无待办事项');
  assert.doesNotMatch(await quiet.textContent('main'), /建档率|主体档案概况/);
  await noOverflow(quiet, 'empty to-do list');
  clean(quiet);
});

// An inspector starts from the inspection just assigned to them, on a phone and on a desk; a township
// official from what waits in the township, above the registry figures.
test('an inspector lands on their own inspection; a township official on the township\'s to-do list above the figures', async () => {
  const [e] = await quietCaterers(1);
  const due = addDays(srv.today(), 2);
  const insp = (await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'key', inspectors: [3, 4], due_date: due })).data.inspection;
  for (const phoneSized of [true, false]) {
    const page = await openWatched(browser, srv.base, 'inspector01', phoneSized);
    await page.waitForSelector('#todo [data-key="my_inspections"]');
    const mine = page.locator('#todo [data-key="my_inspections"]');
    const total = (await (await as(srv.base, 'inspector01')).get('/api/v1/inspections?mine=1&status=assigned&limit=1')).data.total;
    assert.match(await mine.locator('h3').textContent(), new RegExp(`我的检查任务\\s*${total}`));
    assert.ok(total <= 5, 'the demo inspector has few inspections open: the new one is shown');
    const item = mine.locator(`.todo-item[data-id="${insp.id}"]`);
    assert.match(await item.textContent(), new RegExp(`${e.name}[\\s\\S]*还剩2天[\\s\\S]*重点检查[\\s\\S]*截止日期：${due}`));
    // their day's work, not the county's registry figures
    assert.doesNotMatch(await page.textContent('main'), /建档率|主体档案概况|在册主体/);
    assert.equal(await page.locator('#stat-total, #completeness').count(), 0);
    await noOverflow(page, `inspector's home ${phoneSized ? 'phone' : 'desktop'}`);
    await item.locator('a').click();
    await page.waitForFunction((id) => location.hash === `#/inspections/${id}`, insp.id);
    clean(page);
  }
  const town = await openWatched(browser, srv.base, 't01', false);
  await town.waitForSelector('#todo');
  await town.waitForSelector('#stat-total');
  const text = await town.textContent('main');
  assert.ok(text.indexOf('今日待办') < text.indexOf('主体档案概况'), 'the to-do list comes first');
  clean(town);
});
