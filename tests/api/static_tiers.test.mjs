// Static risk tiers as the national rules say (issue 10), over HTTP.
// 《食品生产经营风险分级管理办法（试行）》 (CFDA 2016, 食药监食监一〔2016〕115号) Art 8–9: the static
// factors are the food made or sold, the scale and the consumers served; DOMAIN.md "Risk grading": the
// highest tier takes health and infant foods, central kitchens, group-meal distributors (集体用餐配送单位)
// and the canteens of schools, hospitals and care homes; bands A ≤30, B ≤45, C ≤60 (Art 11 of the
// measures, configurable). Special foods (Food Safety Law Art 74) count only where a producer makes or a
// seller sells them as such (special_foods), not because a restaurant lists them among its categories.
// Inspection due dates computed by the deadline engine are provisional in a year without the State
// Council's holiday notice (DOMAIN.md "Calendar").
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, startServer, uscc } from './harness.mjs';

let srv, county, t01;
before(async () => {
  srv = await startServer({ entities: 150, seed: 7 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
});
after(async () => { await srv.stop(); });

let serial = 61000;
async function business(extra) {
  const village = (await t01.get(`/api/v1/divisions?parent=${t01.user.division_code}`)).data.items[0].code;
  serial++;
  return {
    name: `分级测试主体${serial}`, uscc: uscc(county.user.division_code, serial), address: '测试路8号',
    division_code: village, scale: 'small', legal_rep: '张三', legal_rep_phone: '13907970000', ...extra,
  };
}
async function create(extra) {
  const r = await t01.post('/api/v1/entities', await business(extra));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.entity;
}
const risk = async (id) => (await t01.get(`/api/v1/entities/${id}/risk`)).data;
const staticOf = (r) => r.reasons.find((x) => ['kind', 'canteen', 'category', 'special_food'].includes(x.factor));

test('group-meal distributors (集体用餐配送单位) are a kind, in the highest catering tier with central kitchens', async () => {
  const g = await create({ kind: '集体用餐配送单位' });
  assert.equal(g.kind, 'group_meal');
  assert.equal(g.kind_label, '集体用餐配送单位');
  assert.ok(g.missing.includes('director_name')); // a food safety director is required (SAMR Order 60)
  const kitchen = await create({ kind: 'central_kitchen' });
  const [rg, rk] = [await risk(g.id), await risk(kitchen.id)];
  assert.equal(rg.static_score, rk.static_score);
  assert.equal(rg.static_score, 32);
  assert.deepEqual([staticOf(rg).factor, staticOf(rg).detail], ['kind', '主体类型：集体用餐配送单位']);
  // a JY licence of the catering business type (2) fits it; a canteen's (3) does not
  const ok = await t01.post('/api/v1/entities', await business({ kind: 'group_meal', licence_no: `JY2${county.user.division_code}${String(serial).padStart(6, '0')}1` }));
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
  const bad = await t01.post('/api/v1/entities', await business({ kind: 'group_meal', licence_no: `JY3${county.user.division_code}${String(serial).padStart(6, '0')}1` }));
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'licence_no']);
  // the kind filters lists
  const listed = (await t01.get('/api/v1/entities?kind=group_meal&limit=500')).data.items.map((e) => e.id);
  assert.ok(listed.includes(g.id));
  assert.ok(!listed.includes(kitchen.id));
});

test('canteens of hospitals, care homes, schools and childcare in the highest tier; a firm canteen is not', async () => {
  const hospital = await create({ kind: 'unit_canteen', canteen_of: '医疗机构' });
  assert.deepEqual([hospital.canteen_of, hospital.canteen_of_label], ['hospital', '医疗机构']);
  const care = await create({ kind: 'unit_canteen', canteen_of: 'care_home' });
  const firm = await create({ kind: 'unit_canteen', canteen_of: 'enterprise' });
  const kinder = await create({ kind: 'school_canteen', canteen_of: 'childcare' });
  const [rh, rc, rf, rk] = [await risk(hospital.id), await risk(care.id), await risk(firm.id), await risk(kinder.id)];
  assert.deepEqual([rh.static_score, rc.static_score, rk.static_score], [32, 32, 32]);
  assert.equal(staticOf(rh).factor, 'canteen');
  assert.match(staticOf(rh).detail, /医疗机构/);
  assert.equal(rf.static_score, 24); // a unit canteen's own tier
  // whom it feeds must fit the kind: a school canteen feeds a school or childcare; a restaurant is no canteen
  let r = await t01.post('/api/v1/entities', await business({ kind: 'school_canteen', canteen_of: 'hospital' }));
  assert.deepEqual([r.status, r.data.error.field], [400, 'canteen_of']);
  r = await t01.post('/api/v1/entities', await business({ kind: 'caterer', canteen_of: 'school' }));
  assert.deepEqual([r.status, r.data.error.field], [400, 'canteen_of']);
  assert.match(r.data.error.message, /食堂/);
  r = await t01.post('/api/v1/entities', await business({ kind: 'unit_canteen', canteen_of: '监狱' }));
  assert.deepEqual([r.status, r.data.error.field], [400, 'canteen_of']);
  // a change of whom it feeds regrades: the firm canteen turned hospital canteen
  const p = await t01.req('PATCH', `/api/v1/entities/${firm.id}`, { body: { canteen_of: 'hospital', version: firm.version } });
  assert.equal(p.status, 200, JSON.stringify(p.data));
  assert.equal((await risk(firm.id)).static_score, 32);
});

