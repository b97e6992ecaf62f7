// Complaints, reports and 舆情 (issue 14; 市场监督管理投诉举报处理暂行办法): a resident files a complaint
// with a photo on the portal, officials dispatch, accept, mediate and close it, the resident follows
// it with the tracking code and a code sent to the phone, and rates it; a report's identity reaches
// only its handler; bad input changes nothing; the figures add up; the sweep reminds and escalates.
// The deadlines across holidays are tests/api/complaint_deadlines.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';
import { png } from './images.mjs';

let srv, admin, gateway, county, t01, t02, inspector, biz, e1, year;
let seq = 0;
const resident = () => new Client(srv.base, { address: `198.18.0.${++seq}` });

function form(complaint, photos = []) {
  const f = new FormData();
  f.append('complaint', JSON.stringify(complaint));
  for (const p of photos) f.append('photo', new Blob([p], { type: 'image/png' }), 'photo.png');
  return f;
}
const fileOnPortal = (client, complaint, photos) => client.req('POST', '/api/v1/public/complaints', { raw: form(complaint, photos) });
const step = (client, id, body) => client.post(`/api/v1/complaints/${id}/steps`, body);

const PHONE = '13812345678';
const complaintOf = (entity, extra = {}) => ({ kind: 'complaint', entity_id: entity.id, category: 'foreign_matter',
  facts: '在该店购买的凉皮里吃出一根头发，店家拒绝退款。', request: '退款并赔礼道歉', person_name: '陈先生', person_phone: PHONE,
  person_address: '城关街道建设路8号', occurred_on: srv.today(), ...extra });

// The verification code the gateway would text: the newest code pushed for that complaint.
async function codeFor(id) {
  const items = (await gateway.get('/api/v1/outbox?limit=500')).data.items.filter((i) => i.topic === 'complaint.verify_code' && i.payload.complaint_id === id);
  assert.ok(items.length, 'a code was pushed');
  return items.at(-1).payload.code;
}

before(async () => {
  srv = await startServer({ entities: 300, seed: 41 });
  admin = await as(srv.base, 'admin');
  county = await as(srv.base, 'county');
  t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  inspector = await as(srv.base, 'inspector01');
  e1 = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  biz = await as(srv.base, `b${e1.id}`);
  year = Number(srv.today().slice(0, 4));
  gateway = await smsGateway();
});

// The SMS gateway: a device token of the admin, the only reader of messages to a person.
async function smsGateway() {
  const t = await admin.post('/api/v1/tokens', { name: '短信网关' });
  assert.equal(t.status, 201, JSON.stringify(t.data));
  return Object.assign(new Client(srv.base), { token: t.data.token });
}
after(async () => { await srv.stop(); });

