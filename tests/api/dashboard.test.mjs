// The command room's dashboard (issue 15): every figure equals what the area's own routes count, the
// total is the sum of the townships, a township official sees their township only, and work done moves
// the figures where it was done. The township boundaries its map draws: the demo county's cover the
// county without overlapping; a county imports its own, and a file with a fault is refused naming the
// feature, changing nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

let srv, county, t02, admin;
const COUNTS = ['businesses', 'archived', 'duty_businesses', 'duty_assigned', 'visits_required', 'visits_done', 'inspections_required',
  'inspections_done', 'hazards_found', 'hazards_rectified', 'samples_judged', 'samples_passed', 'complaints_received', 'complaints_closed'];

before(async () => {
  srv = await startServer({ entities: 300, seed: 23 });
  [county, t02, admin] = await Promise.all([as(srv.base, 'county'), as(srv.base, 't02'), as(srv.base, 'admin')]);
});
after(async () => { await srv?.stop(); });

async function dashboard(client) {
  const r = await client.get('/api/v1/dashboard');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data;
}

// Every page of a list: paged by offset with a total, or by cursor (the entity list).
async function all(client, url) {
  const items = [];
  for (let offset = 0, cursor = 0; ;) {
    const r = await client.get(`${url}${url.includes('?') ? '&' : '?'}limit=200&offset=${offset}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    items.push(...r.data.items);
    if (r.data.items.length === 0) return items;
    if ('next_cursor' in r.data) {
      if (!r.data.next_cursor) return items;
      cursor = r.data.next_cursor;
    } else {
      if (items.length >= r.data.total) return items;
      offset += r.data.items.length;
    }
  }
}

const beijingYear = (ms) => Number(new Date(ms + 8 * 3600e3).toISOString().slice(0, 4));
const sum = (rows, k) => rows.reduce((s, t) => s + t[k], 0);

test('the figures are stamped by the platform clock and each is defined once', async () => {
  const d = await dashboard(county);
  assert.ok(Math.abs(d.generated_at - srv.now()) < 60e3, `generated_at ${d.generated_at} vs ${srv.now()}`);
  assert.equal(d.today, srv.today());
  assert.equal(d.year, Number(srv.today().slice(0, 4)));
  const keys = d.figures.map((f) => f.key);
  assert.equal(new Set(keys).size, keys.length);
  for (const f of d.figures) {
    assert.match(f.label, /[\u4e00-\u9fff]/);
    assert.ok(f.definition.length > 4, f.key);
    assert.ok(f.key in d.total, `${f.key} in the total`);
    if (f.numerator) {
      const den = d.total[f.denominator];
      assert.equal(d.total[f.key], den ? d.total[f.numerator] / den : null, f.key);
    }
  }
});

test('the total is the sum of the townships for every count (complaints: plus the county\'s own)', async () => {
  const d = await dashboard(county);
  const towns = (await county.get('/api/v1/divisions')).data.items;
  assert.deepEqual(d.townships.map((t) => t.code).sort(), towns.map((t) => t.code).sort());
  for (const k of COUNTS) {
    const extra = k.startsWith('complaints_') ? d.county_level[k] : 0;
    assert.equal(d.total[k], sum(d.townships, k) + extra, k);
  }
  assert.ok(d.total.businesses > 250, 'the demo county has its businesses');
  assert.ok(d.total.hazards_found > 0 && d.total.samples_judged > 0 && d.total.complaints_received > 0, JSON.stringify(d.total));
});

test('each figure equals what the area\'s own routes count', async () => {
  const d = await dashboard(county);
  const year = d.year;
  // registry: businesses not closed or revoked, counted from the entity list
  let open = 0;
  for (const status of ['active', 'suspended']) open += (await county.get(`/api/v1/entities?status=${status}&limit=1`)).data.total;
  assert.equal(d.total.businesses, open);
  const completeness = (await county.get('/api/v1/stats/completeness')).data;
  assert.equal(d.total.archived, completeness.complete);
  // 包保: active businesses with an official in charge, from the assignments themselves
  const active = new Set((await all(county, '/api/v1/entities?status=active')).map((e) => e.id));
  const assigned = new Set((await county.get('/api/v1/duty/assignments')).data.items.map((a) => a.entity_id).filter((id) => active.has(id)));
  assert.equal(d.total.duty_businesses, active.size);
  assert.equal(d.total.duty_assigned, assigned.size);
  const duty = (await county.get('/api/v1/duty/completion')).data;
  for (const t of duty.townships) {
    const row = d.townships.find((x) => x.code === t.township_code);
    assert.deepEqual([row.duty_assigned, row.visits_required, row.visits_done], [t.assigned, t.visits_required, t.visits_done], t.township_name);
  }
  // inspections against the plan
  const plan = (await county.get(`/api/v1/plan?year=${year}`)).data;
  assert.deepEqual([d.total.inspections_required, d.total.inspections_done], [plan.totals.required, plan.totals.done]);
  // hazards: the year's rectification orders, read from their list
  const orders = (await all(county, '/api/v1/rectifications')).filter((o) => beijingYear(o.created_at) === year);
  assert.equal(d.total.hazards_found, orders.length);
  assert.equal(d.total.hazards_rectified, orders.filter((o) => o.status === 'verified').length);
  // sampling and complaints from their figures
  const sampling = (await county.get(`/api/v1/sampling/figures?year=${year}`)).data;
  assert.deepEqual([d.total.samples_judged, d.total.samples_passed], [sampling.judged, sampling.passed]);
  for (const t of sampling.by_township) {
    const row = d.townships.find((x) => x.code === t.township_code);
    assert.deepEqual([row.samples_judged, row.samples_passed], [t.judged, t.passed], t.name);
  }
  const complaints = (await county.get(`/api/v1/complaints/figures?year=${year}`)).data;
  assert.deepEqual([d.total.complaints_received, d.total.complaints_closed], [complaints.total?.received ?? 0, complaints.total?.closed ?? 0]);
});

test('a township official sees their township only, with the county\'s figures for it', async () => {
  const [mine, all_] = await Promise.all([dashboard(t02), dashboard(county)]);
  assert.deepEqual(mine.townships.map((t) => t.code), [t02.user.division_code]);
  const there = all_.townships.find((t) => t.code === t02.user.division_code);
  for (const k of COUNTS) {
    assert.equal(mine.townships[0][k], there[k], k);
    assert.equal(mine.total[k], mine.townships[0][k] + (k.startsWith('complaints_') ? mine.county_level[k] : 0), k);
  }
  assert.equal(mine.county_level.complaints_received, 0, 'a township official sees none of the county\'s own complaints');
  for (const user of ['inspector01', 'sampler01', 'b1']) {
    const r = await (await as(srv.base, user)).get('/api/v1/dashboard');
    assert.equal(r.status, 403, user);
  }
  assert.equal((await new Client(srv.base).get('/api/v1/dashboard')).status, 401);
});

test('an official put in charge, and a problem found on a visit, move the figures of that township', async () => {
  const before_ = await dashboard(county);
  const code = t02.user.division_code;
  const taken = new Set((await county.get('/api/v1/duty/assignments')).data.items.map((a) => a.entity_id));
  const free = (await all(t02, '/api/v1/entities?status=active')).find((e) => !taken.has(e.id));
  assert.ok(free, 't02 has an active business nobody is in charge of');
  assert.equal((await t02.post('/api/v1/duty/assignments', { entity_id: free.id, user_id: t02.user.id })).status, 204);
  const visit = await t02.post('/api/v1/duty/visits', { entity_id: free.id, findings: '后厨地面积水', problem: '后厨地面积水，需清理并修缮排水' });
  assert.ok(visit.status === 201 || visit.status === 200, JSON.stringify(visit.data));
  const after_ = await dashboard(county);
  const row = (d) => d.townships.find((t) => t.code === code);
  assert.equal(row(after_).duty_assigned, row(before_).duty_assigned + 1);
  assert.equal(after_.total.duty_assigned, before_.total.duty_assigned + 1);
  assert.equal(row(after_).hazards_found, row(before_).hazards_found + 1);
  assert.equal(after_.total.hazards_found, before_.total.hazards_found + 1);
  for (const t of after_.townships.filter((x) => x.code !== code))
    assert.equal(t.duty_assigned, before_.townships.find((x) => x.code === t.code).duty_assigned, t.name);
  assert.ok(after_.generated_at >= before_.generated_at);
});

// ---- boundaries ----

function inside([x, y], ring) {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}
const polygons = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const contains = (g, p) => polygons(g).some((poly) => inside(p, poly[0]) && !poly.slice(1).some((hole) => inside(p, hole)));

test('the demo county\'s townships have boundaries that do not overlap and hold their businesses', async () => {
  const fc = (await county.get('/api/v1/boundaries')).data;
  assert.equal(fc.type, 'FeatureCollection');
  const towns = (await county.get('/api/v1/divisions')).data.items;
  assert.deepEqual(fc.features.map((f) => f.properties.code).sort(), towns.map((t) => t.code).sort());
  for (const f of fc.features) {
    assert.equal(f.properties.source, 'demo');
    assert.equal(f.properties.name, towns.find((t) => t.code === f.properties.code).name);
  }
  // no point of the county lies in two townships
  for (let i = 0; i < 400; i++) {
    const p = [114.9 + 0.8 * ((i * 37) % 400) / 400 + 0.001, 25.1 + 0.8 * ((i * 91) % 400) / 400 + 0.001];
    assert.ok(fc.features.filter((f) => contains(f.geometry, p)).length <= 1, `${p} in two townships`);
  }
  // most businesses lie inside their own township's cell
  const entities = (await all(county, '/api/v1/entities?status=active')).filter((e) => e.lat && e.lng);
  const home = entities.filter((e) => {
    const f = fc.features.find((x) => x.properties.code === `${e.division_code.slice(0, 9)}000`);
    return f && contains(f.geometry, [e.lng, e.lat]);
  });
  assert.ok(home.length > entities.length * 0.6, `${home.length} of ${entities.length} inside their township`);
  // a township official: their own township
  const mine = (await t02.get('/api/v1/boundaries')).data;
  assert.deepEqual(mine.features.map((f) => f.properties.code), [t02.user.division_code]);
  assert.equal((await (await as(srv.base, 'b1')).get('/api/v1/boundaries')).status, 403);
});

const square = (x, y, d = 0.05) => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

test('a county imports its boundaries; a faulty file is refused naming the feature and changes nothing', async () => {
  const towns = (await county.get('/api/v1/divisions')).data.items;
  const [a, b] = towns;
  const good = { type: 'Feature', properties: { code: a.code }, geometry: square(115.0, 25.2) };
  const before_ = (await county.get('/api/v1/boundaries')).data;
  const refusals = [
    [{ type: 'Feature', properties: { code: '360799999000' }, geometry: square(115, 25) }, 'features[1].properties.code', /360799999000/],
    [{ type: 'Feature', properties: { code: `${b.code.slice(0, 9)}001` }, geometry: square(115, 25) }, 'features[1].properties.code', /未知/],
    [{ type: 'Feature', properties: { name: b.name }, geometry: square(115, 25) }, 'features[1].properties.code', /乡镇代码/],
    [{ type: 'Feature', properties: { code: '城关' }, geometry: square(115, 25) }, 'features[1].properties.code', /未知.*城关/],
    [{ type: 'Feature', properties: { code: `${b.name}人民政府` }, geometry: square(115, 25) }, 'features[1].properties.code', /12位数字/],
    [{ type: 'Feature', properties: { code: b.code } }, 'features[1].geometry', new RegExp(`${b.code}.*缺少边界`)],
    [{ type: 'Feature', properties: { code: b.code }, geometry: { type: 'Point', coordinates: [115, 25] } }, 'features[1].geometry', /Polygon或MultiPolygon/],
    [{ type: 'Feature', properties: { code: b.code }, geometry: { type: 'Polygon', coordinates: [[[115, 25], [115.1, 25], [115.1, 25.1], [115, 25.1]]] } },
      'features[1].geometry', /首尾/],
    [{ type: 'Feature', properties: { code: b.code }, geometry: { type: 'Polygon', coordinates: [[[115, 25], [215, 25], [115.1, 25.1], [115, 25]]] } },
      'features[1].geometry', /经度/],
    [{ type: 'Feature', properties: { code: b.code },
      geometry: { type: 'Polygon', coordinates: [[...Array.from({ length: 20001 }, (_, i) => [115 + i * 1e-6, 25 + (i % 2) * 1e-3]), [115, 25]]] } },
    'features[1].geometry', /点数过多/],
    [{ type: 'Feature', properties: { code: a.code }, geometry: square(115.2, 25.2) }, 'features[1].properties.code', /重复/],
  ];
  for (const [bad, field, message] of refusals) {
    const r = await county.req('PUT', '/api/v1/boundaries', { body: { type: 'FeatureCollection', features: [good, bad] } });
    assert.equal(r.status, 400, JSON.stringify(r.data).slice(0, 300));
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message, message);
    assert.doesNotMatch(r.data.error.message, /[a-z]{4,} [a-z]{4,}/, 'the message is Chinese; the English is apart');
    assert.match(r.data.error.message_en, /^[\x20-\x7e]+$/);
  }
  assert.equal((await county.req('PUT', '/api/v1/boundaries', { body: { type: 'Feature', features: [] } })).status, 400);
  assert.equal((await t02.req('PUT', '/api/v1/boundaries', { body: { type: 'FeatureCollection', features: [good] } })).status, 403);
  assert.deepEqual((await county.get('/api/v1/boundaries')).data, before_, 'nothing changed');

  // the county's own file, the code in a property of its choosing
  const mine = { type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { XZQDM: a.code }, geometry: square(115.0, 25.2) },
    { type: 'Feature', properties: { XZQDM: Number(b.code) }, geometry: { type: 'MultiPolygon', coordinates: [square(115.3, 25.3).coordinates, square(115.4, 25.4).coordinates] } },
  ] };
  const ok = await county.req('PUT', '/api/v1/boundaries?property=XZQDM', { body: mine });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.deepEqual(ok.data, { imported: 2, codes: [a.code, b.code] });
  const now = (await county.get('/api/v1/boundaries')).data.features;
  assert.deepEqual(now.find((f) => f.properties.code === a.code).geometry, mine.features[0].geometry);
  assert.equal(now.find((f) => f.properties.code === b.code).geometry.type, 'MultiPolygon');
  assert.equal(now.find((f) => f.properties.code === a.code).properties.source, 'import');
  const untouched = now.filter((f) => f.properties.code !== a.code && f.properties.code !== b.code);
  assert.deepEqual(untouched, before_.features.filter((f) => f.properties.code !== a.code && f.properties.code !== b.code));
  const audit = (await admin.get('/api/v1/audit?action=boundaries.import')).data;
  assert.ok(audit.items?.some((e) => e.action === 'boundaries.import'), JSON.stringify(audit).slice(0, 300));
});
