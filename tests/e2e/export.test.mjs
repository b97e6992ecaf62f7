// 导出: a list exports every one of its pages as the page filters it, into a CSV Excel opens, with names
// and Chinese labels and no API codes; the file's rows are exactly the API's total.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startServer } from '../api/harness.mjs';
import { launch, login, shot } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ entities: 600, seed: 11 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// RFC 4180 as the export writes it: quoted fields may hold commas, quotes (doubled) and line breaks.
function parseCsv(text) {
  const rows = [[]];
  let field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { rows.at(-1).push(field); field = ''; rows.push([]); i++; } else field += c;
  }
  if (rows.at(-1).length === 0) rows.pop();
  return rows;
}

async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.export-csv')]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), bytes, rows: parseCsv(bytes.toString('utf8').replace(/^\ufeff/, '')) };
}

test('the county exports every rectification order of the 全部 tab, past one page of the API, as the page names them', async () => {
  const page = await login(browser, srv.base, 'county');
  await page.goto(`${srv.base}/#/rectifications?status=`);
  await page.waitForSelector('button.export-csv');
  const api = await page.evaluate(() => fetch('/api/v1/rectifications?status=&limit=1').then((r) => r.json()));
  assert.ok(api.total > 100, `${api.total} orders: more than one page of the export's reading`);
  const { name, bytes, rows } = await exported(page);
  assert.equal(name, '整改单.csv');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]); // Excel reads UTF-8 by its mark
  assert.deepEqual(rows[0], ['整改事项', '来源', '主体', '乡镇', '整改期限', '状态', '是否逾期', '发现问题', '整改情况', '验收意见']);
  assert.equal(rows.length - 1, api.total);
  assert.match(await page.textContent('.export-progress'), new RegExp(`已导出 ${api.total} 条`));
  const status = rows[0].indexOf('状态'), source = rows[0].indexOf('来源');
  for (const r of rows.slice(1)) {
    assert.equal(r.length, rows[0].length);
    assert.match(r[status], /^(待整改|待验收|已验收)$/);
    assert.doesNotMatch(r[source], /[a-z_]/); // a label, not the API's code
  }
  // the export follows the tab: 已验收 only
  await page.goto(`${srv.base}/#/rectifications?status=verified`);
  await page.waitForSelector('button.export-csv');
  const verified = await page.evaluate(() => fetch('/api/v1/rectifications?status=verified&limit=1').then((r) => r.json()));
  const v = await exported(page);
  assert.equal(v.rows.length - 1, verified.total);
  assert.ok(v.rows.slice(1).every((r) => r[status] === '已验收'));
  assert.deepEqual(page.jsErrors, []);
});

test('on a phone, a township official exports its samples: only its own, the filter kept', async () => {
  const page = await login(browser, srv.base, 't01');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${srv.base}/#/samples`);
  await page.waitForSelector('button.export-csv');
  const api = await page.evaluate(() => fetch('/api/v1/samples?limit=100').then((r) => r.json()));
  const { rows } = await exported(page);
  assert.deepEqual(rows[0], ['编号', '被抽样单位', '样品', '食品类别', '类型', '状态', '结论']);
  assert.deepEqual(rows.slice(1).map((r) => r[0]).sort(), api.items.map((s) => s.code).sort());
  await shot(page, 'export-samples-phone');
  assert.deepEqual(page.jsErrors, []);
});

test('the county exports its open complaints and the businesses missing today\'s 日管控, each as filtered', async () => {
  const page = await login(browser, srv.base, 'county');
  await page.goto(`${srv.base}/#/complaints`);
  await page.waitForSelector('button.export-csv');
  const open = await page.evaluate(() => fetch('/api/v1/complaints?open=1&limit=1').then((r) => r.json()));
  const c = await exported(page);
  assert.equal(c.name, '投诉举报.csv');
  assert.equal(c.rows.length - 1, open.total);
  assert.ok(c.rows.slice(1).every((r) => r[6] !== '已办结'));
  await page.goto(`${srv.base}/#/self?kind=daily`);
  await page.waitForSelector('button.export-csv');
  const missing = await page.evaluate(() => fetch('/api/v1/self-records/missing?kind=daily&limit=1').then((r) => r.json()));
  assert.ok(missing.total > 100, `${missing.total} missing`);
  const m = await exported(page);
  assert.deepEqual(m.rows[0], ['主体', '乡镇', '食品安全员', '电话']);
  assert.equal(m.rows.length - 1, missing.total);
  assert.equal(new Set(m.rows.slice(1).map((r) => r[0] + r[1])).size, missing.total);
  assert.deepEqual(page.jsErrors, []);
});
