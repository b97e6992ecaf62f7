// 统计报表 on the phone and at a desk (issue 15): the county makes this month's report from the console page and
// downloads its PDF, which pdftoppm turns into pictures that are not blank (the title page, the figures,
// the charts) and pdftotext reads for the title and a figure the API reports; a township official at a desk makes
// a quarterly report of their own township, with no choice of area, and sees only their township's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { as, startServer } from '../api/harness.mjs';
import { clean, launch, noOverflow, openWatched, shot } from './browser.mjs';

let srv, browser, tmp;

before(async () => {
  srv = await startServer({ entities: 120, seed: 53, reports: true });
  browser = await launch();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'shian-e2e-reports-'));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

// The share of a greyscale PGM picture's pixels that are not paper-white.
function inked(file) {
  const buf = readFileSync(file);
  const header = buf.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  assert.ok(header, `${file} is a PGM picture`);
  const pixels = buf.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 200) dark++;
  return dark / pixels.length;
}

test('the county makes this month\'s report on the phone; its PDF has pages with ink, the title and the figures', async () => {
  const page = await openWatched(browser, srv.base, 'county', true);
  await page.click('nav a[href="#/reports"]');
  await page.waitForSelector('#report-table');
  const before = await page.locator('#report-table tbody tr[data-id]').count();
  assert.ok(before >= 1, 'the demo keeps reports');
  await page.click('#report-new');
  await page.waitForSelector('#report-form');
  assert.equal(await page.inputValue('#report-month'), srv.today().slice(0, 7));
  assert.equal(await page.inputValue('#report-area'), '');
  await noOverflow(page, 'report form');
  await page.click('#report-save');
  await page.waitForFunction((n) => document.querySelectorAll('#report-table tbody tr[data-id]').length > n, before);
  const row = page.locator('#report-table tbody tr[data-id]').first();
  const id = Number(await row.getAttribute('data-id'));
  assert.match(await row.textContent(), /青禾县食品安全监管工作月报/);
  await noOverflow(page, 'report list');
  await shot(page, 'reports-phone');

  const href = await row.locator('a.report-pdf').getAttribute('href');
  const pdf = await page.request.get(`${srv.base}${href}`);
  assert.equal(pdf.status(), 200);
  const file = path.join(tmp, 'report.pdf');
  writeFileSync(file, await pdf.body());
  const pictures = spawnSync('pdftoppm', ['-r', '30', '-gray', file, path.join(tmp, 'page')], { encoding: 'utf8' });
  assert.equal(pictures.status, 0, pictures.stderr);
  const pages = readdirSync(tmp).filter((f) => f.startsWith('page')).sort();
  assert.ok(pages.length >= 3, `pages: ${pages}`);
  for (const p of pages) assert.ok(inked(path.join(tmp, p)) > 0.003, `${p} is not blank`);
  // the last page carries the charts: more ink than a page of text alone
  assert.ok(inked(path.join(tmp, pages.at(-1))) > 0.01, 'the charts are drawn');

  const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  const county = await as(srv.base, 'county');
  const report = (await county.get(`/api/v1/reports/${id}`)).data;
  assert.ok(text.includes('青禾县食品安全监管工作月报'), 'the title');
  assert.ok(text.includes(report.period_label), 'the period');
  assert.ok(text.includes(`发现隐患${report.figures.total.hazards_found}条`), 'the hazards found');
  assert.ok(text.includes(`在册经营主体${report.figures.total.businesses}户`), 'the registry');
  clean(page);
  await page.context().close();
});

test('a township official at a desktop makes a quarterly report of their township and lists only their township\'s', async () => {
  const page = await openWatched(browser, srv.base, 't01', false);
  await page.goto(`${srv.base}/#/reports`);
  await page.waitForSelector('#report-table');
  await page.click('#report-new');
  await page.waitForSelector('#report-form');
  assert.equal(await page.locator('#report-area').count(), 0, 'a township has no choice of area');
  await page.selectOption('#report-kind', 'quarter');
  assert.ok(await page.isVisible('#report-quarter'));
  assert.ok(!(await page.isVisible('#report-month')));
  // this year's quarters not yet begun are not offered; last year's all are
  const current = Math.floor((Number(srv.today().slice(5, 7)) - 1) / 3) + 1;
  const offered = () => page.$$eval('#report-quarter option', (os) => os.filter((o) => !o.disabled).map((o) => Number(o.value)));
  assert.deepEqual(await offered(), [1, 2, 3, 4].filter((q) => q <= current));
  assert.equal(await page.inputValue('#report-quarter'), String(current));
  await page.selectOption('#report-quarter-year', String(Number(srv.today().slice(0, 4)) - 1));
  assert.deepEqual(await offered(), [1, 2, 3, 4]);
  await page.selectOption('#report-quarter-year', srv.today().slice(0, 4));
  await page.click('#report-save');
  await page.waitForSelector('#report-table tbody tr[data-id]:has-text("季报")');
  const names = await page.locator('#report-table tbody tr[data-id] td:first-child .muted').allTextContents();
  assert.ok(names.length >= 1);
  assert.equal(new Set(names).size, 1, `one township only: ${names}`);
  await noOverflow(page, 'township reports');
  await shot(page, 'reports-township-desktop');
  clean(page);
  await page.context().close();
});