test('special foods only where made or sold as such: a restaurant listing 保健食品 is not a special-food business', async () => {
  const shop = await create({ kind: 'seller', special_foods: ['婴幼儿配方食品'] });
  assert.deepEqual(shop.special_foods, ['infant_formula']);
  const maker = await create({ kind: 'producer', special_foods: ['health_food', 'health_food'] });
  assert.deepEqual(maker.special_foods, ['health_food']);
  const diner = await create({ kind: 'caterer', categories: ['热食类', '保健食品', '婴幼儿配方食品', '特殊食品'] });
  const [rs, rm, rd] = [await risk(shop.id), await risk(maker.id), await risk(diner.id)];
  assert.deepEqual([rs.static_score, staticOf(rs).factor, staticOf(rs).detail], [38, 'special_food', '销售特殊食品：婴幼儿配方食品']);
  assert.deepEqual([rm.static_score, staticOf(rm).detail], [32, '生产特殊食品：保健食品']);
  assert.deepEqual([rd.static_score, staticOf(rd).factor], [16, 'kind']); // a caterer's tier, whatever its categories say
  // only producers and sellers make or sell special foods; unknown ones are refused, naming the field
  let r = await t01.post('/api/v1/entities', await business({ kind: 'caterer', special_foods: ['保健食品'] }));
  assert.deepEqual([r.status, r.data.error.field], [400, 'special_foods']);
  r = await t01.post('/api/v1/entities', await business({ kind: 'seller', special_foods: ['减肥茶'] }));
  assert.deepEqual([r.status, r.data.error.field], [400, 'special_foods']);
  // a seller that stops selling them goes back to its own tier
  const p = await t01.req('PATCH', `/api/v1/entities/${shop.id}`, { body: { special_foods: [], version: shop.version } });
  assert.equal(p.status, 200, JSON.stringify(p.data));
  assert.equal((await risk(shop.id)).static_score, 10);
});

