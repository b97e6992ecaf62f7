// Judging test results over HTTP against the limit tables (issue 11, first part): the tables are
// readable page by page, a sample's results get a verdict citing the clause (GB 2761-2017 4.1 表1 for
// aflatoxin B1), bad input is refused naming the field, and a county loads a fuller table with
// `shian limits import`. Nothing here is stored: the sampling records come next.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, Client, as, startServer } from './harness.mjs';

let srv, sampler, biz;
before(async () => {
  srv = await startServer({ entities: 200, seed: 5 });
  sampler = await as(srv.base, 'sampler01');
  biz = await as(srv.base, 'b1');
});
after(async () => { await srv.stop(); });

test('the limit tables are read page by page, each limit with its standard and clause', async () => {
  const cats = (await sampler.get('/api/v1/sampling/food-categories?limit=5&offset=0')).data;
  assert.ok(cats.total >= 19 && cats.items.length === 5);
  const all = [];
  for (let offset = 0; offset < cats.total; offset += 5)
    all.push(...(await sampler.get(`/api/v1/sampling/food-categories?limit=5&offset=${offset}`)).data.items);
  assert.equal(new Set(all.map((c) => c.code)).size, cats.total);
  assert.deepEqual(all.find((c) => c.code === 'oil.vegetable.peanut'), { code: 'oil.vegetable.peanut', parent: 'oil.vegetable', name: '花生油' });
  const afb1 = (await sampler.get('/api/v1/sampling/limits?analyte=afb1&limit=100')).data;
  assert.equal(afb1.total, afb1.items.length);
  const peanutOil = afb1.items.find((l) => l.food_category === 'oil.vegetable.peanut');
  assert.deepEqual([peanutOil.value, peanutOil.unit, peanutOil.standard, peanutOil.clause], [20, 'µg/kg', 'GB 2761-2017', '4.1 表1']);
  assert.equal((await sampler.get('/api/v1/sampling/limits?limit=0')).data.error.field, 'limit');
  assert.equal((await new Client(srv.base).get('/api/v1/sampling/limits')).status, 401);
});

test('a sample\'s results get a verdict that cites its clause; just above the limit fails', async () => {
  const r = await sampler.post('/api/v1/sampling/judge', { food_category: 'oil.vegetable.peanut', results: [
    { analyte: 'afb1', value: 0.0201, unit: 'mg/kg' },
  ] });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.verdict, 'fail');
  assert.equal(r.data.food_category_name, '花生油');
  const item = r.data.items[0];
  assert.deepEqual([item.verdict, item.analyte_name, item.limit.value, item.limit.unit], ['fail', '黄曲霉毒素B1', 20, 'µg/kg']);
  assert.match(item.basis, /GB 2761-2017 4\.1 表1/);
  // at the limit, in another unit: passes; a business may check its own results too
  const ok = await biz.post('/api/v1/sampling/judge', { food_category: 'oil.vegetable.peanut', results: [{ analyte: 'afb1', value: 20, unit: 'ug/kg' }] });
  assert.deepEqual([ok.status, ok.data.verdict], [200, 'pass']);
  // one failing item fails the sample
  const two = await sampler.post('/api/v1/sampling/judge', { food_category: 'cereal.rice', results: [
    { analyte: 'afb1', detected: false }, { analyte: 'afb1', value: 10.5, unit: 'µg/kg' }] });
  assert.deepEqual([two.data.verdict, two.data.items.map((i) => i.verdict)], ['fail', ['pass', 'fail']]);
});

test('bad input is refused naming the field', async () => {
  const cases = [
    [{ food_category: 'oil.vegetable.peanut', results: [{ analyte: 'afb1', value: 5, unit: 'mg/L' }] }, 'results[0].unit'],
    [{ food_category: 'oil.vegetable.peanut', results: [{ analyte: 'melamine', value: 5, unit: 'mg/kg' }] }, 'results[0].analyte'],
    [{ food_category: 'cereal.rice', results: [{ analyte: 'afm1', value: 1, unit: 'µg/kg' }] }, 'results[0].analyte'],
    [{ food_category: 'nope', results: [{ analyte: 'afb1', value: 1, unit: 'µg/kg' }] }, 'food_category'],
    [{ food_category: 'cereal.rice', results: [] }, 'results'],
  ];
  for (const [body, field] of cases) {
    const r = await sampler.post('/api/v1/sampling/judge', body);
    assert.deepEqual([r.status, r.data.error.field], [400, field], JSON.stringify(body));
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/, 'the message speaks Chinese first');
  }
});

test('a county loads a fuller table with `shian limits import`; a bad file loads nothing', async () => {
  const dir = srv.dir;
  const run = (...args) => spawnSync(BIN, ['limits', ...args, `--db_path=${srv.db}`, '--log_level=warn'], { encoding: 'utf8', env: srv.env() });
  writeFileSync(path.join(dir, 'a.csv'), 'patulin,展青霉素,mycotoxin\n');
  writeFileSync(path.join(dir, 'bad.csv'), 'patulin,cereal.rice,max,50,µg/kg,,,,,GB 2761-2017,4.4 表4,展青霉素\npatulin,cereal.rice,max,,µg/kg,,,,,X,1,\n');
  writeFileSync(path.join(dir, 'l.csv'), 'patulin,cereal.rice,max,50,µg/kg,,,,,TEST,1,展青霉素\n');
  assert.equal(run('import', 'analytes', path.join(dir, 'a.csv')).status, 0);
  // the shipped subset has patulin rows of its own (GB 2761-2017 4.4): count what the bad file must not change
  const patulinRows = async () => (await sampler.get('/api/v1/sampling/limits?analyte=patulin&limit=100')).data.total;
  const before = await patulinRows();
  const bad = run('import', 'limits', path.join(dir, 'bad.csv'));
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /line 2/);
  assert.equal(await patulinRows(), before);
  assert.equal(run('import', 'limits', path.join(dir, 'l.csv')).status, 0, 'imported');
  const r = await sampler.post('/api/v1/sampling/judge', { food_category: 'cereal.rice', results: [{ analyte: 'patulin', value: 51, unit: 'µg/kg' }] });
  assert.deepEqual([r.status, r.data.verdict], [200, 'fail']);
});
