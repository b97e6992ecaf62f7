// 抽检计划, 你点我检 and 抽检统计 in the console (issue 11 "Sampling and testing"), in a real headless
// browser: the county at a desk creates a plan sized by population (a missing population is refused
// beside the field and nothing is stored), adds an item, draws it at random and reads the drawn
// businesses, their samplers and the recorded seed (which replays), sees progress, and turns a cell of
// the server's weighted split into an item; the plan page fits a phone; a resident's proposal made
// through the public API is adopted into a plan in the page and becomes a plan item, another one is
// declined by the township with an answer; the figures page shows what /sampling/figures answers and
// its Excel link downloads the workbook. No script or console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, refused, shot } from './browser.mjs';

let srv, browser, county, t01, t02, anon, year, plan, item;
const RECORD = { product_name: '压榨花生油', sample_qty: '2桶', backup_qty: '1桶', seal_no: 'FY-E2E-1', business_signer: '李四' };
const percent = (r) => `${(r * 100).toFixed(1)}%`;

before(async () => {
  srv = await startServer({ entities: 200, seed: 37 });
  browser = await launch();
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  anon = new Client(srv.base);
  year = Number(srv.today().slice(0, 4));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const open = (username, phone) => openWatched(browser, srv.base, username, phone);

const errorFor = (form, name) => `${form} .field-error[data-for="${name}"]`;
const waitError = (page, selector, re) => page.waitForFunction(([s, src]) => new RegExp(src).test(document.querySelector(s)?.textContent || ''),
  [selector, re.source]);

const plansOfYear = async () => (await county.get(`/api/v1/sampling/plans?year=${year}`)).data.items;

test('desktop: the county creates a plan, adds an item, draws it, reads the seed and the progress', async () => {
  const page = await open('county', false);
  await page.click('a[href="#/sampling-plans"]');
  await page.waitForSelector('#plan-table');
  const earlier = await plansOfYear();
  // the demo county's plan of the year is listed with its target
  for (const p of earlier) assert.match(await page.textContent(`#plan-table tr[data-id="${p.id}"] .plan-target`), new RegExp(`^${p.target}$`));
  await page.click('#plan-new');
  await page.waitForSelector('#plan-create-form');
  assert.equal(await page.inputValue('#plan-year'), String(year));
  const name = `${year}年浏览器监督抽检计划`;
  await page.fill('#plan-name', name);
  // no population: refused beside the field, nothing stored
  await refused(page, async () => {
    await page.click('#plan-create');
    await waitError(page, errorFor('#plan-create-form', 'population'), /常住人口/);
  });
  assert.equal((await plansOfYear()).length, earlier.length);
  assert.ok(!(await plansOfYear()).some((p) => p.name === name));
  await shot(page, 'sampling-plan-refused-desktop');

  await page.fill('#plan-population', '123456');
  assert.match(await page.textContent('#plan-target-preview'), /494/);
  await page.click('#plan-create');
  await page.waitForFunction(() => /^#\/sampling-plans\/\d+$/.test(location.hash));
  await page.waitForSelector('#plan-target');
  const id = Number((await page.evaluate(() => location.hash)).split('/').pop());
  plan = (await county.get(`/api/v1/sampling/plans/${id}`)).data.plan;
  assert.deepEqual([plan.name, plan.kind, plan.population, plan.per_thousand, plan.target, plan.division_code],
    [name, 'supervision', 123456, 4, 494, county.user.division_code]);
  assert.equal(await page.textContent('#plan-target'), '494');
  assert.equal(await page.textContent('#plan-title'), name);
  assert.equal((await plansOfYear()).length, earlier.length + 1);

  // an item: nothing chosen is refused beside 食品类别; then 3 batches of peanut oil in 梅林镇
  await refused(page, async () => {
    await page.click('#item-submit');
    await waitError(page, errorFor('#item-form', 'food_category'), /食品类别/);
  });
  await page.selectOption('#item-category', 'oil.vegetable.peanut');
  await page.selectOption('#item-township', t01.user.division_code);
  await page.fill('#item-target', '3');
  await page.check('#item-analytes input[value="afb1"]');
  await page.click('#item-submit');
  await page.waitForSelector('#item-table tr[data-id]');
  const items = (await county.get(`/api/v1/sampling/plans/${id}`)).data.plan.items;
  assert.equal(items.length, 1);
  item = items[0];
  assert.deepEqual([item.food_category, item.township_code, item.target, item.analytes, item.mode, item.month],
    ['oil.vegetable.peanut', t01.user.division_code, 3, ['afb1'], 'random', null]);
  const row = page.locator(`#item-table tr[data-id="${item.id}"]`);
  assert.match(await row.textContent(), /花生油/);

  // 随机抽取: 2 of the 3, seed 777
  await row.locator('.item-draw').click();
  await page.waitForSelector('#draw-form');
  assert.equal(await page.inputValue('#draw-count'), '3');
  // none to draw: refused beside the count, no task made
  await page.fill('#draw-count', '0');
  await refused(page, async () => {
    await page.click('#draw-submit');
    await waitError(page, errorFor('#draw-form', 'count'), /抽取数量/);
  });
  assert.equal((await county.get(`/api/v1/samples?plan_id=${id}&limit=1`)).data.total, 0);
  await page.fill('#draw-count', '2');
  await page.fill('#draw-seed-input', '777');
  await page.click('#draw-submit');
  await page.waitForSelector('#draw-result');
  assert.equal(await page.textContent('#draw-seed'), '777');
  assert.equal(await page.textContent('#draw-drawn'), '2');
  const samples = (await county.get(`/api/v1/samples?plan_id=${id}&limit=50`)).data.items;
  assert.equal(samples.length, 2);
  const drawnRows = page.locator('#draw-table tbody tr');
  assert.equal(await drawnRows.count(), 2);
  const officials = new Map((await county.get('/api/v1/officials?for=sampling')).data.items.map((u) => [u.id, u.display_name]));
  for (const s of samples) {
    assert.deepEqual([s.status, s.plan_item_id, s.food_category], ['assigned', item.id, 'oil.vegetable.peanut']);
    const tr = page.locator(`#draw-table tr[data-sample="${s.id}"]`);
    assert.equal(await tr.locator('.drawn-entity').textContent(), s.entity_name);
    const full = (await county.get(`/api/v1/samples/${s.id}`)).data;
    assert.equal(full.samplers.length, 2);
    assert.equal(await tr.locator('.drawn-samplers').textContent(), full.samplers.map((u) => officials.get(u.id)).join('、'));
  }
  await page.click('#verify-draw');
  await page.waitForSelector('#verify-result');
  assert.match(await page.textContent('#verify-result'), /复现一致/);
  await page.waitForFunction((iid) => document.querySelector(`#item-table tr[data-id="${iid}"] .item-assigned`)?.textContent === '2', item.id);
  await shot(page, 'sampling-plan-draw-desktop');

  // progress: one drawn task taken
  assert.equal((await county.post(`/api/v1/samples/${samples[0].id}/record`, RECORD)).status, 200);
  await page.reload();
  await page.waitForSelector('#progress-category');
  const p = (await county.get(`/api/v1/sampling/plans/${id}/progress`)).data;
  assert.equal(p.done, 1);
  assert.equal(await page.textContent('#progress-done'), '1');
  const cat = await page.locator('#progress-category tbody tr', { hasText: '花生油' }).locator('td').allTextContents();
  assert.deepEqual(cat.slice(0, 3), ['花生油', '3', '1']);
  const town = p.by_township.find((x) => x.township_code === t01.user.division_code);
  const townCells = await page.locator('#progress-township tbody tr', { hasText: town.name }).locator('td').allTextContents();
  assert.deepEqual(townCells.slice(1, 3), [String(town.target), String(town.done)]);
  const month = p.by_month.find((m) => m.done === 1);
  const monthCells = await page.locator('#progress-month tbody tr', { hasText: `${month.month}月` }).locator('td').allTextContents();
  assert.deepEqual(monthCells.slice(1, 3), [String(month.target), '1']);
  assert.equal(await page.textContent(`#item-table tr[data-id="${item.id}"] .item-done`), '1');

  // the split: the server's table sums to the target; one cell becomes an item
  await page.click('#split-load');
  await page.waitForSelector('#split-result');
  assert.equal(await page.textContent('#split-target'), '494');
  const townTargets = (await page.locator('#split-townships .split-target').allTextContents()).map(Number);
  assert.equal(townTargets.reduce((a, b) => a + b, 0), 494);
  const split = (await county.get(`/api/v1/sampling/plans/${id}/split`)).data;
  assert.equal(townTargets.length, split.townships.length);
  await page.uncheck('#split-pick-all');
  const cell = page.locator('#split-cells tbody tr').first();
  const [township, category] = [await cell.getAttribute('data-township'), await cell.getAttribute('data-category')];
  const want = split.cells.find((c) => c.township_code === township && c.food_category === category);
  assert.ok(want && want.target > 0);
  await cell.locator('.split-pick').check();
  // no analytes chosen for its category: said so, nothing made
  await page.click('#split-make');
  await waitError(page, '#split-error', /检验项目/);
  const details = page.locator(`#split-categories details[data-category="${category}"]`);
  await details.locator('summary').click();
  const analyte = await details.locator('input').first().getAttribute('value');
  await details.locator('input').first().check();
  await page.click('#split-make');
  await page.waitForFunction(() => /已生成 1 \/ 1 条/.test(document.querySelector('#split-status')?.textContent || ''));
  await page.waitForFunction(() => document.querySelectorAll('#item-table tr[data-id]').length === 2);
  const made = (await county.get(`/api/v1/sampling/plans/${id}`)).data.plan.items.find((i) => i.id !== item.id);
  assert.deepEqual([made.township_code, made.food_category, made.target, made.analytes, made.mode],
    [township, category, want.target, [analyte], 'random']);
  await shot(page, 'sampling-plan-split-desktop');
  // a seed the server chose is shown exactly as recorded (read from the raw reply, not through a double)
  await page.locator(`#item-table tr[data-id="${made.id}"] .item-draw`).click();
  await page.waitForSelector(`#draw-form[data-item="${made.id}"]`);
  await page.fill('#draw-count', '1');
  assert.equal(await page.locator('#draw-result').count(), 0); // the first draw's result went with the reload
  await page.click('#draw-submit');
  await page.waitForSelector('#draw-result');
  const drawId = await page.getAttribute('#draw-result', 'data-draw');
  assert.notEqual(await page.textContent('#draw-seed'), '777');
  const raw = await (await page.request.get(`${srv.base}/api/v1/draws/${drawId}/verify`)).text();
  assert.match(raw, /"reproduced":\s*true/);
  assert.equal(await page.textContent('#draw-seed'), raw.match(/"seed":\s*(\d+)/)[1]);
  clean(page);
});

test('phone: the plans list and the plan page fit 390 px', async () => {
  const page = await open('county', true);
  await page.goto(`${srv.base}/#/sampling-plans`);
  await page.waitForSelector(`#plan-table tr[data-id="${plan.id}"]`);
  await noOverflow(page, 'plans');
  await page.click('#plan-new');
  await page.waitForSelector('#plan-create-form');
  await noOverflow(page, 'plan form');
  await page.goto(`${srv.base}/#/sampling-plans/${plan.id}`);
  await page.waitForSelector('#progress-month');
  await page.waitForSelector(`#item-table tr[data-id="${item.id}"]`);
  await noOverflow(page, 'plan');
  await page.locator(`#item-table tr[data-id="${item.id}"] .item-draw`).click();
  await page.waitForSelector('#draw-form');
  await noOverflow(page, 'draw form');
  await page.click('#split-load');
  await page.waitForSelector('#split-result');
  await noOverflow(page, 'split');
  await shot(page, 'sampling-plan-phone');
  clean(page);
  // a township official reads the plan: its own items, no county buttons
  const town = await open('t01', true);
  await town.goto(`${srv.base}/#/sampling-plans/${plan.id}`);
  await town.waitForSelector('#progress-month');
  assert.equal(await town.locator('#item-form, #split-load, .item-draw').count(), 0);
  assert.equal(await town.locator(`#item-table tr[data-id="${item.id}"]`).count(), 1);
  await noOverflow(town, 'township plan');
  clean(town);
});

test('你点我检: a public proposal is adopted into a plan in the page; the township declines another', async () => {
  const township = t02.user.division_code;
  const made = await anon.post('/api/v1/public/sampling-proposals', { division_code: township, food: '散装花生油', place: '青石镇农贸市场',
    reason: '小油坊自榨，担心黄曲霉毒素', proposer: '王女士' });
  assert.equal(made.status, 201, JSON.stringify(made.data));
  const prop = made.data.proposal;
  assert.equal((await anon.post(`/api/v1/public/sampling-proposals/${prop.id}/vote`, {})).status, 200);
  const other = (await anon.post('/api/v1/public/sampling-proposals', { division_code: township, food: '自制米粉' })).data.proposal;

  const page = await open('county', false);
  await page.click('a[href="#/sampling-proposals"]');
  const card = page.locator(`.proposal-card[data-id="${prop.id}"]`);
  await card.waitFor();
  assert.match(await card.locator('.proposal-votes').textContent(), /1 票/);
  assert.match(await card.textContent(), /王女士/);
  assert.match(await card.textContent(), /青石镇农贸市场/);
  await card.locator('.proposal-adopt').click();
  const form = `#adopt-form-${prop.id}`;
  await page.waitForSelector(form);
  await page.selectOption('#adopt-plan', String(plan.id));
  await page.waitForFunction((code) => document.querySelector('#adopt-township')?.value === code, township);
  // no food category: refused beside it, the proposal stays open
  await refused(page, async () => {
    await page.click('#adopt-submit');
    await waitError(page, errorFor(form, 'food_category'), /食品类别/);
  });
  assert.equal((await county.get('/api/v1/sampling-proposals?status=open&limit=500')).data.items.find((x) => x.id === prop.id)?.status, 'open');
  await page.selectOption('#adopt-category', 'oil.vegetable.peanut');
  await page.fill('#adopt-target', '2');
  await page.check('#adopt-analytes input[value="afb1"]');
  await page.fill('#adopt-answer', '已纳入本年度监督抽检计划');
  await shot(page, 'sampling-proposal-adopt-desktop');
  await page.click('#adopt-submit');
  await page.waitForFunction((pid) => !document.querySelector(`.proposal-card[data-id="${pid}"]`), prop.id);
  const adopted = (await county.get('/api/v1/sampling-proposals?status=adopted&limit=500')).data.items.find((x) => x.id === prop.id);
  assert.ok(adopted, 'adopted');
  assert.equal(adopted.answer, '已纳入本年度监督抽检计划');
  const it = (await county.get(`/api/v1/sampling/plans/${plan.id}`)).data.plan.items.find((i) => i.id === adopted.plan_item_id);
  assert.deepEqual([it.proposal_id, it.township_code, it.food_category, it.target, it.analytes], [prop.id, township, 'oil.vegetable.peanut', 2, ['afb1']]);
  await page.click('#proposal-tabs [data-key="adopted"]');
  await page.waitForSelector(`.proposal-card[data-id="${prop.id}"][data-status="adopted"]`);
  assert.match(await page.textContent(`.proposal-card[data-id="${prop.id}"] .proposal-answer`), /已纳入本年度监督抽检计划/);
  // the plan shows the item from the proposal
  await page.goto(`${srv.base}/#/sampling-plans/${plan.id}`);
  await page.waitForSelector(`#item-table tr[data-id="${it.id}"]`);
  assert.match(await page.textContent(`#item-table tr[data-id="${it.id}"]`), /你点我检/);
  clean(page);

  // the township declines the other one: an empty answer is refused beside the field
  const town = await open('t02', true);
  await town.click('a[href="#/sampling-proposals"]');
  const otherCard = town.locator(`.proposal-card[data-id="${other.id}"]`);
  await otherCard.waitFor();
  assert.equal(await otherCard.locator('.proposal-adopt').count(), 0, 'only the county adopts');
  await otherCard.locator('.proposal-decline').click();
  await refused(town, async () => {
    await town.click('#decline-submit');
    await waitError(town, errorFor(`#decline-form-${other.id}`, 'answer'), /答复/);
  });
  await town.fill('#decline-answer', '本月已抽检同类产品，结果合格');
  await noOverflow(town, 'proposals');
  await town.click('#decline-submit');
  await town.waitForFunction((pid) => !document.querySelector(`.proposal-card[data-id="${pid}"]`), other.id);
  const declined = (await t02.get('/api/v1/sampling-proposals?status=declined')).data.items.find((x) => x.id === other.id);
  assert.equal(declined.answer, '本月已抽检同类产品，结果合格');
  clean(town);
});

test('抽检统计 shows what /sampling/figures answers; 导出Excel downloads the workbook', async () => {
  const page = await open('county', false);
  await page.click('a[href="#/sampling-figures"]');
  await page.waitForSelector('#fig-category');
  const f = (await county.get(`/api/v1/sampling/figures?year=${year}`)).data;
  assert.equal(await page.inputValue('#figures-year'), String(year));
  assert.equal(await page.textContent('#fig-sampled .stat-value'), String(f.sampled));
  assert.equal(await page.textContent('#fig-per-1000 .stat-value'), f.batches_per_1000 === null ? '—' : String(f.batches_per_1000));
  assert.equal(await page.textContent('#fig-plan .stat-value'), `${f.plan.done} / ${f.plan.target}`);
  assert.equal(await page.textContent('#fig-pass-rate .stat-value'), f.pass_rate === null ? '—' : percent(f.pass_rate));
  assert.equal(await page.textContent('#fig-failed .stat-value'), String(f.failed));
  assert.equal(await page.textContent('#fig-overdue .stat-value'), String(f.overdue.total));
  assert.ok(f.plan.target >= 494, 'this file\'s plan counts');
  for (const [table, list, key] of [['#fig-category', f.by_category, 'food_category'], ['#fig-township', f.by_township, 'township_code'],
    ['#fig-kind', f.by_kind, 'kind']]) {
    assert.equal(await page.locator(`${table} tbody tr`).count(), Math.max(1, list.length), table);
    for (const r of list) {
      const tr = page.locator(`${table} tr[data-key="${r[key]}"]`);
      assert.equal(await tr.locator('td').first().textContent(), r.name);
      assert.deepEqual(await Promise.all(['sampled', 'judged', 'passed', 'failed'].map((c) => tr.locator(`.c-${c}`).textContent())),
        [r.sampled, r.judged, r.passed, r.failed].map(String), `${table} ${r.name}`);
      assert.equal(await tr.locator('.c-rate').textContent(), r.pass_rate === null ? '—' : percent(r.pass_rate));
    }
  }
  assert.equal(await page.locator('#fig-month tbody tr').count(), 12);
  for (const m of f.by_month) {
    const tr = page.locator(`#fig-month tr[data-key="${m.month}"]`);
    assert.equal(await tr.locator('.c-failed').textContent(), String(m.failed));
    assert.equal(await tr.locator('.c-rate').textContent(), m.failure_rate === null ? '—' : percent(m.failure_rate));
  }
  assert.equal(await page.textContent('#fig-overdue-table tr[data-key="total"] th:last-child'), String(f.overdue.total));
  assert.equal(await page.textContent('#fig-retests tr[data-key="total"] td:last-child'), String(f.retests.total));
  assert.equal(await page.textContent(`#fig-years tr[data-key="${year}"] .c-sampled`), String(f.sampled));
  await shot(page, 'sampling-figures-desktop');

  const href = await page.getAttribute('#figures-xlsx', 'href');
  assert.equal(href, `/api/v1/sampling/figures.xlsx?year=${year}`);
  const r = await page.request.get(`${srv.base}${href}`);
  assert.equal(r.status(), 200);
  assert.match(r.headers()['content-type'], /application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
  assert.equal((await r.body()).subarray(0, 2).toString(), 'PK');

  // another year: the figures and the link follow it
  await page.selectOption('#figures-year', String(year - 1));
  await page.waitForFunction((y) => document.querySelector('#figures-xlsx')?.getAttribute('href') === `/api/v1/sampling/figures.xlsx?year=${y}`, year - 1);
  const g = (await county.get(`/api/v1/sampling/figures?year=${year - 1}`)).data;
  assert.equal(await page.textContent('#fig-sampled .stat-value'), String(g.sampled));
  clean(page);

  // a sampler on a phone reads them too, and they fit
  const sampler = await open('sampler01', true);
  await sampler.click('a[href="#/sampling-figures"]');
  await sampler.waitForSelector('#fig-month');
  await noOverflow(sampler, 'figures');
  clean(sampler);
});
