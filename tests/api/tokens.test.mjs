// Device tokens (issue 10, "Access that holds"): listed without their secret, shown once (only a hash
// is stored), revocable, with an expiry, rotated without downtime (the old secret works until a grace
// end), and scoped: an official manages their own tokens, the county also its jurisdiction's.
// Later instants are reached with a second server on the same database whose clock is pinned later.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, Client, as, startServer } from './harness.mjs';

let srv, t01, t02, county;
before(async () => {
  srv = await startServer({ entities: 120, seed: 5 });
  [t01, t02, county] = await Promise.all(['t01', 't02', 'county'].map((u) => as(srv.base, u)));
});
after(async () => { await srv.stop(); });

const device = (token) => Object.assign(new Client(srv.base), { token });

function freePort() {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
}

// Another server on the test's database, its clock pinned at `ms`; run(fn) gets its base URL.
async function atInstant(ms, fn) {
  const port = await freePort();
  const proc = spawn(BIN, ['serve', `--db_path=${srv.db}`, `--port=${port}`, '--threads=1', '--log_level=warn',
    '--web_root=' + path.resolve('web'), `--files_dir=${path.join(srv.dir, 'files')}`],
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SHIAN_NOW: String(ms) } });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/api/v1/health`)).ok) break; } catch { /* not up yet */ }
    if (i > 200) throw new Error(`second server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  try { return await fn(base); } finally {
    proc.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    assert.doesNotMatch(stderr, /AddressSanitizer|runtime error:/);
  }
}
const meAt = async (base, token) => (await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;

test('a token is shown once, listed without its secret, and only its hash is stored', async () => {
  const r = await t01.post('/api/v1/tokens', { name: '梅林镇AI盒子-一', expires_in_days: 30 });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.match(r.data.token, /^[0-9a-f]{64}$/);
  assert.equal(r.data.api_token.status, 'active');
  assert.equal(r.data.api_token.expires_at, r.data.api_token.created_at + 30 * 86400e3);
  assert.equal((await device(r.data.token).get('/api/v1/me')).data.user.username, 't01');
  const list = await t01.get('/api/v1/tokens');
  assert.equal(list.status, 200);
  const row = list.data.items.find((t) => t.id === r.data.id);
  assert.ok(row, 'the new token is listed');
  assert.equal(row.name, '梅林镇AI盒子-一');
  assert.ok(!JSON.stringify(list.data).includes(r.data.token), 'the list never carries a secret');
  assert.equal(row.token, undefined);
  // the database holds the SHA-256 of the secret, never the secret: tests/unit/test_tokens.c
});

test('expiry: 1 to 3650 days, named field; an expired token is 401', async () => {
  for (const bad of [0, 3651, 'x']) {
    const r = await t01.post('/api/v1/tokens', { name: 'bad', expires_in_days: bad });
    assert.equal(r.status, 400);
    assert.equal(r.data.error.field, 'expires_in_days');
  }
  const r = await t01.post('/api/v1/tokens', { name: '一天', expires_in_days: 1 });
  assert.equal(r.status, 201);
  assert.equal(await meAt(srv.base, r.data.token), 200);
  await atInstant(srv.now() + 2 * 86400e3, async (later) => {
    assert.equal(await meAt(later, r.data.token), 401);
    const sess = await new Client(later).login('t01');
    const row = (await sess.get('/api/v1/tokens')).data.items.find((t) => t.id === r.data.id);
    assert.equal(row.status, 'expired');
  });
  // signing in at the later instant cleared the sessions that end before it: sign in again here
  [t01, t02, county] = await Promise.all(['t01', 't02', 'county'].map((u) => as(srv.base, u)));
});

test('revoked: 401 at once, listed as revoked; revoking again is a conflict', async () => {
  const r = await t01.post('/api/v1/tokens', { name: '吊销测试' });
  assert.equal(await meAt(srv.base, r.data.token), 200);
  const rv = await t01.post(`/api/v1/tokens/${r.data.id}/revoke`, {});
  assert.equal(rv.status, 200, JSON.stringify(rv.data));
  assert.equal(rv.data.api_token.status, 'revoked');
  assert.equal(await meAt(srv.base, r.data.token), 401);
  assert.equal((await t01.post(`/api/v1/tokens/${r.data.id}/revoke`, {})).status, 409);
  assert.equal((await t01.post(`/api/v1/tokens/${r.data.id}/rotate`, {})).status, 409);
});

test('rotation: old and new secrets both work until the grace end, then only the new one', async () => {
  const r = await t01.post('/api/v1/tokens', { name: '轮换测试' });
  const bad = await t01.post(`/api/v1/tokens/${r.data.id}/rotate`, { grace_hours: 10000 });
  assert.equal(bad.status, 400);
  assert.equal(bad.data.error.field, 'grace_hours');
  const rot = await t01.post(`/api/v1/tokens/${r.data.id}/rotate`, { grace_hours: 2 });
  assert.equal(rot.status, 200, JSON.stringify(rot.data));
  assert.match(rot.data.token, /^[0-9a-f]{64}$/);
  assert.notEqual(rot.data.token, r.data.token);
  assert.ok(rot.data.api_token.grace_until > srv.now());
  assert.equal(await meAt(srv.base, r.data.token), 200);
  assert.equal(await meAt(srv.base, rot.data.token), 200);
  await atInstant(srv.now() + 3 * 3600e3, async (later) => {
    assert.equal(await meAt(later, r.data.token), 401, 'the old secret ends at the grace end');
    assert.equal(await meAt(later, rot.data.token), 200, 'the new one goes on');
  });
  // revoking ends every secret of the token
  const again = await t01.post(`/api/v1/tokens/${r.data.id}/rotate`, { grace_hours: 1 });
  await t01.post(`/api/v1/tokens/${r.data.id}/revoke`, {});
  for (const s of [rot.data.token, again.data.token]) assert.equal(await meAt(srv.base, s), 401);
});

test('scope: own tokens; the county also its jurisdiction\'s; another township\'s is 404 like a missing one', async () => {
  const mine = await t02.post('/api/v1/tokens', { name: '青石镇盒子' });
  assert.ok(!(await t01.get('/api/v1/tokens')).data.items.some((t) => t.id === mine.data.id));
  assert.ok((await county.get('/api/v1/tokens')).data.items.some((t) => t.id === mine.data.id));
  for (const verb of ['revoke', 'rotate']) {
    const foreign = await t01.post(`/api/v1/tokens/${mine.data.id}/${verb}`, {});
    const none = await t01.post(`/api/v1/tokens/987654321/${verb}`, {});
    assert.equal(foreign.status, 404);
    assert.deepEqual(foreign.data, none.data);
  }
  assert.equal(await meAt(srv.base, mine.data.token), 200);
  const rv = await county.post(`/api/v1/tokens/${mine.data.id}/revoke`, {});
  assert.equal(rv.status, 200);
  assert.equal(await meAt(srv.base, mine.data.token), 401);
  const owner = (await t02.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const biz = await as(srv.base, `b${owner.id}`);
  assert.equal((await biz.post('/api/v1/tokens', { name: 'x' })).status, 403);
  assert.deepEqual((await biz.get('/api/v1/tokens')).data.items, []);
});

test('the command line: token create --days', () => {
  const out = spawnSync(BIN, ['token', 'create', 't01', '命令行盒子', '--days=7', `--db_path=${srv.db}`], { encoding: 'utf8', env: srv.env() });
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout.trim(), /^[0-9a-f]{64}$/);
  const bad = spawnSync(BIN, ['token', 'create', 't01', 'x', '--days=0', `--db_path=${srv.db}`], { encoding: 'utf8', env: srv.env() });
  assert.equal(bad.status, 2);
});