test('a resident files a complaint with a photo; the township of the business and the county see it, nobody else', async () => {
  const r = await fileOnPortal(resident(), complaintOf(e1), [png(40, 30)]);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const [item] = r.data.items;
  assert.match(item.tracking_code, /^TS[2-9A-HJ-NP-Z]{8}$/);
  assert.ok(item.due_on > srv.today(), 'the acceptance deadline lies ahead');

  const seen = (await county.get(`/api/v1/complaints/${item.id}`)).data.complaint;
  assert.deepEqual([seen.kind, seen.channel, seen.status, seen.entity_id, seen.respondent_name], ['complaint', 'portal', 'registered', e1.id, e1.name]);
  assert.equal(seen.division_code.slice(0, 9), e1.division_code.slice(0, 9), 'handled by the business\'s township');
  assert.deepEqual(seen.person, { name: '陈先生', phone: PHONE, address: '城关街道建设路8号' });
  assert.deepEqual([seen.deadline.step, seen.deadline.due_on, seen.deadline.overdue], ['accept', item.due_on, false]);
  assert.ok(seen.deadline.workdays_left > 0 && seen.deadline.workdays_left <= 7);
  assert.match(seen.deadline.basis, /投诉举报处理暂行办法/);
  assert.equal(seen.photos.length, 1);
  const photo = seen.photos[0].id;
  assert.equal((await county.get(`/api/v1/attachments/${photo}`)).status, 200);
  assert.equal((await t01.get(`/api/v1/attachments/${photo}`)).status, 200);
  assert.ok((await t01.get('/api/v1/complaints?open=1&limit=100')).data.items.some((c) => c.id === item.id));
  // search: by tracking code, by words of the facts; % and _ are plain characters
  assert.deepEqual((await county.get(`/api/v1/complaints?q=${item.tracking_code}`)).data.items.map((c) => c.id), [item.id]);
  assert.ok((await county.get(`/api/v1/complaints?q=${encodeURIComponent('凉皮里吃出')}&limit=100`)).data.items.some((c) => c.id === item.id));
  assert.equal((await county.get('/api/v1/complaints?q=%25')).data.total, 0);
  assert.equal((await county.get('/api/v1/complaints?q=_')).data.total, 0);

  // another township, an inspector, the business itself: nothing, and a refusal reads like a missing id
  assert.equal((await t02.get(`/api/v1/complaints/${item.id}`)).status, 404);
  assert.equal((await t02.get(`/api/v1/attachments/${photo}`)).status, 404);
  assert.ok(!(await t02.get('/api/v1/complaints?limit=100')).data.items.some((c) => c.id === item.id));
  for (const c of [inspector, biz]) {
    assert.equal((await c.get('/api/v1/complaints')).status, 403);
    assert.equal((await c.get(`/api/v1/complaints/${item.id}`)).status, 404);
    assert.equal((await c.get(`/api/v1/attachments/${photo}`)).status, 404);
  }
  // the resident is told the code through the outbox, which only the gateway (admin) reads
  const told = (await gateway.get('/api/v1/outbox?limit=500')).data.items.find((i) => i.topic === 'complaint.notify' && i.payload.complaint_id === item.id);
  assert.deepEqual([told.payload.phone, told.payload.tracking_code, told.entity_id], [PHONE, item.tracking_code, null]);
  for (const person of [county, admin]) // a console session, even the admin's, reads no message to a person
    assert.ok(!(await person.get('/api/v1/outbox?limit=500')).data.items.some((i) => ['complaint.notify', 'complaint.verify_code'].includes(i.topic)));
});

test('bad input gets a clear error naming the field and stores nothing', async () => {
  const before = (await county.get('/api/v1/complaints?limit=1')).data.total;
  const cases = [
    [{ kind: 'opinion' }, 'kind'],
    [{ kind: 'praise' }, 'kind'],
    [{ person_phone: '' }, 'person_phone'],
    [{ person_phone: '1234567' }, 'person_phone'],
    [{ person_name: '' }, 'person_name'],
    [{ person_address: '' }, 'person_address'],
    [{ anonymous: true }, 'anonymous'],
    [{ facts: '太脏了' }, 'facts'],
    [{ request: '' }, 'request'],
    [{ category: 'noise' }, 'category'],
    [{ entity_id: 987654321 }, 'entity_id'],
    [{ entity_id: null, respondent_name: '路边摊' }, 'division_code'],
    [{ entity_id: null, respondent_name: '路边摊', division_code: '999999000000' }, 'division_code'],
    [{ occurred_on: '2099-01-01' }, 'occurred_on'],
    [{ notify_by: 'pigeon' }, 'notify_by'],
  ];
  for (const [change, field] of cases) {
    const r = await fileOnPortal(resident(), complaintOf(e1, change));
    assert.deepEqual([r.status, r.data.error?.field], [400, field], JSON.stringify(change));
    assert.match(r.data.error.message, /[\u4e00-\u9fff]/, 'a message in Chinese');
  }
  const notImage = await fileOnPortal(resident(), complaintOf(e1), [Buffer.from('这不是照片'.repeat(20))]);
  assert.deepEqual([notImage.status, notImage.data.error.field], [400, 'photo']);
  const four = await fileOnPortal(resident(), complaintOf(e1), [png(8, 8), png(9, 9), png(10, 10), png(11, 11)]);
  assert.deepEqual([four.status, four.data.error.field], [400, 'photo']);
  const huge = await fileOnPortal(resident(), complaintOf(e1), [Buffer.alloc(5 * 1024 * 1024 + 1, 7)]);
  assert.equal(huge.status, 413);
  assert.equal((await county.get('/api/v1/complaints?limit=1')).data.total, before, 'nothing was stored');
  // staff steps: an unknown action, a step the status does not allow
  const id = (await fileOnPortal(resident(), complaintOf(e1))).data.items[0].id;
  assert.deepEqual([(await step(county, id, { action: 'forgive' })).data.error.field], ['action']);
  const early = await step(county, id, { action: 'agree', note: '协议' });
  assert.deepEqual([early.status, early.data.error.field], [400, 'action']);
  assert.match(early.data.error.message, /已登记/);
  assert.equal((await county.get(`/api/v1/complaints/${id}`)).data.complaint.status, 'registered');
});

