// GET /metrics (issue 18): Prometheus text exposition 0.0.4; requests counted by route pattern (not the
// raw URL) and status, a latency histogram per pattern, database time, the outbox, the last sweep,
// cameras by state; only to the metrics_allow addresses or with the metrics_token.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

const TOKEN = 'scrape-7f3c9a1e5b2d4f60';
let srv, county;
before(async () => {
  srv = await startServer({ entities: 200, seed: 29, args: [`--metrics_token=${TOKEN}`], instances: 1 }); // one process's figures
  county = await as(srv.base, 'county');
});
after(async () => { await srv.stop(); });

const scrape = async (client = new Client(srv.base)) => {
  const r = await client.get('/metrics');
  return { ...r, text: Buffer.isBuffer(r.data) ? r.data.toString('utf8') : '' };
};

// Parses the exposition text, checking its grammar: # HELP / # TYPE lines, then samples
// name{label="value",…} number, every sample of a family with a TYPE before it.
function parse(text) {
  const types = {}, samples = [];
  assert.ok(text.endsWith('\n'), 'the text ends with a newline');
  for (const line of text.slice(0, -1).split('\n')) {
    let m;
    if ((m = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) \S.*$/.exec(line))) continue;
    if ((m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line))) {
      assert.ok(!types[m[1]], `${m[1]} typed twice`);
      types[m[1]] = m[2];
      continue;
    }
    m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*",?)*)\})? (-?[0-9.e+-]+|\+Inf|NaN)$/.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const labels = Object.fromEntries([...(m[2] || '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    const family = m[1].replace(/_(bucket|sum|count)$/, '');
    assert.ok(types[m[1]] || types[family], `${m[1]} has no TYPE`);
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { types, samples };
}
const value = (s, name, labels = {}) =>
  s.samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;
// A request is counted when libmicrohttpd reports it completed, which may come just after the client has
// read the answer: scrape until `ready` holds (at most 5 s), then the test asserts on that scrape.
async function scrapeWhen(ready) {
  let s;
  for (let i = 0; i < 50; i++) {
    s = parse((await scrape()).text);
    if (ready(s)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return s;
}

test('valid exposition format, with every family the operator needs', async () => {
  // the sweeper's first run at start is in a thread of its own: wait for it
  for (let i = 0; i < 100 && !/^shian_sweep_runs_total [1-9]/m.test((await scrape()).text); i++) await new Promise((r) => setTimeout(r, 100));
  const r = await scrape();
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const s = parse(r.text);
  assert.equal(s.types.shian_http_requests_total, 'counter');
  assert.equal(s.types.shian_http_request_duration_seconds, 'histogram');
  for (const name of ['shian_up', 'shian_db_seconds_total', 'shian_db_statements_total', 'shian_outbox_pending',
    'shian_sweep_runs_total', 'shian_sweep_last_success', 'shian_sweep_last_run_timestamp_seconds', 'shian_sweep_last_led',
    'shian_sweep_led_elsewhere_total'])
    assert.ok(value(s, name) !== undefined, `${name} is there`);
  assert.ok(value(s, 'shian_db_statements_total') > 0);
  assert.ok(value(s, 'shian_cameras', { state: 'online' }) >= 0);
  assert.ok(value(s, 'shian_sweep_runs_total') >= 1, 'the server swept at start');
  // the only server on its database leads every round (several instances: tests/api/instances.test.mjs)
  assert.deepEqual([value(s, 'shian_sweep_last_led'), value(s, 'shian_sweep_led_elsewhere_total')], [1, 0]);
  // the audit log's month partitions kept at the first sweep of the (Beijing) day, by the platform's clock
  const upkeep = value(s, 'shian_audit_upkeep_last_run_timestamp_seconds');
  assert.ok(upkeep * 1000 >= srv.now() - 120e3 && upkeep * 1000 <= srv.now(), `upkeep at ${upkeep}, now ${srv.now() / 1000}`);
  for (const name of ['shian_audit_partitions_created_total', 'shian_audit_partitions_dropped_total', 'shian_audit_rows_deleted_total'])
    assert.equal(s.types[name], 'counter', name);
  const me = s.samples.filter((x) => x.name === 'shian_instance');
  assert.equal(me.length, 1);
  assert.match(me[0].labels.id, new RegExp(`:${srv.pid}:\\d+$`), 'host:pid:start, as job_leases names it');
  // histograms: buckets cumulative, +Inf equals the count
  const buckets = s.samples.filter((x) => x.name === 'shian_http_request_duration_seconds_bucket' && x.labels.route === '/api/v1/health');
  for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value);
  assert.equal(buckets.at(-1).labels.le, '+Inf');
  assert.equal(buckets.at(-1).value, value(s, 'shian_http_request_duration_seconds_count', { route: '/api/v1/health' }));
});

test('a request is counted under its route pattern and status, however many ids are asked', async () => {
  const route = { route: '/api/v1/entities/:id', method: 'GET' };
  const before = parse((await scrape()).text);
  const ids = (await county.get('/api/v1/entities?limit=2')).data.items.map((e) => e.id);
  for (const id of ids) assert.equal((await county.get(`/api/v1/entities/${id}`)).status, 200);
  assert.equal((await county.get('/api/v1/entities/987654321')).status, 404);
  const counted = (s, status) => (value(s, 'shian_http_requests_total', { ...route, status }) ?? 0) - (value(before, 'shian_http_requests_total', { ...route, status }) ?? 0);
  const s = await scrapeWhen((x) => counted(x, '200') >= 2 && counted(x, '404') >= 1);
  assert.equal(counted(s, '200'), 2);
  assert.equal(counted(s, '404'), 1);
  assert.ok(!s.samples.some((x) => /\/entities\/\d/.test(x.labels.route ?? '')), 'never a raw URL');
  assert.ok(value(s, 'shian_http_request_duration_seconds_count', route) >= 3);
  // a path no route knows counts as one series
  await county.get('/api/v1/no/such/thing/1');
  await county.get('/api/v1/no/such/thing/2');
  const unmatched = (x) => value(x, 'shian_http_requests_total', { route: 'unmatched', status: '404' }) ?? 0;
  assert.ok(unmatched(await scrapeWhen((x) => unmatched(x) >= 2)) >= 2);
});

test('refused to an address that is not allowed, signed in or not; the token opens it', async () => {
  const outside = new Client(srv.base, { address: '203.0.113.50' }); // as the trusted proxy reports it
  let r = await scrape(outside);
  assert.equal(r.status, 403);
  assert.equal(r.data.error.code, 'permission_denied');
  const admin = Object.assign(new Client(srv.base, { address: '203.0.113.51' }), { cookie: (await as(srv.base, 'admin')).cookie });
  assert.equal((await scrape(admin)).status, 403);
  const wrong = Object.assign(new Client(srv.base, { address: '203.0.113.52' }), { token: 'scrape-7f3c9a1e5b2d4f61' });
  assert.equal((await scrape(wrong)).status, 403);
  const right = Object.assign(new Client(srv.base, { address: '203.0.113.53' }), { token: TOKEN });
  r = await scrape(right);
  assert.equal(r.status, 200);
  parse(r.text);
  assert.equal((await new Client(srv.base).post('/metrics', {})).status, 400, 'GET only');
});
