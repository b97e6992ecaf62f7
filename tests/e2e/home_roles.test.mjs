// Each role starts from its own home (issue 15), at desktop and phone sizes: every user the demo has
// (administrator, county, township, grid member, inspector, sampler, business) signs in and lands on its
// own to-do list; the county and the administrator see below it the jurisdiction's monthly trend, its
// risk grades and the townships ranked by a figure they choose, a township official its own trend and
// grades. The charts are drawn with the very values the API answers (read from ECharts' option through
// the page), every figure one the metric catalogue defines; no page shows an English word, a division
// code or a raw id, or overflows the phone; no script or console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, englishWords, launch, noOverflow, openWatched, shot } from './browser.mjs';

let srv, browser, business;

before(async () => {
  srv = await startServer({ entities: 200, seed: 37 });
  browser = await launch();
  const t01 = await as(srv.base, 't01');
  business = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  // this month, 城关街道 takes charge of a business and finds a problem on a 包保 visit: an order its trend counts
  const taken = new Set((await t01.get('/api/v1/duty/assignments?limit=500')).data.items.map((a) => a.entity_id));
  const free = (await t01.get('/api/v1/entities?status=active&limit=200')).data.items.find((e) => !taken.has(e.id));
  assert.equal((await t01.post('/api/v1/duty/assignments', { entity_id: free.id, user_id: t01.user.id })).status, 204);
  const visit = await t01.post('/api/v1/duty/visits', { entity_id: free.id, findings: '后厨地面积水', problem: '后厨地面积水，需清理并修缮排水' });
  assert.ok([200, 201].includes(visit.status), JSON.stringify(visit.data));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// The option of the chart drawn in box (null while not drawn yet).
const optionOf = (page, box) => page.evaluate((sel) => {
  const el = document.querySelector(sel);
  const chart = el && window.echarts?.getInstanceByDom(el);
  if (!chart) return null;
  const o = chart.getOption();
  return { series: o.series.map((s) => ({ name: s.name, data: s.data.map((d) => (d && typeof d === 'object' ? { name: d.name, value: d.value } : d)) })),
    categories: (o.xAxis?.[0]?.type === 'category' ? o.xAxis[0] : o.yAxis?.[0])?.data ?? null };
}, box);

async function drawnOption(page, box) {
  await page.waitForFunction((sel) => { const el = document.querySelector(sel); return el && window.echarts?.getInstanceByDom(el); }, box);
  return optionOf(page, box);
}

// Drawn pixels of the chart's canvas (not transparent), sampled.
const painted = (page, box) => page.evaluate((sel) => {
  const c = document.querySelector(`${sel} canvas`);
  if (!c || !c.width || !c.height) return 0;
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 16) if (data[i] > 0) n++;
  return n;
}, box);

// No label of a chart is English, an enum value or a code.
function chartWords(o) {
  const labels = [...o.series.map((s) => s.name), ...(o.categories || []), ...o.series.flatMap((s) => s.data.map((d) => d?.name).filter(Boolean))];
  return labels.filter((l) => /[A-Za-z]{3,}|\d{6,}/.test(l));
}

// What a signed-in user's home shows that no page may: English words, division codes (6-12 digits alone),
// "id" fields or the business's id standing alone where its name belongs.
async function leaks(page) {
  const words = await englishWords(page);
  const text = await page.evaluate(() => document.querySelector('main').innerText);
  const codes = text.match(/(?<![\w-])\d{6,12}(?![\w-])/g) || []; // alone, not a part of a document number (CY2026-360799-00010)
  return [...words, ...codes, ...(text.match(/\bID\s*[:：]?\s*\d+|编号\s*[:：]\s*\d+\b/g) || [])];
}

const USERS = () => [['admin', 'county'], ['county', 'county'], ['t01', 'township'], ['g0001', 'grid'], ['inspector01', 'worker'],
  ['sampler01', 'worker'], [`b${business.id}`, 'business']];

for (const phone of [false, true]) {
  test(`every role lands on its own home (${phone ? 'phone' : 'desktop'})`, async () => {
    for (const [user, kind] of USERS()) {
      const page = await openWatched(browser, srv.base, user, phone);
      await page.waitForSelector('#todo');
      await page.waitForFunction(() => !document.querySelector('.loading'));
      assert.ok(['', '#/'].includes(await page.evaluate(() => location.hash)), `${user} lands on the home page`);
      const hasCharts = await page.locator('#home-charts').count();
      assert.equal(hasCharts, ['county', 'township'].includes(kind) ? 1 : 0, `${user}: charts only for the county and the townships`);
      // the registry's figures are the officials' who hold a jurisdiction; workers and businesses start from their work
      assert.equal(await page.locator('#stat-total').count(), ['business', 'worker'].includes(kind) ? 0 : 1, `${user}: registry figures`);
      if (hasCharts) {
        const client = await as(srv.base, user);
        const trends = (await client.get('/api/v1/stats/trends?metric=inspections_done,hazards_found,hazards_rectified&months=12')).data;
        const risk = (await client.get('/api/v1/risk/summary')).data;
        const trend = await drawnOption(page, '#home-trend');
        assert.equal(trend.categories.length, 12, `${user}: twelve months`);
        assert.deepEqual(trend.series.map((s) => s.name), trends.figures.map((f) => f.label), `${user}: the catalogue's figures`);
        assert.deepEqual(trend.series.map((s) => s.data), trends.figures.map((f) => f.values), `${user}: the API's values`);
        assert.ok(trends.figures[1].values.slice(-2).some((v) => v > 0), `${user}: this month's hazards drawn`);
        const grades = await drawnOption(page, '#home-grades');
        assert.deepEqual(grades.series[0].data.map((d) => d.value), ['A', 'B', 'C', 'D'].map((g) => risk.totals[g]), `${user}: the grades`);
        assert.ok(grades.series[0].data.some((d) => d.value > 0), `${user}: graded businesses in the demo`);
        await page.waitForTimeout(300);
        assert.ok(await painted(page, '#home-trend') > 300, `${user}: the trend is drawn`);
        assert.ok(await painted(page, '#home-grades') > 300, `${user}: the grades are drawn`);
        const words = [...chartWords(trend), ...chartWords(grades)];
        if (kind === 'county') {
          const dash = (await client.get('/api/v1/dashboard')).data;
          const rank = await drawnOption(page, '#home-rank');
          const rate = dash.figures.find((f) => f.key === 'inspection_rate');
          const rows = dash.townships.filter((t) => t.inspection_rate != null);
          assert.deepEqual(new Set(rank.categories), new Set(rows.map((t) => t.name)), `${user}: townships by name`);
          for (const t of rows) assert.equal(rank.series[0].data[rank.categories.indexOf(t.name)], Math.round(t.inspection_rate * 1000) / 10, t.name);
          assert.equal(rank.series[0].name, rate.label);
          // another figure of the catalogue re-ranks the townships by it
          await page.selectOption('#home-rank-figure', 'businesses');
          await page.waitForFunction(() => document.querySelector('#home-rank-note').textContent.startsWith('在册经营主体'));
          const byCount = await optionOf(page, '#home-rank');
          for (const t of dash.townships) assert.equal(byCount.series[0].data[byCount.categories.indexOf(t.name)], t.businesses, t.name);
          const sorted = [...byCount.series[0].data];
          assert.deepEqual(sorted, [...sorted].sort((a, b) => a - b), 'ranked');
          const options = await page.locator('#home-rank-figure option').allTextContents();
          assert.deepEqual(options, dash.figures.map((f) => f.label), 'only figures the catalogue defines');
          words.push(...chartWords(rank), ...chartWords(byCount));
        }
        assert.deepEqual(words, [], `${user}: chart labels`);
      }
      assert.deepEqual(await leaks(page), [], `${user}: no English word, code or id`);
      if (phone) await noOverflow(page, `${user}'s home`);
      await shot(page, `home-${user.replace(/\d+$/, '')}-${phone ? 'phone' : 'desktop'}`);
      clean(page);
      await page.context().close();
    }
  });
}

test('the areas\' figure pages draw their own charts: 工作统计, 整改验收 and 抽检统计', async () => {
  const page = await openWatched(browser, srv.base, 'county', false);
  const client = await as(srv.base, 'county');
  const [risk, duty, plan] = await Promise.all(['/api/v1/risk/summary', '/api/v1/duty/completion', '/api/v1/plan'].map(async (u) => (await client.get(u)).data));
  await page.evaluate(() => { location.hash = '#/work'; });
  const grades = await drawnOption(page, '#work-grades');
  assert.deepEqual(grades.series[0].data.map((d) => d.value), ['A', 'B', 'C', 'D'].map((g) => risk.totals[g]));
  const dutyChart = await drawnOption(page, '#work-duty');
  assert.deepEqual(dutyChart.categories, duty.townships.map((t) => t.township_name));
  assert.deepEqual(dutyChart.series[0].data, duty.townships.map((t) => (t.assignment_rate == null ? null : Math.round(t.assignment_rate * 1000) / 10)));
  const planChart = await drawnOption(page, '#work-plan');
  assert.deepEqual(planChart.series.map((s) => s.data), [plan.townships.map((t) => t.required), plan.townships.map((t) => t.done)]);
  await page.waitForTimeout(300);
  assert.ok(await painted(page, '#work-duty') > 300, 'the duty chart is drawn');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  await noOverflow(page, '工作统计');
  const width = await page.evaluate(() => document.querySelector('#work-duty canvas').getBoundingClientRect().width);
  assert.ok(width <= 390 && width > 200, `the chart follows the phone's width: ${width}`);
  await shot(page, 'work-charts-phone');

  const trends = (await client.get('/api/v1/stats/trends?metric=hazards_found,hazards_rectified&months=12')).data;
  await page.evaluate(() => { location.hash = '#/rectifications'; });
  const hazards = await drawnOption(page, '#rectify-trend');
  assert.deepEqual(hazards.series.map((s) => s.data), trends.figures.map((f) => f.values));
  assert.deepEqual(hazards.series.map((s) => s.name), ['发现隐患', '隐患整改验收']);
  assert.deepEqual(await englishWords(page), []);

  const sampling = (await client.get(`/api/v1/sampling/figures?year=${srv.today().slice(0, 4)}`)).data;
  await page.evaluate(() => { location.hash = '#/sampling-figures'; });
  const months = await drawnOption(page, '#fig-month-chart');
  assert.deepEqual(months.series.map((s) => s.data), [sampling.by_month.map((m) => m.sampled), sampling.by_month.map((m) => m.failed)]);
  clean(page);
});