test('a complaint from dispatch to agreement; the resident follows it by code and phone and rates it once', async () => {
  const me = resident();
  const filed = (await fileOnPortal(me, complaintOf(e1))).data.items[0];
  const township = e1.division_code.slice(0, 9) + '000';
  // a township does not dispatch; the county dispatches to the township with t01 handling it
  assert.equal((await step(t01, filed.id, { action: 'dispatch', division_code: township })).status, 403);
  const badHandler = await step(county, filed.id, { action: 'dispatch', division_code: township, handler_id: t02.user.id });
  assert.deepEqual([badHandler.status, badHandler.data.error.field], [400, 'handler_id']);
  let c = (await step(county, filed.id, { action: 'dispatch', division_code: township, handler_id: t01.user.id })).data.complaint;
  assert.deepEqual([c.status, c.handler_id, c.deadline.due_on], ['dispatched', t01.user.id, filed.due_on], 'dispatch keeps the 7-day clock');
  c = (await step(t01, filed.id, { action: 'accept' })).data.complaint;
  assert.deepEqual([c.status, c.accepted_on, c.deadline.step, c.deadline.due_on], ['accepted', srv.today(), 'mediate', c.mediation_due]);
  assert.ok(c.mediation_due > filed.due_on);
  const twice = await step(t01, filed.id, { action: 'accept' });
  assert.equal(twice.status, 400, 'accepted once');
  const noConsent = await step(t01, filed.id, { action: 'mediate' });
  assert.deepEqual([noConsent.status, noConsent.data.error.field], [400, 'consent']);
  assert.equal((await step(t01, filed.id, { action: 'mediate', consent: true })).data.complaint.status, 'mediating');
  assert.equal((await step(t01, filed.id, { action: 'session', note: '第一次调解：店家同意退款，双方对赔偿金额有分歧。' })).status, 200);
  c = (await step(t01, filed.id, { action: 'agree', note: '店家退款28元并赔偿100元' })).data.complaint;
  assert.deepEqual([c.status, c.outcome, c.closed_on, c.deadline], ['closed', 'agreed', srv.today(), null]);
  assert.deepEqual(c.steps.map((s) => s.step), ['registered', 'dispatched', 'accepted', 'mediating', 'session', 'agreed']);
  assert.ok(c.steps.every((s) => !s.late), 'every step on time');

  // tracking: a wrong code, a wrong phone, then the code from the outbox
  const ask = { tracking_code: filed.tracking_code, phone: PHONE };
  const sent = await me.post('/api/v1/public/complaints/code', ask);
  assert.equal(sent.status, 200);
  const strangerAsk = await me.post('/api/v1/public/complaints/code', { ...ask, phone: '13900000000' });
  assert.deepEqual(strangerAsk.data, sent.data, 'the same answer whether or not the phone matches');
  const code = await codeFor(filed.id);
  const wrong = await me.post('/api/v1/public/complaints/track', { ...ask, code: code === '000000' ? '000001' : '000000' });
  assert.deepEqual([wrong.status, wrong.data.error.field], [400, 'code']);
  const otherPhone = await me.post('/api/v1/public/complaints/track', { ...ask, phone: '13900000000', code });
  assert.deepEqual([otherPhone.status, otherPhone.data.error.field], [400, 'code']);
  const view = (await me.post('/api/v1/public/complaints/track', { ...ask, code })).data;
  assert.deepEqual([view.status, view.status_label, view.can_rate, view.rating], ['closed', '已办结', true, null]);
  assert.deepEqual(view.steps.map((s) => s.text.slice(0, 6)), ['已收到您的投', '您的投诉已受', '双方同意调解', '调解达成协议']);
  const text = JSON.stringify(view);
  assert.ok(!text.includes(t01.user.display_name) && !text.includes('第一次调解'), 'no official\'s name, no internal record');
  const bad = await me.post('/api/v1/public/complaints/rate', { ...ask, code, rating: 6 });
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'rating']);
  const rated = await me.post('/api/v1/public/complaints/rate', { ...ask, code, rating: 5, comment: '处理及时' });
  assert.deepEqual([rated.status, rated.data.rating, rated.data.can_rate], [200, 5, false]);
  assert.equal((await me.post('/api/v1/public/complaints/rate', { ...ask, code, rating: 1 })).status, 400, 'rated once');
  assert.equal((await county.get(`/api/v1/complaints/${filed.id}`)).data.complaint.rating, 5);
});

