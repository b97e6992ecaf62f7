// Accounts managed in the console (issue 15): the county makes an account in its county with a password
// its owner must replace at the first sign-in (until then the server answers nothing but that); bad
// input names its field and makes nothing; the county neither sees nor makes the administrator's
// accounts; a stopped account's sessions end; a password set again by the county is replaced again;
// no other role manages accounts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, PASSWORD, as, startServer } from './harness.mjs';

let srv, county, admin, t01;
before(async () => {
  srv = await startServer({ entities: 60, seed: 23 });
  [county, admin, t01] = await Promise.all(['county', 'admin', 't01'].map((u) => as(srv.base, u)));
});
after(async () => { await srv?.stop(); });

const signIn = async (username, password) => {
  const c = new Client(srv.base);
  const r = await c.post('/api/v1/auth/login', { username, password });
  if (r.status === 200) { c.cookie = r.headers.get('set-cookie').split(';')[0]; c.user = r.data.user; }
  return { c, r };
};

test('a new account replaces its password at the first sign-in, and can do nothing else before', async () => {
  const made = await county.post('/api/v1/users', { username: 'li.na', display_name: '李娜', role: 'township',
    division_code: t01.user.division_code, phone: '13800138000', password: 'Temp-2026a' });
  assert.equal(made.status, 201, JSON.stringify(made.data));
  assert.deepEqual([made.data.username, made.data.role, made.data.division_code, made.data.must_change_password, made.data.disabled],
    ['li.na', 'township', t01.user.division_code, true, false]);
  const { c, r } = await signIn('li.na', 'Temp-2026a');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.user.must_change_password, true);
  for (const url of ['/api/v1/entities', '/api/v1/me/todo', '/api/v1/inspections']) {
    const refused = await c.get(url);
    assert.deepEqual([refused.status, refused.data.error.field], [403, 'password'], url);
    assert.match(refused.data.error.message, /请先修改/);
  }
  assert.equal((await c.get('/api/v1/me')).status, 200);
  const tries = [
    [{ old_password: 'wrong-1234', new_password: 'Mine-2026b' }, 'old_password'],
    [{ old_password: 'Temp-2026a', new_password: 'Temp-2026a' }, 'new_password'],
    [{ old_password: 'Temp-2026a', new_password: 'short1' }, 'new_password'],
    [{ old_password: 'Temp-2026a' }, 'new_password'],
  ];
  for (const [body, field] of tries) {
    const bad = await c.post('/api/v1/me/password', body);
    assert.deepEqual([bad.status, bad.data.error.field], [400, field], JSON.stringify(body));
  }
  assert.equal((await c.post('/api/v1/me/password', { old_password: 'Temp-2026a', new_password: 'Mine-2026b' })).status, 204);
  // the session it changed with goes on, now with everything open
  assert.equal((await c.get('/api/v1/entities?limit=1')).status, 200);
  assert.equal((await c.get('/api/v1/me')).data.user.must_change_password, false);
  assert.equal((await signIn('li.na', 'Temp-2026a')).r.status, 401);
  assert.equal((await signIn('li.na', 'Mine-2026b')).r.status, 200);
  // the county reads it back, the change done
  const listed = (await county.get('/api/v1/users?q=li.na')).data;
  assert.deepEqual(listed.items.map((u) => [u.id, u.must_change_password]), [[made.data.id, false]]);
});

test('bad input names its field and makes nothing; the county makes no administrator and nothing outside its county', async () => {
  const before = (await county.get('/api/v1/users?limit=1')).data.total;
  const base = { username: 'zhao.lei', display_name: '赵磊', role: 'inspector', division_code: t01.user.division_code, password: 'Temp-2026a' };
  const cases = [
    [{ ...base, role: undefined }, 400, 'role'],
    [{ ...base, role: 'boss' }, 400, 'role'],
    [{ ...base, username: '赵' }, 400, 'username'],
    [{ ...base, username: 'a b' }, 400, 'username'],
    [{ ...base, display_name: '' }, 400, 'display_name'],
    [{ ...base, division_code: undefined }, 400, 'division_code'],
    [{ ...base, division_code: '110101000000' }, 400, 'division_code'],
    [{ ...base, password: 'password' }, 400, 'password'],
    [{ ...base, phone: '12345' }, 400, 'phone'],
    [{ ...base, role: 'business' }, 400, 'entity_id'],
    [{ ...base, role: 'village', grid_id: 999999 }, 400, 'grid_id'],
    [{ ...base, username: 'county' }, 409, 'username'],
    [{ ...base, role: 'admin' }, 403, 'role'],
  ];
  for (const [body, status, field] of cases) {
    const r = await county.post('/api/v1/users', body);
    assert.deepEqual([r.status, r.data.error?.field], [status, field], JSON.stringify(body));
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/);
    assert.doesNotMatch(r.data.error.message, /\(/, 'the English gloss is apart');
  }
  assert.equal((await county.get('/api/v1/users?limit=1')).data.total, before);
  // the administrator's accounts are not the county's to see
  const admins = (await admin.get('/api/v1/users?role=admin')).data;
  assert.ok(admins.total >= 1);
  assert.equal((await county.get('/api/v1/users?role=admin')).data.total, 0);
  const adminId = admins.items[0].id;
  assert.equal((await county.get(`/api/v1/users/${adminId}`)).status, 404);
  assert.equal((await county.patch(`/api/v1/users/${adminId}`, { disabled: true })).status, 404);
  assert.equal((await county.post(`/api/v1/users/${adminId}/password`, { password: 'Temp-2026z' })).status, 404);
  assert.equal((await signIn('admin', PASSWORD)).r.status, 200, 'the administrator is untouched');
});

