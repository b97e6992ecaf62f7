// Four-level acceptance of a campaign over HTTP: self-check → preliminary → on-site → county review,
// in order, by the right roles, against the same standard; progress per township.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer } from './harness.mjs';

let srv, county, t01, t02;
before(async () => {
  srv = await startServer({ entities: 600, seed: 41 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
});
after(async () => { await srv.stop(); });

test('a campaign goes through four levels, in order, each by its role, against one standard', async () => {
  const standard = (await county.post('/api/v1/checklists', { code: 'kitchen-2026', name: '后厨整治验收标准', kinds: ['caterer'],
    items: [{ dimension: '环境', content: '地面无积水', key: false }, { dimension: '原料', content: '无过期原料', key: true }] })).data.checklist;
  assert.equal((await t01.post('/api/v1/campaigns', { name: '后厨整治', checklist_id: standard.id })).status, 403);
  assert.equal((await county.post('/api/v1/campaigns', { name: '后厨整治', checklist_id: 99999 })).data.error.field, 'checklist_id');
  const c = await county.post('/api/v1/campaigns', { name: '后厨专项整治', checklist_id: standard.id, kind: 'caterer', township: t01.user.division_code });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  const id = c.data.id;
  const progress0 = (await t01.get(`/api/v1/campaigns/${id}/progress`)).data;
  assert.ok(progress0.totals.businesses > 0);
  assert.equal(progress0.totals.self_check, 0);
  const e = progress0.entities[0];
  const biz = await as(srv.base, `b${e.id}`);
  const [i1, i2] = standard.items;
  const all = (o1, o2) => ({ entity_id: e.id, items: [{ item_id: i1.id, outcome: o1 }, { item_id: i2.id, outcome: o2 }] });

  // out of order, wrong role, incomplete results: refused
  assert.equal((await t01.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'pass'), level: 2 })).data.error.field, 'level');
  assert.equal((await t01.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'pass'), level: 1 })).status, 403);
  assert.equal((await biz.post(`/api/v1/campaigns/${id}/acceptance`, { entity_id: e.id, level: 1, items: [{ item_id: i1.id, outcome: 'pass' }] })).data.error.field, 'items');
  // the business's self-check finds a problem, then passes
  assert.equal((await biz.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'fail'), level: 1 })).status, 204);
  assert.equal((await t01.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'pass'), level: 2 })).data.error.field, 'level');
  assert.equal((await biz.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'pass'), level: 1 })).status, 204);
  assert.equal((await biz.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'pass'), level: 1 })).status, 409);
  // the other township cannot do the preliminary acceptance
  assert.equal((await t02.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'pass'), level: 2 })).status, 404);
  assert.equal((await t01.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'pass'), level: 2 })).status, 204);
  const insp = await as(srv.base, 'inspector05');
  assert.equal((await insp.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'na'), level: 3 })).status, 204);
  assert.equal((await t01.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'pass'), level: 4 })).status, 403);
  assert.equal((await county.post(`/api/v1/campaigns/${id}/acceptance`, { ...all('pass', 'pass'), level: 4, note: '复核通过' })).status, 204);

  const p = (await t01.get(`/api/v1/campaigns/${id}/progress`)).data;
  const mine = p.entities.find((x) => x.id === e.id);
  assert.deepEqual([mine.stage, mine.stage_name], [4, 'county_review']);
  assert.deepEqual([p.totals.self_check, p.totals.preliminary, p.totals.on_site, p.totals.county_review], [1, 1, 1, 1]);
  assert.equal(p.townships.length, 1);
  assert.equal((await t02.get(`/api/v1/campaigns/${id}/progress`)).status, 404); // none of its businesses are in it
  const list = (await county.get('/api/v1/campaigns')).data.items;
  assert.equal(list[0].businesses, progress0.totals.businesses);
});