test('five wrong codes void the code', async () => {
  const me = resident();
  const filed = (await fileOnPortal(me, complaintOf(e1))).data.items[0];
  const ask = { tracking_code: filed.tracking_code, phone: PHONE };
  await me.post('/api/v1/public/complaints/code', ask);
  const code = await codeFor(filed.id);
  const wrongCode = code === '999999' ? '999998' : '999999';
  for (let i = 0; i < 5; i++) assert.equal((await me.post('/api/v1/public/complaints/track', { ...ask, code: wrongCode })).status, 400);
  assert.equal((await me.post('/api/v1/public/complaints/track', { ...ask, code })).status, 400, 'the right code no longer works');
  await me.post('/api/v1/public/complaints/code', ask);
  assert.equal((await me.post('/api/v1/public/complaints/track', { ...ask, code: await codeFor(filed.id) })).status, 200, 'a new code does');
});

test('complaint and report at once: two records; the reporter\'s identity reaches only the handler', async () => {
  const r = await fileOnPortal(resident(), complaintOf(e1, { kind: 'both', person_name: '举报人孙某', person_phone: '13712340000',
    person_address: '城关街道光明巷3号' }));
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const [complaint, report] = r.data.items;
  assert.deepEqual([complaint.kind, report.kind], ['complaint', 'report']);
  assert.notEqual(complaint.tracking_code, report.tracking_code);
  let rep = (await county.get(`/api/v1/complaints/${report.id}`)).data.complaint;
  assert.deepEqual([rep.twin_id, rep.person, rep.person_hidden, rep.real_name, rep.deadline.step], [complaint.id, undefined, true, true, 'verify']);
  assert.equal((await county.get(`/api/v1/complaints/${complaint.id}`)).data.complaint.person.name, '举报人孙某', 'the complaint is not secret');

  const township = e1.division_code.slice(0, 9) + '000';
  rep = (await step(county, report.id, { action: 'dispatch', division_code: township, handler_id: t01.user.id })).data.complaint;
  assert.equal(rep.person, undefined, 'the county dispatcher does not see the reporter');
  rep = (await t01.get(`/api/v1/complaints/${report.id}`)).data.complaint;
  assert.deepEqual(rep.person, { name: '举报人孙某', phone: '13712340000', address: '城关街道光明巷3号' });
  // nobody else: the county's list, record, figures and audit log, another official of the township
  const leaks = [];
  const look = async (who, url) => { const t = JSON.stringify((await who.get(url)).data); if (/13712340000|举报人孙某|光明巷/.test(t)) leaks.push(`${who.user.username} ${url}`); };
  await look(county, `/api/v1/complaints/${report.id}`);
  await look(county, '/api/v1/complaints?kind=report&limit=100');
  await look(county, `/api/v1/complaints/figures?year=${year}`);
  await look(county, '/api/v1/audit?limit=200');
  await look(admin, `/api/v1/complaints/${report.id}`);
  await look(t01, '/api/v1/complaints?kind=report&limit=100');
  assert.deepEqual(leaks, []);

  // verified, extended once with approval, decided: a case; the reporter told within 5 working days
  rep = (await step(t01, report.id, { action: 'verify' })).data.complaint;
  assert.equal(rep.status, 'verifying');
  const firstDue = rep.deadline.due_on;
  assert.equal((await step(t01, report.id, { action: 'extend' })).data.error.field, 'note');
  rep = (await step(t01, report.id, { action: 'extend', note: '经局长批准延长十五个工作日' })).data.complaint;
  assert.ok(rep.deadline.due_on > firstDue && rep.verify_extended);
  assert.equal((await step(t01, report.id, { action: 'extend', note: '再延长' })).status, 400, 'extended once only');
  assert.equal((await step(t01, report.id, { action: 'reward', yuan: 500 })).status, 400, 'no reward before a case');
  rep = (await step(t01, report.id, { action: 'decide', outcome: 'case', note: '涉嫌经营不符合食品安全标准的食品，已立案' })).data.complaint;
  assert.deepEqual([rep.status, rep.outcome, rep.deadline.step], ['decided', 'case', 'tell']);
  assert.ok(rep.deadline.workdays_left <= 5);
  rep = (await step(t01, report.id, { action: 'tell' })).data.complaint;
  assert.deepEqual([rep.status, rep.closed_on], ['closed', srv.today()]);
  const badReward = await step(t01, report.id, { action: 'reward', yuan: 0 });
  assert.deepEqual([badReward.status, badReward.data.error.field], [400, 'yuan']);
  rep = (await step(t01, report.id, { action: 'reward', yuan: 500, note: '举报属实，按规定奖励' })).data.complaint;
  assert.equal(rep.reward_yuan, 500);
  const told = (await gateway.get('/api/v1/outbox?limit=500')).data.items.filter((i) => i.topic === 'complaint.notify' && i.payload.complaint_id === report.id);
  assert.match(told.at(-1).payload.text, /已立案查处/);
  // a report that became a case weighs on the business's grade
  const risk = (await county.get(`/api/v1/entities/${e1.id}/risk`)).data;
  assert.ok(JSON.stringify(risk).includes('"complaint"'), JSON.stringify(risk).slice(0, 400));
});

