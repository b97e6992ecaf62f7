// Access across jurisdictions, route by route and role by role. Every id-bearing route of the server
// (read from the route tables of src/http, so a new route must be added here) is called by every role
// with an id that belongs to another township (青石镇's business, camera, alert, order, inspection, draw,
// patrol, campaign, photo and push), and with an id that exists nowhere:
// - a caller outside that township (its township official, a village grid member and a business of
//   another township) never gets a 2xx;
// - whenever the answer is not a 2xx, it is the very answer a non-existent id gets (status and error
//   code), so nobody learns that an id exists elsewhere (404, not 403 or 409);
// - writes refused change nothing (each object reads the same to the county before and after).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Client, as, startServer } from './harness.mjs';
import { png } from './images.mjs';

const NOWHERE = 987654321;
let srv, county, t02, ids = {}, roles = {}, outsiders = [];

// The route tables of the server: [method, pattern, file].
function serverRoutes() {
  const dir = path.resolve('src/http');
  const out = [];
  for (const f of readdirSync(dir).filter((n) => /^h_.*\.c$/.test(n)))
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/\{"(GET|POST|PATCH|PUT|DELETE)", "(\/(?:api\/v1|epcis)\/[^"]*)"/g))
      out.push([m[1], m[2], f]);
  return out;
}

