// Food business licences under the commitment system (issue 17): after an inconsistent on-site
// verification the business itself reports the correction done, and the township confirms it or returns it
// to be corrected again; the wrong role is refused, another township does not find it, each step moves
// only from the state it expects; the business's to-do list carries the correction to report and links to
// its licence page. Dates come from the server, so the file holds at any SHIAN_NOW.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { as, businessesWithLogin, startServer } from './harness.mjs';
import { gatewayOutbox } from './gateway.mjs';

let srv, county, t01, t02, biz, licensed, app;
const ALL = ['LC-01', 'LC-02', 'LC-03', 'LC-04', 'LC-05', 'LC-06'];

before(async () => {
  srv = await startServer({ entities: 120, seed: 31 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  [[licensed, biz] = []] = await businessesWithLogin(t01, srv.base, 1,
    { keep: (e) => e.licence_kind === 'jy' && ['seller', 'caterer'].includes(e.kind), limit: 100 });
  assert.ok(licensed, 'a licensed seller or caterer with an account in t01');
  const filed = await biz.post('/api/v1/licence-applications', { kind: 'renew', commitments: ALL, signer: '店主' });
  assert.equal(filed.status, 201, JSON.stringify(filed.data));
  assert.equal((await county.post(`/api/v1/licence-applications/${filed.data.id}/decision`, { decision: 'issue' })).status, 200);
  app = filed.data.id;
});
after(async () => { await srv.stop(); });

const section = async () => (await biz.get('/api/v1/me/todo')).data.sections.find((s) => s.key === 'licence_correction');

test('no correction before an inconsistent verification', async () => {
  const r = await biz.post(`/api/v1/licence-applications/${app}/correction`, { note: '已整改' });
  assert.equal(r.status, 409, JSON.stringify(r.data));
  assert.equal((await biz.get(`/api/v1/licence-applications/${app}`)).data.correction, null);
  assert.equal(await section(), undefined);
});

test('inconsistent → the business reports → the township returns it → reports again → confirmed; wrong roles refused', async () => {
  const v = await t01.post(`/api/v1/licence-applications/${app}/verification`, { result: 'inconsistent', note: '未配备消毒设施' });
  assert.equal(v.status, 200, JSON.stringify(v.data));
  assert.equal(v.data.correction, 'ordered');
  const todo = await section();
  assert.equal(todo.route, '#/licence-apply');
  assert.deepEqual(todo.items.map((i) => [i.id, i.due, i.detail]), [[app, v.data.correct_due, '未配备消毒设施']]);

  const report = `/api/v1/licence-applications/${app}/correction`, review = `/api/v1/licence-applications/${app}/correction-review`;
  // the wrong role, the wrong township, nothing reported yet, bad input
  assert.equal((await t01.post(report, { note: '已整改' })).status, 403);
  assert.equal((await t02.post(report, { note: '已整改' })).status, 404);
  assert.equal((await biz.post(review, { accept: true })).status, 403);
  assert.equal((await t01.post(review, { accept: true })).status, 409, 'nothing reported yet');
  assert.equal((await biz.post(report, { note: '' })).data.error.field, 'note');
  assert.equal((await biz.get(`/api/v1/licence-applications/${app}`)).data.correction, 'ordered', 'refusals change nothing');

  const r = await biz.post(report, { note: '已购置并安装餐具消毒柜' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual([r.data.correction, r.data.corrected_on, r.data.correct_note], ['reported', srv.today(), '已购置并安装餐具消毒柜']);
  assert.equal((await biz.post(report, { note: '再次报告' })).status, 409);
  assert.equal(await section(), undefined, 'reported: off the to-do list');
  assert.ok((await t01.get('/api/v1/licence-applications?correction=reported')).data.items.some((x) => x.id === app));
  assert.ok(!(await t02.get('/api/v1/licence-applications?correction=reported')).data.items.some((x) => x.id === app));
  assert.equal((await t01.get('/api/v1/licence-applications?correction=maybe')).data.error.field, 'correction');

  // returned with a reason: on the list again, the reason shown
  assert.equal((await t01.post(review, { accept: 'yes' })).data.error.field, 'accept');
  assert.equal((await t01.post(review, { accept: false })).data.error.field, 'note');
  assert.equal((await t02.post(review, { accept: false, note: '外人退回' })).status, 404);
  const back = await t01.post(review, { accept: false, note: '消毒柜未通电使用' });
  assert.equal(back.status, 200, JSON.stringify(back.data));
  assert.deepEqual([back.data.correction, back.data.corrected_on, back.data.correct_review_note], ['ordered', null, '消毒柜未通电使用']);
  assert.deepEqual((await section()).items.map((i) => i.detail), ['消毒柜未通电使用']);

  assert.equal((await biz.post(report, { note: '消毒柜已通电并建立消毒记录' })).data.correction, 'reported');
  const ok = await t01.post(review, { accept: true });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.deepEqual([ok.data.correction, ok.data.correct_confirmed_on], ['confirmed', srv.today()]);
  assert.equal((await t01.post(review, { accept: true })).status, 409, 'confirmed once');
  assert.equal((await biz.post(report, { note: '又一次' })).status, 409);
  assert.equal(await section(), undefined);
  const told = (await gatewayOutbox(srv)).filter((x) => x.payload.application_id === app && x.topic.startsWith('licence.correct_'));
  assert.deepEqual(told.map((x) => [x.topic, x.entity_id]), [['licence.correct_returned', licensed.id], ['licence.correct_confirmed', licensed.id]]);
});