test('campaigns are listed only to those they concern, with their own businesses counted', async () => {
  const standard = (await county.post('/api/v1/checklists', { code: 'list-2026', name: '冷库整治验收标准', kinds: ['seller'],
    items: [{ dimension: '贮存', content: '冷库温度有记录', key: true }] })).data.checklist;
  const c = await county.post('/api/v1/campaigns', { name: '冷库专项整治', checklist_id: standard.id, kind: 'seller', township: t01.user.division_code });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  const find = async (client) => (await client.get('/api/v1/campaigns')).data.items.find((x) => x.id === c.data.id);
  const all = await find(county);
  assert.ok(all.businesses > 0);
  // the township it covers sees all of it, another township nothing
  assert.equal((await find(t01)).businesses, all.businesses);
  assert.equal(await find(t02), undefined);
  // an enrolled business sees the campaign and itself only; a business of the other township nothing
  const enrolled = (await t01.get(`/api/v1/campaigns/${c.data.id}/progress`)).data.entities[0];
  const mine = await as(srv.base, `b${enrolled.id}`);
  assert.equal((await find(mine)).businesses, 1);
  const other = (await t02.get('/api/v1/entities?status=active&limit=1')).data.items[0];
  assert.equal(await find(await as(srv.base, `b${other.id}`)), undefined);
  // the list pages with its total, the newest first; the progress names the campaign as the list does
  const whole = (await county.get('/api/v1/campaigns?limit=200')).data;
  assert.equal(whole.total, whole.items.length);
  assert.ok(whole.total >= 2);
  const first = (await county.get('/api/v1/campaigns?limit=1')).data, second = (await county.get('/api/v1/campaigns?limit=1&offset=1')).data;
  assert.equal(first.total, whole.total);
  assert.deepEqual([first.items[0].id, second.items[0].id], whole.items.slice(0, 2).map((x) => x.id));
  assert.ok(first.items[0].id > second.items[0].id);
  assert.equal((await county.get('/api/v1/campaigns?limit=0')).data.error.field, 'limit');
  const mineTotal = (await t01.get('/api/v1/campaigns?limit=1')).data.total;
  assert.ok(mineTotal >= 1 && mineTotal <= whole.total);
  assert.deepEqual((await t01.get(`/api/v1/campaigns/${c.data.id}/progress`)).data.campaign, await find(t01));
});

test('a county-wide campaign lists its businesses a page at a time, every one on some page, none twice', async () => {
  const standard = (await county.post('/api/v1/checklists', { code: 'page-2026', name: '餐饮整治验收标准', kinds: ['caterer'],
    items: [{ dimension: '环境', content: '地面无积水', key: false }] })).data.checklist;
  const c = await county.post('/api/v1/campaigns', { name: '全县餐饮整治', checklist_id: standard.id, kind: 'caterer' });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  const enrolled = (await county.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.total;
  const first = (await county.get(`/api/v1/campaigns/${c.data.id}/progress?limit=50`)).data;
  assert.ok(enrolled > 100, `a county has more caterers than a page (${enrolled})`);
  assert.equal(first.totals.businesses, enrolled, 'the totals count every business, not the page');
  assert.equal(first.entities_total, enrolled);
  assert.equal(first.entities.length, 50);
  const ids = [];
  for (let offset = 0; offset < enrolled; offset += 50) {
    const p = (await county.get(`/api/v1/campaigns/${c.data.id}/progress?limit=50&offset=${offset}`)).data;
    assert.equal(p.entities.length, Math.min(50, enrolled - offset));
    ids.push(...p.entities.map((e) => e.id));
  }
  assert.equal(new Set(ids).size, enrolled);
  assert.equal((await county.get(`/api/v1/campaigns/${c.data.id}/progress?limit=501`)).data.error.field, 'limit');
});

// `shian demo` (demo_campaigns.c) opens one campaign with each stage shown, recorded through the
// acceptance area's own calls, in the township the demo keeps for itself: the tests' townships see none of it.
test('the demo county runs a kitchen campaign with self-checks done, preliminaries passed and one failed', async () => {
  const demo = (await county.get('/api/v1/campaigns')).data.items.find((c) => c.name === '餐饮后厨“明厨亮灶”专项整治');
  assert.ok(demo, 'the demo campaign is listed to the county');
  const p = (await county.get(`/api/v1/campaigns/${demo.id}/progress`)).data;
  assert.equal(p.totals.businesses, demo.businesses);
  assert.ok(demo.businesses >= 5 && demo.businesses <= 8, `${demo.businesses} businesses`);
  assert.deepEqual([p.totals.self_check, p.totals.preliminary, p.totals.on_site, p.totals.county_review], [5, 3, 0, 0]);
  assert.equal(p.entities.filter((e) => e.failed_level === 2).length, 1, 'one failed the township\'s look');
  assert.ok(p.entities.every((e) => e.township_name === p.entities[0].township_name), 'all in one township');
  for (const town of [t01, t02]) assert.equal((await town.get(`/api/v1/campaigns/${demo.id}/progress`)).status, 404);
});
