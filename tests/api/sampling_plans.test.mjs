// Sampling plans, public proposals and the year's figures over HTTP (issue 11 "Plans", "Figures and
// reports"; DOMAIN.md "Sampling and testing"): a plan sized by population, a split by township and food
// category that sums to the target, a draw of businesses and two samplers each that creates the sample
// tasks and replays from its seed (GET /draws/:id/verify), bad input refused naming the field with
// nothing changed, progress by category, township and month, 你点我检 proposals with one vote per
// address and their adoption as plan items, and figures that add up (asserted on the samples this file
// creates, as differences), in JSON and as an Excel workbook.
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

let srv, county, t01, t02, sampler, sampler2, biz, anon, year, countyCode, lab, plan;

const sum = (rows, field) => rows.reduce((s, r) => s + (r[field] ?? 0), 0);

// The sheets of an .xlsx (a zip): { name -> text } of the entries, read from the central directory.
function unzip(buf) {
  const out = {};
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

before(async () => {
  srv = await startServer({ entities: 300, seed: 29 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  sampler = await as(srv.base, 'sampler01');
  sampler2 = await as(srv.base, 'sampler02');
  anon = new Client(srv.base);
  year = Number(srv.today().slice(0, 4));
  countyCode = county.user.division_code;
  const e = (await t01.get('/api/v1/entities?status=active&limit=1')).data.items[0];
  biz = await as(srv.base, `b${e.id}`);
  const l = await county.post('/api/v1/labs', { name: '县食品检验检测中心（计划测试）', cma_no: 'CMA202600000029', scope: '食品中真菌毒素' });
  assert.equal(l.status, 201, JSON.stringify(l.data));
  lab = l.data;
});
after(async () => { await srv.stop(); });

test('a plan is sized by population: 123 456 residents × 4 per 1 000 → 494 batches; only the county plans', async () => {
  const r = await county.post('/api/v1/sampling/plans', { year, kind: 'supervision', name: `${year}年食品安全监督抽检计划`,
    division_code: countyCode, population: 123456, per_thousand: 4 });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  plan = r.data.plan;
  assert.deepEqual([plan.target, plan.population, plan.per_thousand, plan.items.length], [494, 123456, 4, 0]);
  // the county setting when per_thousand is left out (4), and 6 as Yunyang has it
  const def = await county.post('/api/v1/sampling/plans', { year, kind: 'evaluation', name: '评价性抽检', division_code: countyCode, population: 123456 });
  assert.deepEqual([def.status, def.data.plan.target, def.data.plan.per_thousand], [201, 494, 4]);
  const six = await county.post('/api/v1/sampling/plans', { year, kind: 'monitoring', name: '风险监测', division_code: t02.user.division_code,
    population: 20001, per_thousand: 6 });
  assert.deepEqual([six.status, six.data.plan.target], [201, 121]); // 120.006 → 121
  for (const [body, field] of [
    [{ division_code: '110101' }, 'division_code'],
    [{ division_code: t01.user.division_code.slice(0, 9) + '201' }, 'division_code'], // a village
    [{ kind: 'random' }, 'kind'],
    [{ population: 0 }, 'population'],
    [{ per_thousand: 0 }, 'per_thousand'],
    [{ year: 1999 }, 'year'],
    [{ name: '' }, 'name'],
  ]) {
    const bad = await county.post('/api/v1/sampling/plans', { year, kind: 'supervision', name: '坏计划', division_code: countyCode,
      population: 1000, ...body });
    assert.deepEqual([bad.status, bad.data.error?.field], [400, field], JSON.stringify(body));
    assert.match(bad.data.error.message, /[\u4e00-\u9fff]/);
  }
  assert.equal((await t01.post('/api/v1/sampling/plans', { year, kind: 'supervision', name: '乡镇计划', division_code: t01.user.division_code,
    population: 1000 })).status, 403);
  assert.equal((await biz.get('/api/v1/sampling/plans')).status, 403);
  assert.equal((await biz.get(`/api/v1/sampling/plans/${plan.id}`)).status, 403);
  const list = (await county.get(`/api/v1/sampling/plans?year=${year}`)).data.items;
  assert.equal(list.filter((p) => p.name.endsWith('坏计划')).length, 0, 'nothing of the refused ones was stored');
  assert.ok(list.some((p) => p.id === plan.id && p.target === 494 && p.done === 0));
  // 青石镇 sees the county's plans and its own, 梅林镇 not 青石镇's
  assert.ok((await t02.get(`/api/v1/sampling/plans?year=${year}`)).data.items.some((p) => p.id === six.data.plan.id));
  assert.ok(!(await t01.get(`/api/v1/sampling/plans?year=${year}`)).data.items.some((p) => p.id === six.data.plan.id));
  assert.equal((await t01.get(`/api/v1/sampling/plans/${six.data.plan.id}`)).status, 404);
});

test('the split by township and food category sums to the target, weighted by businesses and grades', async () => {
  const r = await county.get(`/api/v1/sampling/plans/${plan.id}/split`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const { cells, townships, categories, target } = r.data;
  assert.equal(target, 494);
  assert.equal(sum(cells, 'target'), 494);
  assert.equal(sum(townships, 'target'), 494);
  assert.equal(sum(categories, 'target'), 494);
  for (const t of townships)
    assert.equal(sum(cells.filter((c) => c.township_code === t.township_code), 'target'), t.target, t.name);
  for (const c of categories)
    assert.equal(sum(cells.filter((x) => x.food_category === c.food_category), 'target'), c.target, c.name);
  assert.equal(cells.length, townships.length * categories.length);
  const heavy = townships.reduce((a, b) => (b.business_weight > a.business_weight ? b : a));
  const light = townships.reduce((a, b) => (b.business_weight < a.business_weight ? b : a));
  assert.ok(heavy.target >= light.target, 'more (and riskier) businesses, more batches');
  assert.ok(townships.every((t) => t.business_weight >= t.businesses), 'grades weigh at least 1 each');
  // chosen categories, and a bad one
  const two = (await county.get(`/api/v1/sampling/plans/${plan.id}/split?categories=oil,cereal`)).data;
  assert.deepEqual(two.categories.map((c) => c.food_category), ['oil', 'cereal']);
  assert.equal(sum(two.cells, 'target'), 494);
  const bad = await county.get(`/api/v1/sampling/plans/${plan.id}/split?categories=oil,nope`);
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'categories']);
  assert.equal((await t01.get(`/api/v1/sampling/plans/${plan.id}/split`)).status, 403);
});

let item, drawn;

test('an item\'s draw: businesses of its township, two samplers each, one task per business, replayed from its seed', async () => {
  const before = (await county.get(`/api/v1/sampling/plans/${plan.id}`)).data.plan;
  const base = { food_category: 'oil.vegetable.peanut', township_code: t01.user.division_code, target: 3, analytes: ['afb1'], mode: 'targeted' };
  for (const [body, field] of [
    [{ food_category: 'oil.unknown' }, 'food_category'],
    [{ township_code: '110101001000' }, 'township_code'], // not in the county
    [{ analytes: ['melamine'] }, 'analytes[0]'],
    [{ target: 0 }, 'target'],
    [{ month: 13 }, 'month'],
  ]) {
    const r = await county.post(`/api/v1/sampling/plans/${plan.id}/items`, { ...base, ...body });
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(body));
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/);
  }
  assert.equal((await county.get(`/api/v1/sampling/plans/${plan.id}`)).data.plan.items.length, before.items.length);
  const added = await county.post(`/api/v1/sampling/plans/${plan.id}/items`, base);
  assert.equal(added.status, 201, JSON.stringify(added.data));
  item = added.data.plan.items.find((i) => i.id === added.data.item_id);
  assert.deepEqual([item.township_code, item.target, item.mode, item.analytes], [t01.user.division_code, 3, 'targeted', ['afb1']]);
  assert.equal((await t01.post(`/api/v1/sampling/plans/${plan.id}/items`, base)).status, 403);

  // count 0 and the like: refused, no task, no draw
  const tasksBefore = (await county.get(`/api/v1/samples?plan_id=${plan.id}&limit=1`)).data.total;
  for (const [body, field] of [[{ count: 0 }, 'count'], [{ count: 2, samplers: [sampler.user.id] }, 'samplers'],
    [{ count: 2, samplers: [sampler.user.id, biz.user.id] }, 'samplers[1]'], [{ count: 2, kinds: ['spaceship'] }, 'kinds[0]'],
    [{ count: 2, entity_ids: [1] }, 'entity_ids'], [{ count: 2, seed: -3 }, 'seed']]) {
    const r = await county.post(`/api/v1/sampling/plans/${plan.id}/items/${item.id}/draw`, body);
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(body));
  }
  assert.equal((await county.get(`/api/v1/samples?plan_id=${plan.id}&limit=1`)).data.total, tasksBefore);
  assert.equal((await t01.post(`/api/v1/sampling/plans/${plan.id}/items/${item.id}/draw`, { count: 1 })).status, 403);
  assert.equal((await county.post(`/api/v1/sampling/plans/${plan.id}/items/987654/draw`, { count: 1 })).status, 404);

  const r = await county.post(`/api/v1/sampling/plans/${plan.id}/items/${item.id}/draw`, { count: 2, seed: 777 });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  drawn = r.data;
  assert.deepEqual([drawn.seed, drawn.drawn, drawn.requested, drawn.shortfall, drawn.result.length], [777, 2, 2, 0, 2]);
  for (const pick of drawn.result) {
    assert.equal(pick.samplers.length, 2);
    assert.notEqual(pick.samplers[0], pick.samplers[1]);
    const s = (await county.get(`/api/v1/samples/${pick.sample_id}`)).data;
    const sample = s.sample ?? s;
    assert.deepEqual([sample.status, sample.plan_id, sample.plan_item_id, sample.draw_id, sample.food_category, sample.kind],
      ['assigned', plan.id, item.id, drawn.draw_id, 'oil.vegetable.peanut', 'supervision']);
    assert.deepEqual(sample.samplers.map((u) => u.id).sort(), [...pick.samplers].sort());
    const e = (await county.get(`/api/v1/entities/${pick.entity_id}`)).data.entity;
    assert.equal(e.township_code, t01.user.division_code);
    assert.equal(e.status, 'active');
  }
  const v = (await county.get(`/api/v1/draws/${drawn.draw_id}/verify`)).data;
  assert.deepEqual([v.reproduced, v.purpose, v.seed], [true, 'sampling', 777]);
  assert.deepEqual(v.result, drawn.result.map(({ entity_id, samplers }) => ({ entity_id, samplers })));
  assert.equal((await t02.get(`/api/v1/draws/${drawn.draw_id}/verify`)).status, 404);
});

