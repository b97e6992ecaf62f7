// Small workshops (小作坊): the online application, the catalogue and negative list, the township's
// on-site review, the county's certificate (number by the province's pattern, PDF with a QR code that
// opens the public verification), the registry entity and products, change, renewal and cancellation.
// Dates are asked of the server (its clock and the calendar engine), so the file holds at any SHIAN_NOW.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, Client, PASSWORD, as, startServer } from './harness.mjs';
import { gatewayOutbox } from './gateway.mjs';
import { png } from './images.mjs';

let srv, county, t01, t02, seq = 0;
const online = () => new Client(srv.base, { address: `198.18.7.${++seq}` });
const form = (extra = {}) => ({ division_code: t02.user.division_code, name: '青石镇王记米粉坊', operator: '王建国', phone: '13907971234',
  address: '青石镇新街18号', products: [{ code: 'XZF-01', name: '手工米粉' }, { code: 'XZF-08', name: '米糕' }], ...extra });
const due = async (days) => (await county.get(`/api/v1/calendar/deadline?from=${srv.today()}&days=${days}`)).data.deadline;


before(async () => {
  srv = await startServer({ entities: 120, seed: 17 });
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
});
after(async () => { await srv.stop(); });

test('the catalogue and the negative list are public, each entry with its code and source', async () => {
  const r = await new Client(srv.base).get('/api/v1/public/workshop-catalogue');
  assert.equal(r.status, 200);
  assert.ok(r.data.catalogue.length >= 10 && r.data.negative.length >= 5);
  for (const e of [...r.data.catalogue, ...r.data.negative]) assert.ok(e.code && e.name && e.source, JSON.stringify(e));
});

test('refusals cite the entry: outside the catalogue, on the negative list by name or by code; bad fields are named', async () => {
  const cases = [
    [{ products: [{ code: 'XZF-99', name: '米粉' }] }, 'products[0].code', /不在本省小作坊生产加工食品品种目录内/],
    [{ products: [{ code: 'XZF-01', name: '米粉' }, { code: 'XZF-12', name: '婴儿米粉' }] }, 'products[1].name', /负面清单FM-01“婴幼儿配方食品及婴幼儿辅助食品”（含“婴儿”）.*食品安全法/],
    [{ products: [{ code: 'FM-04', name: '鲜奶' }] }, 'products[0].code', /负面清单FM-04“乳制品”/],
    [{ products: [{ code: 'XZF-05', name: '食用酒精勾兑白酒' }] }, 'products[0].name', /FM-07|FM-10/],
    [{ products: [] }, 'products', /至少/],
    [{ phone: '12345' }, 'phone', /./],
    [{ name: '' }, 'name', /请填写作坊名称/],
    [{ division_code: '360799' }, 'division_code', /乡镇/],
  ];
  const before = (await county.get('/api/v1/workshop-applications?limit=1')).data.total;
  for (const [extra, field, message] of cases) {
    const r = await online().post('/api/v1/public/workshop-applications', form(extra));
    assert.equal(r.status, 400, JSON.stringify(r.data));
    assert.equal(r.data.error.field, field, JSON.stringify(r.data));
    assert.match(r.data.error.message, message);
  }
  assert.equal((await county.get('/api/v1/workshop-applications?limit=1')).data.total, before, 'nothing filed');
});

async function registered(name, products) {
  const { application: app } = (await online().post('/api/v1/public/workshop-applications', form({ name, products }))).data;
  await t02.post(`/api/v1/workshop-applications/${app.id}/review`, { decision: 'accept' });
  return (await county.post(`/api/v1/workshop-applications/${app.id}/issue`, {})).data;
}