test('a stopped account\'s sessions end and it cannot sign in; a password set again is replaced again; nobody stops themself', async () => {
  const made = (await county.post('/api/v1/users', { username: 'wu.fang', display_name: '吴芳', role: 'sampler',
    division_code: county.user.division_code, password: 'Temp-2026a' })).data;
  const { c } = await signIn('wu.fang', 'Temp-2026a');
  assert.equal((await c.post('/api/v1/me/password', { old_password: 'Temp-2026a', new_password: 'Mine-2026b' })).status, 204);
  const stopped = await county.patch(`/api/v1/users/${made.id}`, { disabled: true });
  assert.deepEqual([stopped.status, stopped.data.disabled], [200, true]);
  assert.equal((await c.get('/api/v1/me')).status, 401);
  assert.equal((await signIn('wu.fang', 'Mine-2026b')).r.status, 401);
  assert.equal((await county.patch(`/api/v1/users/${made.id}`, { disabled: 'yes' })).data.error.field, 'disabled');
  assert.equal((await county.patch(`/api/v1/users/${made.id}`, { disabled: false, display_name: '吴芳芳' })).data.display_name, '吴芳芳');
  const again = await signIn('wu.fang', 'Mine-2026b');
  assert.equal(again.r.status, 200);
  // the county sets a password: the open session ends, the new one is to be replaced
  const reset = await county.post(`/api/v1/users/${made.id}/password`, { password: 'Temp-2026c' });
  assert.deepEqual([reset.status, reset.data.must_change_password], [200, true]);
  assert.equal((await again.c.get('/api/v1/me')).status, 401);
  const fresh = await signIn('wu.fang', 'Temp-2026c');
  assert.equal(fresh.r.data.user.must_change_password, true);
  assert.equal((await fresh.c.get('/api/v1/samples')).status, 403);
  assert.equal((await county.post(`/api/v1/users/${made.id}/password`, { password: 'weak' })).data.error.field, 'password');
  // nobody stops their own account
  const self = await county.patch(`/api/v1/users/${county.user.id}`, { disabled: true });
  assert.deepEqual([self.status, self.data.error.field], [400, 'disabled']);
  // the audit has the county's steps
  const trail = (await admin.get(`/api/v1/audit?object_type=user&object_id=${made.id}`)).data;
  const actions = (trail.items || trail.entries || []).map((e) => e.action);
  for (const a of ['create', 'update', 'reset_password']) assert.ok(actions.includes(a), `${a} in ${actions}`);
});

test('the list pages and filters; only the administrator and county officials manage accounts', async () => {
  const all = (await county.get('/api/v1/users?limit=200')).data;
  const page = (await county.get('/api/v1/users?limit=3&offset=2')).data;
  assert.equal(page.total, all.total);
  assert.deepEqual(page.items.map((u) => u.id), all.items.slice(2, 5).map((u) => u.id));
  const inspectors = (await county.get('/api/v1/users?role=inspector&limit=200')).data;
  assert.ok(inspectors.total >= 1 && inspectors.items.every((u) => u.role === 'inspector'));
  assert.equal((await county.get('/api/v1/users?role=boss')).data.error.field, 'role');
  assert.equal((await county.get('/api/v1/users?limit=0')).data.error.field, 'limit');
  for (const name of ['t01', 'g0001', 'inspector01', 'sampler01']) {
    const c = await as(srv.base, name);
    assert.equal((await c.get('/api/v1/users')).status, 403, name);
    assert.equal((await c.post('/api/v1/users', { username: 'x.y', display_name: '某', role: 'sampler', password: 'Temp-2026a' })).status, 403, name);
    assert.equal((await c.get(`/api/v1/users/${all.items[0].id}`)).status, 403, name);
  }
  assert.equal((await new Client(srv.base).get('/api/v1/users')).status, 401);
});