test('a draw asking for more than there are candidates takes them all and says how many short', async () => {
  // the kind with the fewest active businesses in 梅林镇
  let kind = null, n = Infinity;
  for (const k of ['workshop', 'producer', 'stall', 'seller', 'caterer']) {
    const total = (await t01.get(`/api/v1/entities?township=${t01.user.division_code}&kind=${k}&status=active&limit=1`)).data.total;
    if (total > 0 && total < n) { kind = k; n = total; }
  }
  assert.ok(kind, 'some kind of business in 梅林镇');
  const it = (await county.post(`/api/v1/sampling/plans/${plan.id}/items`, { food_category: 'cereal', township_code: t01.user.division_code,
    target: n + 3, analytes: ['afb1'] })).data;
  const r = await county.post(`/api/v1/sampling/plans/${plan.id}/items/${it.item_id}/draw`, { count: n + 3, kinds: [kind] });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.deepEqual([r.data.candidates, r.data.drawn, r.data.shortfall, r.data.result.length], [n, n, 3, n]);
  assert.equal(new Set(r.data.result.map((p) => p.entity_id)).size, n);
  // every one has its task now: nothing left to draw for this item
  const none = await county.post(`/api/v1/sampling/plans/${plan.id}/items/${it.item_id}/draw`, { count: 1, kinds: [kind] });
  assert.deepEqual([none.status, none.data.error.field], [400, 'count']);
  assert.equal((await county.get(`/api/v1/draws/${r.data.draw_id}/verify`)).data.reproduced, true);
});

