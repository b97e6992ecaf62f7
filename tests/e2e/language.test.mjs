// The console speaks Chinese (issue 15): every page of the menu, for an official and for a business, shows
// no English word and no enum value ("jy", "confirmed", "system"). Codes a person copies (trace codes,
// tokens, the AI sources' own label names, stream addresses) sit in .mono, code or .map-label and are
// not read. The pages are the ones each user's own menu links to and one of each kind those pages link to
// (a business, an inspection, a case…), so a new page is covered when it is added.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../api/harness.mjs';
import { clean, englishWords, launch, openWatched } from './browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ entities: 120, seed: 29 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function englishOn(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction(() => !document.querySelector('.loading'));
  await page.waitForTimeout(300);
  return englishWords(page);
}

test('no page of the menu shows an English word or an enum value, to an official or to a business', async () => {
  const found = [];
  for (const user of ['county', 'b5']) {
    const page = await openWatched(browser, srv.base, user, false);
    const menu = await page.evaluate(() => [...new Set([...document.querySelectorAll('nav a')].map((a) => a.getAttribute('href')))]);
    assert.ok(menu.length > (user === 'county' ? 25 : 8), `${user}'s menu: ${menu}`);
    // then one page of each kind the menu pages link to (a business, an inspection, the video rules…)
    const seen = new Set(), links = [];
    const kindOf = (hash) => hash.replace(/\?.*$/, '').replace(/\/\d+/g, '/:id');
    for (const hash of [...menu, '#/entities/5']) {
      seen.add(kindOf(hash));
      const words = await englishOn(page, hash);
      if (words.length) found.push(`${user} ${hash}: ${words.join(' ')}`);
      links.push(...await page.evaluate(() => [...document.querySelectorAll('main a[href^="#/"]')].map((a) => a.getAttribute('href'))));
    }
    for (const hash of links) {
      if (seen.has(kindOf(hash))) continue;
      seen.add(kindOf(hash));
      const words = await englishOn(page, hash);
      if (words.length) found.push(`${user} ${hash}: ${words.join(' ')}`);
    }
    clean(page);
  }
  assert.deepEqual(found, []);
});
