// Staff health certificates (健康证明, 食品安全法 Art 45; issue 17): the business records its staff's
// certificates, one a year at most; those ending within 30 days are on its to-do list; the sweep tells
// the business once through the outbox, health_cert_remind_days ahead; a certificate is removed when the
// person leaves. Bad input changes nothing; others' certificates are not seen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, addDays, as, startServer } from './harness.mjs';

let srv, county, t01, t02, biz, other, entity, soon, later;

before(async () => {
  srv = await startServer({ entities: 120, seed: 13 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  const found = [];
  for (const e of (await t01.get('/api/v1/entities?status=active&limit=30')).data.items) {
    const r = await new Client(srv.base).post('/api/v1/auth/login', { username: `b${e.id}`, password: 'Shian@2026' });
    if (r.status === 200) found.push(e);
    if (found.length === 2) break;
  }
  entity = found[0];
  biz = await as(srv.base, `b${entity.id}`);
  other = await as(srv.base, `b${found[1].id}`);
});
after(async () => { await srv.stop(); });

test('a certificate: within a year of its examination, named fields refused in Chinese, nothing stored on a refusal', async () => {
  const today = srv.today();
  const base = { person_name: '陈厨师', cert_no: 'JK2026-0001', issuer: '青禾县疾病预防控制中心', issued_on: addDays(today, -340), valid_until: addDays(today, 20) };
  for (const [body, field] of [
    [{ person_name: '' }, 'person_name'],
    [{ cert_no: 'x' }, 'cert_no'],
    [{ issued_on: '2026-13-01' }, 'issued_on'],
    [{ issued_on: addDays(today, 1) }, 'issued_on'],
    [{ valid_until: addDays(today, 400) }, 'valid_until'],
    [{ valid_until: addDays(today, -341) }, 'valid_until'],
  ]) {
    const r = await biz.post('/api/v1/health-certs', { ...base, ...body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message, /[\u4e00-\u9fa5]/);
  }
  assert.equal((await biz.get('/api/v1/health-certs')).data.total, 0);
  const r = await biz.post('/api/v1/health-certs', base);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  soon = r.data;
  assert.deepEqual([soon.entity_id, soon.days_left, soon.expired], [entity.id, 20, false]);
  later = (await t01.post('/api/v1/health-certs', { ...base, entity_id: entity.id, person_name: '林帮厨', cert_no: 'JK2026-0002',
    issued_on: today, valid_until: addDays(today, 365) })).data;
  assert.ok(later.id);
  assert.equal((await t02.post('/api/v1/health-certs', { ...base, entity_id: entity.id })).data.error.field, 'entity_id');
  assert.equal((await (await as(srv.base, 'inspector01')).post('/api/v1/health-certs', { ...base, entity_id: entity.id })).status, 403);
  // seen by the business and its township, not by another
  assert.equal((await biz.get('/api/v1/health-certs')).data.total, 2);
  assert.deepEqual((await biz.get('/api/v1/health-certs?expiring=1')).data.items.map((c) => c.id), [soon.id]);
  assert.equal((await t01.get(`/api/v1/health-certs?entity_id=${entity.id}`)).data.total, 2);
  assert.equal((await t02.get(`/api/v1/health-certs?entity_id=${entity.id}`)).data.total, 0);
  assert.equal((await other.get('/api/v1/health-certs')).data.total, 0);
  assert.equal((await other.post(`/api/v1/health-certs/${soon.id}/remove`, {})).status, 404);
});

test('ending within 30 days: on the to-do list at once, and told once through the outbox by the sweep', async () => {
  const todo = (await biz.get('/api/v1/me/todo')).data.sections.find((s) => s.key === 'health_certs');
  assert.deepEqual(todo.items.map((i) => [i.id, i.due, i.days_left]), [[soon.id, soon.valid_until, 20]]);
  await srv.travel(86400e3);
  const admin = await as(srv.base, 'admin');
  let told = [];
  for (let i = 0; i < 50 && !told.length; i++) {
    told = (await admin.get('/api/v1/outbox?limit=500')).data.items.filter((x) => x.topic === 'health_cert.expiring' && x.payload.cert_id === soon.id);
    if (!told.length) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(told.length, 1);
  assert.equal(told[0].entity_id, entity.id);
  assert.match(told[0].payload.text, /陈厨师的健康证明将于.*到期/);
  await srv.travel(86400e3);
  const again = (await (await as(srv.base, 'admin')).get('/api/v1/outbox?limit=500')).data.items.filter((x) => x.topic === 'health_cert.expiring');
  assert.equal(again.filter((x) => x.payload.cert_id === soon.id).length, 1, 'once');
  // the person leaves: the certificate stops counting
  biz = await as(srv.base, `b${entity.id}`);
  const gone = await biz.post(`/api/v1/health-certs/${soon.id}/remove`, {});
  assert.equal(gone.data.removed_on, srv.today());
  assert.equal((await biz.post(`/api/v1/health-certs/${soon.id}/remove`, {})).data.error.field, 'removed_on');
  assert.ok(!(await biz.get('/api/v1/me/todo')).data.sections.some((s) => s.key === 'health_certs'));
});
