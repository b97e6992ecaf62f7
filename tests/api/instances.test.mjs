// Several `shian serve` instances on one database (docs/ARCHITECTURE.md "Several instances on one database"):
// two servers, A and B, on one database and one files folder, each request sent to the instance a test
// names. What one instance wrote holds on the other: a session, a public form's rate limit, a setting, an
// AI observation's idempotency key; and the periodic sweep's round runs on one of them only (the lease).
// PostgreSQL is the engine for several instances; the same runs on SQLite too (two processes on one WAL
// file), which the README does not recommend for production but which must not break either.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';

let srv, A, B, entity;
before(async () => {
  srv = await startServer({ entities: 200, seed: 23, instances: 2 });
  [A, B] = srv.bases;
  const t01 = await as(A, 't01');
  entity = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
});
after(async () => { await srv?.stop(); });

// The same signed-in caller, talking to the other instance.
function on(base, client) {
  const c = new Client(base);
  Object.assign(c, { cookie: client.cookie, token: client.token, user: client.user });
  return c;
}

test('a session made on A works on B, and signing out on B ends it on A', async () => {
  const onA = await as(A, 't01');
  const onB = on(B, onA);
  const me = await onB.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.data.user.username, 't01');
  assert.equal((await onB.post('/api/v1/auth/logout', {})).status, 204);
  assert.equal((await onA.get('/api/v1/me')).status, 401, 'the session is gone on A too');
});

test('a public rate limit filled through A refuses on B', async () => {
  const complaint = {
    kind: 'complaint', entity_id: entity.id, category: 'foreign_matter', facts: '在该店购买的凉皮里吃出一根头发，店家拒绝退款。',
    request: '退款并赔礼道歉', person_name: '陈先生', person_phone: '13812345678', person_address: '城关街道建设路8号', occurred_on: srv.today(),
  };
  const file = (base) => {
    const f = new FormData();
    f.append('complaint', JSON.stringify(complaint));
    return new Client(base, { address: '198.18.7.7' }).req('POST', '/api/v1/public/complaints', { raw: f });
  };
  for (let i = 0; i < 5; i++) assert.equal((await file(A)).status, 201, `complaint ${i} through A`);
  const sixth = await file(B);
  assert.equal(sixth.status, 429, JSON.stringify(sixth.data));
  assert.equal((await file(A)).status, 429);
});

test('a setting changed on A takes effect on B at its next request', async () => {
  const county = await as(A, 'county');
  const visits = async (base) => (await on(base, county).get('/api/v1/settings')).data.items.find((s) => s.key === 'visits_a').value;
  const was = await visits(B); // B has the settings in its cache now
  const r = await county.req('PATCH', '/api/v1/settings', { body: { visits_a: was + 1 } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(await visits(B), was + 1, 'B read the new value at once');
  assert.equal((await on(B, county).req('PATCH', '/api/v1/settings', { body: { visits_a: was } })).status, 200);
  assert.equal(await visits(A), was, 'and back through B');
});

test('the same AI observation posted to A and to B is one row, also when both arrive at once', async () => {
  const t01 = await as(A, 't01');
  const cam = await t01.post('/api/v1/cameras', { entity_id: entity.id, name: '后厨', area: 'kitchen', stream_url: 'rtsp://10.0.0.5/stream1' });
  assert.equal(cam.status, 201, JSON.stringify(cam.data));
  const tok = await t01.post('/api/v1/tokens', { name: 'AI box on two instances' });
  assert.equal(tok.status, 201);
  const box = (base) => Object.assign(new Client(base), { token: tok.data.token });
  const seen = (key) => ({ camera_id: cam.data.camera.id, observed_at: srv.now() - 1000, label: 'smoking', score: 0.91, idempotency_key: key });
  const first = await box(A).post('/api/v1/observations', seen('twin-1'));
  const again = await box(B).post('/api/v1/observations', seen('twin-1'));
  assert.deepEqual([first.status, again.status, again.data.duplicate], [201, 200, true], JSON.stringify(again.data));
  assert.equal(again.data.observation.id, first.data.observation.id);
  const raced = await Promise.all([box(A).post('/api/v1/observations', seen('twin-2')), box(B).post('/api/v1/observations', seen('twin-2'))]);
  assert.deepEqual(raced.map((r) => r.status).sort(), [200, 201], JSON.stringify(raced.map((r) => r.data)));
  assert.equal(raced[0].data.observation.id, raced[1].data.observation.id);
  const rows = (await t01.get(`/api/v1/cameras/${cam.data.camera.id}/observations?limit=50`)).data.items;
  assert.deepEqual(rows.map((o) => o.idempotency_key).sort(), ['twin-1', 'twin-2']);
});

// An instance's own sweep figures and its name, from its /metrics (the test runs on 127.0.0.1, allowed).
async function sweepOf(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const figure = (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)[1]);
  return { id: /^shian_instance\{id="([^"]+)"\} 1$/m.exec(text)[1], runs: figure('shian_sweep_runs_total'),
    elsewhere: figure('shian_sweep_led_elsewhere_total'), led: figure('shian_sweep_last_led'), ok: figure('shian_sweep_last_success') };
}
// Both instances' first round, once each has decided (it runs in a thread of its own at start; a round
// that makes the monthly reports, past a month's end, takes seconds).
async function firstRounds() {
  for (let i = 0; ; i++) {
    const both = [await sweepOf(A), await sweepOf(B)];
    if (both.every((s) => s.runs + s.elsewhere >= 1)) return both;
    assert.ok(i < 1200, `the first sweep rounds did not end: ${JSON.stringify(both)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
function leaseHolder() {
  if (process.env.SHIAN_TEST_DB !== 'postgres') return null;
  const r = spawnSync('psql', [srv.db, '-At', '-c', "SELECT holder FROM job_leases WHERE name = 'sweep'"], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test('each sweep round runs on one instance: the lease holder leads, the other counts it as led elsewhere', async () => {
  for (const round of ['at start', 'after the clock moved past a sweep interval']) {
    if (round !== 'at start') await srv.travel(90 * 1000);
    const both = await firstRounds();
    assert.deepEqual(both.map((s) => s.runs + s.elsewhere), [1, 1], `${round}: one round each: ${JSON.stringify(both)}`);
    assert.equal(both[0].runs + both[1].runs, 1, `${round}: the round ran once: ${JSON.stringify(both)}`);
    const leader = both.find((s) => s.runs === 1);
    assert.deepEqual([leader.led, leader.ok], [1, 1]);
    assert.equal(both.find((s) => s !== leader).led, 0);
    assert.notEqual(both[0].id, both[1].id);
    const holder = leaseHolder();
    if (holder !== null) assert.equal(holder, leader.id, `${round}: job_leases names the leader`);
  }
});
