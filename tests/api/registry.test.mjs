// The business registry over HTTP: search, paging, create, update, status, history, and the
// jurisdiction rules for every endpoint, including guessed ids.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, breakCheck, startServer, uscc } from './harness.mjs';

let srv, county, t01, t02, biz, grid;
before(async () => {
  srv = await startServer();
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  biz = await as(srv.base, 'b1');
  // the leader of grid N logs in as gNNNN; take a grid that has businesses
  const busy = (await county.get('/api/v1/grids')).data.items.find((g) => g.entity_count > 0);
  grid = await as(srv.base, `g${String(busy.id).padStart(4, '0')}`);
});
after(async () => { await srv.stop(); });

const countyCode = () => county.user.division_code;
const township = (c) => c.user.division_code;

async function villageOf(client) {
  const r = await client.get(`/api/v1/divisions?parent=${township(client)}`);
  assert.equal(r.status, 200);
  assert.ok(r.data.items.length > 0);
  return r.data.items[0].code;
}

async function gridOf(client) {
  const r = await client.get(`/api/v1/grids?township=${township(client)}`);
  return r.data.items[0];
}

let serial = 1000;
async function newRestaurant(client, extra = {}) {
  const village = await villageOf(client);
  const g = await gridOf(client);
  serial++;
  return {
    kind: 'caterer', name: `测试餐馆${serial}`, uscc: uscc(countyCode(), serial),
    licence_no: `JY2${countyCode()}${String(serial).padStart(6, '0')}1`, licence_valid_until: '2030-01-31',
    address: '测试路1号', division_code: village, grid_id: g.id, lat: 25.5, lng: 115.3, scale: 'small',
    categories: ['热食类'], legal_rep: '张三', legal_rep_phone: '13907970000', officer_name: '李四',
    officer_phone: '13907970001', ...extra,
  };
}

test('lists page by cursor without overlap and report a total', async () => {
  const p1 = await county.get('/api/v1/entities?limit=20');
  assert.equal(p1.status, 200);
  assert.equal(p1.data.items.length, 20);
  assert.ok(p1.data.total >= 600);
  const p2 = await county.get(`/api/v1/entities?limit=20&cursor=${p1.data.next_cursor}`);
  assert.equal(p2.data.total, null); // counted on the first page only
  const ids1 = new Set(p1.data.items.map((e) => e.id));
  assert.ok(p2.data.items.every((e) => !ids1.has(e.id)));
  assert.ok(p2.data.items[0].id > p1.data.items[19].id);
});

test('search by name, code, licence, township, grid, kind and status', async () => {
  const some = (await county.get('/api/v1/entities?limit=50&kind=caterer')).data.items.find((e) => e.uscc && e.licence_no);
  assert.ok(some, 'a caterer with codes');
  const part = [...some.name].slice(-4).join('');
  let r = await county.get(`/api/v1/entities?q=${encodeURIComponent(part)}`);
  assert.ok(r.data.items.some((e) => e.id === some.id));
  assert.ok(r.data.items.every((e) => e.name.includes(part) || e.uscc?.startsWith(part) || e.licence_no?.startsWith(part)));
  r = await county.get(`/api/v1/entities?uscc=${some.uscc}`);
  assert.deepEqual(r.data.items.map((e) => e.id), [some.id]);
  r = await county.get(`/api/v1/entities?licence=${some.licence_no}`);
  assert.deepEqual(r.data.items.map((e) => e.id), [some.id]);
  r = await county.get(`/api/v1/entities?q=${some.uscc.slice(0, 12)}`);
  assert.ok(r.data.items.some((e) => e.id === some.id));
  r = await county.get(`/api/v1/entities?township=${some.township_code}&kind=caterer&status=active&limit=500`);
  assert.ok(r.data.items.length > 0);
  assert.ok(r.data.items.every((e) => e.township_code === some.township_code && e.kind === 'caterer' && e.status === 'active'));
  r = await county.get(`/api/v1/entities?grid=${some.grid_id}&limit=500`);
  assert.ok(r.data.items.every((e) => e.grid_id === some.grid_id));
});

