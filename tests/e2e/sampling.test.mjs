// 检验判定 in the console, at desktop and phone sizes: a sampler enters a peanut-oil sample's aflatoxin
// B1 result and reads the verdict citing GB 2761-2017 4.1 表1; at the limit in mg/kg it passes; an empty
// value is refused naming the item; the limit tables page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../api/harness.mjs';
import { launch, login, shot } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ entities: 200, seed: 29 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

for (const size of ['desktop', 'phone']) {
  test(`${size}: a sampler judges a sample's results against the limits`, async () => {
    const page = await login(browser, srv.base, 'sampler01');
    if (size === 'phone') await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${srv.base}/#/sampling`);
    await page.waitForSelector('#limits-table tbody tr');
    assert.match(await page.textContent('#limits-total'), /共 \d+ 条限量/);
    await page.selectOption('#judge-category', 'oil.vegetable.peanut');
    await page.selectOption('#judge-rows .result-row .analyte', 'afb1');
    // no value: refused, the item named
    await page.click('#judge-submit');
    await page.waitForFunction(() => /第1项检测值/.test(document.querySelector('#judge-error')?.textContent || ''));
    // 25 µg/kg: over the 20 µg/kg limit
    await page.fill('#judge-rows .result-row .value', '25');
    await page.selectOption('#judge-rows .result-row .unit', 'µg/kg');
    await page.click('#judge-submit');
    await page.waitForSelector('#judge-overall');
    assert.equal(await page.textContent('#judge-overall'), '不合格');
    assert.match(await page.textContent('#judge-verdict'), /GB 2761-2017 4\.1 表1/);
    await shot(page, `sampling-judge-${size}`);
    // exactly at the limit, written in mg/kg: passes
    await page.fill('#judge-rows .result-row .value', '0.020');
    await page.selectOption('#judge-rows .result-row .unit', 'mg/kg');
    await page.click('#judge-submit');
    await page.waitForFunction(() => document.querySelector('#judge-overall')?.textContent === '合格');
    if (size === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
    }
    assert.deepEqual(page.jsErrors, []);
  });
}