test('a sentinel item samples the businesses the official names', async () => {
  const ents = (await t01.get(`/api/v1/entities?township=${t01.user.division_code}&status=active&limit=3`)).data.items;
  const it = (await county.post(`/api/v1/sampling/plans/${plan.id}/items`, { food_category: 'cereal.rice', township_code: t01.user.division_code,
    target: 2, analytes: ['afb1'], mode: 'sentinel' })).data;
  const noNames = await county.post(`/api/v1/sampling/plans/${plan.id}/items/${it.item_id}/draw`, { count: 2 });
  assert.deepEqual([noNames.status, noNames.data.error.field], [400, 'entity_ids']);
  const foreign = (await t02.get('/api/v1/entities?status=active&limit=1')).data.items[0];
  const outside = await county.post(`/api/v1/sampling/plans/${plan.id}/items/${it.item_id}/draw`, { entity_ids: [ents[0].id, foreign.id] });
  assert.deepEqual([outside.status, outside.data.error.field], [400, 'entity_ids[1]']);
  const r = await county.post(`/api/v1/sampling/plans/${plan.id}/items/${it.item_id}/draw`, { entity_ids: [ents[1].id, ents[0].id], seed: 5 });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.deepEqual(r.data.result.map((p) => p.entity_id), [ents[1].id, ents[0].id]);
  assert.ok(r.data.result.every((p) => p.samplers.length === 2));
  assert.equal((await county.get(`/api/v1/draws/${r.data.draw_id}/verify`)).data.reproduced, true);
});