test('bad filters are 400 naming the parameter', async () => {
  for (const [q, field] of [['kind=boat', 'kind'], ['status=gone', 'status'], ['limit=0', 'limit'], ['limit=9999', 'limit'],
    ['township=12', 'township'], ['cursor=-4', 'cursor'], ['grid=x', 'grid']]) {
    const r = await county.get(`/api/v1/entities?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.data.error.field, field, q);
  }
});

test('a township official sees only its township, whatever the URL', async () => {
  const mine = await t01.get('/api/v1/entities?limit=500');
  assert.ok(mine.data.items.length > 0);
  assert.ok(mine.data.items.every((e) => e.township_code === township(t01)));
  // asking for the other township by filter gives nothing
  const other = await t01.get(`/api/v1/entities?township=${township(t02)}`);
  assert.equal(other.status, 200);
  assert.equal(other.data.total, 0);
  // guessed ids: every id answers 404 unless it is in t01's township
  const all = (await county.get('/api/v1/entities?limit=80')).data.items;
  let foreign = 0;
  for (const e of all) {
    const r = await t01.get(`/api/v1/entities/${e.id}`);
    if (e.township_code === township(t01)) assert.equal(r.status, 200);
    else { assert.equal(r.status, 404); foreign++; }
  }
  assert.ok(foreign > 0);
  const victim = all.find((e) => e.township_code === township(t02));
  for (const r of [
    await t01.get(`/api/v1/entities/${victim.id}/history`),
    await t01.patch(`/api/v1/entities/${victim.id}`, { name: '越权修改' }),
    await t01.post(`/api/v1/entities/${victim.id}/status`, { status: 'closed', reason: '越权注销' }),
  ]) assert.equal(r.status, 404);
  const still = await county.get(`/api/v1/entities/${victim.id}`);
  assert.equal(still.data.entity.name, victim.name);
  assert.equal(still.data.entity.status, victim.status);
  // registering into the other township is refused and stores nothing
  const body = await newRestaurant(t02);
  const before = (await county.get('/api/v1/entities?limit=1')).data.total;
  const r = await t01.post('/api/v1/entities', body);
  assert.equal(r.status, 403);
  assert.equal(r.data.error.field, 'division_code');
  assert.equal((await county.get('/api/v1/entities?limit=1')).data.total, before);
  // divisions, grids, figures and exports are confined too
  const towns = (await t01.get('/api/v1/divisions')).data.items;
  assert.deepEqual(towns.map((d) => d.code), [township(t01)]);
  const grids = (await t01.get('/api/v1/grids')).data.items;
  assert.ok(grids.length > 0 && grids.every((g) => g.division_code.startsWith(township(t01).slice(0, 9))));
  assert.equal((await t01.get(`/api/v1/grids?township=${township(t02)}`)).data.items.length, 0);
  const o1 = (await t01.get('/api/v1/stats/overview')).data;
  const oc = (await county.get('/api/v1/stats/overview')).data;
  assert.ok(o1.total < oc.total);
  assert.equal(o1.townships, 1);
  const csv = (await t01.get('/api/v1/entities/export?format=csv')).data.toString('utf8');
  assert.ok(!csv.includes(victim.name));
  const comp = (await t01.get('/api/v1/stats/completeness')).data;
  assert.ok(comp.items.every((i) => i.township_code === township(t01)));
});

test('a business user sees and may change only what it is allowed to', async () => {
  const id = biz.user.entity_id;
  const own = await biz.get(`/api/v1/entities/${id}`);
  assert.equal(own.status, 200);
  const list = await biz.get('/api/v1/entities');
  assert.deepEqual(list.data.items.map((e) => e.id), [id]);
  assert.equal((await biz.get(`/api/v1/entities/${id + 1}`)).status, 404);
  const r = await biz.patch(`/api/v1/entities/${id}`, { name: '自己改名字' });
  assert.equal(r.status, 403);
  assert.equal((await biz.post('/api/v1/entities/import', undefined, { raw: '类型,名称,所属区划代码\n' })).status, 403);
});

test('a village grid member sees only the businesses of its grid', async () => {
  const gid = grid.user.grid_id;
  const r = await grid.get('/api/v1/entities?limit=500');
  assert.ok(r.data.items.length > 0);
  assert.ok(r.data.items.every((e) => e.grid_id === gid));
  assert.equal((await grid.patch(`/api/v1/entities/${r.data.items[0].id}`, { name: '网格员改名' })).status, 403);
});

test('create: valid, duplicate, invalid, unknown field', async () => {
  const body = await newRestaurant(t01);
  const r = await t01.post('/api/v1/entities', body);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.entity.licence_kind, 'jy');
  assert.equal(r.data.entity.township_code, township(t01));
  assert.deepEqual(r.data.entity.missing, []);
  const dup = await t01.post('/api/v1/entities', { ...body, licence_no: null });
  assert.equal(dup.status, 409);
  assert.equal(dup.data.error.field, 'uscc');
  const dupLic = await t01.post('/api/v1/entities', { ...body, uscc: null });
  assert.equal(dupLic.status, 409);
  assert.equal(dupLic.data.error.field, 'licence_no');
  const before = (await county.get('/api/v1/entities?limit=1')).data.total;
  for (const [patch, field] of [
    [{ uscc: breakCheck(body.uscc) }, 'uscc'], [{ name: '' }, 'name'], [{ kind: 'boat' }, 'kind'],
    [{ lat: 'north' }, 'lat'], [{ grid_id: 999999 }, 'grid_id'], [{ colour: 'red' }, 'colour'],
    [{ licence_no: 'SC10436079900123' }, 'licence_kind'], [{ legal_rep_phone: '110' }, 'legal_rep_phone'],
    [{ categories: '热食类' }, 'categories'],
  ]) {
    const bad = await t01.post('/api/v1/entities', { ...(await newRestaurant(t01)), ...patch });
    assert.equal(bad.status, 400, JSON.stringify(patch));
    assert.equal(bad.data.error.code, 'invalid_argument');
    assert.equal(bad.data.error.field, field, JSON.stringify(patch));
    assert.ok(bad.data.error.message.length > 0);
  }
  assert.equal((await county.get('/api/v1/entities?limit=1')).data.total, before);
  // inspectors read but do not write
  const insp = await as(srv.base, 'inspector01');
  assert.equal((await insp.post('/api/v1/entities', await newRestaurant(t01))).status, 403);
});

test('update with version, history with before and after, status changes', async () => {
  const created = (await t01.post('/api/v1/entities', await newRestaurant(t01))).data.entity;
  const up = await t01.patch(`/api/v1/entities/${created.id}`, { name: '改名后的餐馆', version: created.version });
  assert.equal(up.status, 200);
  assert.equal(up.data.entity.name, '改名后的餐馆');
  assert.equal(up.data.entity.version, created.version + 1);
  const stale = await t01.patch(`/api/v1/entities/${created.id}`, { name: '第三个名字', version: created.version });
  assert.equal(stale.status, 409);
  assert.equal(stale.data.error.field, 'version');
  const h = (await t01.get(`/api/v1/entities/${created.id}/history`)).data.items;
  assert.equal(h[0].action, 'update');
  assert.equal(h[0].actor, 't01');
  assert.deepEqual(h[0].before, { name: created.name });
  assert.deepEqual(h[0].after, { name: '改名后的餐馆' });
  assert.equal(h[h.length - 1].action, 'create');
  const noReason = await t01.post(`/api/v1/entities/${created.id}/status`, { status: 'suspended' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.data.error.field, 'reason');
  const sus = await t01.post(`/api/v1/entities/${created.id}/status`, { status: 'suspended', reason: '停业整顿' });
  assert.equal(sus.data.entity.status, 'suspended');
  const closed = await t01.post(`/api/v1/entities/${created.id}/status`, { status: 'closed', reason: '申请注销' });
  assert.equal(closed.data.entity.status, 'closed');
  assert.equal((await t01.patch(`/api/v1/entities/${created.id}`, { name: '注销后改名' })).status, 400);
  const statuses = (await t01.get(`/api/v1/entities/${created.id}/history`)).data.items.filter((i) => i.action === 'status');
  assert.deepEqual(statuses.map((s) => s.after.status), ['closed', 'suspended']);
});

test('a business\'s change history pages with its total: every entry reachable, the newest first, a bad limit refused', async () => {
  const created = (await t01.post('/api/v1/entities', await newRestaurant(t01))).data.entity;
  let version = created.version;
  for (const n of [1, 2, 3, 4]) version = (await t01.patch(`/api/v1/entities/${created.id}`, { address: `翻页测试路${n}号`, version })).data.entity.version;
  const first = (await t01.get(`/api/v1/entities/${created.id}/history?limit=2`)).data;
  assert.equal(first.total, 5); // the creation and four edits
  assert.deepEqual(first.items.map((i) => i.after.address), ['翻页测试路4号', '翻页测试路3号']);
  const last = (await t01.get(`/api/v1/entities/${created.id}/history?limit=2&offset=4`)).data;
  assert.equal(last.total, 5);
  assert.deepEqual(last.items.map((i) => i.action), ['create']);
  const ids = new Set();
  for (let offset = 0; offset < first.total; offset += 2)
    for (const i of (await t01.get(`/api/v1/entities/${created.id}/history?limit=2&offset=${offset}`)).data.items) ids.add(i.id);
  assert.equal(ids.size, 5);
  const bad = await t01.get(`/api/v1/entities/${created.id}/history?limit=0`);
  assert.equal(bad.status, 400);
  assert.equal(bad.data.error.field, 'limit');
});

test('import over HTTP: good rows in, bad rows reported by row, field and reason; dry run; size cap', async () => {
  const village = await villageOf(t01);
  const g = await gridOf(t01);
  const good = uscc(countyCode(), 7001);
  const bad = breakCheck(uscc(countyCode(), 7002));
  const csv = '\ufeff类型,名称,统一社会信用代码,所属区划代码,网格编码,法定代表人,法定代表人电话\r\n' +
    `餐饮服务,导入好餐馆,${good},${village},${g.code},王五,13907970005\r\n` +
    `餐饮服务,导入坏餐馆,${bad},${village},${g.code},赵六,13907970006\r\n` +
    `食品摊贩,越界摊位,,${await villageOf(t02)},,钱七,13907970007\r\n`;
  const dry = await t01.req('POST', '/api/v1/entities/import?dry_run=1', { raw: csv, headers: { 'content-type': 'text/csv' } });
  assert.equal(dry.status, 200);
  assert.equal(dry.data.imported, 1);
  assert.equal((await county.get(`/api/v1/entities?uscc=${good}`)).data.total, 0);
  const r = await t01.req('POST', '/api/v1/entities/import', { raw: csv, headers: { 'content-type': 'text/csv' } });
  assert.equal(r.data.total, 3);
  assert.equal(r.data.imported, 1);
  assert.deepEqual(r.data.rejected.map((x) => [x.row, x.field]), [[3, 'uscc'], [4, 'division_code']]);
  const found = await t01.get(`/api/v1/entities?q=${encodeURIComponent('导入好餐馆')}`);
  assert.equal(found.data.items.length, 1);
  assert.equal(found.data.items[0].grid_code, g.code);
  const unknown = await t01.req('POST', '/api/v1/entities/import', { raw: '名称,类型,所属区划代码,口味\r\n' });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.data.error.field, 'header');
  const huge = await t01.req('POST', '/api/v1/entities/import', { raw: 'x'.repeat(33 * 1024 * 1024) });
  assert.equal(huge.status, 413);
  const bigJson = await t01.req('POST', '/api/v1/entities', { raw: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
  assert.equal(bigJson.status, 413);
});

test('export to CSV and Excel with the current filters', async () => {
  const csv = await county.get(`/api/v1/entities/export?format=csv&township=${township(t02)}&kind=caterer`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment/);
  const text = csv.data.toString('utf8');
  assert.ok(text.startsWith('\ufeff类型,名称,统一社会信用代码'));
  const lines = text.trim().split('\r\n');
  const expect = (await county.get(`/api/v1/entities?township=${township(t02)}&kind=caterer&limit=1`)).data.total;
  assert.equal(lines.length - 1, expect);
  assert.ok(lines.slice(1).every((l) => l.startsWith('餐饮服务,')));
  // codes are written as a person reads them (and as the import takes them back): no "jy"
  assert.ok(lines.slice(1).some((l) => l.includes(',食品经营许可证,')));
  assert.ok(lines.slice(1).every((l) => !/,(jy|sc|filing|workshop_reg|stall_record),/.test(l)), 'no licence code leaks');
  const xlsx = await county.get('/api/v1/entities/export?format=xlsx&kind=stall');
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.data.subarray(0, 2).toString(), 'PK');
  assert.equal((await county.get('/api/v1/entities/export?format=pdf')).status, 400);
});

test('archive completeness: rates per township and kind, with what is missing', async () => {
  const c = (await county.get('/api/v1/stats/completeness')).data;
  assert.ok(c.total > 0);
  assert.ok(c.complete <= c.total);
  assert.equal(c.items.reduce((s, i) => s + i.total, 0), c.total);
  for (const i of c.items) assert.ok(Math.abs(i.rate - i.complete / i.total) < 1e-9);
  // the home card counts the same businesses as the table: open ones (active or suspended)
  const o = (await county.get('/api/v1/stats/overview')).data;
  assert.equal(o.total, c.total, 'the card and the table agree');
  assert.equal(o.total, (o.by_status.active ?? 0) + (o.by_status.suspended ?? 0));
  const missing = (await county.get('/api/v1/stats/completeness/missing?limit=500')).data.items;
  assert.equal(missing.length, Math.min(500, c.total - c.complete));
  assert.ok(missing.every((m) => m.missing.length > 0));
  // filling in what is missing makes a business complete
  const fill = { lat: 25.6, lng: 115.4, officer_name: '补录员', officer_phone: '13907970009', director_name: '总监甲',
    director_phone: '13907970010', legal_rep: '补录人', legal_rep_phone: '13907970011', address: '补录地址1号',
    categories: ['热食类'], scale: 'small', licence_valid_until: '2030-12-31', grid_id: 0 };
  const list = (await county.get('/api/v1/stats/completeness/missing?limit=500')).data.items;
  const m = list.find((x) => x.missing.every((f) => f in fill));
  assert.ok(m, 'a business whose gaps can be filled in: ' + JSON.stringify(list.slice(0, 3)));
  const e = (await county.get(`/api/v1/entities/${m.id}`)).data.entity;
  fill.grid_id = (await county.get(`/api/v1/grids?township=${e.township_code}`)).data.items[0].id;
  const before = (await county.get('/api/v1/stats/completeness')).data.complete;
  const patch = Object.fromEntries(m.missing.map((f) => [f, fill[f]]));
  const r = await county.patch(`/api/v1/entities/${m.id}`, patch);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data.entity.missing, []);
  assert.equal((await county.get('/api/v1/stats/completeness')).data.complete, before + 1);
});

test('a grid\'s leader is an official of its own area or of the county above it, never another township\'s', async () => {
  const village = await villageOf(t01);
  const mk = (client, code, leader) => client.post('/api/v1/grids', { code, name: `测试网格${code}`, division_code: village, leader_user_id: leader });
  // the township's own official and the county's are fine
  let r = await mk(t01, 'T-LEAD-1', t01.user.id);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  r = await mk(county, 'T-LEAD-2', county.user.id);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  // another township's official, a business user and an id that exists nowhere: one and the same answer
  const refusals = [];
  for (const [code, leader] of [['T-LEAD-3', t02.user.id], ['T-LEAD-4', biz.user.id], ['T-LEAD-5', 987654321]]) {
    r = await mk(t01, code, leader);
    refusals.push([r.status, r.data.error.code, r.data.error.field, r.data.error.message]);
  }
  assert.deepEqual(refusals[0], [400, 'invalid_argument', 'leader_user_id', refusals[2][3]]);
  assert.deepEqual(refusals[1], refusals[2]);
  const codes = (await county.get(`/api/v1/grids?township=${township(t01)}`)).data.items.map((g) => g.code);
  assert.ok(codes.includes('T-LEAD-1') && codes.includes('T-LEAD-2'));
  assert.ok(!codes.some((c) => ['T-LEAD-3', 'T-LEAD-4', 'T-LEAD-5'].includes(c)), 'nothing stored on refusal');
});