test('an anonymous report is closed at the decision: nobody to tell', async () => {
  const r = await fileOnPortal(resident(), { kind: 'report', entity_id: e1.id, category: 'no_licence', facts: '后院有人无证加工卤菜对外批发。', anonymous: true });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const id = r.data.items[0].id;
  assert.equal((await step(county, id, { action: 'verify' })).data.complaint.status, 'verifying');
  const c = (await step(county, id, { action: 'decide', outcome: 'no_case', note: '现场核查未发现加工行为' })).data.complaint;
  assert.deepEqual([c.status, c.outcome, c.real_name, c.person], ['closed', 'no_case', false, null]);
});

test('rejected with the reason the measures give; a complaint out of mediation is told within 7 working days; a clue becomes a report', async () => {
  const me = resident();
  const a = (await fileOnPortal(me, complaintOf(e1))).data.items[0];
  const bad = await step(county, a.id, { action: 'reject', reason: 'bored' });
  assert.deepEqual([bad.status, bad.data.error.field], [400, 'reason']);
  assert.equal((await step(county, a.id, { action: 'reject', reason: 'other' })).data.error.field, 'note', 'other needs a word');
  const rej = (await step(county, a.id, { action: 'reject', reason: 'too_old' })).data.complaint;
  assert.deepEqual([rej.status, rej.outcome, rej.reject_reason], ['closed', 'rejected', 'too_old']);
  await me.post('/api/v1/public/complaints/code', { tracking_code: a.tracking_code, phone: PHONE });
  const view = (await me.post('/api/v1/public/complaints/track', { tracking_code: a.tracking_code, phone: PHONE, code: await codeFor(a.id) })).data;
  assert.match(view.steps.at(-1).text, /不予受理：自消费者权益争议发生之日起超过三年/);

  const b = (await fileOnPortal(me, complaintOf(e1))).data.items[0];
  await step(county, b.id, { action: 'accept' });
  const delegated = (await step(county, b.id, { action: 'mediate', consent: true, delegate: true })).data.complaint;
  assert.deepEqual([delegated.status, delegated.steps.at(-1).note], ['mediating', '委托消费者协会调解']);
  const clue = await step(county, b.id, { action: 'clue', facts: '调解中发现该店使用过期的食品原料。' });
  assert.equal(clue.status, 200, JSON.stringify(clue.data));
  const reportId = clue.data.complaint.twin_id;
  const rep = (await county.get(`/api/v1/complaints/${reportId}`)).data.complaint;
  assert.deepEqual([rep.kind, rep.status, rep.twin_id, rep.deadline.step, rep.entity_id], ['report', 'verifying', b.id, 'verify', e1.id]);
  assert.ok(rep.deadline.workdays_left <= 15 && rep.deadline.workdays_left >= 14);
  const term = (await step(county, b.id, { action: 'terminate', note: '被投诉人不同意调解' })).data.complaint;
  assert.deepEqual([term.status, term.outcome, term.deadline.step], ['terminated', 'terminated', 'tell']);
  assert.ok(term.deadline.workdays_left <= 7);
  assert.equal((await step(county, b.id, { action: 'clue', facts: '终止后不能再转线索的情况说明。' })).status, 400);
  assert.equal((await step(county, b.id, { action: 'tell', note: '已电话告知双方' })).data.complaint.status, 'closed');
});