test('online application → township review → county certificate: the registry entity, products, PDF, public check', async () => {
  const applicant = online();
  const filed = await applicant.post('/api/v1/public/workshop-applications', form());
  assert.equal(filed.status, 201, JSON.stringify(filed.data));
  const { application: app, key } = filed.data;
  assert.equal(key.length, 16);
  assert.equal(app.status, 'submitted');
  const reviewDue = await due(10);
  assert.equal(app.review_due, reviewDue);
  assert.equal(app.due, reviewDue);
  // the applicant follows it with the key; without it the application is missing
  assert.equal((await applicant.get(`/api/v1/public/workshop-applications/${app.id}?key=${key}`)).data.id, app.id);
  assert.equal((await applicant.get(`/api/v1/public/workshop-applications/${app.id}?key=WRONGKEY12345678`)).status, 404);
  assert.equal((await applicant.get(`/api/v1/public/workshop-applications/${app.id}`)).status, 404);
  const doc = await applicant.req('POST', `/api/v1/public/workshop-applications/${app.id}/attachments?key=${key}`,
    { raw: png(40, 30), headers: { 'content-type': 'image/png' } });
  assert.equal(doc.status, 201, JSON.stringify(doc.data));
  // another township neither sees nor reviews it; 青石镇 does
  assert.equal((await t01.get(`/api/v1/workshop-applications/${app.id}`)).status, 404);
  assert.equal((await t01.post(`/api/v1/workshop-applications/${app.id}/review`, { decision: 'accept' })).status, 404);
  const queue = (await t02.get('/api/v1/workshop-applications?status=submitted')).data;
  assert.ok(queue.items.some((a) => a.id === app.id));
  assert.ok(!(await t01.get('/api/v1/workshop-applications?status=submitted')).data.items.some((a) => a.id === app.id));
  const seen = (await t02.get(`/api/v1/workshop-applications/${app.id}`)).data;
  assert.equal(seen.attachments.length, 1);
  assert.equal((await t02.get(`/api/v1/attachments/${seen.attachments[0].id}`)).status, 200);
  // returned for correction with reasons; the applicant corrects and files again
  const noReason = await t02.post(`/api/v1/workshop-applications/${app.id}/review`, { decision: 'return' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.data.error.field, 'note');
  const back = await t02.post(`/api/v1/workshop-applications/${app.id}/review`, { decision: 'return', note: '缺少从业人员健康证明' });
  assert.equal(back.status, 200, JSON.stringify(back.data));
  assert.equal(back.data.status, 'returned');
  const told = (await gatewayOutbox(srv))
    .find((i) => i.topic === 'workshop.reviewed' && i.payload.application_id === app.id);
  assert.deepEqual([told.payload.phone, told.payload.status, told.payload.note], ['13907971234', '退回补正', '缺少从业人员健康证明']);
  assert.equal((await county.post(`/api/v1/workshop-applications/${app.id}/issue`, {})).status, 409);
  const again = await applicant.req('PUT', `/api/v1/public/workshop-applications/${app.id}?key=${key}`,
    { body: form({ note: '已补充健康证明', products: [{ code: 'XZF-01', name: '手工米粉' }, { code: 'XZF-08', name: '米糕' }, { code: 'XZF-09', name: '豆腐' }] }) });
  assert.equal(again.status, 200, JSON.stringify(again.data));
  assert.equal(again.data.status, 'submitted');
  // accepted on site: the county has workshop_issue_days working days to issue
  const ok = await t02.post(`/api/v1/workshop-applications/${app.id}/review`, { decision: 'accept', note: '现场核查符合要求' });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal(ok.data.issue_due, await due(5));
  assert.equal((await t02.post(`/api/v1/workshop-applications/${app.id}/issue`, {})).status, 403, 'the county issues');
  const issued = await county.post(`/api/v1/workshop-applications/${app.id}/issue`, {});
  assert.equal(issued.status, 200, JSON.stringify(issued.data));
  assert.equal(issued.data.status, 'issued');
  const year = srv.today().slice(0, 4);
  assert.match(issued.data.cert.cert_no, new RegExp(`^赣食坊登字〔${year}〕第\\d{4}号$`));
  // the registry: kind workshop, licence workshop_reg, the certificate's number and validity
  const ent = (await county.get(`/api/v1/entities/${issued.data.entity_id}`)).data;
  const e = ent.entity ?? ent;
  assert.equal(e.kind, 'workshop');
  assert.equal(e.licence_kind, 'workshop_reg');
  assert.equal(e.licence_no, issued.data.cert.cert_no);
  assert.equal(e.licence_valid_until, issued.data.cert.valid_until);
  const products = (await t02.get(`/api/v1/entities/${issued.data.entity_id}/workshop-products`)).data;
  assert.deepEqual(products.items.map((p) => [p.catalogue_code, p.name]), [['XZF-01', '手工米粉'], ['XZF-08', '米糕'], ['XZF-09', '豆腐']]);
  assert.equal((await t01.get(`/api/v1/entities/${issued.data.entity_id}/workshop-products`)).status, 404);
  // the certificate: PDF with the number and a QR code that opens the public verification
  const cert = (await county.get(`/api/v1/workshop-certs/${issued.data.cert.id}`)).data;
  const pdf = await t02.get(`/api/v1/workshop-certs/${cert.id}/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-cert-'));
  writeFileSync(path.join(dir, 'c.pdf'), pdf.data);
  const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
  assert.match(text, /食品小作坊登记证/);
  assert.ok(text.includes(cert.cert_no.slice(0, 5)), text);
  assert.match(text, /手工米粉/);
  execFileSync('pdftoppm', ['-r', '150', '-png', path.join(dir, 'c.pdf'), path.join(dir, 'p')]);
  const pages = execFileSync('sh', ['-c', `ls ${dir}/p*.png`], { encoding: 'utf8' }).trim().split('\n');
  const qr = execFileSync('zbarimg', ['-q', '--raw', pages[pages.length - 1]], { encoding: 'utf8' }).trim();
  assert.ok(qr.endsWith(`#/workshop-cert/${cert.verify_code}`), qr);
  const pub = await new Client(srv.base).get(`/api/v1/public/workshop-certs/${cert.verify_code}`);
  assert.equal(pub.status, 200);
  assert.deepEqual([pub.data.cert_no, pub.data.valid, pub.data.products.length], [cert.cert_no, true, 3]);
  assert.equal(pub.data.phone, undefined);
});

test('the registered workshop\'s own account: renews for itself, sees its own only', async () => {
  const mine = await registered('青石镇孙记茶坊', [{ code: 'XZF-10', name: '绿茶' }]);
  const other = await registered('青石镇钱记炒货坊', [{ code: 'XZF-07', name: '炒花生' }]);
  const add = spawnSync(BIN, ['user', 'add', 'ws_owner', '--role', 'business', '--name', '孙记茶坊', `--entity=${mine.entity_id}`,
    `--password=${PASSWORD}`, `--db_path=${srv.db}`, '--log_level=warn'], { encoding: 'utf8', env: srv.env() });
  assert.equal(add.status, 0, add.stderr);
  const owner = await as(srv.base, 'ws_owner');
  assert.equal(owner.user.entity_kind, 'workshop', 'the console shows a workshop its 登记证 page');
  assert.equal((await owner.get(`/api/v1/workshop-certs/${mine.cert.id}`)).status, 200);
  assert.equal((await owner.get(`/api/v1/workshop-certs/${other.cert.id}`)).status, 404);
  assert.equal((await owner.get(`/api/v1/workshop-applications/${other.id}`)).status, 404);
  assert.equal((await owner.post('/api/v1/workshop-applications', { kind: 'renew', entity_id: other.entity_id })).data.error?.field, 'entity_id');
  assert.equal((await owner.post('/api/v1/workshop-applications', form({ name: '新开一家' }))).status, 400, 'a new registration is the public form\'s');
  const renew = await owner.post('/api/v1/workshop-applications', { kind: 'renew', entity_id: mine.entity_id });
  assert.equal(renew.status, 201, JSON.stringify(renew.data));
  const list = (await owner.get('/api/v1/workshop-applications')).data;
  assert.ok(list.items.length >= 2 && list.items.every((a) => a.entity_id === mine.entity_id), JSON.stringify(list.items.map((a) => a.entity_id)));
  assert.equal((await owner.post(`/api/v1/workshop-applications/${renew.data.id}/review`, { decision: 'accept' })).status, 403);
});

test('refused with reasons; a second step on the same application is refused and changes nothing', async () => {
  const { application: app } = (await online().post('/api/v1/public/workshop-applications', form({ name: '青石镇李记腊肉坊',
    products: [{ code: 'XZF-04', name: '腊肉' }] }))).data;
  const r = await t02.post(`/api/v1/workshop-applications/${app.id}/review`, { decision: 'refuse', note: '生产场所位于居民楼内，不符合选址要求' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.status, 'refused');
  assert.equal(r.data.due, null);
  const again = await t02.post(`/api/v1/workshop-applications/${app.id}/review`, { decision: 'accept' });
  assert.equal(again.status, 409);
  assert.equal((await t02.get(`/api/v1/workshop-applications/${app.id}`)).data.status, 'refused');
  const bad = await t02.post(`/api/v1/workshop-applications/${app.id}/review`, { decision: 'maybe' });
  assert.equal(bad.data.error.field, 'decision');
});


test('change, renewal and cancellation follow the same review; the certificate and the registry follow', async () => {
  const first = await registered('青石镇赵记豆腐坊', [{ code: 'XZF-09', name: '豆腐' }]);
  const entityId = first.entity_id, certNo = first.cert.cert_no;
  // change: a product added; one on the negative list is refused with its entry
  const neg = await t02.post('/api/v1/workshop-applications', { kind: 'change', entity_id: entityId, products: [{ code: 'XZF-09', name: '豆腐' }, { code: 'XZF-06', name: '罐头腌菜' }] });
  assert.equal(neg.status, 400);
  assert.match(neg.data.error.message, /FM-05“罐头食品”/);
  const change = await t02.post('/api/v1/workshop-applications', { kind: 'change', entity_id: entityId, address: '青石镇新街20号',
    products: [{ code: 'XZF-09', name: '豆腐' }, { code: 'XZF-09', name: '豆腐干' }] });
  assert.equal(change.status, 201, JSON.stringify(change.data));
  const twice = await t02.post('/api/v1/workshop-applications', { kind: 'renew', entity_id: entityId });
  assert.equal(twice.status, 409, 'one application at a time');
  await t02.post(`/api/v1/workshop-applications/${change.data.id}/review`, { decision: 'accept' });
  const changed = await county.post(`/api/v1/workshop-applications/${change.data.id}/issue`, {});
  assert.equal(changed.status, 200, JSON.stringify(changed.data));
  assert.equal(changed.data.cert.cert_no, certNo, 'a change keeps the number');
  const ent = (await county.get(`/api/v1/entities/${entityId}`)).data;
  assert.equal((ent.entity ?? ent).address, '青石镇新街20号');
  assert.deepEqual((await county.get(`/api/v1/entities/${entityId}/workshop-products`)).data.items.map((p) => p.name), ['豆腐', '豆腐干']);
  // renewal: the next period follows the current one
  const renew = await t02.post('/api/v1/workshop-applications', { kind: 'renew', entity_id: entityId, note: '到期延续' });
  assert.equal(renew.status, 201, JSON.stringify(renew.data));
  assert.deepEqual(renew.data.products.map((p) => p.name), ['豆腐', '豆腐干']);
  await t02.post(`/api/v1/workshop-applications/${renew.data.id}/review`, { decision: 'accept' });
  const renewed = (await county.post(`/api/v1/workshop-applications/${renew.data.id}/issue`, {})).data;
  const y = Number(first.cert.valid_until.slice(0, 4));
  assert.equal(renewed.cert.valid_until, `${y + 3}${first.cert.valid_until.slice(4)}`);
  // cancellation closes the certificate and the registry entity
  const cancel = await t02.post('/api/v1/workshop-applications', { kind: 'cancel', entity_id: entityId, note: '经营者申请注销' });
  assert.equal(cancel.status, 201, JSON.stringify(cancel.data));
  await t02.post(`/api/v1/workshop-applications/${cancel.data.id}/review`, { decision: 'accept' });
  const closed = (await county.post(`/api/v1/workshop-applications/${cancel.data.id}/issue`, {})).data;
  assert.equal(closed.cert.status, 'cancelled');
  const after = (await county.get(`/api/v1/entities/${entityId}`)).data;
  assert.equal((after.entity ?? after).status, 'closed');
  const cert = (await county.get(`/api/v1/workshop-certs/${closed.cert.id}`)).data;
  assert.equal((await new Client(srv.base).get(`/api/v1/public/workshop-certs/${cert.verify_code}`)).data.valid, false);
  // the public files new registrations only; another township's official cannot file for 青石镇
  assert.equal((await online().post('/api/v1/public/workshop-applications', { ...form(), kind: 'renew', entity_id: entityId })).status, 400);
  const foreign = await t01.post('/api/v1/workshop-applications', form({ name: '越界代办作坊' }));
  assert.equal(foreign.status, 400);
  assert.equal(foreign.data.error.field, 'division_code');
});

test('lists page with {items, total}; filters are checked', async () => {
  const page = (await county.get('/api/v1/workshop-applications?limit=2&offset=0')).data;
  assert.equal(page.items.length, 2);
  assert.ok(page.total >= 5);
  assert.equal((await county.get('/api/v1/workshop-applications?status=nope')).data.error.field, 'status');
  const vg = await as(srv.base, 'g0001');
  assert.equal((await vg.get('/api/v1/workshop-applications')).status, 200);
});

test('a workshop registered before the platform renews: its number is kept, its certificate comes on file', async () => {
  let old = null;
  for (const e of (await county.get('/api/v1/entities?kind=workshop&status=active&limit=100')).data.items)
    if (!old && e.licence_no && (await county.get(`/api/v1/entities/${e.id}/workshop-products`)).data.total === 0) old = e;
  assert.ok(old, 'the demo county has a workshop registered before the platform');
  const noProducts = await county.post('/api/v1/workshop-applications', { kind: 'renew', entity_id: old.id });
  assert.equal(noProducts.status, 400);
  assert.equal(noProducts.data.error.field, 'products');
  const renew = await county.post('/api/v1/workshop-applications', { kind: 'renew', entity_id: old.id, products: [{ code: 'XZF-08', name: '桃酥' }] });
  assert.equal(renew.status, 201, JSON.stringify(renew.data));
  await county.post(`/api/v1/workshop-applications/${renew.data.id}/review`, { decision: 'accept' });
  const done = await county.post(`/api/v1/workshop-applications/${renew.data.id}/issue`, {});
  assert.equal(done.status, 200, JSON.stringify(done.data));
  assert.equal(done.data.cert.cert_no, old.licence_no);
  const from = old.licence_valid_until >= srv.today() ? old.licence_valid_until : srv.today();
  assert.equal(Number(done.data.cert.valid_until.slice(0, 4)), Number(from.slice(0, 4)) + 3);
  const after = (await county.get(`/api/v1/entities/${old.id}`)).data;
  assert.equal((after.entity ?? after).licence_valid_until, done.data.cert.valid_until);
  assert.deepEqual((await county.get(`/api/v1/entities/${old.id}/workshop-products`)).data.items.map((p) => p.name), ['桃酥']);
});