const RECORD = { product_name: '压榨花生油', sample_qty: '2桶', backup_qty: '1桶', seal_no: 'FY-PLAN-1', business_signer: '李四' };

test('progress: done against target by category, township and month; a township sees its own', async () => {
  // the first drawn task is taken, the second is still a task
  const taken = drawn.result[0];
  const rec = await county.post(`/api/v1/samples/${taken.sample_id}/record`, RECORD);
  assert.equal(rec.status, 200, JSON.stringify(rec.data));
  const s = (await county.get(`/api/v1/samples/${taken.sample_id}`)).data;
  const month = Number((s.sample ?? s).sampled_on.slice(5, 7));
  const p = (await county.get(`/api/v1/sampling/plans/${plan.id}/progress`)).data;
  assert.equal(p.target, 494);
  assert.equal(p.done, 1);
  assert.equal(p.items_target, sum(p.by_category, 'target'));
  assert.equal(p.items_target, sum(p.by_month, 'target'));
  assert.equal(p.items_target, sum(p.by_township, 'target'));
  assert.equal(sum(p.by_category, 'done'), 1);
  assert.equal(sum(p.by_township, 'done'), 1);
  assert.equal(sum(p.by_month, 'done'), 1);
  const oil = p.by_category.find((c) => c.food_category === 'oil.vegetable.peanut');
  assert.deepEqual([oil.target, oil.done, oil.name], [3, 1, '花生油']);
  assert.equal(p.by_township.find((t) => t.township_code === t01.user.division_code).done, 1);
  assert.equal(p.by_month.find((m) => m.month === month).done, 1);
  assert.ok(p.assigned >= 1);
  // the plan and the list count it too
  assert.equal((await county.get(`/api/v1/sampling/plans/${plan.id}`)).data.plan.items.find((i) => i.id === item.id).done, 1);
  assert.equal((await county.get(`/api/v1/sampling/plans?year=${year}`)).data.items.find((x) => x.id === plan.id).done, 1);
  // 青石镇: the county's plan, none of 梅林镇's items or samples
  const t = (await t02.get(`/api/v1/sampling/plans/${plan.id}/progress`)).data;
  assert.deepEqual([t.done, t.items_target], [0, 0]);
  assert.ok(!(await t02.get(`/api/v1/sampling/plans/${plan.id}`)).data.plan.items.some((i) => i.township_code === t01.user.division_code));
  // 梅林镇 sees its own
  assert.equal((await t01.get(`/api/v1/sampling/plans/${plan.id}/progress`)).data.done, 1);
  // samplers see progress; businesses do not
  assert.equal((await sampler.get(`/api/v1/sampling/plans/${plan.id}/progress`)).data.done, 1);
  assert.equal((await biz.get(`/api/v1/sampling/plans/${plan.id}/progress`)).status, 403);
});