test('a disputed jurisdiction: the township disputes, the county settles it, and the 7 days start again there', async () => {
  const a = (await fileOnPortal(resident(), complaintOf(e1))).data.items[0];
  const other = t02.user.division_code;
  assert.equal((await step(county, a.id, { action: 'dispatch', division_code: other })).status, 200);
  assert.equal((await t02.get(`/api/v1/complaints/${a.id}`)).status, 200, 'now 青石镇\'s');
  assert.equal((await step(t02, a.id, { action: 'dispute' })).data.error.field, 'note');
  let c = (await step(t02, a.id, { action: 'dispute', note: '该店位于城关街道，不属本镇管辖' })).data.complaint;
  assert.deepEqual([c.status, c.deadline.step], ['disputed', 'settle']);
  c = (await step(county, a.id, { action: 'dispatch', division_code: e1.division_code.slice(0, 9) + '000' })).data.complaint;
  assert.deepEqual([c.status, c.deadline.step], ['dispatched', 'accept']);
  assert.ok(c.deadline.workdays_left === 7, `7 working days from today: ${JSON.stringify(c.deadline)}`);
  assert.equal((await t02.get(`/api/v1/complaints/${a.id}`)).status, 404, '青石镇 no longer sees it');
});

test('舆情 recorded by staff with its source and link, verified and concluded; the public cannot file one', async () => {
  const body = { kind: 'opinion', entity_id: e1.id, category: 'hygiene', facts: '短视频平台流传该店后厨老鼠乱窜的视频，播放量过万。',
    source_name: '抖音', source_url: 'ftp://example.com/v/1' };
  assert.equal((await county.post('/api/v1/complaints', body)).data.error.field, 'source_url');
  assert.equal((await inspector.post('/api/v1/complaints', { ...body, source_url: 'https://example.com/v/1' })).status, 403);
  const r = await county.post('/api/v1/complaints', { ...body, source_url: 'https://example.com/v/1' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const id = r.data.items[0].id;
  let c = (await county.get(`/api/v1/complaints/${id}`)).data.complaint;
  assert.deepEqual([c.channel, c.source_name, c.person, c.deadline.step], ['media', '抖音', null, 'verify']);
  await step(county, id, { action: 'verify' });
  c = (await step(county, id, { action: 'conclude', note: '现场检查属实，已责令停业整改并回应网民' })).data.complaint;
  assert.deepEqual([c.status, c.outcome], ['closed', 'handled']);
  assert.equal((await fileOnPortal(resident(), { ...body, source_url: 'https://example.com/v/1' })).data.error.field, 'kind');
});

test('staff register a phone call; a complaint off the registry is handled where it happened', async () => {
  const r = await t01.post('/api/v1/complaints', { kind: 'complaint', channel: 'phone', respondent_name: '夜市烧烤摊', respondent_address: '建设路夜市',
    division_code: t01.user.division_code, category: 'illness', facts: '昨晚在夜市烧烤摊吃烤串后腹泻，摊主不认账。', request: '赔偿医药费',
    person_name: '刘女士', person_phone: '0797-8123456', person_address: '城关街道' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const c = (await t01.get(`/api/v1/complaints/${r.data.items[0].id}`)).data.complaint;
  assert.deepEqual([c.channel, c.entity_id, c.division_code], ['phone', null, t01.user.division_code]);
  const elsewhere = await t01.post('/api/v1/complaints', { kind: 'report', channel: 'phone', respondent_name: '某作坊', division_code: t02.user.division_code,
    category: 'no_licence', facts: '青石镇某作坊无证生产，环境脏乱。', anonymous: true });
  assert.deepEqual([elsewhere.status, elsewhere.data.error.field], [400, 'division_code']);
});

test('12315 exports: CSV with the platform\'s columns or JSON; good rows kept, bad ones reported by row, a number imported twice skipped', async () => {
  const township = (await new Client(srv.base).get('/api/v1/public/divisions')).data.items.find((d) => d.code === e1.division_code.slice(0, 9) + '000');
  const full = (await county.get(`/api/v1/entities/${e1.id}`)).data;
  const uscc = full.uscc ?? full.entity?.uscc;
  const csv = '\uFEFF登记编号,诉求类型,姓名,联系电话,联系地址,被投诉举报对象,统一社会信用代码,问题类别,诉求内容,投诉请求,是否匿名,承办单位\r\n'
    + `1231536079900001,投诉,吴先生,13511112222,城关街道,${e1.name},${uscc ?? ''},过期变质,在该店买的面包已过期两天。,退一赔十,否,\r\n`
    + `1231536079900002,举报,,,,夜市无名烧烤摊,,卫生环境,夜市烧烤摊使用来历不明的肉串。,,是,${township.name}\r\n`
    + `1231536079900003,投诉,郑女士,12345,城关街道,${e1.name},,异物,饭菜里有钢丝球碎屑。,赔偿,否,\r\n`
    + `1231536079900004,投诉举报,冯先生,13622223333,城西街道,${e1.name},,食用后身体不适,在该店用餐后全家腹泻，怀疑食材变质。,赔偿医药费,否,\r\n`;
  const post = (who, body) => who.req('POST', '/api/v1/complaints/import', { raw: body, headers: { 'content-type': 'text/csv' } });
  assert.equal((await post(inspector, csv)).status, 403);
  const r = (await post(county, csv)).data;
  assert.deepEqual([r.total, r.imported, r.skipped], [4, 3, 0], JSON.stringify(r));
  assert.deepEqual(r.rejected.map((x) => [x.row, x.field]), [[4, 'person_phone']]);
  assert.deepEqual(r.items.map((x) => [x.row, x.kind]), [[2, 'complaint'], [3, 'report'], [5, 'complaint'], [5, 'report']]);
  const first = (await county.get(`/api/v1/complaints/${r.items[0].id}`)).data.complaint;
  assert.deepEqual([first.channel, first.external_no, first.entity_id, first.category], ['12315', '1231536079900001', e1.id, 'expired']);
  const stall = (await county.get(`/api/v1/complaints/${r.items[1].id}`)).data.complaint;
  assert.deepEqual([stall.entity_id, stall.division_code, stall.real_name], [null, township.code, false]);
  const again = (await post(county, csv)).data;
  assert.deepEqual([again.imported, again.skipped, again.rejected.length], [0, 3, 1], 'nothing registered twice');
  const json = JSON.stringify([{ external_no: 'J-0001', kind: 'complaint', entity_id: e1.id, category: 'hygiene', facts: '店内餐具油腻，未见消毒设施。',
    request: '整改', person_name: '韩女士', person_phone: '13788889999', person_address: '城关街道' }]);
  const j = (await post(county, json)).data;
  assert.deepEqual([j.imported, j.rejected], [1, []]);
  const empty = await post(county, '登记编号,诉求类型\n');
  assert.deepEqual([empty.status, empty.data.error.field], [400, 'file'], 'a header and no rows');
  const broken = await post(county, '[{"kind": ');
  assert.deepEqual([broken.status, broken.data.error.field], [400, 'file']);
});

test('the figures add up: completion, mediation success, deadlines met and satisfaction, by township, category and month', async () => {
  const f = (await county.get(`/api/v1/complaints/figures?year=${year}`)).data;
  const t = f.total;
  // the same figures counted from the records themselves
  const rows = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await county.get(`/api/v1/complaints?limit=100&offset=${offset}`)).data;
    rows.push(...page.items);
    if (rows.length >= page.total) break;
  }
  const mine = rows.filter((r) => r.received_on.startsWith(String(year)));
  const count = (pred) => mine.filter(pred).length;
  const rated = mine.filter((r) => r.rating != null);
  assert.deepEqual([t.received, t.complaints, t.reports, t.opinions, t.closed, t.agreed, t.terminated, t.rated, t.satisfied],
    [mine.length, count((r) => r.kind === 'complaint'), count((r) => r.kind === 'report'), count((r) => r.kind === 'opinion'),
      count((r) => r.status === 'closed'), count((r) => r.outcome === 'agreed'), count((r) => r.outcome === 'terminated'),
      rated.length, count((r) => r.rating >= 4)]);
  assert.equal(t.completion_rate, t.closed / t.received);
  assert.equal(t.mediation_success, t.agreed / (t.agreed + t.terminated));
  assert.equal(t.average_rating, rated.reduce((s, r) => s + r.rating, 0) / rated.length);
  assert.ok(t.agreed >= 1 && t.terminated >= 1 && t.rated >= 1, 'this file agreed, terminated and rated some');
  for (const dim of ['by_township', 'by_category', 'by_month'])
    for (const field of ['received', 'closed', 'agreed', 'terminated', 'rated', 'satisfied', 'steps_due', 'steps_on_time'])
      assert.equal(f[dim].reduce((s, r) => s + r[field], 0), t[field], `${dim} ${field}`);
  assert.ok(t.steps_on_time <= t.steps_due && t.on_time_rate === t.steps_on_time / t.steps_due);
  const food = f.by_category.find((r) => r.key === 'foreign_matter');
  assert.deepEqual([food.label, food.received], ['异物', count((r) => r.category === 'foreign_matter')]);
  const own = (await t02.get(`/api/v1/complaints/figures?year=${year}`)).data.total;
  const t02rows = mine.filter((r) => r.division_code.slice(0, 9) === t02.user.division_code.slice(0, 9));
  assert.equal(own?.received ?? 0, t02rows.length, 'a township counts its own');
  assert.equal((await inspector.get(`/api/v1/complaints/figures?year=${year}`)).status, 403);
});

test('abuse limits: five complaints an hour from one address; a form sent back costs nothing', async () => {
  const me = resident();
  for (let i = 0; i < 3; i++) assert.equal((await fileOnPortal(me, complaintOf(e1, { facts: '短' }))).status, 400);
  for (let i = 0; i < 5; i++) assert.equal((await fileOnPortal(me, complaintOf(e1))).status, 201, `complaint ${i}`);
  const sixth = await fileOnPortal(me, complaintOf(e1));
  assert.equal(sixth.status, 429);
  assert.match(sixth.data.error.message, /过于频繁/);
  assert.equal((await fileOnPortal(resident(), complaintOf(e1))).status, 201, 'a neighbour still can');
});

test('the sweep reminds before a deadline and escalates after it, once each', async () => {
  const a = (await fileOnPortal(resident(), complaintOf(e1))).data.items[0];
  const due = (await county.get(`/api/v1/complaints/${a.id}`)).data.complaint.deadline.due_on;
  const days = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${srv.today()}T00:00:00Z`)) / 86400e3);
  await srv.travel((days + 1) * 86400e3); // the server restarts the day after the deadline; its sweep runs at start
  await new Promise((r) => setTimeout(r, 500));
  admin = await as(srv.base, 'admin');
  county = await as(srv.base, 'county');
  const pushes = (await gateway.get('/api/v1/outbox?limit=500')).data.items.filter((i) => i.payload.complaint_id === a.id);
  const topics = pushes.map((i) => i.topic);
  assert.ok(topics.includes('complaint.overdue'), topics.join());
  assert.ok(!JSON.stringify(pushes.filter((i) => i.topic === 'complaint.overdue')).includes(PHONE), 'no identity in an escalation');
  const c = (await county.get(`/api/v1/complaints/${a.id}`)).data.complaint;
  assert.equal(c.deadline.overdue, true);
  assert.equal(c.steps.filter((s) => s.step === 'escalated').length, 1);
  assert.ok((await county.get('/api/v1/complaints?overdue=1&limit=100')).data.items.some((x) => x.id === a.id));
  // accepted late: the step counts as late
  const accepted = (await step(county, a.id, { action: 'accept' })).data.complaint;
  assert.equal(accepted.steps.find((s) => s.step === 'accepted').late, true);
});
