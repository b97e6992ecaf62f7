// Figures by month (GET /api/v1/stats/trends, issue 15's charts): each month's value is the count of
// rows dated in that month (Beijing time) in the caller's jurisdiction — a hazard found on a 包保 visit
// and a complaint received move the month they happened in, and a month later the next one, while the
// earlier month keeps its count; a township official sees their township only; a business, an
// inspector and a sampler are refused; a bad parameter is refused naming it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, beijingDate, startServer } from './harness.mjs';

let srv, county, t01, t02;

before(async () => {
  srv = await startServer({ entities: 300, seed: 29 });
  [county, t01, t02] = await Promise.all([as(srv.base, 'county'), as(srv.base, 't01'), as(srv.base, 't02')]);
});
after(async () => { await srv?.stop(); });

const METRICS = 'hazards_found,complaints_received';

async function trends(client, q = `metric=${METRICS}&months=12`) {
  const r = await client.get(`/api/v1/stats/trends?${q}`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data;
}
// month -> value of one figure
function byMonth(d, key) {
  const f = d.figures.find((x) => x.key === key);
  assert.ok(f, `${key} in the answer`);
  return Object.fromEntries(d.months.map((m, i) => [m, f.values[i]]));
}
const monthOf = (ms) => beijingDate(ms).slice(0, 7);

// The last `n` months ending with today's, as the server should list them.
function lastMonths(today, n) {
  let y = Number(today.slice(0, 4)), m = Number(today.slice(5, 7));
  const out = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    if (--m === 0) { m = 12; y--; }
  }
  return out;
}

// t02 finds a problem on a 包保 visit of one of its businesses (an order opened) and the county records a
// complaint against it; returns the months the rows are dated in, read from the rows themselves.
async function work(label) {
  const [official, authority] = [await as(srv.base, 't02'), await as(srv.base, 'county')];
  const taken = new Set((await authority.get('/api/v1/duty/assignments?limit=500')).data.items.map((a) => a.entity_id));
  const list = (await official.get('/api/v1/entities?status=active&limit=200')).data.items;
  const free = list.find((x) => !taken.has(x.id)) || list[0];
  const before_ = new Set((await official.get(`/api/v1/rectifications?entity=${free.id}&limit=200`)).data.items.map((r) => r.id));
  if (!taken.has(free.id)) assert.equal((await official.post('/api/v1/duty/assignments', { entity_id: free.id, user_id: official.user.id })).status, 204);
  const visit = await official.post('/api/v1/duty/visits', { entity_id: free.id, findings: `${label}后厨地面积水`, problem: `${label}后厨地面积水，需清理` });
  assert.ok(visit.status === 201 || visit.status === 200, JSON.stringify(visit.data));
  const orders = (await official.get(`/api/v1/rectifications?entity=${free.id}&limit=200`)).data.items.filter((r) => !before_.has(r.id));
  assert.equal(orders.length, 1, 'one order opened by the visit');
  const c = await authority.post('/api/v1/complaints', { kind: 'opinion', entity_id: free.id, category: 'hygiene',
    facts: `${label}：网友反映该店后厨卫生差，地面积水。`, source_name: '本地论坛', source_url: 'https://example.com/t/1' });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  const received = (await authority.get(`/api/v1/complaints/${c.data.items[0].id}`)).data.complaint.received_on;
  return { hazard: monthOf(orders[0].created_at), complaint: received.slice(0, 7) };
}

test('the months are the last N ending with today\'s month on the platform clock, every figure defined', async () => {
  const all = await trends(county, 'months=12');
  assert.equal(all.today, srv.today());
  assert.deepEqual(all.months, lastMonths(srv.today(), 12));
  const keys = all.figures.map((f) => f.key);
  assert.deepEqual(keys, ['inspections_done', 'hazards_found', 'hazards_rectified', 'alerts', 'complaints_received', 'samples', 'samples_failed']);
  for (const f of all.figures) {
    assert.match(f.label, /^[\u4e00-\u9fff]+$/, f.key);
    assert.match(f.definition, /当月/, f.key);
    assert.equal(f.values.length, 12, f.key);
    assert.equal(f.total, f.values.reduce((s, v) => s + v, 0), f.key);
  }
  const one = await trends(county, 'metric=samples,hazards_found,samples&months=3');
  assert.deepEqual(one.figures.map((f) => f.key), ['samples', 'hazards_found']);
  assert.deepEqual(one.months, lastMonths(srv.today(), 3));
  assert.deepEqual(one.figures[1].values, all.figures[1].values.slice(-3), 'the same months count the same at any span');
});

test('a month counts the rows dated in it; a month later the new month counts its own and the old keeps its count', async () => {
  const c0 = await trends(county), a0 = await trends(t02), o0 = await trends(t01);
  const first = await work('本月');
  const c1 = await trends(county), a1 = await trends(t02), o1 = await trends(t01);
  const plus = (before_, after_, key, month, n) => {
    const b = byMonth(before_, key), a = byMonth(after_, key);
    for (const m of after_.months) if (m in b) assert.equal(a[m], b[m] + (m === month ? n : 0), `${key} ${m}`);
  };
  plus(c0, c1, 'hazards_found', first.hazard, 1);
  plus(a0, a1, 'hazards_found', first.hazard, 1);
  plus(o0, o1, 'hazards_found', first.hazard, 0); // 城关街道 sees only its own
  plus(c0, c1, 'complaints_received', first.complaint, 1);
  // a township's months are a part of the county's
  for (const m of c1.months) assert.ok(byMonth(a1, 'hazards_found')[m] + byMonth(o1, 'hazards_found')[m] <= byMonth(c1, 'hazards_found')[m], m);

  // to the next month (10:00 on its 2nd day)
  const [y, m] = srv.today().split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-02` : `${y}-${String(m + 1).padStart(2, '0')}-02`;
  await srv.travel(Date.parse(`${next}T10:00:00+08:00`) - srv.now());
  county = await as(srv.base, 'county');
  t02 = await as(srv.base, 't02');
  const c2 = await trends(county), a2 = await trends(t02);
  assert.equal(c2.months.at(-1), next.slice(0, 7));
  assert.equal(byMonth(c2, 'hazards_found')[first.hazard], byMonth(c1, 'hazards_found')[first.hazard], 'the earlier month keeps its count');
  const second = await work('次月');
  assert.equal(second.hazard, next.slice(0, 7));
  const c3 = await trends(county), a3 = await trends(t02);
  plus(c2, c3, 'hazards_found', second.hazard, 1);
  plus(a2, a3, 'hazards_found', second.hazard, 1);
  plus(c2, c3, 'complaints_received', second.complaint, 1);
});

test('a business, an inspector, a sampler and a grid member are refused; bad parameters name the field', async () => {
  const e = (await county.get('/api/v1/entities?status=active&limit=1')).data.items[0];
  for (const who of [`b${e.id}`, 'inspector01', 'sampler01', 'g0001']) {
    const r = await (await as(srv.base, who)).get('/api/v1/stats/trends');
    assert.equal(r.status, 403, who);
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/, who);
  }
  for (const [q, field] of [['metric=nothing', 'metric'], ['metric=samples,', 'metric'], ['months=0', 'months'], ['months=25', 'months'], ['months=x', 'months']]) {
    const r = await county.get(`/api/v1/stats/trends?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.data.error.field, field, q);
  }
});