test('你点我检: anyone proposes and votes once; the county adopts a proposal as a plan item, or declines it', async () => {
  const township = t02.user.division_code;
  for (const [body, field] of [
    [{ food: '' }, 'food'],
    [{ food: '花'.repeat(51) }, 'food'],
    [{ division_code: '360799' + '999999' }, 'division_code'],
    [{ reason: '因'.repeat(501) }, 'reason'],
  ]) {
    const r = await anon.post('/api/v1/public/sampling-proposals', { division_code: township, food: '散装花生油', ...body });
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(body).slice(0, 80));
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/);
  }
  const made = await anon.post('/api/v1/public/sampling-proposals', { division_code: township, food: '散装花生油', place: '青石镇农贸市场',
    reason: '小油坊自榨，担心黄曲霉毒素', proposer: '王女士' });
  assert.equal(made.status, 201, JSON.stringify(made.data));
  const prop = made.data.proposal;
  assert.deepEqual([prop.status, prop.votes, prop.proposer], ['open', 0, undefined]);
  const other = (await anon.post('/api/v1/public/sampling-proposals', { division_code: township, food: '自制米粉' })).data.proposal;

  const v1 = await anon.post(`/api/v1/public/sampling-proposals/${prop.id}/vote`, {});
  assert.deepEqual([v1.status, v1.data.votes], [200, 1]);
  const v2 = await anon.post(`/api/v1/public/sampling-proposals/${prop.id}/vote`, {});
  assert.equal(v2.status, 409);
  assert.match(v2.data.error.message, /已.*投过票/);
  assert.equal((await anon.post('/api/v1/public/sampling-proposals/987654/vote', {})).status, 404);
  const pub = (await anon.get(`/api/v1/public/sampling-proposals?division_code=${countyCode}&limit=100`)).data;
  const listed = pub.items.find((x) => x.id === prop.id);
  assert.equal(listed.votes, 1);
  assert.equal(listed.proposer, undefined, 'no names in public');
  assert.ok(pub.items.findIndex((x) => x.id === prop.id) < pub.items.findIndex((x) => x.id === other.id), 'most votes first');
  assert.equal((await anon.get('/api/v1/public/sampling-proposals?division_code=12')).status, 400);

  // officials: 青石镇 sees it with the proposer's name; 梅林镇 does not; businesses may not
  assert.equal((await t02.get('/api/v1/sampling-proposals?status=open')).data.items.find((x) => x.id === prop.id).proposer, '王女士');
  assert.ok(!(await t01.get('/api/v1/sampling-proposals')).data.items.some((x) => x.id === prop.id));
  assert.equal((await biz.get('/api/v1/sampling-proposals')).status, 403);

  const adoptBody = { plan_id: plan.id, food_category: 'oil.vegetable.peanut', target: 2, analytes: ['afb1'] };
  assert.equal((await t02.post(`/api/v1/sampling-proposals/${prop.id}/adopt`, adoptBody)).status, 403);
  const badCat = await county.post(`/api/v1/sampling-proposals/${prop.id}/adopt`, { ...adoptBody, food_category: 'nope' });
  assert.deepEqual([badCat.status, badCat.data.error.field], [400, 'food_category']);
  const adopted = await county.post(`/api/v1/sampling-proposals/${prop.id}/adopt`, adoptBody);
  assert.equal(adopted.status, 200, JSON.stringify(adopted.data));
  assert.deepEqual([adopted.data.proposal.status, adopted.data.proposal.plan_item_id], ['adopted', adopted.data.item_id]);
  const it = (await county.get(`/api/v1/sampling/plans/${plan.id}`)).data.plan.items.find((i) => i.id === adopted.data.item_id);
  assert.deepEqual([it.proposal_id, it.township_code, it.target], [prop.id, township, 2]);
  assert.equal((await county.post(`/api/v1/sampling-proposals/${prop.id}/adopt`, adoptBody)).status, 409);
  assert.equal((await anon.post(`/api/v1/public/sampling-proposals/${prop.id}/vote`, {})).status, 409);
  const adoptedShown = (await anon.get(`/api/v1/public/sampling-proposals?status=adopted`)).data.items.find((x) => x.id === prop.id);
  assert.deepEqual(adoptedShown.results, { published: 0, failed: 0 }, 'what became of it: nothing published yet');

  assert.equal((await t01.post(`/api/v1/sampling-proposals/${other.id}/decline`, { answer: '不在本镇' })).status, 404);
  assert.deepEqual((await t02.post(`/api/v1/sampling-proposals/${other.id}/decline`, { answer: '' })).data.error.field, 'answer');
  const declined = await t02.post(`/api/v1/sampling-proposals/${other.id}/decline`, { answer: '本月已抽检同类产品，结果合格' });
  assert.deepEqual([declined.status, declined.data.proposal.status], [200, 'declined']);
  const shown = (await anon.get(`/api/v1/public/sampling-proposals?status=declined&division_code=${township}`)).data.items.find((x) => x.id === other.id);
  assert.deepEqual([shown.answer, shown.results], ['本月已抽检同类产品，结果合格', undefined], 'a declined one has no results');
});