before(async () => {
  srv = await startServer({ entities: 300, seed: 17 });
  county = await as(srv.base, 'county');
  const t01 = await as(srv.base, 't01');
  t02 = await as(srv.base, 't02');
  // 青石镇 (t02) owns every object of this file
  const e2 = (await t02.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  const e1 = (await t01.get('/api/v1/entities?kind=caterer&status=active&limit=1')).data.items[0];
  ids.entity = e2.id;
  const cam = await t02.post('/api/v1/cameras', { entity_id: e2.id, name: '后厨', area: 'kitchen', stream_url: 'file:/srv/qs.mp4' });
  assert.equal(cam.status, 201, JSON.stringify(cam.data));
  ids.camera = cam.data.camera.id;
  const observe = async (key) => {
    const r = await t02.post('/api/v1/observations', { camera_id: ids.camera, observed_at: srv.now() - 1000, label: 'smoking', score: 0.9,
      box: [0.4, 0.3, 0.1, 0.2], idempotency_key: key, source: 'ai_box', snapshot_base64: png(32, 24).toString('base64') });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    return r.data.alert.id;
  };
  ids.alert = await observe('access-1');
  const confirmed = await observe('access-2');
  const review = await t02.post(`/api/v1/alerts/${confirmed}/review`, { decision: 'confirm', note: '吸烟' });
  assert.equal(review.status, 200, JSON.stringify(review.data));
  ids.rectification = review.data.alert.rectification_id;
  const owner = await as(srv.base, `b${e2.id}`);
  const photo = await owner.req('POST', `/api/v1/rectifications/${ids.rectification}/evidence`, { raw: png(40, 30), headers: { 'content-type': 'image/png' } });
  assert.equal(photo.status, 201, JSON.stringify(photo.data));
  ids.attachment = photo.data.attachment?.id ?? photo.data.id;
  // the business asks to rename its camera: a request 青石镇 decides
  const asked = await owner.patch(`/api/v1/cameras/${ids.camera}`, { name: '后厨新名' });
  assert.equal(asked.status, 202, JSON.stringify(asked.data));
  ids.camera_request = asked.data.request.id;
  const push = (await county.get('/api/v1/outbox?limit=500')).data.items.find((i) => i.payload.order_id === ids.rectification);
  ids.outbox = push.id;
  const insp = await t02.post('/api/v1/inspections', { entity_id: e2.id, kind: 'daily', inspectors: [5, 6] });
  assert.equal(insp.status, 201, JSON.stringify(insp.data));
  ids.inspection = insp.data.inspection.id;
  const draw = await t02.post('/api/v1/draws', { count: 1, seed: 77 });
  assert.equal(draw.status, 201, JSON.stringify(draw.data));
  ids.draw = draw.data.draw_id;
  ids.patrol = (await t02.get('/api/v1/patrols')).data.items[0]?.id;
  assert.ok(ids.patrol, 't02 has a patrol task');
  const standard = (await county.get('/api/v1/checklists')).data.items[0];
  const campaign = await county.post('/api/v1/campaigns', { name: '青石镇后厨整治', checklist_id: standard.id, kind: 'caterer', township: t02.user.division_code });
  assert.equal(campaign.status, 201, JSON.stringify(campaign.data));
  ids.campaign = campaign.data.id;
  // 包保: t02 in charge of its business, with a problem on its list
  assert.equal((await t02.post('/api/v1/duty/assignments', { entity_id: e2.id, user_id: t02.user.id })).status, 204);
  ids.duty_assignment = (await t02.get(`/api/v1/duty/assignments?user=${t02.user.id}`)).data.items.find((a) => a.entity_id === e2.id).assignment_id;
  const item = await t02.post(`/api/v1/duty/entities/${e2.id}/items`, { list: 'problem', text: '仓库食品未离地存放' });
  assert.equal(item.status, 201, JSON.stringify(item.data));
  ids.duty_item = item.data.item.id;
  // a sample taken at 青石镇's business (by county samplers other than sampler01, who stays an outsider to it)
  const lab = await county.post('/api/v1/labs', { name: '县食品检验检测中心', cma_no: 'CMA201912345678', scope: '食品' });
  assert.equal(lab.status, 201, JSON.stringify(lab.data));
  const s02 = await as(srv.base, 'sampler02'), s03 = await as(srv.base, 'sampler03');
  const task = await t02.post('/api/v1/samples', { entity_id: e2.id, kind: 'supervision', food_category: 'oil.vegetable.peanut',
    analytes: ['afb1'], samplers: [s02.user.id, s03.user.id] });
  assert.equal(task.status, 201, JSON.stringify(task.data));
  ids.sample = task.data.id;
  const taken = await s02.post(`/api/v1/samples/${ids.sample}/record`, { product_name: '花生油', sample_qty: '2桶', backup_qty: '1桶',
    seal_no: 'FY-1', business_signer: '李四' });
  assert.equal(taken.status, 200, JSON.stringify(taken.data));
  // a sampling plan of 青石镇 with an item, and a public proposal (你点我检) there
  const plan = await county.post('/api/v1/sampling/plans', { year: Number(srv.today().slice(0, 4)), kind: 'supervision', name: '青石镇抽检计划',
    division_code: t02.user.division_code, population: 30000 });
  assert.equal(plan.status, 201, JSON.stringify(plan.data));
  ids.plan = plan.data.plan.id;
  const planItem = await county.post(`/api/v1/sampling/plans/${ids.plan}/items`, { food_category: 'oil.vegetable.peanut', target: 4, analytes: ['afb1'] });
  assert.equal(planItem.status, 201, JSON.stringify(planItem.data));
  ids.plan_item = [ids.plan, planItem.data.item_id]; // both ids of /plans/:id/items/:item/draw
  const proposal = await new Client(srv.base).post('/api/v1/public/sampling-proposals', { division_code: t02.user.division_code, food: '散装花生油' });
  assert.equal(proposal.status, 201, JSON.stringify(proposal.data));
  ids.proposal = proposal.data.proposal.id;
  // a resident's complaint about 青石镇's business, with a photo
  const f = new FormData();
  f.append('complaint', JSON.stringify({ kind: 'complaint', entity_id: e2.id, category: 'hygiene', facts: '后厨地面积水，苍蝇很多，餐具未消毒。',
    request: '要求整改并赔偿', person_name: '赵女士', person_phone: '13900001111', person_address: '青石镇幸福路1号' }));
  f.append('photo', new Blob([png(40, 30)], { type: 'image/png' }), 'kitchen.png');
  const filed = await new Client(srv.base, { address: '203.0.113.77' }).req('POST', '/api/v1/public/complaints', { raw: f });
  assert.equal(filed.status, 201, JSON.stringify(filed.data));
  ids.complaint = filed.data.items[0].id;
  ids.complaint_photo = (await t02.get(`/api/v1/complaints/${ids.complaint}`)).data.complaint.photos[0].id;
  // a real-name report from the portal, handled by 青石镇's official: its reporter is a secret
  const reported = await new Client(srv.base, { address: '203.0.113.78' }).post('/api/v1/public/complaints', { kind: 'report', entity_id: e2.id,
    category: 'additive', facts: '该店卤菜颜色异常鲜艳，怀疑超量使用色素。', person_name: '密举人卫某', person_phone: '13912398765', person_address: '青石镇秘密巷9号' });
  assert.equal(reported.status, 201, JSON.stringify(reported.data));
  ids.report = reported.data.items[0].id;
  assert.equal((await county.post(`/api/v1/complaints/${ids.report}/steps`, { action: 'assign', handler_id: t02.user.id })).status, 200);
  // an enforcement case on 青石镇's business
  const opened = await t02.post('/api/v1/cases', { source: 'inspection', entity_id: e2.id, facts: '日常检查发现后厨使用过期调味料。' });
  assert.equal(opened.status, 201, JSON.stringify(opened.data));
  ids.case = opened.data.case.id;
  ids.case_kind = [ids.case, 'filing_approval']; // both params of /cases/:id/documents/:kind
  ids.case_document = (await t02.get(`/api/v1/cases/${ids.case}/documents/filing_approval`)).data.document.id;
  // a black-list entry and a summons of 青石镇's business
  const listed = await county.post('/api/v1/honour-lists', { list_kind: 'black', subject_kind: 'business', entity_id: e2.id,
    reason: '拒不整改', until_on: '2099-12-31' });
  assert.equal(listed.status, 400, 'more than 5 years'); // a bad period is refused; a good one follows
  const today = (await county.get('/api/v1/health')).data?.now;
  const until = new Date(today + 300 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10);
  ids.honour = (await county.post('/api/v1/honour-lists', { list_kind: 'black', subject_kind: 'business', entity_id: e2.id,
    reason: '拒不整改', until_on: until })).data.id;
  ids.summons = (await t02.post('/api/v1/summons', { entity_id: e2.id, attendees: '店长', reason: '多次投诉后厨卫生',
    record: '指出问题，当事人表示限期整改并报送整改报告。' })).data.id;
  ids.abnormal = (await county.post('/api/v1/abnormal-listings', { entity_id: e2.id, reason: 'annual_report', decision_no: '县市监异〔2026〕9号',
    facts: '未按规定期限公示年度报告' })).data.id;
  assert.ok(ids.honour && ids.summons && ids.abnormal);
  // a trace code of 青石镇's business, its lot shipped (an EPCIS event) to another business there, recalled
  const lot = (await t02.post('/api/v1/trace-codes', { kind: 'lot', entity_id: e2.id, product: '散装卤味', batch: 'A20261201' })).data;
  ids.trace_code = lot.id;
  const buyer = (await t02.get('/api/v1/entities?status=active&limit=10')).data.items.find((x) => x.id !== e2.id);
  const shipped = await (await as(srv.base, `b${e2.id}`)).post('/epcis/capture', { '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-11-18T02:00:00Z', epcisBody: { eventList: [{ type: 'ObjectEvent',
      eventTime: new Date(srv.now() - 86400e3).toISOString(), eventTimeZoneOffset: '+08:00', action: 'OBSERVE', bizStep: 'shipping',
      quantityList: [{ epcClass: lot.epc, quantity: 5, uom: 'KGM' }], sourceList: [{ type: 'owning_party', source: `urn:shian:entity:${e2.id}` }],
      destinationList: [{ type: 'owning_party', destination: `urn:shian:entity:${buyer.id}` }] }] } });
  assert.equal(shipped.status, 202, JSON.stringify(shipped.data));
  ids.capture_job = shipped.data.captureID;
  const recall = await t02.post('/api/v1/recalls', { code: lot.code, level: 3, reason: '标签标识虚假标注' });
  assert.equal(recall.status, 201, JSON.stringify(recall.data));
  ids.recall = recall.data.recall.id;
  ids.recall_target = [ids.recall, recall.data.targets[0].id]; // both params of /recalls/:id/targets/:target_id
  // a brand authorisation of 青石镇's business, its food-safety officer and a spot exam of the officer
  const mark = await county.post('/api/v1/brand-marks', { kind: 'regional', name: '青石腊味', holder: '县腊味行业协会', products: '腊肉、香肠' });
  assert.equal(mark.status, 201, JSON.stringify(mark.data));
  ids.brand_mark = mark.data.id;
  const auth = await county.post('/api/v1/brand-auths', { mark_id: mark.data.id, entity_id: e2.id, products: '腊肉',
    valid_until: new Date(srv.now() + 200 * 86400e3).toISOString().slice(0, 10) });
  assert.equal(auth.status, 201, JSON.stringify(auth.data));
  ids.brand_auth = auth.data.id;
  const appointed = await t02.post('/api/v1/fs-appointments', { entity_id: e2.id, role: 'officer', name: '青石安全员' });
  assert.equal(appointed.status, 201, JSON.stringify(appointed.data));
  ids.fs_appointment = appointed.data.id;
  const exam = await t02.post(`/api/v1/fs-appointments/${ids.fs_appointment}/exams`, {});
  assert.equal(exam.status, 201, JSON.stringify(exam.data));
  ids.fs_exam = exam.data.id;
  const cert = await t02.post('/api/v1/health-certs', { entity_id: e2.id, person_name: '青石厨师', cert_no: 'JK-QS-0001', issuer: '县疾控中心',
    issued_on: new Date(srv.now() - 30 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10),
    valid_until: new Date(srv.now() + 300 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10) });
  assert.equal(cert.status, 201, JSON.stringify(cert.data));
  ids.health_cert = cert.data.id;
  // a liability insurance policy of 青石镇's business
  const policy = await t02.post('/api/v1/insurance-policies', { entity_id: e2.id, insurer: '县保险公司', policy_no: 'BX-QS-0001',
    starts_on: new Date(srv.now() - 30 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10),
    ends_on: new Date(srv.now() + 300 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10), coverage_yuan: 300000, kinds: ['poisoning'] });
  assert.equal(policy.status, 201, JSON.stringify(policy.data));
  ids.insurance = policy.data.id;
  // a training session held in 青石镇 with one of its businesses' people
  const training = await t02.post('/api/v1/training-sessions', { title: '青石镇食品安全培训', place: '青石镇会议室', audience: 'all',
    held_on: new Date(srv.now() - 86400e3 + 8 * 3600e3).toISOString().slice(0, 10) });
  assert.equal(training.status, 201, JSON.stringify(training.data));
  ids.training = training.data.id;
  // a batch of 食安封签 issued to 青石镇's business
  const seals = await t02.post('/api/v1/seal-batches', { entity_id: e2.id, prefix: 'QS26', first_no: 1, last_no: 100 });
  assert.equal(seals.status, 201, JSON.stringify(seals.data));
  ids.seal_batch = seals.data.id;
  assert.equal((await t02.post(`/api/v1/training-sessions/${ids.training}/attendees`, { entity_id: e2.id, person_name: '青石学员' })).status, 201);
  // a workshop's online application in 青石镇, and a registered workshop there with its certificate
  const wsForm = (name) => ({ division_code: t02.user.division_code, name, operator: '王建国', phone: '13907971234',
    address: '青石镇新街18号', products: [{ code: 'XZF-01', name: '手工米粉' }] });
  const wsApp = await new Client(srv.base, { address: '203.0.113.91' }).post('/api/v1/public/workshop-applications', wsForm('青石镇访问测试米粉坊'));
  assert.equal(wsApp.status, 201, JSON.stringify(wsApp.data));
  ids.workshop_app = wsApp.data.application.id;
  const wsReg = (await new Client(srv.base, { address: '203.0.113.92' }).post('/api/v1/public/workshop-applications', wsForm('青石镇访问测试豆腐坊'))).data.application;
  assert.equal((await t02.post(`/api/v1/workshop-applications/${wsReg.id}/review`, { decision: 'accept' })).status, 200);
  ids.workshop_cert = (await county.post(`/api/v1/workshop-applications/${wsReg.id}/issue`, {})).data.cert.id;
  assert.ok(ids.workshop_cert);
  const wsPark = await t02.post('/api/v1/workshop-places', { kind: 'park', name: '青石镇小作坊园区', division_code: t02.user.division_code });
  assert.equal(wsPark.status, 201, JSON.stringify(wsPark.data));
  ids.workshop_place = wsPark.data.id;
  const wsCert = (await county.get(`/api/v1/workshop-certs/${ids.workshop_cert}`)).data;
  assert.equal((await t02.req('PUT', `/api/v1/workshop-places/${ids.workshop_place}/workshops`, { body: { entity_ids: [wsCert.entity_id] } })).status, 200);
  // its upgrade plan (提升改造), with a step past its day
  const upgrade = await t02.post(`/api/v1/workshop-places/${ids.workshop_place}/upgrade-plans`, { name: '青石镇园区提升改造', goal: '完成分区改造',
    checklist_id: standard.id, starts_on: new Date(srv.now() - 20 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10),
    steps: [{ title: '排水沟加盖', due_on: new Date(srv.now() - 5 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10) }] });
  assert.equal(upgrade.status, 201, JSON.stringify(upgrade.data));
  ids.upgrade_plan = upgrade.data.id;
  ids.upgrade_step = [ids.upgrade_plan, upgrade.data.steps[0].id]; // both params of /upgrade-plans/:id/steps/:step/done
  // a 名特优 nomination of 青石镇's registered workshop, forwarded to the county
  const famous = await t02.post('/api/v1/famous-workshops', { entity_id: wsCert.entity_id, statement: '青石镇传统米粉作坊' });
  assert.equal(famous.status, 201, JSON.stringify(famous.data));
  ids.famous = famous.data.id;
  // a 示范创建 campaign of the county with a task 青石镇 owns, a meeting and a model unit there; 青石镇 reaches the
  // campaign only through its task
  const dm = await county.post('/api/v1/demonstration/campaigns', { name: '食品安全示范县创建（访问测试）' });
  assert.equal(dm.status, 201, JSON.stringify(dm.data));
  ids.dm_campaign = dm.data.id;
  const dmTask = await county.post(`/api/v1/demonstration/campaigns/${dm.data.id}/tasks`, { title: '青石镇农贸市场改造', owner_department: '青石镇政府',
    owner_division: t02.user.division_code, due_on: '2027-06-30' });
  assert.equal(dmTask.status, 201, JSON.stringify(dmTask.data));
  ids.dm_task = dmTask.data.id;
  const dmUnit = await county.post(`/api/v1/demonstration/campaigns/${dm.data.id}/units`, { kind: 'street', name: '青石镇美食街', division_code: t02.user.division_code });
  assert.equal(dmUnit.status, 201, JSON.stringify(dmUnit.data));
  ids.dm_unit = dmUnit.data.id;
  // a food business licence application of 青石镇's caterer, filed on the commitment and not yet decided
  const commitments = (await t02.get('/api/v1/licence-commitments')).data.items.map((i) => i.code);
  const lic = await t02.post('/api/v1/licence-applications', { kind: e2.licence_kind === 'jy' ? 'renew' : 'new', entity_id: e2.id, commitments,
    signer: '青石店主' });
  assert.equal(lic.status, 201, JSON.stringify(lic.data));
  ids.licence_app = lic.data.id;
  const tok = await t02.post('/api/v1/tokens', { name: '青石镇AI盒子' });
  assert.equal(tok.status, 201, JSON.stringify(tok.data));
  ids.token = tok.data.id;
  const account = await county.post('/api/v1/users', { username: 'qs.clerk', display_name: '青石镇文书', role: 'township',
    division_code: t02.user.division_code, password: 'Temp-2026a' });
  assert.equal(account.status, 201, JSON.stringify(account.data));
  ids.user = account.data.id;
  const upward = await t02.post('/api/v1/reports', { period: srv.today().slice(0, 7) }); // 统计报表, not a 举报
  assert.equal(upward.status, 201, JSON.stringify(upward.data));
  ids.upward_report = upward.data.id;

  for (const u of ['admin', 'county', 't01', 't02', 'g0001', 'inspector01', 'sampler01', `b${e1.id}`, `b${e2.id}`])
    roles[u] = await as(srv.base, u);
  roles.anonymous = new Client(srv.base);
  // outside 青石镇: another township's official, a grid member of 城关街道, a business of another township
  outsiders = ['t01', 'g0001', `b${e1.id}`];
  assert.notEqual(roles.g0001.user.division_code?.slice(0, 9), t02.user.division_code.slice(0, 9));
});
after(async () => { await srv.stop(); });

// Each id-bearing route: which object's id it takes, and a body a caller would send.
const ROUTES = {
  'GET /api/v1/entities/:id': ['entity'],
  'PATCH /api/v1/entities/:id': ['entity', { version: 1, address: '改写的地址1号' }],
  'POST /api/v1/entities/:id/status': ['entity', { status: 'suspended', reason: '停业' }],
  'GET /api/v1/entities/:id/history': ['entity'],
  'GET /api/v1/entities/:id/risk': ['entity'],
  'GET /api/v1/entities/:id/timeline': ['entity'],
  'GET /api/v1/cameras/:id': ['camera'],
  'GET /api/v1/cameras/:id/observations': ['camera'],
  'GET /api/v1/cameras/:id/pictures': ['camera'],
  'PATCH /api/v1/cameras/:id': ['camera', { enabled: false }],
  'POST /api/v1/cameras/:id/heartbeat': ['camera', {}],
  'POST /api/v1/cameras/:id/snapshot': ['camera', 'png'],
  'GET /api/v1/camera-requests/:id': ['camera_request'],
  'POST /api/v1/camera-requests/:id/decide': ['camera_request', { approve: true }],
  'GET /api/v1/alerts/:id': ['alert'],
  'POST /api/v1/alerts/:id/review': ['alert', { decision: 'false_positive', note: '误报' }],
  'POST /api/v1/outbox/:id/ack': ['outbox', { delivered: true }],
  'POST /api/v1/patrols/:id': ['patrol', { outcome: 'normal' }],
  'GET /api/v1/rectifications/:id': ['rectification'],
  'POST /api/v1/rectifications/:id/submit': ['rectification', { evidence: '已整改' }],
  'POST /api/v1/rectifications/:id/review': ['rectification', { accept: true }],
  'POST /api/v1/rectifications/:id/evidence': ['rectification', 'png'],
  'GET /api/v1/attachments/:id': ['attachment'],
  'GET /api/v1/inspections/:id': ['inspection'],
  'POST /api/v1/inspections/:id/items': ['inspection', { items: [] }],
  'POST /api/v1/inspections/:id/complete': ['inspection', { result: 'pass', received_by: '张三' }],
  'POST /api/v1/inspections/:id/acknowledge': ['inspection', {}],
  'POST /api/v1/inspections/:id/photos': ['inspection', 'png'],
  'GET /api/v1/draws/:id/verify': ['draw'],
  'POST /api/v1/campaigns/:id/acceptance': ['campaign', { level: 'self', entity_id: 0, result: 'pass' }],
  'GET /api/v1/campaigns/:id/progress': ['campaign'],
  'GET /api/v1/duty/entities/:id': ['entity'],
  'POST /api/v1/duty/entities/:id/items': ['entity', { list: 'problem', text: '外人添加的问题' }],
  'PATCH /api/v1/duty/items/:id': ['duty_item', { status: 'resolved' }],
  'POST /api/v1/duty/assignments/:id/pledge': ['duty_assignment', {}],
  'GET /api/v1/samples/:id': ['sample'],
  'POST /api/v1/samples/:id/record': ['sample', { refused: true, refusal_note: '外人登记的拒绝抽样' }],
  'POST /api/v1/samples/:id/deliver': ['sample', { lab_id: 1 }],
  'POST /api/v1/samples/:id/receive': ['sample', {}],
  'POST /api/v1/samples/:id/report': ['sample', { results: [{ analyte: 'afb1', value: 30, unit: 'µg/kg' }] }],
  'POST /api/v1/samples/:id/notice': ['sample', {}],
  'POST /api/v1/samples/:id/retest': ['sample', { reason: '外人申请复检' }],
  'POST /api/v1/samples/:id/retest/decide': ['sample', { accept: true }],
  'POST /api/v1/samples/:id/retest/report': ['sample', { results: [{ analyte: 'afb1', value: 30, unit: 'µg/kg' }] }],
  'POST /api/v1/samples/:id/objections': ['sample', { kind: 'process', text: '外人提出的异议' }],
  'POST /api/v1/samples/:id/objections/:oid/decide': ['sample', { upheld: true, answer: '外人的答复' }],
  'POST /api/v1/samples/:id/disposals': ['sample', { action: 'seal', quantity: 1, unit: '桶' }],
  'POST /api/v1/samples/:id/followups': ['sample', { action: 'case', target: '外人指定的单位' }],
  'POST /api/v1/samples/:id/publish': ['sample', {}],
  'POST /api/v1/samples/:id/photos': ['sample', 'png'],
  'GET /api/v1/sampling/plans/:id': ['plan'],
  'GET /api/v1/sampling/plans/:id/split': ['plan'],
  'GET /api/v1/sampling/plans/:id/progress': ['plan'],
  'POST /api/v1/sampling/plans/:id/items': ['plan', { food_category: 'cereal.rice', target: 1, analytes: ['afb1'] }],
  'POST /api/v1/sampling/plans/:id/items/:item/draw': ['plan_item', { count: 1 }],
  'POST /api/v1/sampling-proposals/:id/adopt': ['proposal', { plan_id: 1, food_category: 'oil.vegetable.peanut', target: 1, analytes: ['afb1'] }],
  'POST /api/v1/sampling-proposals/:id/decline': ['proposal', { answer: '外人的答复' }],
  'GET /api/v1/cases/:id': ['case'],
  'POST /api/v1/cases/:id/steps': ['case', { action: 'extend_verify', note: '外人延长' }],
  'GET /api/v1/cases/:id/documents': ['case'],
  'POST /api/v1/cases/:id/evidence': ['case', 'png'],
  'GET /api/v1/cases/:id/documents/:kind': ['case_kind'],
  'GET /api/v1/case-documents/:id': ['case_document'],
  'PATCH /api/v1/case-documents/:id': ['case_document', { blocks: [{ index: 0, text: '外人改写' }] }],
  'POST /api/v1/case-documents/:id/issue': ['case_document', {}],
  'GET /api/v1/case-documents/:id/pdf': ['case_document'],
  'GET /api/v1/entities/:id/credit': ['entity'],
  'POST /api/v1/honour-lists/:id/remove': ['honour', { note: '外人撤下' }],
  'POST /api/v1/summons/:id/follow-up': ['summons', { note: '外人回访记录' }],
  'POST /api/v1/abnormal-listings/:id/remove': ['abnormal', { note: '外人移出名录' }],
  'GET /epcis/capture/:id': ['capture_job'],
  'GET /api/v1/trace-codes/:id': ['trace_code'],
  'GET /api/v1/trace-codes/:id/qr.png': ['trace_code'],
  'GET /api/v1/recalls/:id': ['recall'],
  'GET /api/v1/recalls/:id/export': ['recall'],
  'POST /api/v1/recalls/:id/targets/:target_id/confirm': ['recall_target', { note: '外人确认停售' }],
  'POST /api/v1/recalls/:id/close': ['recall', { note: '外人结束召回' }],
  'GET /api/v1/complaints/:id': ['complaint'],
  'POST /api/v1/complaints/:id/steps': ['complaint', { action: 'accept' }],
  'POST /api/v1/tokens/:id/rotate': ['token', { grace_hours: 1 }],
  'POST /api/v1/tokens/:id/revoke': ['token', {}],
  'PUT /api/v1/entities/:id/public-camera': ['entity', { allow: true }],
  'GET /api/v1/users/:id': ['user'],
  'PATCH /api/v1/users/:id': ['user', { display_name: '外人改名' }],
  'POST /api/v1/users/:id/password': ['user', { password: 'Outsider-2026' }],
  'GET /api/v1/brand-auths/:id': ['brand_auth'],
  'POST /api/v1/brand-auths/:id/suspend': ['brand_auth', { reason: '外人暂停授权' }],
  'POST /api/v1/brand-auths/:id/reinstate': ['brand_auth', { reason: '外人恢复授权' }],
  'POST /api/v1/brand-auths/:id/revoke': ['brand_auth', { reason: '外人撤销授权' }],
  'POST /api/v1/fs-appointments/:id/end': ['fs_appointment', {}],
  'POST /api/v1/fs-appointments/:id/exams': ['fs_appointment', {}],
  'GET /api/v1/fs-exams/:id': ['fs_exam'],
  'GET /api/v1/fs-exams/:id/verify': ['fs_exam'],
  'POST /api/v1/fs-exams/:id/submit': ['fs_exam', { answers: {} }],
  'POST /api/v1/health-certs/:id/remove': ['health_cert', {}],
  'GET /api/v1/licence-applications/:id': ['licence_app'],
  'POST /api/v1/licence-applications/:id/decision': ['licence_app', { decision: 'issue' }],
  'POST /api/v1/licence-applications/:id/verification': ['licence_app', { result: 'consistent' }],
  'POST /api/v1/licence-applications/:id/correction': ['licence_app', { note: '外人报告的整改' }],
  'POST /api/v1/licence-applications/:id/correction-review': ['licence_app', { accept: true }],
  'GET /api/v1/insurance-policies/:id': ['insurance'],
  'POST /api/v1/insurance-policies/:id/cancel': ['insurance', {}],
  'GET /api/v1/training-sessions/:id': ['training'],
  'POST /api/v1/training-sessions/:id/attendees': ['training', { entity_id: 1, person_name: '外人学员' }],
  'POST /api/v1/training-sessions/:id/invitations': ['training', { entity_ids: [1] }],
  'GET /api/v1/seal-batches/:id': ['seal_batch'],
  'POST /api/v1/seal-batches/:id/use': ['seal_batch', { used: 50 }],
  'POST /api/v1/seal-batches/:id/uses': ['seal_batch', { seal_nos: [7] }],
  'GET /api/v1/workshop-applications/:id': ['workshop_app'],
  'PUT /api/v1/workshop-applications/:id': ['workshop_app', { name: '外人改名的作坊', operator: '外人', phone: '13900000000', address: '外人地址1号',
    products: [{ code: 'XZF-01', name: '米粉' }] }],
  'POST /api/v1/workshop-applications/:id/attachments': ['workshop_app', 'png'],
  'POST /api/v1/workshop-applications/:id/review': ['workshop_app', { decision: 'refuse', note: '外人不予登记' }],
  'POST /api/v1/workshop-applications/:id/issue': ['workshop_app', {}],
  // the applicant's own routes answer the key only: without it, every role alike reads a missing id
  'GET /api/v1/public/workshop-applications/:id': ['workshop_app'],
  'PUT /api/v1/public/workshop-applications/:id': ['workshop_app', { name: '外人改名的作坊' }],
  'POST /api/v1/public/workshop-applications/:id/attachments': ['workshop_app', 'png'],
  'GET /api/v1/workshop-certs/:id': ['workshop_cert'],
  'GET /api/v1/workshop-certs/:id/pdf': ['workshop_cert'],
  'GET /api/v1/entities/:id/workshop-products': ['entity'],
  'GET /api/v1/famous-workshops/:id': ['famous'],
  'GET /api/v1/demonstration/campaigns/:id': ['dm_campaign'],
  'POST /api/v1/demonstration/campaigns/:id/vetoes': ['dm_campaign', { kind: 'other', occurred_on: '2026-01-05', description: '外人记录否决事项' }],
  'POST /api/v1/demonstration/campaigns/:id/tasks': ['dm_campaign', { title: '外人任务', owner_department: '外人', due_on: '2027-01-01' }],
  'GET /api/v1/demonstration/campaigns/:id/meetings': ['dm_campaign'],
  'POST /api/v1/demonstration/campaigns/:id/meetings': ['dm_campaign', { title: '外人调度会', held_on: '2026-01-05', attendees: '外人',
    decisions: [{ title: '外人任务', owner_department: '外人', due_on: '2027-01-01' }] }],
  'GET /api/v1/demonstration/campaigns/:id/units': ['dm_campaign'],
  'POST /api/v1/demonstration/campaigns/:id/units': ['dm_campaign', { kind: 'canteen', name: '外人食堂', division_code: '360799001000' }],
  'GET /api/v1/demonstration/tasks/:id': ['dm_task'],
  'POST /api/v1/demonstration/tasks/:id/progress': ['dm_task', { note: '外人填报', progress: 50 }],
  'PATCH /api/v1/demonstration/units/:id': ['dm_unit', { status: 'named' }],
  'POST /api/v1/famous-workshops/:id/review': ['famous', { decision: 'reject', note: '外人不予推荐' }],
  'POST /api/v1/famous-workshops/:id/decide': ['famous', { decision: 'refuse', note: '外人不予认定' }],
  'POST /api/v1/famous-workshops/:id/revoke': ['famous', { reason: '外人撤销认定' }],
  'GET /api/v1/workshop-places/:id': ['workshop_place'],
  'PATCH /api/v1/workshop-places/:id': ['workshop_place', { name: '外人改名的园区' }],
  'PUT /api/v1/workshop-places/:id/workshops': ['workshop_place', { entity_ids: [] }],
  'POST /api/v1/workshop-places/:id/upgrade-plans': ['workshop_place', { name: '外人的改造计划', goal: '外人的改造目标', checklist_id: 1,
    steps: [{ title: '外人的步骤', due_workdays: 5 }] }],
  'GET /api/v1/upgrade-plans/:id': ['upgrade_plan'],
  'POST /api/v1/upgrade-plans/:id/steps': ['upgrade_plan', { title: '外人加的步骤', due_workdays: 3 }],
  'POST /api/v1/upgrade-plans/:id/steps/:step/done': ['upgrade_step', { note: '外人标记完成' }],
  'POST /api/v1/upgrade-plans/:id/acceptance': ['upgrade_plan', {}],
  'GET /api/v1/reports/:id': ['upward_report'],
  'GET /api/v1/reports/:id/pdf': ['upward_report'],
  'GET /api/v1/reports/:id/xlsx': ['upward_report'],
};
// Routes whose path parameter is not an object of a jurisdiction.
const NOT_JURISDICTION = {
  'GET /api/v1/checklists/:id': 'the standards in force are the same for everyone',
  'GET /api/v1/calendar/:year': 'the holiday calendar is the same for everyone',
  'PUT /api/v1/calendar/:year': 'the county loads it (tests/api/calendar.test.mjs)',
  'PATCH /api/v1/video/rules/:violation': 'county rules (tests/api/video_rules.test.mjs)',
  'GET /api/v1/labs/:id': 'labs on file serve every township (tests/api/samples.test.mjs)',
  'PATCH /api/v1/brand-marks/:id': 'marks on file are the county\'s and serve every township; only the county changes them (tests/api/brands.test.mjs)',
  'PATCH /api/v1/labs/:id': 'the county keeps the lab file (tests/api/samples.test.mjs)',
  'GET /api/v1/public/documents/:sha256': 'anyone verifies an issued document by its hash (tests/api/cases.test.mjs)',
  'GET /api/v1/public/trace/:code': 'anyone opens the public page of a printed trace code (tests/api/trace.test.mjs)',
  'GET /api/v1/ledger/tlog/tile/:path*': 'the public ledger\'s tiles, the same for every role (the ledger test below; tests/api/ledger_tlog.test.mjs)',
  'POST /api/v1/public/sampling-proposals/:id/vote': 'anyone votes for any open proposal, once (tests/api/sampling_plans.test.mjs)',
  'GET /api/v1/public/shops/:id': 'the public shop page: every role alike (the test "public shop pages" below)',
  'GET /api/v1/public/shops/:id/qr.png': 'the code at the door: every role alike (below)',
  'GET /api/v1/public/shops/:id/camera.jpg': 'shown to everyone or no one, as the business chose (below)',
  'POST /api/v1/public/shops/:id/ratings': 'anyone rates any shop, once a day (below; tests/api/portal.test.mjs)',
  'GET /api/v1/public/workshop-certs/:code': 'anyone verifies a workshop certificate by the code under its QR (tests/api/workshops.test.mjs)',
  'GET /api/v1/public/seals/:code': 'anyone scans a 食安封签 by its printed code (tests/api/seal_uses.test.mjs)',
  'GET /api/v1/public/seals/:code/qr.png': 'the code printed on a seal, the same for everyone (tests/api/seal_uses.test.mjs)',
};
const PUBLIC_SHOP = ['GET /api/v1/public/shops/:id', 'GET /api/v1/public/shops/:id/qr.png', 'GET /api/v1/public/shops/:id/camera.jpg',
  'POST /api/v1/public/shops/:id/ratings'];

function call(client, method, route, id, body) {
  const url = [].concat(id).reduce((u, x) => u.replace(/:[a-z]+/, String(x)), route); // an array fills several params
  if (body === 'png') return client.req(method, url, { raw: png(20, 16), headers: { 'content-type': 'image/png' } });
  if (method === 'GET') return client.get(url);
  return client.req(method, url, { body });
}
const answer = (r) => [r.status, r.data?.error?.code ?? null];
const ok = (s) => s >= 200 && s < 300;

test('every id-bearing route of the server is in this test', () => {
  const missing = serverRoutes().filter(([m, p]) => p.includes(':')).map(([m, p, f]) => `${m} ${p} (${f})`)
    .filter((k) => !(k.replace(/ \(.*/, '') in ROUTES) && !(k.replace(/ \(.*/, '') in NOT_JURISDICTION));
  assert.deepEqual(missing, []);
});

test('reads: outsiders never see another township\'s objects, and a refusal reads like a missing id', async () => {
  const wrong = [];
  for (const [key, [kind]] of Object.entries(ROUTES)) {
    const [method, route] = key.split(' ');
    if (method !== 'GET') continue;
    for (const [name, client] of Object.entries(roles)) {
      const real = await call(client, method, route, ids[kind]);
      const none = await call(client, method, route, NOWHERE);
      if (outsiders.includes(name) && ok(real.status)) wrong.push(`${name} ${key}: ${real.status} for another township's ${kind}`);
      if (!ok(real.status) && JSON.stringify(answer(real)) !== JSON.stringify(answer(none)))
        wrong.push(`${name} ${key}: ${answer(real)} for another township's ${kind}, ${answer(none)} for none`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('writes: refused alike for a foreign and a missing id, and nothing changes', async () => {
  const snapshot = async () => ({
    entity: (await county.get(`/api/v1/entities/${ids.entity}`)).data,
    camera: (await county.get(`/api/v1/cameras/${ids.camera}`)).data,
    alert: (await county.get(`/api/v1/alerts/${ids.alert}`)).data,
    rectification: (await county.get(`/api/v1/rectifications/${ids.rectification}`)).data,
    inspection: (await county.get(`/api/v1/inspections/${ids.inspection}`)).data,
    campaign: (await county.get(`/api/v1/campaigns/${ids.campaign}/progress`)).data,
    outbox: (await county.get('/api/v1/outbox?limit=500')).data.items.find((i) => i.id === ids.outbox),
    patrol: (await t02.get('/api/v1/patrols')).data.items.find((p) => p.id === ids.patrol),
    camera_request: (await county.get(`/api/v1/camera-requests/${ids.camera_request}`)).data,
    sample: (await county.get(`/api/v1/samples/${ids.sample}`)).data,
    plan: (await county.get(`/api/v1/sampling/plans/${ids.plan}`)).data,
    proposal: (await county.get('/api/v1/sampling-proposals?limit=500')).data.items.find((p) => p.id === ids.proposal),
    complaint: (await county.get(`/api/v1/complaints/${ids.complaint}`)).data,
    case: (await county.get(`/api/v1/cases/${ids.case}`)).data,
    case_document: (await county.get(`/api/v1/case-documents/${ids.case_document}`)).data,
    honour: (await county.get('/api/v1/honour-lists')).data.items.find((x) => x.id === ids.honour),
    summons: (await county.get('/api/v1/summons')).data.items.find((x) => x.id === ids.summons),
    abnormal: (await county.get('/api/v1/abnormal-listings')).data.items.find((x) => x.id === ids.abnormal),
    trace_code: (await county.get(`/api/v1/trace-codes/${ids.trace_code}`)).data,
    recall: (await county.get(`/api/v1/recalls/${ids.recall}`)).data,
    shop: (await roles.anonymous.get(`/api/v1/public/shops/${ids.entity}`)).data,
    user: (await county.get(`/api/v1/users/${ids.user}`)).data,
    brand_auth: (await county.get(`/api/v1/brand-auths/${ids.brand_auth}`)).data,
    fs_appointment: (await county.get('/api/v1/fs-appointments?limit=100')).data.items.find((x) => x.id === ids.fs_appointment),
    fs_exam: (await county.get(`/api/v1/fs-exams/${ids.fs_exam}`)).data,
    fs_exams: (await county.get('/api/v1/fs-exams?limit=1')).data.total,
    health_cert: (await county.get('/api/v1/health-certs?limit=100')).data.items.find((x) => x.id === ids.health_cert),
    insurance: (await county.get(`/api/v1/insurance-policies/${ids.insurance}`)).data,
    training: (await county.get(`/api/v1/training-sessions/${ids.training}`)).data,
    seal_batch: (await county.get('/api/v1/seal-batches?limit=100')).data.items.find((x) => x.id === ids.seal_batch),
    workshop_app: (await county.get(`/api/v1/workshop-applications/${ids.workshop_app}`)).data,
    licence_app: (await county.get(`/api/v1/licence-applications/${ids.licence_app}`)).data,
    workshop_cert: (await county.get(`/api/v1/workshop-certs/${ids.workshop_cert}`)).data,
    workshop_place: (await county.get(`/api/v1/workshop-places/${ids.workshop_place}`)).data,
    upgrade_plan: (await county.get(`/api/v1/upgrade-plans/${ids.upgrade_plan}`)).data,
    upgrade_plans: (await county.get('/api/v1/upgrade-plans?limit=1')).data.total,
    famous: (await county.get(`/api/v1/famous-workshops/${ids.famous}`)).data,
    dm_campaign: (await county.get(`/api/v1/demonstration/campaigns/${ids.dm_campaign}`)).data,
    dm_task: (await county.get(`/api/v1/demonstration/tasks/${ids.dm_task}`)).data,
    dm_units: (await county.get(`/api/v1/demonstration/campaigns/${ids.dm_campaign}/units`)).data,
    dm_meetings: (await county.get(`/api/v1/demonstration/campaigns/${ids.dm_campaign}/meetings`)).data,
  });
  const beforeWrites = await snapshot();
  const READ = { entity: '/api/v1/entities/:id', camera: '/api/v1/cameras/:id', alert: '/api/v1/alerts/:id',
    rectification: '/api/v1/rectifications/:id', inspection: '/api/v1/inspections/:id', campaign: '/api/v1/campaigns/:id/progress',
    camera_request: '/api/v1/camera-requests/:id', sample: '/api/v1/samples/:id', complaint: '/api/v1/complaints/:id',
    case: '/api/v1/cases/:id', case_document: '/api/v1/case-documents/:id', brand_auth: '/api/v1/brand-auths/:id', fs_exam: '/api/v1/fs-exams/:id',
    workshop_app: '/api/v1/workshop-applications/:id', famous: '/api/v1/famous-workshops/:id', dm_campaign: '/api/v1/demonstration/campaigns/:id',
    dm_task: '/api/v1/demonstration/tasks/:id', workshop_place: '/api/v1/workshop-places/:id',
    licence_app: '/api/v1/licence-applications/:id',
    insurance: '/api/v1/insurance-policies/:id', training: '/api/v1/training-sessions/:id',
    upgrade_plan: '/api/v1/upgrade-plans/:id', upgrade_step: '/api/v1/upgrade-plans/:id' };
  // heartbeats and pictures come from devices with an official's token, never from these roles
  const DEVICE_ONLY = ['POST /api/v1/cameras/:id/heartbeat', 'POST /api/v1/cameras/:id/snapshot'];
  const wrong = [];
  for (const name of [...outsiders, 'anonymous', 'inspector01', 'sampler01']) {
    const client = roles[name];
    const countyWide = !outsiders.includes(name) && name !== 'anonymous'; // inspectors and samplers see the whole county
    for (const [key, [kind, body]] of Object.entries(ROUTES)) {
      const [method, route] = key.split(' ');
      if (method === 'GET') continue;
      const real = await call(client, method, route, ids[kind], body);
      const none = await call(client, method, route, NOWHERE, body);
      if (ok(real.status) && (!countyWide || DEVICE_ONLY.includes(key))) {
        wrong.push(`${name} ${key}: ${real.status} on another township's ${kind}`);
        continue;
      }
      // a county-wide role that may read the object learns nothing from a refusal
      const knows = countyWide && READ[kind] && ok((await call(client, 'GET', READ[kind], ids[kind])).status);
      if (!ok(real.status) && !knows && JSON.stringify(answer(real)) !== JSON.stringify(answer(none)))
        wrong.push(`${name} ${key}: ${answer(real)} for another township's ${kind}, ${answer(none)} for none`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.deepEqual(await snapshot(), beforeWrites);
});

test('public shop pages: every role, signed in or not, gets the same answer; a missing or closed shop is a 404', async () => {
  const wrong = [];
  const expect = { 'GET /api/v1/public/shops/:id': 200, 'GET /api/v1/public/shops/:id/qr.png': 200,
    'GET /api/v1/public/shops/:id/camera.jpg': 404, 'POST /api/v1/public/shops/:id/ratings': 201 };
  let n = 0;
  for (const [name, client] of Object.entries(roles)) {
    // each role rates from an address of its own (one rating per address, shop and day)
    const from = Object.assign(new Client(srv.base, { address: `203.0.113.${100 + n++}` }), { cookie: client.cookie });
    for (const key of PUBLIC_SHOP) {
      const [method, route] = key.split(' ');
      const real = await call(from, method, route, ids.entity, { score: 4 });
      const none = await call(from, method, route, NOWHERE, { score: 4 });
      if (real.status !== expect[key]) wrong.push(`${name} ${key}: ${real.status}, expected ${expect[key]}`);
      if (none.status !== 404) wrong.push(`${name} ${key}: ${none.status} for a missing shop`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.equal((await roles.anonymous.get(`/api/v1/public/shops/${ids.entity}`)).data.rating.count, Object.keys(roles).length);
});

// GET /metrics (served at the root, not from a route table): the caller's address decides, never its
// role: every role, signed in or not, is refused from an address outside metrics_allow (here as the
// trusted proxy reports it), and answered from the loopback address the test server allows.
test('/metrics: refused to every role from an address not allowed, answered from an allowed one', async () => {
  const wrong = [];
  let n = 0;
  for (const [name, client] of Object.entries(roles)) {
    const outside = Object.assign(new Client(srv.base, { address: `198.51.100.${10 + n++}` }), { cookie: client.cookie });
    const r = await outside.get('/metrics');
    if (r.status !== 403 || r.data?.error?.code !== 'permission_denied') wrong.push(`${name} from outside: ${r.status}`);
    const inside = await client.get('/metrics');
    if (inside.status !== 200) wrong.push(`${name} from loopback: ${inside.status}`);
  }
  assert.deepEqual(wrong, []);
});

// The caller's own lists under /api/v1/me/ take no id: the to-do list (GET /me/todo) of a business holds its
// own business's objects only, an official's their own tasks and their jurisdiction's; nobody outside
// 青石镇 finds 青石镇's objects on it, and 青石镇 finds its submitted order there.
test('/me/todo: everyone sees only what is theirs or their jurisdiction\'s', async () => {
  const wrong = [];
  const owner = Object.keys(roles).find((n) => n.startsWith('b') && !outsiders.includes(n));
  const mine = { rectifications: ids.rectification, alerts: ids.alert, inspections: ids.inspection, recalls: ids.recall, cases: ids.case, samples: ids.sample,
    my_inspections: ids.inspection, overdue_inspections: ids.inspection, my_samples: ids.sample, evidence: ids.rectification,
    overdue_orders: ids.rectification, complaints: ids.complaint, upgrade_overdue: ids.upgrade_plan };
  for (const [name, client] of Object.entries(roles)) {
    const r = await client.get('/api/v1/me/todo');
    const want = name === 'anonymous' ? 401 : 200;
    if (r.status !== want) { wrong.push(`${name}: ${r.status}, expected ${want}`); continue; }
    if (want !== 200) continue;
    const listed = Object.fromEntries(r.data.sections.map((s) => [s.key, s.items.map((i) => i.id)]));
    if (name === owner && !listed.rectifications?.includes(ids.rectification)) wrong.push(`${name}: its own order is not on its list`);
    if (name !== owner && (name.startsWith('b') || outsiders.includes(name)))
      for (const [key, id] of Object.entries(mine)) if (listed[key]?.includes(id)) wrong.push(`${name}: 青石镇's ${key} ${id} on its list`);
  }
  const complaints = (await t02.get('/api/v1/me/todo')).data.sections.find((s) => s.key === 'complaints');
  if (!complaints?.items.some((i) => i.id === ids.complaint)) wrong.push('青石镇\'s complaint to accept is not on 青石镇\'s list');
  const upgrades = (await t02.get('/api/v1/me/todo')).data.sections.find((s) => s.key === 'upgrade_overdue');
  if (!upgrades?.items.some((i) => i.id === ids.upgrade_plan)) wrong.push('青石镇\'s overdue upgrade plan is not on 青石镇\'s list');
  assert.deepEqual(wrong, []);
});

test('/stats/trends: the officials of a jurisdiction count their own rows; everyone else is refused', async () => {
  const wrong = [];
  const answers = {};
  for (const [name, client] of Object.entries(roles)) {
    const r = await client.get('/api/v1/stats/trends?metric=hazards_found,alerts&months=2');
    const want = name === 'anonymous' ? 401 : ['admin', 'county', 't01', 't02'].includes(name) ? 200 : 403;
    if (r.status !== want) wrong.push(`${name}: ${r.status}, expected ${want}`);
    else if (want === 200) answers[name] = r.data.figures.map((f) => f.values);
  }
  // 青石镇's order and alerts, made by this file a moment ago (this month or, at a month's end, the last): counted by
  // 青石镇; the county and the administrator count alike, and the two townships' counts are parts of the county's
  // (trends.test.mjs: another township's rows leave 城关街道's counts unchanged)
  const month = (name) => answers[name]?.map((v) => v[0] + v[1]) ?? [];
  if (!(month('t02')[0] >= 1 && month('t02')[1] >= 2)) wrong.push(`青石镇 counts its order and alerts: ${month('t02')}`);
  for (const k of [0, 1]) {
    if (month('county')[k] !== month('admin')[k]) wrong.push(`county and admin differ on figure ${k}`);
    if (month('t01')[k] + month('t02')[k] > month('county')[k]) wrong.push(`townships exceed the county on figure ${k}`);
  }
  assert.deepEqual(wrong, []);
});

test('a reporter\'s identity reaches no one but the handling official: every GET route, every role', async () => {
  const SECRET = /13912398765|密举人|秘密巷/;
  const leaks = [];
  for (const [method, pattern] of serverRoutes()) {
    if (method !== 'GET' || pattern.startsWith('/api/v1/public/shops/:id/')) continue;
    const key = `${method} ${pattern}`;
    const kind = ROUTES[key]?.[0];
    if (pattern.includes(':') && !kind) continue; // not an object of a jurisdiction
    const id = key === 'GET /api/v1/complaints/:id' ? ids.report : ids[kind];
    for (const [name, client] of Object.entries(roles)) {
      const r = await call(client, method, pattern, id);
      const text = Buffer.isBuffer(r.data) ? r.data.toString('utf8') : JSON.stringify(r.data);
      if (SECRET.test(text) && name !== 't02') leaks.push(`${name} ${key}`);
    }
  }
  assert.deepEqual(leaks, []);
  // the handler does see it, so the search above would have found it; and the SMS gateway (a device
  // token, not a person's session) carries the answer to that phone
  assert.equal((await roles.t02.get(`/api/v1/complaints/${ids.report}`)).data.complaint.person.phone, '13912398765');
  const t = await roles.admin.post('/api/v1/tokens', { name: '短信网关' });
  const gateway = Object.assign(new Client(srv.base), { token: t.data.token });
  assert.ok((await gateway.get('/api/v1/outbox?limit=500')).data.items.some((i) => i.payload.phone === '13912398765'));
});

test('the ledger: every role, signed in or not, reads the same public answers, hashes and kinds only; only the county and the administrator sign a checkpoint', async () => {
  const made = await roles.county.post('/api/v1/ledger/checkpoint', {});
  assert.ok([200, 201].includes(made.status), JSON.stringify(made.data));
  const size = made.data.size;
  const READS = ['/api/v1/ledger/checkpoint', '/api/v1/ledger/key', `/api/v1/ledger/leaves?start=0&limit=50`,
    `/api/v1/ledger/proof/inclusion?index=${size - 1}&size=${size}`, `/api/v1/ledger/proof/consistency?first=1&second=${size}`,
    // the C2SP tlog-tiles view and the tlog-proof file: public too
    '/api/v1/ledger/tlog/checkpoint', `/api/v1/ledger/tlog/tile/0/000${size >= 256 ? '' : `.p/${size}`}`,
    `/api/v1/ledger/tlog/tile/entries/000${size >= 256 ? '' : `.p/${size}`}`, `/api/v1/ledger/proof/bundle?index=${size - 1}`];
  const wrong = [];
  const seen = {};
  for (const [name, client] of Object.entries(roles)) {
    for (const url of READS) {
      const r = await client.get(url);
      const body = Buffer.isBuffer(r.data) ? r.data.toString('utf8') : JSON.stringify(r.data);
      if (r.status !== 200) wrong.push(`${name} ${url}: ${r.status}`);
      if ((seen[url] ??= body) !== body) wrong.push(`${name} ${url}: another answer`);
    }
  }
  assert.deepEqual(wrong, []);
  // a leaf carries its index, kind, two hashes and a time: nothing of the record it stands for
  for (const l of JSON.parse(seen[READS[2]]).items) {
    assert.deepEqual(Object.keys(l).sort(), ['appended_at', 'entry_hash', 'index', 'kind', 'leaf_hash']);
    assert.ok(['audit', 'document', 'evidence'].includes(l.kind));
    assert.match(l.entry_hash + l.leaf_hash, /^[0-9a-f]{128}$/);
  }
  for (const [name, client] of Object.entries(roles)) {
    const r = await client.post('/api/v1/ledger/checkpoint', {});
    const want = name === 'anonymous' ? [401] : ['admin', 'county'].includes(name) ? [200, 201] : [403];
    if (!want.includes(r.status)) wrong.push(`${name} POST /api/v1/ledger/checkpoint: ${r.status}`);
    // a cosignature needs no sign-in, only a configured witness's key: none here, so refused for all
    const c = await client.post('/api/v1/ledger/cosignatures', { size, cosignature: '\u2014 city.example/witness AAAAAA==\n' });
    if (c.status !== 403 || c.data.error?.field !== 'cosignature') wrong.push(`${name} POST /api/v1/ledger/cosignatures: ${c.status}`);
  }
  assert.deepEqual(wrong, []);
});

// The lists of brands and spot exams take no id: each role finds 青石镇's authorisation, officer and exam
// only where it may read them (county-wide roles and 青石镇's own), outsiders never; anonymous is refused.
test('brand authorisations, appointments, exams, health certificates, insurance policies and seal batches in lists: only within the caller\'s sight', async () => {
  const wrong = [];
  const lists = { brand_auth: '/api/v1/brand-auths?limit=100', fs_appointment: '/api/v1/fs-appointments?limit=100', fs_exam: '/api/v1/fs-exams?limit=100',
    health_cert: '/api/v1/health-certs?limit=100', insurance: '/api/v1/insurance-policies?limit=100', seal_batch: '/api/v1/seal-batches?limit=100' };
  for (const [name, client] of Object.entries(roles)) {
    for (const [kind, url] of Object.entries(lists)) {
      const r = await client.get(url);
      if (name === 'anonymous') { if (r.status !== 401) wrong.push(`${name} ${url}: ${r.status}`); continue; }
      if (r.status !== 200) { wrong.push(`${name} ${url}: ${r.status}`); continue; }
      const seen = r.data.items.some((x) => x.id === ids[kind]);
      if (outsiders.includes(name) && seen) wrong.push(`${name} sees another township's ${kind}`);
      if (!outsiders.includes(name) && !seen && !name.startsWith('b')) wrong.push(`${name} misses ${kind} of its jurisdiction`);
      if (name.startsWith('b') && r.data.items.some((x) => `b${x.entity_id}` !== name)) wrong.push(`${name} sees another business's ${kind}`);
    }
  }
  assert.deepEqual(wrong, []);
});
