// Lists count their totals no further than the bureau's setting list_total_cap (db/084): at a
// province's millions of rows the count was most of a page's time. Past the cap the answer says
// total_more ("10000+"), the page itself is unchanged, and a list paged by offset still knows its
// next page exists.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from './harness.mjs';

let srv, county, t01;
before(async () => {
  srv = await startServer();
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
});
after(async () => { await srv.stop(); });

const township = (c) => c.user.division_code;
const pick = (d) => [d.total, d.total_more];

test('the registry search\'s first page counts no further than the cap: past it the total is the cap and says "more", at the cap it is exact', async () => {
  const exact = (await county.get('/api/v1/entities?limit=5')).data;
  assert.equal(exact.total_more, false);
  const all = exact.total;
  try {
    await srv.setSetting('list_total_cap', String(all - 1));
    const capped = (await county.get('/api/v1/entities?limit=5')).data;
    assert.deepEqual(pick(capped), [all - 1, true]);
    assert.deepEqual(capped.items, exact.items); // the page itself is the same
    await srv.setSetting('list_total_cap', String(all));
    const at = (await county.get('/api/v1/entities?limit=5')).data;
    assert.deepEqual(pick(at), [all, false]);
    // a filter narrower than the cap is counted exactly while the whole list stops at the cap
    const narrow = `/api/v1/entities?township=${township(t01)}&kind=caterer&limit=1`;
    await srv.setSetting('list_total_cap', '0'); // 0: every match counted
    const n = (await county.get(narrow)).data.total;
    assert.ok(n > 0 && n + 1 < all);
    await srv.setSetting('list_total_cap', String(n + 1));
    assert.deepEqual(pick((await county.get(narrow)).data), [n, false]);
    assert.deepEqual(pick((await county.get('/api/v1/entities?limit=5')).data), [n + 1, true]);
  } finally {
    await srv.setSetting('list_total_cap', '10000');
  }
});

test('a list paged by offset (rectification orders) counts cap rows past its page: the pages are the same, the next page still reachable, the end exact', async () => {
  const list = (offset) => county.get(`/api/v1/rectifications?limit=10&offset=${offset}`).then((r) => r.data);
  const first = await list(0);
  const all = first.total;
  assert.equal(first.total_more, false);
  assert.ok(all > 40, `the demo county has orders (${all})`);
  try {
    await srv.setSetting('list_total_cap', '15');
    const capped = await list(0);
    assert.deepEqual(pick(capped), [15, true]);
    assert.deepEqual(capped.items, first.items);
    assert.deepEqual(pick(await list(20)), [35, true]); // counted from the page on: page 3 of "35+"
    // near the end the count reaches the last row: exact again
    const end = await list(all - 5);
    assert.deepEqual(pick(end), [all, false]);
    assert.equal(end.items.length, 5);
    await srv.setSetting('list_total_cap', String(all - 1));
    assert.deepEqual(pick(await list(0)), [all - 1, true]);
    await srv.setSetting('list_total_cap', String(all));
    assert.deepEqual(pick(await list(0)), [all, false]);
    // every page read by offset until a short one gives every order once, as the console's export does
    await srv.setSetting('list_total_cap', '15');
    const ids = [];
    for (let offset = 0; ; offset += 10) {
      const p = await list(offset);
      ids.push(...p.items.map((o) => o.id));
      if (p.items.length < 10) break;
    }
    assert.equal(ids.length, all);
    assert.equal(new Set(ids).size, all);
  } finally {
    await srv.setSetting('list_total_cap', '10000');
  }
});