// Takes a sample of 梅林镇's business to a verdict with this AFB1 value (µg/kg); returns the sample.
async function sampleWith(entityId, value) {
  const s = await county.post('/api/v1/samples', { entity_id: entityId, kind: 'supervision', food_category: 'oil.vegetable.peanut',
    analytes: ['afb1'], samplers: [sampler.user.id, sampler2.user.id] });
  assert.equal(s.status, 201, JSON.stringify(s.data));
  const id = (s.data.sample ?? s.data).id;
  for (const [step, body] of [['record', RECORD], ['deliver', { lab_id: lab.id }], ['receive', {}],
    ['report', { results: [{ analyte: 'afb1', value, unit: 'µg/kg' }] }]]) {
    const r = await county.post(`/api/v1/samples/${id}/${step}`, body);
    assert.equal(r.status, 200, `${step}: ${JSON.stringify(r.data)}`);
  }
  const got = (await county.get(`/api/v1/samples/${id}`)).data;
  return got.sample ?? got;
}

test('abuse limits: one address proposes at most 5 an hour and votes at most 30; a refused form counts nothing', async () => {
  const township = t02.user.division_code;
  const resident = new Client(srv.base, { address: '203.0.113.41' });
  for (let i = 0; i < 3; i++) // bad forms cost nothing
    assert.equal((await resident.post('/api/v1/public/sampling-proposals', { division_code: township, food: '' })).status, 400);
  const ids = [];
  for (let i = 0; i < 5; i++) {
    const r = await resident.post('/api/v1/public/sampling-proposals', { division_code: township, food: `限流测试${i}` });
    assert.equal(r.status, 201, `proposal ${i}: ${JSON.stringify(r.data)}`);
    ids.push(r.data.proposal.id);
  }
  const sixth = await resident.post('/api/v1/public/sampling-proposals', { division_code: township, food: '第六条' });
  assert.equal(sixth.status, 429);
  assert.match(sixth.data.error.message, /过于频繁/);
  const neighbour = new Client(srv.base, { address: '203.0.113.42' });
  assert.equal((await neighbour.post('/api/v1/public/sampling-proposals', { division_code: township, food: '第六条' })).status, 201);
  const pub = (await anon.get(`/api/v1/public/sampling-proposals?division_code=${township}&limit=100`)).data.items;
  assert.equal(pub.filter((x) => x.food === '第六条').length, 1, 'the refused one was not stored');
  // votes: 30 an hour from one address (each proposal once), the 31st refused
  const voter = new Client(srv.base, { address: '198.51.100.7' });
  const open = (await anon.get('/api/v1/public/sampling-proposals?limit=100')).data.items;
  for (let i = open.length; i < 31; i++) // enough open proposals to vote for
    open.push((await new Client(srv.base, { address: `192.0.2.${i}` }).post('/api/v1/public/sampling-proposals', { division_code: township, food: `投票用${i}` })).data.proposal);
  for (let i = 0; i < 30; i++)
    assert.equal((await voter.post(`/api/v1/public/sampling-proposals/${open[i].id}/vote`, {})).status, 200, `vote ${i}`);
  assert.equal((await voter.post(`/api/v1/public/sampling-proposals/${open[30].id}/vote`, {})).status, 429);
});