test('band limits (Art 11, configurable): a score exactly at the A limit is A, one point above is B', async () => {
  const g = await create({ kind: 'group_meal' }); // static 32, no dynamic points yet
  assert.deepEqual([(await risk(g.id)).score, (await risk(g.id)).grade], [32, 'B']); // default A ≤ 30
  try {
    let r = await county.req('PATCH', '/api/v1/settings', { body: { risk_band_a: 32 } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal((await risk(g.id)).grade, 'A'); // 32 ≤ 32
    r = await county.req('PATCH', '/api/v1/settings', { body: { risk_band_a: 31 } });
    assert.equal(r.status, 200);
    assert.equal((await risk(g.id)).grade, 'B'); // 32 > 31
    r = await county.req('PATCH', '/api/v1/settings', { body: { risk_band_a: 20, risk_band_b: 32 } });
    assert.equal(r.status, 200);
    assert.equal((await risk(g.id)).grade, 'B'); // 32 ≤ 32: the B limit holds too
    r = await county.req('PATCH', '/api/v1/settings', { body: { risk_band_b: 31 } });
    assert.equal(r.status, 200);
    assert.equal((await risk(g.id)).grade, 'C');
  } finally {
    await county.req('PATCH', '/api/v1/settings', { body: { risk_band_a: 30, risk_band_b: 45 } });
  }
  assert.equal((await risk(g.id)).grade, 'B');
});

test('import: 集体用餐配送单位, 食堂服务对象 and 特殊食品 columns in Chinese; bad values reported by row and field', async () => {
  const village = (await t01.get(`/api/v1/divisions?parent=${t01.user.division_code}`)).data.items[0].code;
  const c = county.user.division_code;
  const csv = '\ufeff类型,名称,统一社会信用代码,所属区划代码,规模,食堂服务对象,特殊食品\r\n' +
    `集体用餐配送单位,导入团餐配送中心,${uscc(c, 62001)},${village},小型,,\r\n` +
    `单位食堂,导入卫生院食堂,${uscc(c, 62002)},${village},小型,医疗机构,\r\n` +
    `食品销售者,导入母婴用品店,${uscc(c, 62003)},${village},小型,,婴幼儿配方食品;保健食品\r\n` +
    `餐饮服务,导入药膳餐馆,${uscc(c, 62004)},${village},小型,,保健食品\r\n`;
  const r = await t01.req('POST', '/api/v1/entities/import', { raw: csv, headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.imported, 3);
  assert.deepEqual(r.data.rejected.map((x) => [x.row, x.field]), [[5, 'special_foods']]);
  const find = async (name) => (await t01.get(`/api/v1/entities?q=${encodeURIComponent(name)}`)).data.items[0];
  const [g, h, s] = [await find('导入团餐配送中心'), await find('导入卫生院食堂'), await find('导入母婴用品店')];
  assert.equal(g.kind, 'group_meal');
  assert.equal(h.canteen_of, 'hospital');
  assert.deepEqual(s.special_foods, ['infant_formula', 'health_food']);
  assert.deepEqual([(await risk(g.id)).static_score, (await risk(h.id)).static_score, (await risk(s.id)).static_score], [32, 32, 38]);
  // and out again, in Chinese
  const out = await t01.req('GET', `/api/v1/entities/export?format=csv&q=${encodeURIComponent('导入母婴用品店')}`);
  if (out.status === 200 && typeof out.data === 'string') {
    assert.match(out.data, /特殊食品/);
    assert.match(out.data, /婴幼儿配方食品;保健食品/);
  }
});

test('inspection due dates: computed ones carry due_provisional by the loaded notices; chosen ones never', async () => {
  const loaded = new Set((await t01.get('/api/v1/calendar')).data.notices.map((n) => n.year));
  const e = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=50')).data.items[0];
  const computed = (await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 4] })).data.inspection;
  const y0 = Number(srv.today().slice(0, 4)), y1 = Number(computed.due_date.slice(0, 4));
  let missing = 0;
  for (let y = y0; y <= y1 && !missing; y++) if (!loaded.has(y)) missing = y;
  assert.equal(computed.due_provisional, missing !== 0, JSON.stringify(computed));
  if (missing) assert.equal(computed.due_provisional_year, missing);
  const chosen = (await t01.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 4], due_date: '2099-06-30' })).data.inspection;
  assert.equal(chosen.due_provisional, false);
  const listed = (await t01.get(`/api/v1/inspections?entity_id=${e.id}`)).data.items;
  assert.equal(listed.find((i) => i.id === computed.id).due_provisional, computed.due_provisional);
  assert.equal(listed.find((i) => i.id === chosen.id).due_provisional, false);
});

test('inspection due dates: 20 working days from mid-December run into a year without a notice: provisional', async () => {
  const saved = process.env.SHIAN_NOW;
  process.env.SHIAN_NOW = '2026-12-16T10:00:00+08:00'; // a Wednesday; the shipped notices are 2025 and 2026
  const late = await startServer({ entities: 60, seed: 3 });
  if (saved === undefined) delete process.env.SHIAN_NOW; else process.env.SHIAN_NOW = saved;
  try {
    const t = await as(late.base, 't01');
    const loaded = new Set((await t.get('/api/v1/calendar')).data.notices.map((n) => n.year));
    assert.ok(!loaded.has(2027));
    const e = (await t.get('/api/v1/entities?status=active&limit=50')).data.items.find((x) => x.kind !== 'stall');
    const r = await t.post('/api/v1/inspections', { entity_id: e.id, kind: 'daily', inspectors: [3, 4] });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const i = r.data.inspection;
    assert.ok(i.due_date.startsWith('2027-01'), i.due_date);
    assert.deepEqual([i.due_provisional, i.due_provisional_year], [true, 2027]);
    const d = await t.post('/api/v1/draws', { count: 1, inspection_kind: 'daily' });
    assert.equal(d.status, 201, JSON.stringify(d.data));
    assert.deepEqual([d.data.due_provisional, d.data.due_provisional_year], [true, 2027]);
  } finally {
    await late.stop();
  }
});
