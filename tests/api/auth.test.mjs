// Sign-in, sessions, API tokens, CSRF guard and consistent JSON errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import http from 'node:http';
import { Client, as, startServer } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('wrong password and unknown user get the same 401 naming the password', async () => {
  const c = new Client(srv.base);
  const bad = await c.post('/api/v1/auth/login', { username: 'county', password: 'nope-1234' });
  const ghost = await c.post('/api/v1/auth/login', { username: 'nobody', password: 'nope-1234' });
  for (const r of [bad, ghost]) {
    assert.equal(r.status, 401);
    assert.equal(r.data.error.code, 'unauthenticated');
    assert.equal(r.data.error.field, 'password');
  }
  assert.equal(bad.data.error.message, ghost.data.error.message);
});

// Rule changed by issue 10 ("Access that holds"): the lock is per account *and address* (and per
// address, per account at a high threshold), so five failures from one address hold that address only.
test('five failed sign-ins in a row lock the account from that address; others are unaffected', async () => {
  const c = new Client(srv.base);
  for (let i = 0; i < 5; i++) {
    const r = await c.post('/api/v1/auth/login', { username: 'sampler04', password: `guess-${i}x` });
    assert.equal(r.status, 401);
  }
  const locked = await c.post('/api/v1/auth/login', { username: 'sampler04', password: 'Shian@2026' });
  assert.equal(locked.status, 403);
  assert.equal(locked.data.error.field, 'username');
  assert.match(locked.data.error.message, /锁定/);
  assert.equal((await c.post('/api/v1/auth/login', { username: 'sampler03', password: 'Shian@2026' })).status, 200);
});

test('missing fields and malformed JSON are 400 with the field', async () => {
  const c = new Client(srv.base);
  let r = await c.post('/api/v1/auth/login', { password: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'username');
  r = await c.req('POST', '/api/v1/auth/login', { raw: '{"username": "a",', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.data.error.field, 'body');
  assert.match(r.data.error.message, /JSON/);
});

test('login sets an HttpOnly session cookie; /me tells role and jurisdiction; logout ends it', async () => {
  const c = new Client(srv.base);
  const r = await c.post('/api/v1/auth/login', { username: 't01', password: 'Shian@2026' });
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /shian_session=[0-9a-f]{64}/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  c.cookie = cookie.split(';')[0];
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.data.user.role, 'township');
  assert.equal(me.data.user.division_code.length, 12);
  assert.ok(me.data.user.jurisdiction_name.length > 0);
  assert.equal((await c.post('/api/v1/auth/logout', {})).status, 204);
  assert.equal((await c.get('/api/v1/me')).status, 401);
});

test('no session: every API answer is 401; a forged cookie too', async () => {
  const c = new Client(srv.base);
  for (const url of ['/api/v1/entities', '/api/v1/entities/1', '/api/v1/stats/overview', '/api/v1/divisions', '/api/v1/grids',
    '/api/v1/entities/1/history', '/api/v1/entities/export', '/api/v1/stats/completeness']) {
    const r = await c.get(url);
    assert.equal(r.status, 401, url);
    assert.equal(r.data.error.code, 'unauthenticated');
  }
  c.cookie = 'shian_session=' + 'a'.repeat(64);
  assert.equal((await c.get('/api/v1/entities')).status, 401);
});

test('writes from a browser session need the X-Requested-With header', async () => {
  const c = await as(srv.base, 'county');
  const r = await c.req('POST', '/api/v1/entities', { body: { kind: 'caterer' }, csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.data.error.field, 'X-Requested-With');
});

test('a device API token authenticates by bearer and acts as its owner', async () => {
  const c = await as(srv.base, 't01');
  const bad = await c.post('/api/v1/tokens', { name: '' });
  assert.equal(bad.status, 400);
  assert.equal(bad.data.error.field, 'name');
  const r = await c.post('/api/v1/tokens', { name: '梅林镇AI盒子' });
  assert.equal(r.status, 201);
  assert.match(r.data.token, /^[0-9a-f]{64}$/);
  const dev = new Client(srv.base);
  dev.token = r.data.token;
  const me = await dev.get('/api/v1/me');
  assert.equal(me.data.user.username, 't01');
  const list = await dev.get('/api/v1/entities?limit=5');
  assert.equal(list.status, 200);
  for (const e of list.data.items) assert.equal(e.township_code, c.user.division_code);
});

test('unknown endpoints and methods', async () => {
  const c = await as(srv.base, 'county');
  assert.equal((await c.get('/api/v1/nothing')).status, 404);
  assert.equal((await c.req('DELETE', '/api/v1/entities')).status, 400);
  assert.equal((await c.get('/api/v1/entities/abc')).status, 404);
});

// A sign-in from a chosen local address (libmicrohttpd sees 127.0.0.x as the peer).
function loginFrom(localAddress, username, password) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ username, password });
    const r = http.request(`${srv.base}/api/v1/auth/login`, { method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'x-requested-with': 'shian', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, data: JSON.parse(text) }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

test('issue 10: guesses from one address do not lock out the owner signing in from another', async () => {
  for (let i = 0; i < 6; i++) await loginFrom('127.0.0.2', 'inspector02', `guess-${i}y`);
  const attacker = await loginFrom('127.0.0.2', 'inspector02', 'Shian@2026');
  assert.equal(attacker.status, 403, 'the guessing address is slowed');
  const owner = await loginFrom('127.0.0.3', 'inspector02', 'Shian@2026');
  assert.equal(owner.status, 200, JSON.stringify(owner.data));
});

test('issue 10: an unknown user is answered exactly as a real one, locked included', async () => {
  const real = [], ghost = [];
  for (let i = 0; i < 6; i++) {
    real.push(await loginFrom('127.0.0.4', 'sampler02', `guess-${i}z`));
    ghost.push(await loginFrom('127.0.0.5', 'no-such-user', `guess-${i}z`));
  }
  assert.deepEqual(real.map((r) => [r.status, r.data]), ghost.map((r) => [r.status, r.data]));
  assert.equal(real[5].status, 403);
});
