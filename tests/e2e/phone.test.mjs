// Phone ergonomics (issue 15): every page of the menu fits a 390 px phone and a 1366 px desk without the
// page scrolling sideways, the menu is one bar that unfolds (全部菜单) on a phone, tables turn into one card a row whose cells name their column, and the
// inspection page's action panel never covers the checklist.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, as, startServer } from '../api/harness.mjs';
import { PHONE, clean, launch, openWatched, shot } from './browser.mjs';

const DESK = { width: 1366, height: 900 };
let srv, browser, county;
before(async () => {
  srv = await startServer({ entities: 120, seed: 29 });
  browser = await launch();
  county = await as(srv.base, 'county');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function open(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction(() => !document.querySelector('.loading'));
  await page.waitForTimeout(250);
}

// how far the page reaches past the window's right edge (0 when it fits)
const overflow = (page) => page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);

test('every menu page of a county official and of a business fits a phone and a desk', async () => {
  const wide = [];
  for (const user of ['county', 'b5']) {
    const page = await openWatched(browser, srv.base, user, true);
    const menu = await page.evaluate(() => [...new Set([...document.querySelectorAll('nav a')].map((a) => a.getAttribute('href')))]);
    assert.ok(menu.length > (user === 'county' ? 25 : 8), `${user}'s menu: ${menu}`);
    for (const size of [PHONE, DESK]) {
      await page.setViewportSize(size);
      for (const hash of menu.filter((h) => h !== '#/dashboard')) { // the dashboard is bare, tested in dashboard.test
        await open(page, hash);
        const px = await overflow(page);
        if (px > 0) wide.push(`${user} ${hash} at ${size.width}: ${px}px too wide`);
      }
    }
    await page.setViewportSize(PHONE);
    await open(page, '#/');
    // the menu is one bar that scrolls in itself; its last entry is reached without widening the page
    const bar = await page.evaluate(() => {
      const nav = document.querySelector('.sidebar nav');
      nav.scrollLeft = nav.scrollWidth;
      const last = [...nav.querySelectorAll('a')].pop().getBoundingClientRect();
      return { right: last.right, height: document.querySelector('.sidebar').getBoundingClientRect().height, inner: innerWidth };
    });
    assert.ok(bar.right <= bar.inner + 1, `${user}: the last menu entry is reachable (${bar.right} > ${bar.inner})`);
    assert.ok(bar.height < 80, `${user}: the menu is one bar on a phone (${bar.height}px)`);
    assert.equal(await overflow(page), 0);
    // 全部菜单 unfolds every entry onto the screen at once; one tap opens its page
    await page.click('#menu-toggle');
    const outside = await page.evaluate(() => [...document.querySelectorAll('.sidebar nav a')]
      .filter((a) => { const r = a.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth + 1; }).map((a) => a.textContent));
    assert.deepEqual(outside, [], `${user}: every entry on the screen`);
    assert.equal(await overflow(page), 0);
    await shot(page, `phone-menu-${user}`);
    const last = page.locator('.sidebar nav a').last();
    const href = await last.getAttribute('href');
    await last.click();
    await page.waitForFunction((h) => location.hash === h, href);
    assert.equal(await page.locator('.sidebar.open').count(), 0, 'the page opens with the menu folded again');
    clean(page);
  }
  assert.deepEqual(wide, []);
});

test('on a phone a table is one card a row, each value beside its column\'s name; on a desk a table', async () => {
  const page = await openWatched(browser, srv.base, 'county', true);
  await open(page, '#/entities');
  await page.waitForSelector('#entity-table tbody tr[data-id]');
  const first = (await county.get('/api/v1/entities?limit=1')).data.items[0];
  const card = await page.evaluate(() => {
    const tr = document.querySelector('#entity-table tbody tr[data-id]');
    const cells = [...tr.querySelectorAll('td')].map((td) => [td.dataset.label, getComputedStyle(td, '::before').content]);
    const box = tr.getBoundingClientRect();
    return { cells, display: getComputedStyle(tr).display, width: box.width, head: document.querySelector('#entity-table thead').getBoundingClientRect().height };
  });
  assert.equal(card.display, 'block');
  assert.ok(card.width <= PHONE.width, `a card fits the phone (${card.width})`);
  assert.ok(card.head <= 1, 'the header row is not shown: each cell carries its name');
  assert.deepEqual(card.cells.slice(0, 3).map(([l]) => l), ['名称', '类型', '统一社会信用代码']);
  assert.equal(card.cells[0][1], '"名称"', 'the column\'s name is shown before the value');
  assert.match(await page.textContent('#entity-table tbody tr[data-id] td'), new RegExp(first.name.slice(0, 2)));
  // rows loaded later (加载更多) are labelled too
  const more = page.locator('#load-more:not(.hidden)');
  if (await more.count()) {
    const before = await page.locator('#entity-table tbody tr').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('#entity-table tbody tr').length > n, before);
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('#entity-table tbody td')].filter((td) => !td.dataset.label).length), 0);
  }
  await shot(page, 'phone-table-cards');
  await page.setViewportSize(DESK);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#entity-table tbody tr')).display), 'table-row');
  clean(page);
});

test('the inspection page\'s action panel stays small on a phone and never covers the last checklist item', async () => {
  const [a, b] = [await as(srv.base, 'inspector01'), await as(srv.base, 'inspector02')];
  const e = (await county.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const r = await county.post('/api/v1/inspections', { entity_id: e.id, kind: 'key', inspectors: [a.user.id, b.user.id], due_date: addDays(srv.today(), 3) });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const id = r.data.inspection.id;
  for (const size of [PHONE, DESK]) {
    const page = await openWatched(browser, srv.base, 'inspector01', size === PHONE);
    await page.setViewportSize(size);
    await open(page, `#/inspections/${id}`);
    await page.waitForSelector('.check-item');
    // halfway down, the panel pinned to the bottom leaves most of the screen to the checklist
    await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight / 2));
    const panel = await page.evaluate(() => document.querySelector('.sticky-actions').getBoundingClientRect().height);
    assert.ok(panel <= size.height * 0.2, `the panel takes ${panel}px of ${size.height}`);
    // at the end, the last item is fully above the panel
    await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));
    await page.waitForTimeout(100);
    const { item, bar } = await page.evaluate(() => {
      const items = document.querySelectorAll('.check-item');
      return { item: items[items.length - 1].getBoundingClientRect().bottom, bar: document.querySelector('.sticky-actions').getBoundingClientRect().top };
    });
    assert.ok(item <= bar, `the last item ends at ${item}, the panel starts at ${bar}`);
    assert.equal(await overflow(page), 0);
    // the last item can still be answered and the inspection completed from the panel
    await page.locator('.check-item').last().locator('input[value=pass]').check();
    await shot(page, `inspection-panel-${size.width}`);
    clean(page);
  }
});
