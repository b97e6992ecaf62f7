// Risk grading as the national rules say (issue 10), over HTTP: the county's risk settings
// (DOMAIN.md "Risk grading": bands and visits are configurable; 2016 trial measures: A 0–30, B >30–45,
// C >45–60, D >60) are read by officials, changed by the county only, validated per field, and a
// band change regrades; orders carry deadline_provisional (DOMAIN.md "Calendar": deadlines in a year
// whose State Council notice is not loaded are provisional; the 2025 and 2026 notices are shipped).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from './harness.mjs';

let srv, county, t01, biz;
before(async () => {
  srv = await startServer({ entities: 200, seed: 5 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  const shop = (await county.get('/api/v1/entities?limit=1')).data.items[0];
  biz = await as(srv.base, `b${shop.id}`);
});
after(async () => { await srv.stop(); });

test('risk settings: officials read, the county changes, bands must increase (field named), a band change regrades', async () => {
  const r = await t01.get('/api/v1/settings');
  assert.equal(r.status, 200);
  const byKey = Object.fromEntries(r.data.items.map((s) => [s.key, s]));
  assert.equal(byKey.risk_band_a.value, 30);
  assert.match(byKey.risk_band_a.meaning, /A级/);
  assert.equal((await biz.get('/api/v1/settings')).status, 403);
  assert.equal((await t01.req('PATCH', '/api/v1/settings', { body: { visits_a: 2 } })).status, 403);
  let bad = await county.req('PATCH', '/api/v1/settings', { body: { risk_band_b: 20 } });
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'risk_band_b']);
  bad = await county.req('PATCH', '/api/v1/settings', { body: { visits_d: 53 } });
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'visits_d']);
  assert.equal((await t01.get('/api/v1/settings')).data.items.find((s) => s.key === 'risk_band_b').value, 45);
  // accepted: every business with a score above 1 is now D
  const ok = await county.req('PATCH', '/api/v1/settings', { body: { risk_band_a: 0, risk_band_b: 1, risk_band_c: 2 } });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal(ok.data.regraded, true);
  assert.ok(ok.data.graded > 0);
  const sum = (await county.get('/api/v1/risk/summary')).data.totals;
  assert.equal(sum.A + sum.B + sum.C, 0);
  assert.ok(sum.D > 0);
  const back = await county.req('PATCH', '/api/v1/settings', { body: { risk_band_a: 30, risk_band_b: 45, risk_band_c: 60 } });
  assert.equal(back.status, 200);
});

test('orders say whether their deadline is provisional: a year from start to deadline without a notice', async () => {
  const items = (await county.get('/api/v1/rectifications')).data.items;
  const loaded = new Set((await t01.get('/api/v1/calendar')).data.notices.map((n) => n.year));
  assert.ok(items.length > 0);
  for (const o of items) {
    const y0 = Number(new Date(o.created_at + 8 * 3600e3).toISOString().slice(0, 4));
    const y1 = Number(o.deadline.slice(0, 4));
    let missing = 0;
    for (let y = y0; y <= y1 && !missing; y++) if (!loaded.has(y)) missing = y;
    assert.equal(o.deadline_provisional, missing !== 0, JSON.stringify(o));
    if (missing) assert.equal(o.deadline_provisional_year, missing);
  }
});