test('figures add up: batches per 1 000, done against plan, pass rates by category, township, kind and month', async () => {
  const before = (await county.get(`/api/v1/sampling/figures?year=${year}`)).data;
  const ents = (await t01.get(`/api/v1/entities?township=${t01.user.division_code}&status=active&limit=5`)).data.items;
  const made = [await sampleWith(ents[2].id, 5), await sampleWith(ents[3].id, 8.5), await sampleWith(ents[4].id, 25)];
  assert.deepEqual(made.map((s) => s.verdict), ['pass', 'pass', 'fail']);
  const mine = made.filter((s) => Number(s.sampled_on.slice(0, 4)) === year); // all, unless the year turned meanwhile
  const fails = mine.filter((s) => s.verdict === 'fail').length;
  const f = (await county.get(`/api/v1/sampling/figures?year=${year}`)).data;
  assert.equal(f.year, year);
  assert.equal(f.sampled - before.sampled, mine.length);
  assert.equal(f.judged - before.judged, mine.length);
  assert.equal(f.failed - before.failed, fails);
  assert.equal(f.passed - before.passed, mine.length - fails);
  // the figures add up within themselves
  assert.equal(f.judged, f.passed + f.failed);
  for (const list of ['by_category', 'by_township', 'by_kind']) {
    assert.equal(sum(f[list], 'sampled'), f.sampled, list);
    assert.equal(sum(f[list], 'judged'), f.judged, list);
    assert.equal(sum(f[list], 'failed'), f.failed, list);
    for (const r of f[list]) assert.equal(r.pass_rate, r.judged ? Math.round((r.passed / r.judged) * 1e4) / 1e4 : null);
  }
  assert.equal(f.by_month.length, 12);
  assert.equal(sum(f.by_month, 'sampled'), f.sampled);
  assert.equal(sum(f.by_month, 'failed'), f.failed);
  assert.equal(f.pass_rate, Math.round((f.passed / f.judged) * 1e4) / 1e4);
  const delta = (list, key, value, field) => (f[list].find((r) => r[key] === value)?.[field] ?? 0) - (before[list].find((r) => r[key] === value)?.[field] ?? 0);
  assert.equal(delta('by_category', 'food_category', 'oil', 'judged'), mine.length); // the top-level category
  assert.equal(f.by_category.find((r) => r.food_category === 'oil').name, '油脂及其制品');
  assert.equal(delta('by_township', 'township_code', t01.user.division_code, 'failed'), fails);
  assert.equal(delta('by_kind', 'kind', 'supervision', 'sampled'), mine.length);
  if (mine.length) {
    const m = Number(mine[0].sampled_on.slice(5, 7));
    assert.equal(delta('by_month', 'month', m, 'sampled'), mine.filter((s) => Number(s.sampled_on.slice(5, 7)) === m).length);
  }
  // batches per 1 000 residents: the county counted once, at its largest plan of the year
  assert.equal(f.population, 123456);
  assert.equal(f.batches_per_1000, Math.round((f.sampled * 1000 / 123456) * 100) / 100);
  // the year's plans (the demo county's and this file's 494 + 494 + 121), and the plan samples taken (the one drawn task recorded)
  const plans = (await county.get(`/api/v1/sampling/plans?year=${year}`)).data;
  const listed = plans.items ?? plans;
  assert.equal(f.plan.target, sum(listed, 'target'));
  const targets = listed.map((p) => p.target);
  assert.ok(targets.filter((t) => t === 494).length >= 2 && targets.includes(121), JSON.stringify(targets));
  assert.equal(f.plan.done - before.plan.done, 0);
  assert.ok(f.plan.done >= 1);
  assert.equal(f.retests.total, Object.values(f.retests.by_status).reduce((a, b) => a + b, 0));
  // 青石镇 sees none of 梅林镇's samples, and its own plan's population
  const t = (await t02.get(`/api/v1/sampling/figures?year=${year}`)).data;
  assert.ok(!t.by_township.some((r) => r.township_code === t01.user.division_code && r.sampled > 0));
  assert.equal(t.population, 20001);
  assert.equal((await biz.get(`/api/v1/sampling/figures?year=${year}`)).status, 403);
  assert.equal((await biz.get(`/api/v1/sampling/figures.xlsx?year=${year}`)).status, 403);
  assert.equal((await county.get('/api/v1/sampling/figures?year=1999')).data.error.field, 'year');
});

test('the figures as the Excel workbook a higher bureau asks for: 汇总, 按食品类别, 按乡镇', async () => {
  const r = await county.get(`/api/v1/sampling/figures.xlsx?year=${year}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.match(r.headers.get('content-disposition'), new RegExp(`sampling-figures-${year}\\.xlsx`));
  const files = unzip(r.data);
  const names = [...files['xl/workbook.xml'].matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(names, ['汇总', '按食品类别', '按乡镇']);
  const strings = files['xl/sharedStrings.xml'];
  for (const s of ['每千人抽检批次', '合格率', '计划抽检批次', '逾期未送检', '合计', '乡镇（街道）', '食品类别', `${year}年`])
    assert.ok(strings.includes(s), s);
});

test('overdue steps on today: a sample taken and not delivered within 5 working days', async () => {
  const before = (await county.get(`/api/v1/sampling/figures?year=${year}`)).data.overdue;
  const ents = (await t01.get(`/api/v1/entities?township=${t01.user.division_code}&status=active&limit=8`)).data.items;
  const s = await county.post('/api/v1/samples', { entity_id: ents[6].id, kind: 'evaluation', food_category: 'cereal.rice',
    analytes: ['afb1'], samplers: [sampler.user.id, sampler2.user.id] });
  const id = (s.data.sample ?? s.data).id;
  assert.equal((await county.post(`/api/v1/samples/${id}/record`, RECORD)).status, 200);
  const taken = (await county.get(`/api/v1/samples/${id}`)).data;
  const delivery = (taken.sample ?? taken).delivery_due;
  // the drawn task recorded in the progress test is also undelivered: both fall due together
  const undelivered = 2;
  assert.equal(before.total, before.delivery + before.report + before.notice + before.retest_decision + before.retest_report);
  await srv.travel(Date.parse(`${delivery}T00:00:00+08:00`) + 86400e3 + 3600e3 - srv.now()); // the day after the due date
  const c = await as(srv.base, 'county');
  const after = (await c.get(`/api/v1/sampling/figures?year=${year}`)).data.overdue;
  assert.equal(after.delivery - before.delivery, undelivered);
  assert.equal(after.total, after.delivery + after.report + after.notice + after.retest_decision + after.retest_report);
});
